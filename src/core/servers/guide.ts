/**
 * deploy/<target>/DEPLOY.md: the steps on the Unix server for one target (bash, as root), in the order the seed's
 * chapter gives them, with its warnings: app.run() at import, `application` for mod_wsgi, print in CGI, the
 * executable bit, ProxyFix only behind a proxy. Every value was validated as a plain path or name (options.ts).
 */
import { staticServing } from '../scaffold/options';
import { cgiFileName, fcgiFileName, windowsAppDir, wsgiFileName } from './apache';
import { fcgiUnitName, gunicornUnitName, PROXIED_MODULE, uwsgiUnitName } from './nginx';
import { fastcgiSocket, GUNICORN_PORT, uwsgiSocket, WEB_USER, type ServerDeployOptions, type ServerTarget } from './options';
import { renderMessage, type MessageArgs, type MessageKey } from '../messages';

/** A sentence of DEPLOY.md in the display language (English without a translation). */
const say = (o: ServerDeployOptions, key: MessageKey, args: MessageArgs = {}): string => renderMessage(key, args, o.translate);

export const TARGET_LABELS: Record<ServerTarget, string> = {
  mod_wsgi: 'Apache and mod_wsgi',
  'gunicorn-nginx': 'gunicorn behind nginx',
  'uwsgi-nginx': 'uWSGI behind nginx',
  'fastcgi-flup': 'FastCGI (flup) behind lighttpd, nginx or Apache mod_fcgid',
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
        say(o, 'deploy.server.modWsgi.vhost', { user: WEB_USER, file: `\`${wsgiFileName(o)}\`` }),
        '',
        ...sh(`cp ${d}/apache-site.conf /etc/apache2/sites-available/${o.name}.conf`, 'a2enmod wsgi', `a2ensite ${o.name}`, 'apachectl configtest && systemctl reload apache2'),
        say(o, 'deploy.server.modWsgi.windows', { dir: `\`${windowsAppDir(o.name)}\`` }),
        '',
        say(o, 'deploy.server.modWsgi.stdout'),
        '',
      ];
    case 'gunicorn-nginx':
      return [
        say(o, 'deploy.server.gunicorn.body', { module: `\`${PROXIED_MODULE}:application\``, port: GUNICORN_PORT }),
        '',
        ...sh(
          `cp ${d}/${gunicornUnitName(o)} /etc/systemd/system/`,
          `systemctl daemon-reload && systemctl enable --now ${gunicornUnitName(o)}`,
          `cp ${d}/nginx-site.conf /etc/nginx/sites-available/${o.name}`,
          `ln -s /etc/nginx/sites-available/${o.name} /etc/nginx/sites-enabled/${o.name}`,
          'nginx -t && systemctl reload nginx',
        ),
        say(o, 'deploy.server.gunicorn.proxyFix', { file: `\`${PROXIED_MODULE}.py\`` }),
        '',
      ];
    case 'uwsgi-nginx':
      return [
        say(o, 'deploy.server.uwsgi.body', { file: `\`${wsgiFileName(o)}\``, socket: `\`${uwsgiSocket(o.name)}\``, user: WEB_USER }),
        '',
        ...sh(
          `cp ${d}/${uwsgiUnitName(o)} /etc/systemd/system/`,
          `systemctl daemon-reload && systemctl enable --now ${uwsgiUnitName(o)}`,
          `cp ${d}/nginx-site.conf /etc/nginx/sites-available/${o.name}`,
          `ln -s /etc/nginx/sites-available/${o.name} /etc/nginx/sites-enabled/${o.name}`,
          'nginx -t && systemctl reload nginx',
        ),
        say(o, 'deploy.server.uwsgi.errors'),
        '',
      ];
    case 'fastcgi-flup':
      return [
        say(o, 'deploy.server.fcgi.body', { file: `\`${fcgiFileName(o)}\``, socket: `\`${fastcgiSocket(o.name)}\``, user: WEB_USER }),
        '',
        ...sh(
          `chmod +x ${o.server.appDir}/${fcgiFileName(o)}`,
          `cp ${d}/${fcgiUnitName(o)} /etc/systemd/system/`,
          `systemctl daemon-reload && systemctl enable --now ${fcgiUnitName(o)}`,
          'lighty-enable-mod fastcgi',
          `cp ${d}/lighttpd.conf /etc/lighttpd/conf-enabled/90-${o.name}.conf`,
          'lighttpd -tt -f /etc/lighttpd/lighttpd.conf && systemctl reload lighttpd',
        ),
        say(o, 'deploy.server.fcgi.debug', { command: `\`su -s /bin/sh ${WEB_USER} -c '${o.server.appDir}/${fcgiFileName(o)} /tmp/test.sock'\`` }),
        '',
        say(o, 'deploy.server.fcgi.fcgid', { file: `\`${fcgiFileName(o)}\``, user: WEB_USER }),
        '',
        ...sh(
          'apt-get install -y libapache2-mod-fcgid',
          `cp ${d}/apache-fcgid.conf /etc/apache2/sites-available/${o.name}.conf`,
          'a2enmod fcgid',
          `a2ensite ${o.name}`,
          'apachectl configtest && systemctl reload apache2',
        ),
      ];
    case 'cgi':
      return [
        say(o, 'deploy.server.cgi.body', { file: `\`${cgiFileName(o)}\`` }),
        '',
        ...sh(`chmod +x ${o.server.appDir}/${cgiFileName(o)}`, `cp ${d}/apache-cgi.conf /etc/apache2/sites-available/${o.name}.conf`, 'a2enmod cgid', `a2ensite ${o.name}`, 'apachectl configtest && systemctl reload apache2'),
        say(o, 'deploy.server.cgi.htaccess'),
        '',
        say(o, 'deploy.server.cgi.stdout', { file: `\`${cgiFileName(o)}\`` }),
        '',
      ];
  }
}

export function renderServerGuide(o: ServerDeployOptions): string {
  const { appDir, python, venv } = o.server;
  const pip = [`${venv ? `${venv}/bin/pip` : `${python} -m pip`} install`, ...(o.requirements ? ['-r requirements.txt'] : []), ...(!o.requirements ? o.setup?.pyprojectDependencies ?? [] : []), ...serverPackages(o.target)].join(' ');
  const steps: [string, string[]][] = [
    [say(o, 'deploy.server.packages.title'), [
      ...sh(`apt-get install ${aptPackages(o.target)}`),
      ...(o.target === 'mod_wsgi' ? [say(o, 'deploy.server.packages.modWsgi'), ''] : []),
    ]],
    [say(o, 'deploy.server.folder.title'), [
      say(o, 'deploy.server.folder.copy', { dir: `\`${appDir}\`` }),
      '',
      ...sh(`cd ${appDir}`, ...(venv ? [`python3 -m venv ${venv}`] : []), ...(pip.endsWith('install') ? [] : [pip]), `chown -R root:${WEB_USER} ${appDir} && chmod -R g+rX,o-rwx ${appDir}`),
      ...(o.setup?.flaskCommands?.commands.length ? [say(o, 'deploy.server.folder.setup'), '', ...sh(...o.setup.flaskCommands.commands.map((c) => `su -s /bin/sh ${WEB_USER} -c '${python} -m flask --app ${o.setup!.flaskCommands!.app} ${c}'`))] : []),
    ]],
    [say(o, 'deploy.server.server.title'), serverStep(o)],
    [say(o, 'deploy.check.title'), [
      say(o, 'deploy.server.check.browse', { url: 'http://your-host/', static: staticServing(o) ? say(o, 'deploy.server.check.static', { path: `/${staticServing(o)!.url}/` }) : '' }),
      '',
      say(o, 'deploy.server.check.mistakes'),
      '',
    ]],
  ];
  return [
    `# ${say(o, 'deploy.server.title', { name: o.name, target: say(o, `deploy.server.target.${o.target}`) })}`,
    '',
    say(o, 'deploy.server.summary', { app: `\`${o.app.handler}\``, detail: o.app.detail ? ` (${o.app.detail})` : '', dir: `\`${appDir}\``, python: `\`${python}\`` }),
    '',
    say(o, 'deploy.server.debian'),
    '',
    ...steps.flatMap(([title, body], i) => [`## ${i + 1}. ${title}`, '', ...body]),
  ].join('\n');
}
