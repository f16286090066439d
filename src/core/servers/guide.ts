/**
 * deploy/<target>/DEPLOY.md: the steps on the Unix server for one target (bash, as root), in the order the seed's
 * chapter gives them, with its warnings: app.run() at import, `application` for mod_wsgi, print in CGI, the
 * executable bit, ProxyFix only behind a proxy. Every value was validated as a plain path or name (options.ts).
 */
import { staticServing } from '../scaffold/options';
import { cgiFileName, fcgiFileName, windowsAppDir, wsgiFileName } from './apache';
import { fcgiUnitName, gunicornUnitName, PROXIED_MODULE, uwsgiUnitName } from './nginx';
import { fastcgiSocket, GUNICORN_PORT, uwsgiSocket, WEB_USER, type ServerDeployOptions, type ServerTarget } from './options';

export const TARGET_LABELS: Record<ServerTarget, string> = {
  mod_wsgi: 'Apache and mod_wsgi',
  'gunicorn-nginx': 'gunicorn behind nginx',
  'uwsgi-nginx': 'uWSGI behind nginx',
  'fastcgi-flup': 'FastCGI (flup) behind lighttpd or nginx',
  cgi: 'CGI under Apache',
};

const sh = (...lines: string[]): string[] => ['```bash', ...lines, '```', ''];

/** What pip installs into the environment besides the project's requirements. */
function serverPackages(target: ServerTarget): string[] {
  return target === 'gunicorn-nginx' ? ['gunicorn'] : target === 'fastcgi-flup' ? ['flup'] : [];
}

/** The Debian packages of the target's web server (and Python server, where Debian has it). */
function aptPackages(target: ServerTarget): string {
  switch (target) {
    case 'mod_wsgi':
      return 'apache2 libapache2-mod-wsgi-py3 python3-venv';
    case 'gunicorn-nginx':
      return 'nginx python3-venv';
    case 'uwsgi-nginx':
      return 'nginx uwsgi uwsgi-plugin-python3 python3-venv';
    case 'fastcgi-flup':
      return 'lighttpd python3-venv';
    case 'cgi':
      return 'apache2 python3-venv';
  }
}

function serverStep(o: ServerDeployOptions): string[] {
  const d = `${o.server.appDir}/deploy/${o.target}`;
  switch (o.target) {
    case 'mod_wsgi':
      return [
        `The virtual host is \`deploy/mod_wsgi/apache-site.conf\`: mod_wsgi's daemon mode, the application as ${WEB_USER}, \`${wsgiFileName(o)}\` (which defines \`application\`, the name mod_wsgi serves).`,
        '',
        ...sh(`cp ${d}/apache-site.conf /etc/apache2/sites-available/${o.name}.conf`, 'a2enmod wsgi', `a2ensite ${o.name}`, 'apachectl configtest && systemctl reload apache2'),
        `**On Windows** use \`deploy/mod_wsgi/apache-site-windows.conf\` instead (it expects the site in \`${windowsAppDir(o.name)}\`): Windows has no WSGIDaemonProcess, and Apache refuses to start with it.`,
        '',
        'mod_wsgi does not let the application write to standard output (the seed: "printing breaks the app"): use `logging`, or set `WSGIRestrictStdout Off`.',
        '',
      ];
    case 'gunicorn-nginx':
      return [
        `gunicorn serves \`${PROXIED_MODULE}:application\` on 127.0.0.1:${GUNICORN_PORT}, started by systemd; nginx proxies to it and serves the static files.`,
        '',
        ...sh(
          `cp ${d}/${gunicornUnitName(o)} /etc/systemd/system/`,
          `systemctl daemon-reload && systemctl enable --now ${gunicornUnitName(o)}`,
          `cp ${d}/nginx-site.conf /etc/nginx/sites-available/${o.name}`,
          `ln -s /etc/nginx/sites-available/${o.name} /etc/nginx/sites-enabled/${o.name}`,
          'nginx -t && systemctl reload nginx',
        ),
        `\`${PROXIED_MODULE}.py\` wraps the application in Werkzeug's ProxyFix, which trusts the X-Forwarded-* headers of one proxy. That is right behind nginx only: gunicorn listens on 127.0.0.1, so no client can reach it directly. Without a proxy in front, remove ProxyFix (a client could claim any address).`,
        '',
      ];
    case 'uwsgi-nginx':
      return [
        `uWSGI loads \`${wsgiFileName(o)}\` and listens on the socket \`${uwsgiSocket(o.name)}\`; nginx's \`uwsgi_pass\` names the same socket. systemd creates its folder for ${WEB_USER} (RuntimeDirectory) and runs uWSGI as ${WEB_USER}; the socket is mode 660, so nginx's workers (${WEB_USER}) can connect and nobody else can.`,
        '',
        ...sh(
          `cp ${d}/${uwsgiUnitName(o)} /etc/systemd/system/`,
          `systemctl daemon-reload && systemctl enable --now ${uwsgiUnitName(o)}`,
          `cp ${d}/nginx-site.conf /etc/nginx/sites-available/${o.name}`,
          `ln -s /etc/nginx/sites-available/${o.name} /etc/nginx/sites-enabled/${o.name}`,
          'nginx -t && systemctl reload nginx',
        ),
        'HTTP 502 and "Permission denied" in /var/log/nginx/error.log: the socket is not the group of the user nginx runs as; "No such file": uWSGI is not running or names another socket.',
        '',
      ];
    case 'fastcgi-flup':
      return [
        `\`${fcgiFileName(o)}\` is flup's FastCGI server; systemd starts it on the socket \`${fastcgiSocket(o.name)}\` as ${WEB_USER}, and lighttpd (or nginx: \`deploy/fastcgi-flup/nginx-site.conf\`) passes the requests to it.`,
        '',
        ...sh(
          `chmod +x ${o.server.appDir}/${fcgiFileName(o)}`,
          `cp ${d}/${fcgiUnitName(o)} /etc/systemd/system/`,
          `systemctl daemon-reload && systemctl enable --now ${fcgiUnitName(o)}`,
          'lighty-enable-mod fastcgi',
          `cp ${d}/lighttpd.conf /etc/lighttpd/conf-enabled/90-${o.name}.conf`,
          'lighttpd -tt -f /etc/lighttpd/lighttpd.conf && systemctl reload lighttpd',
        ),
        `The seed's debugging advice holds: run the file by hand as the web server's user (\`su -s /bin/sh ${WEB_USER} -c '${o.server.appDir}/${fcgiFileName(o)} /tmp/test.sock'\`) to see an ImportError that the server log only calls "premature end of headers".`,
        '',
      ];
    case 'cgi':
      return [
        `Apache runs \`${cgiFileName(o)}\` (wsgiref's CGIHandler) for every request: a new Python process each time, so it is slow, but it works on any server.`,
        '',
        ...sh(`chmod +x ${o.server.appDir}/${cgiFileName(o)}`, `cp ${d}/apache-cgi.conf /etc/apache2/sites-available/${o.name}.conf`, 'a2enmod cgid', `a2ensite ${o.name}`, 'apachectl configtest && systemctl reload apache2'),
        'On shared hosting without access to Apache\'s configuration, copy `deploy/cgi/htaccess` as `.htaccess` next to the script instead.',
        '',
        `Standard output is the HTTP response: a \`print()\` in the application would corrupt it. \`${cgiFileName(o)}\` sends standard output to the error log once CGIHandler holds the real one; still, prefer \`logging\`.`,
        '',
      ];
  }
}

export function renderServerGuide(o: ServerDeployOptions): string {
  const { appDir, python, venv } = o.server;
  const pip = [`${venv ? `${venv}/bin/pip` : `${python} -m pip`} install`, ...(o.requirements ? ['-r requirements.txt'] : []), ...(!o.requirements ? o.setup?.pyprojectDependencies ?? [] : []), ...serverPackages(o.target)].join(' ');
  const steps: [string, string[]][] = [
    ['The packages of the server', [
      ...sh(`apt-get install ${aptPackages(o.target)}`),
      ...(o.target === 'mod_wsgi' ? ['mod_wsgi is built for one Python (Debian\'s python3): the virtual environment must be made with that same version.', ''] : []),
    ]],
    ['The application\'s folder and its Python environment', [
      `Copy this project to \`${appDir}\` on the server, then:`,
      '',
      ...sh(`cd ${appDir}`, ...(venv ? [`python3 -m venv ${venv}`] : []), ...(pip.endsWith('install') ? [] : [pip]), `chown -R root:${WEB_USER} ${appDir} && chmod -R g+rX,o-rwx ${appDir}`),
      ...(o.setup?.flaskCommands?.commands.length ? ['The application defines set-up commands; run them once, as the server\'s user:', '', ...sh(...o.setup.flaskCommands.commands.map((c) => `su -s /bin/sh ${WEB_USER} -c '${python} -m flask --app ${o.setup!.flaskCommands!.app} ${c}'`))] : []),
    ]],
    ['The server', serverStep(o)],
    ['Check', [
      `Browse http://your-host/${staticServing(o) ? ` and a file of /${staticServing(o)!.url}/` : ''}.`,
      '',
      'The mistakes the seed warns about, which `flask-iis check .` finds in these files: `app.run()` called when the module is imported (mod_wsgi logs "SystemExit ignored"; the others start a second server), a `.wsgi` without `application`, a `print` in a CGI app, a shebang that is not the virtual environment\'s python, a `.fcgi`/`.cgi` without its executable bit, ProxyFix without a proxy (or a proxy without ProxyFix), and a `uwsgi_pass`/`proxy_pass` to a socket or port nothing binds.',
      '',
    ]],
  ];
  return [
    `# Deploying ${o.name} with ${TARGET_LABELS[o.target]}`,
    '',
    `Application: \`${o.app.handler}\`${o.app.detail ? ` (${o.app.detail})` : ''}. Folder on the server: \`${appDir}\`. Python: \`${python}\`.`,
    '',
    'The commands are for a Debian or Ubuntu server, run as root.',
    '',
    ...steps.flatMap(([title, body], i) => [`## ${i + 1}. ${title}`, '', ...body]),
  ].join('\n');
}
