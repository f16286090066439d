/**
 * deploy/<target>/DEPLOY.md of the other servers (mod_wsgi, gunicorn/uWSGI behind nginx, FastCGI, CGI): its prose.
 * Text in backticks is a command, path or name: a translation keeps it byte for byte. (English templates; see
 * ../messages.ts)
 */
export const DEPLOY_SERVER_MESSAGES = {
  'deploy.server.title': 'Deploying {name} with {target}',
  'deploy.server.target.mod_wsgi': 'Apache and mod_wsgi',
  'deploy.server.target.gunicorn-nginx': 'gunicorn behind nginx',
  'deploy.server.target.uwsgi-nginx': 'uWSGI behind nginx',
  'deploy.server.target.fastcgi-flup': 'FastCGI (flup) behind lighttpd, nginx or Apache mod_fcgid',
  'deploy.server.target.cgi': 'CGI under Apache',
  'deploy.server.summary': 'Application: {app}{detail}. Folder on the server: {dir}. Python: {python}.',
  'deploy.server.debian': 'The commands are for a Debian or Ubuntu server, run as root.',
  'deploy.server.packages.title': 'The packages of the server',
  'deploy.server.packages.modWsgi': 'mod_wsgi is built for one Python (Debian\'s python3): the virtual environment must be made with that same version.',
  'deploy.server.folder.title': 'The application\'s folder and its Python environment',
  'deploy.server.folder.copy': 'Copy this project to {dir} on the server, then:',
  'deploy.server.folder.setup': 'The application defines set-up commands; run them once, as the server\'s user:',
  'deploy.server.server.title': 'The server',
  'deploy.server.check.browse': 'Browse {url}{static}.',
  'deploy.server.check.static': ' and a file of {path}',
  'deploy.server.check.mistakes': 'The mistakes the seed warns about, which `flask-iis check .` finds in these files: `app.run()` called when the module is imported (mod_wsgi logs "SystemExit ignored"; the others start a second server), a `.wsgi` without `application`, a `print` in a CGI app, a shebang that is not the virtual environment\'s python, a `.fcgi`/`.cgi` without its executable bit, ProxyFix without a proxy (or a proxy without ProxyFix), and a `uwsgi_pass`/`proxy_pass` to a socket or port nothing binds.',
  'deploy.server.modWsgi.vhost': 'The virtual host is `deploy/mod_wsgi/apache-site.conf`: mod_wsgi\'s daemon mode, the application as {user}, {file} (which defines `application`, the name mod_wsgi serves).',
  'deploy.server.modWsgi.windows': '**On Windows** use `deploy/mod_wsgi/apache-site-windows.conf` instead (it expects the site in {dir}): Windows has no WSGIDaemonProcess, and Apache refuses to start with it.',
  'deploy.server.modWsgi.stdout': 'mod_wsgi does not let the application write to standard output (the seed: "printing breaks the app"): use `logging`, or set `WSGIRestrictStdout Off`.',
  'deploy.server.gunicorn.body': 'gunicorn serves {module} on 127.0.0.1:{port}, started by systemd; nginx proxies to it and serves the static files.',
  'deploy.server.gunicorn.proxyFix': '{file} wraps the application in Werkzeug\'s ProxyFix, which trusts the X-Forwarded-* headers of one proxy. That is right behind nginx only: gunicorn listens on 127.0.0.1, so no client can reach it directly. Without a proxy in front, remove ProxyFix (a client could claim any address).',
  'deploy.server.uwsgi.body': 'uWSGI loads {file} and listens on the socket {socket}; nginx\'s `uwsgi_pass` names the same socket. systemd creates its folder for {user} (RuntimeDirectory) and runs uWSGI as {user}; the socket is mode 660, so nginx\'s workers ({user}) can connect and nobody else can.',
  'deploy.server.uwsgi.errors': 'HTTP 502 and "Permission denied" in /var/log/nginx/error.log: the socket is not the group of the user nginx runs as; "No such file": uWSGI is not running or names another socket.',
  'deploy.server.fcgi.fcgid': '**With Apache instead**, use `deploy/fastcgi-flup/apache-fcgid.conf`: mod_fcgid starts {file} itself as {user}, with the connection on its standard input, and keeps it running, so the systemd unit and the socket are not needed (do not enable the unit).',
  'deploy.server.fcgi.body': '{file} is flup\'s FastCGI server; systemd starts it on the socket {socket} as {user}, and lighttpd (or nginx: `deploy/fastcgi-flup/nginx-site.conf`) passes the requests to it.',
  'deploy.server.fcgi.debug': 'The seed\'s debugging advice holds: run the file by hand as the web server\'s user ({command}) to see an ImportError that the server log only calls "premature end of headers".',
  'deploy.server.cgi.body': 'Apache runs {file} (wsgiref\'s CGIHandler) for every request: a new Python process each time, so it is slow, but it works on any server.',
  'deploy.server.cgi.htaccess': 'On shared hosting without access to Apache\'s configuration, copy `deploy/cgi/htaccess` as `.htaccess` next to the script instead.',
  'deploy.server.cgi.stdout': 'Standard output is the HTTP response: a `print()` in the application would corrupt it. {file} sends standard output to the error log once CGIHandler holds the real one; still, prefer `logging`.',
} as const;
