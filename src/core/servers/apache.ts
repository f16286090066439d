/**
 * Apache files: the mod_wsgi virtual host (Unix daemon mode, and the Windows variant without WSGIDaemonProcess, as
 * the seed warns) and the CGI virtual host (ScriptAlias) with the .htaccess alternative for shared hosting.
 * Apache 2.4 syntax (`Require all granted`; the seed's `Order`/`Allow` needs mod_access_compat).
 */
import { staticServing } from '../scaffold/options';
import { commentLines as note, guidePath } from './comments';
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
    ...note(o, '    ', 'deploy.comment.apache.static'),
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
    ...note(o, '', 'deploy.comment.modWsgi.title', { name: o.name, guide: guidePath(o) }),
    ...installLine(o, 'wsgi'),
    '<VirtualHost *:80>',
    '    ServerName example.com',
    '',
    ...note(o, '    ', 'deploy.comment.modWsgi.daemon', { user: WEB_USER, dir: appDir }),
    ...note(o, '    ', 'deploy.comment.modWsgi.home'),
    `    WSGIDaemonProcess ${o.name} user=${WEB_USER} group=${WEB_USER} threads=5${home} python-path=${appDir}`,
    `    WSGIProcessGroup ${o.name}`,
    '    WSGIApplicationGroup %{GLOBAL}',
    '',
    ...staticLines(o, appDir, plain),
    `    WSGIScriptAlias / ${appDir}/${wsgiFileName(o)}`,
    ...grantFile(appDir, wsgiFileName(o)),
  ].join('\n');
}

/** Where the vhost goes and how it is enabled (Debian's a2enmod/a2ensite). */
function installLine(o: ServerDeployOptions, module: string): string[] {
  return note(o, '', 'deploy.comment.then', {
    file: `/etc/apache2/sites-available/${o.name}.conf`,
    commands: `a2enmod ${module} && a2ensite ${o.name} && systemctl reload apache2`,
  });
}

/** The vhost's end: Apache may serve `file` (and only it) from `dir`, with `options` first. */
function grantFile(dir: string, file: string, options: string[] = []): string[] {
  return [`    <Directory ${dir}>`, `        <Files ${file}>`, ...options.map((l) => `            ${l}`), '            Require all granted', '        </Files>', '    </Directory>', '</VirtualHost>', ''];
}

export function renderModWsgiWindowsVhost(o: ServerDeployOptions): string {
  const dir = windowsAppDir(o.name);
  return [
    ...note(o, '', 'deploy.comment.modWsgiWindows.title', { name: o.name, guide: guidePath(o) }),
    ...note(o, '', 'deploy.comment.modWsgiWindows.noDaemon', { file: wsgiFileName(o), dir }),
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
    ...note(o, '', 'deploy.comment.cgi.title', { name: o.name, guide: guidePath(o) }),
    ...installLine(o, 'cgid'),
    ...note(o, '', 'deploy.comment.cgi.slow'),
    '<VirtualHost *:80>',
    '    ServerName example.com',
    '',
    ...staticLines(o, appDir, plain),
    ...note(o, '    ', 'deploy.comment.apache.scriptAlias', { file: cgiFileName(o) }),
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
    ...note(o, '', 'deploy.comment.fcgid.title', { name: o.name, guide: guidePath(o) }),
    ...installLine(o, 'fcgid'),
    ...note(o, '', 'deploy.comment.fcgid.starts', { file: fcgi, user: WEB_USER }),
    '<VirtualHost *:80>',
    '    ServerName example.com',
    '',
    ...staticLines(o, appDir, plain),
    ...note(o, '    ', 'deploy.comment.apache.scriptAlias', { file: fcgi }),
    `    ScriptAlias / ${appDir}/${fcgi}/`,
    ...grantFile(appDir, fcgi, ['SetHandler fcgid-script', 'Options +ExecCGI']),
  ].join('\n');
}

/** The shared-hosting alternative (no access to Apache's configuration). */
export function renderCgiHtaccess(o: ServerDeployOptions): string {
  return [
    ...note(o, '', 'deploy.comment.htaccess.title', { name: o.name, file: cgiFileName(o), guide: guidePath(o) }),
    ...note(o, '', 'deploy.comment.htaccess.noTrailing'),
    'Options +ExecCGI',
    'AddHandler cgi-script .cgi',
    'RewriteEngine On',
    ...note(o, '', 'deploy.comment.htaccess.existing'),
    'RewriteCond %{REQUEST_FILENAME} !-f',
    `RewriteRule ^(.*)$ ${cgiFileName(o)}/$1 [L]`,
    '',
  ].join('\n');
}
