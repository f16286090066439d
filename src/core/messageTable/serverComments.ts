/**
 * The comments of the other servers' generated files (Apache vhosts and .htaccess, nginx server blocks, the uWSGI
 * ini, lighttpd, systemd units). Paths, commands and directive names are arguments or kept as written, so they stay
 * byte for byte in every language; a `\n` starts a new comment line. (English templates; see ../messages.ts)
 */
export const SERVER_COMMENT_MESSAGES = {
  'deploy.comment.then': '{file}, then: {commands}',
  'deploy.comment.linkedThen': '{file}, linked from sites-enabled/, then: {commands}',
  'deploy.comment.apache.static': 'Apache serves the static files itself, without Python (before the application\'s alias: the first match wins).',
  'deploy.comment.apache.scriptAlias': 'Every other URL goes to {file}; the URL\'s path reaches the application as PATH_INFO.',
  'deploy.comment.modWsgi.title': '{name} under Apache with mod_wsgi, daemon mode (Unix). See {guide}.',
  'deploy.comment.modWsgi.daemon': 'The application runs in its own processes, as {user} (who must be able to read {dir}).',
  'deploy.comment.modWsgi.home': 'python-home is the virtual environment: it must be made with the Python mod_wsgi was built for.',
  'deploy.comment.modWsgiWindows.title': '{name} under Apache with mod_wsgi on Windows. See {guide}.',
  'deploy.comment.modWsgiWindows.noDaemon': 'No WSGIDaemonProcess: Windows has no daemon mode, and Apache refuses to start with it. The application runs in\nApache\'s own process; {file} activates the virtual environment. Change {dir} to the site\'s folder.',
  'deploy.comment.cgi.title': '{name} as a CGI script under Apache. See {guide}.',
  'deploy.comment.cgi.slow': '(mod_cgid with the event or worker MPM; mod_cgi with prefork.) Every request starts Python: slow, but it works anywhere.',
  'deploy.comment.fcgid.title': '{name} under Apache with mod_fcgid (FastCGI). See {guide}.',
  'deploy.comment.fcgid.starts': 'mod_fcgid starts {file} itself, as {user}, and keeps it running: no systemd unit, no socket path.',
  'deploy.comment.htaccess.title': '{name} on shared hosting: copy this file as .htaccess next to {file} (see {guide}).',
  'deploy.comment.htaccess.noTrailing': 'Apache allows no comment at the end of a directive line (the seed\'s "!-f # ..." fails): comments go above.',
  'deploy.comment.htaccess.existing': 'Existing files (the static folder) are served as they are.',
  'deploy.comment.nginx.gunicorn': '{name}: nginx in front of gunicorn. See {guide}.',
  'deploy.comment.nginx.uwsgi': '{name}: nginx in front of uWSGI. See {guide}.',
  'deploy.comment.nginx.fastcgi': '{name}: nginx in front of the FastCGI server {file}. See {guide}.',
  'deploy.comment.nginx.static': 'nginx serves the static files itself, without Python.',
  'deploy.comment.nginx.proxyHeaders': 'What ProxyFix ({file}) reads: the client\'s address, the scheme and the host.',
  'deploy.comment.nginx.pathInfo': 'The application is at the root: the whole path is PATH_INFO.',
  'deploy.comment.gunicorn.loopback': 'Listens on 127.0.0.1 only: nginx is the only client, so the X-Forwarded-* headers ProxyFix trusts are nginx\'s.',
  'deploy.comment.uwsgi.title': '{name} under uWSGI, behind nginx ({guide}); started by {unit}.',
  'deploy.comment.uwsgi.socket': 'The socket nginx\'s uwsgi_pass names. systemd makes its folder for {user} (RuntimeDirectory), uWSGI runs as\n{user}, and nginx\'s workers ({user}) connect: the socket is the group\'s (660), not everyone\'s (666).',
  'deploy.comment.lighttpd.title': '{name} under lighttpd through FastCGI ({guide}). Needs mod_fastcgi (lighty-enable-mod\nfastcgi) and mod_alias; {unit} starts {file} on the socket below.',
  'deploy.comment.lighttpd.static': 'Everything but the static files goes to the application.',
  'deploy.comment.lighttpd.rootFix': 'The application is at the root (the seed\'s LighttpdCGIRootFix middleware, built in).',
} as const;
