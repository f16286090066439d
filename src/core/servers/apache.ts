/**
 * Apache files: the mod_wsgi virtual host (Unix daemon mode, and the Windows variant without WSGIDaemonProcess, as
 * the seed warns) and the CGI virtual host (ScriptAlias) with the .htaccess alternative for shared hosting.
 * Apache 2.4 syntax (`Require all granted`; the seed's `Order`/`Allow` needs mod_access_compat).
 */
import { staticServing } from '../scaffold/options';
import { WEB_USER, type ServerDeployOptions } from './options';

export const wsgiFileName = (o: Pick<ServerDeployOptions, 'name'>): string => `${o.name}.wsgi`;
export const cgiFileName = (o: Pick<ServerDeployOptions, 'name'>): string => `${o.name}.cgi`;
export const fcgiFileName = (o: Pick<ServerDeployOptions, 'name'>): string => `${o.name}.fcgi`;

/** Where the Windows variant expects the site (Apache on Windows takes `/`). */
export function windowsAppDir(name: string): string {
  return `C:/sites/${name}`;
}

/** `Alias /static/ ...` and its <Directory>, before the script alias (the first matching alias wins). */
function staticLines(o: ServerDeployOptions, dir: string, q: (s: string) => string): string[] {
  const s = staticServing(o);
  if (!s) return [];
  return [
    `    # Apache serves the static files itself, without Python (before the application's alias: the first match wins).`,
    `    Alias /${s.url}/ ${q(`${dir}/${s.folder}/`)}`,
    `    <Directory ${q(`${dir}/${s.folder}`)}>`,
    '        Require all granted',
    '    </Directory>',
    '',
  ];
}

const plain = (s: string): string => s;
const quoted = (s: string): string => `"${s}"`;

export function renderModWsgiVhost(o: ServerDeployOptions): string {
  const { appDir, venv } = o.server;
  const home = venv ? ` python-home=${venv}` : '';
  return [
    `# ${o.name} under Apache with mod_wsgi, daemon mode (Unix). See deploy/mod_wsgi/DEPLOY.md.`,
    `# /etc/apache2/sites-available/${o.name}.conf, then: a2enmod wsgi && a2ensite ${o.name} && systemctl reload apache2`,
    '<VirtualHost *:80>',
    '    ServerName example.com',
    '',
    `    # The application runs in its own processes, as ${WEB_USER} (who must be able to read ${appDir}).`,
    `    # python-home is the virtual environment: it must be made with the Python mod_wsgi was built for.`,
    `    WSGIDaemonProcess ${o.name} user=${WEB_USER} group=${WEB_USER} threads=5${home} python-path=${appDir}`,
    `    WSGIProcessGroup ${o.name}`,
    '    WSGIApplicationGroup %{GLOBAL}',
    '',
    ...staticLines(o, appDir, plain),
    `    WSGIScriptAlias / ${appDir}/${wsgiFileName(o)}`,
    ...grantFile(appDir, wsgiFileName(o)),
  ].join('\n');
}

/** The vhost's end: Apache may serve `file` (and only it) from `dir`, with `options` first. */
function grantFile(dir: string, file: string, options: string[] = []): string[] {
  return [`    <Directory ${dir}>`, `        <Files ${file}>`, ...options.map((l) => `            ${l}`), '            Require all granted', '        </Files>', '    </Directory>', '</VirtualHost>', ''];
}

export function renderModWsgiWindowsVhost(o: ServerDeployOptions): string {
  const dir = windowsAppDir(o.name);
  return [
    `# ${o.name} under Apache with mod_wsgi on Windows. See deploy/mod_wsgi/DEPLOY.md.`,
    `# No WSGIDaemonProcess: Windows has no daemon mode, and Apache refuses to start with it. The application runs in`,
    `# Apache's own process; ${wsgiFileName(o)} activates the virtual environment. Change ${dir} to the site's folder.`,
    '<VirtualHost *:80>',
    '    ServerName example.com',
    '',
    ...staticLines(o, dir, quoted),
    `    WSGIScriptAlias / "${dir}/${wsgiFileName(o)}"`,
    ...grantFile(`"${dir}"`, wsgiFileName(o)),
  ].join('\n');
}

export function renderCgiVhost(o: ServerDeployOptions): string {
  const { appDir } = o.server;
  return [
    `# ${o.name} as a CGI script under Apache. See deploy/cgi/DEPLOY.md.`,
    `# /etc/apache2/sites-available/${o.name}.conf, then: a2enmod cgid && a2ensite ${o.name} && systemctl reload apache2`,
    '# (mod_cgid with the event or worker MPM; mod_cgi with prefork.) Every request starts Python: slow, but it works anywhere.',
    '<VirtualHost *:80>',
    '    ServerName example.com',
    '',
    ...staticLines(o, appDir, plain),
    `    # Every other URL runs ${cgiFileName(o)}; the URL's path reaches the application as PATH_INFO.`,
    `    ScriptAlias / ${appDir}/${cgiFileName(o)}/`,
    ...grantFile(appDir, cgiFileName(o), ['Options +ExecCGI']),
  ].join('\n');
}

/**
 * Apache in front of the .fcgi through mod_fcgid (the seed's Apache FastCGI set-up): mod_fcgid starts the .fcgi itself,
 * as Apache's user, with the connection on its standard input (the .fcgi runs flup without a socket argument), keeps
 * it between requests and starts more under load. No systemd unit and no socket path to agree on.
 */
export function renderFcgidVhost(o: ServerDeployOptions): string {
  const { appDir } = o.server;
  const fcgi = fcgiFileName(o);
  return [
    `# ${o.name} under Apache with mod_fcgid (FastCGI). See deploy/fastcgi-flup/DEPLOY.md.`,
    `# /etc/apache2/sites-available/${o.name}.conf, then: a2enmod fcgid && a2ensite ${o.name} && systemctl reload apache2`,
    `# mod_fcgid starts ${fcgi} itself, as ${WEB_USER}, and keeps it running: no systemd unit, no socket path.`,
    '<VirtualHost *:80>',
    '    ServerName example.com',
    '',
    ...staticLines(o, appDir, plain),
    `    # Every other URL goes to ${fcgi}; the URL's path reaches the application as PATH_INFO.`,
    `    ScriptAlias / ${appDir}/${fcgi}/`,
    ...grantFile(appDir, fcgi, ['SetHandler fcgid-script', 'Options +ExecCGI']),
  ].join('\n');
}

/** The shared-hosting alternative (no access to Apache's configuration). */
export function renderCgiHtaccess(o: ServerDeployOptions): string {
  return [
    `# ${o.name} on shared hosting: copy this file as .htaccess next to ${cgiFileName(o)} (see deploy/cgi/DEPLOY.md).`,
    '# Apache allows no comment at the end of a directive line (the seed\'s "!-f # ..." fails): comments go above.',
    'Options +ExecCGI',
    'AddHandler cgi-script .cgi',
    'RewriteEngine On',
    '# Existing files (the static folder) are served as they are.',
    'RewriteCond %{REQUEST_FILENAME} !-f',
    `RewriteRule ^(.*)$ ${cgiFileName(o)}/$1 [L]`,
    '',
  ].join('\n');
}
