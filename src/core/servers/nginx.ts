/**
 * nginx in front of a Python server: proxy_pass to gunicorn (with the seed's proxy_set_header lines, which
 * ProxyFix then trusts), uwsgi_pass to uWSGI's socket, fastcgi_pass to the .fcgi's socket; the systemd units that
 * start the Python side, each with the socket folder (RuntimeDirectory) owned by the user nginx runs as.
 */
import { staticServing } from '../scaffold/options';
import { wsgiFileName, fcgiFileName } from './apache';
import { commentLines as note, guidePath } from './comments';
import type { MessageArgs, MessageKey } from '../messages';
import { fastcgiSocket, GUNICORN_PORT, uwsgiSocket, WEB_USER, type ServerDeployOptions } from './options';

export const PROXIED_MODULE = 'wsgi_proxied';

function serverBlock(o: ServerDeployOptions, title: [MessageKey, MessageArgs], app: string[]): string {
  const s = staticServing(o);
  return [
    ...note(o, '', title[0], { name: o.name, guide: guidePath(o), ...title[1] }),
    ...note(o, '', 'deploy.comment.linkedThen', { file: `/etc/nginx/sites-available/${o.name}`, commands: 'nginx -t && systemctl reload nginx' }),
    'server {',
    '    listen 80;',
    '    server_name _;',
    '',
    ...(s
      ? [...note(o, '    ', 'deploy.comment.nginx.static'), `    location /${s.url}/ {`, `        alias ${o.server.appDir}/${s.folder}/;`, '    }', '']
      : []),
    '    location / {',
    ...app.map((l) => `        ${l}`),
    '    }',
    '}',
    '',
  ].join('\n');
}

export function renderGunicornNginx(o: ServerDeployOptions): string {
  return serverBlock(o, ['deploy.comment.nginx.gunicorn', {}], [
    `proxy_pass         http://127.0.0.1:${GUNICORN_PORT};`,
    'proxy_redirect     off;',
    ...note(o, '', 'deploy.comment.nginx.proxyHeaders', { file: `${PROXIED_MODULE}.py` }),
    'proxy_set_header   Host              $host;',
    'proxy_set_header   X-Real-IP         $remote_addr;',
    'proxy_set_header   X-Forwarded-For   $proxy_add_x_forwarded_for;',
    'proxy_set_header   X-Forwarded-Proto $scheme;',
    'proxy_set_header   X-Forwarded-Host  $host;',
  ]);
}

function unit(o: ServerDeployOptions, description: string, service: string[]): string {
  return [
    '[Unit]',
    `Description=${o.name}: ${description}`,
    'After=network.target',
    '',
    '[Service]',
    `User=${WEB_USER}`,
    `Group=${WEB_USER}`,
    `WorkingDirectory=${o.server.appDir}`,
    ...service,
    'Restart=on-failure',
    '',
    '[Install]',
    'WantedBy=multi-user.target',
    '',
  ].join('\n');
}

export const gunicornUnitName = (o: ServerDeployOptions): string => `${o.name}-gunicorn.service`;
export const uwsgiUnitName = (o: ServerDeployOptions): string => `${o.name}-uwsgi.service`;
export const fcgiUnitName = (o: ServerDeployOptions): string => `${o.name}-fcgi.service`;

/** gunicorn on the loopback port nginx proxies to; only nginx can reach it. */
export function renderGunicornUnit(o: ServerDeployOptions): string {
  return unit(o, 'gunicorn behind nginx', [
    ...note(o, '', 'deploy.comment.gunicorn.loopback'),
    `ExecStart=${o.server.python} -m gunicorn --workers 3 --bind 127.0.0.1:${GUNICORN_PORT} ${PROXIED_MODULE}:application`,
  ]);
}

export function renderUwsgiIni(o: ServerDeployOptions): string {
  const socket = uwsgiSocket(o.name);
  return [
    '[uwsgi]',
    ...note(o, '', 'deploy.comment.uwsgi.title', { name: o.name, guide: guidePath(o), unit: uwsgiUnitName(o) }),
    'plugins = python3',
    `chdir = ${o.server.appDir}`,
    `wsgi-file = ${wsgiFileName(o)}`,
    ...(o.server.venv ? [`virtualenv = ${o.server.venv}`] : []),
    'master = true',
    'processes = 2',
    ...note(o, '', 'deploy.comment.uwsgi.socket', { user: WEB_USER }),
    `socket = ${socket}`,
    'chmod-socket = 660',
    'vacuum = true',
    'die-on-term = true',
    '',
  ].join('\n');
}

export function renderUwsgiUnit(o: ServerDeployOptions): string {
  return unit(o, 'uWSGI behind nginx', [
    `RuntimeDirectory=${o.name}`,
    `ExecStart=/usr/bin/uwsgi --ini ${o.server.appDir}/deploy/uwsgi-nginx/uwsgi.ini`,
    'Type=notify',
    'NotifyAccess=all',
  ]);
}

export function renderUwsgiNginx(o: ServerDeployOptions): string {
  return serverBlock(o, ['deploy.comment.nginx.uwsgi', {}], ['include uwsgi_params;', `uwsgi_pass unix:${uwsgiSocket(o.name)};`]);
}

export function renderFastcgiNginx(o: ServerDeployOptions): string {
  return serverBlock(o, ['deploy.comment.nginx.fastcgi', { file: fcgiFileName(o) }], [
    'include fastcgi_params;',
    ...note(o, '', 'deploy.comment.nginx.pathInfo'),
    'fastcgi_param PATH_INFO $fastcgi_script_name;',
    'fastcgi_param SCRIPT_NAME "";',
    `fastcgi_pass unix:${fastcgiSocket(o.name)};`,
  ]);
}

/** The .fcgi process on its socket, for lighttpd and nginx (which do not start it). */
export function renderFcgiUnit(o: ServerDeployOptions): string {
  return unit(o, 'the FastCGI server (flup)', [`RuntimeDirectory=${o.name}`, `ExecStart=${o.server.appDir}/${fcgiFileName(o)} ${fastcgiSocket(o.name)}`]);
}

export function renderLighttpd(o: ServerDeployOptions): string {
  const s = staticServing(o);
  const fastcgi = [
    'fastcgi.server = ( "/" =>',
    '    ((',
    `        "socket" => "${fastcgiSocket(o.name)}",`,
    '        "check-local" => "disable",',
    ...note(o, '        ', 'deploy.comment.lighttpd.rootFix'),
    '        "fix-root-scriptname" => "enable",',
    '    ))',
    ')',
  ];
  return [
    ...note(o, '', 'deploy.comment.lighttpd.title', { name: o.name, guide: guidePath(o), unit: fcgiUnitName(o), file: fcgiFileName(o) }),
    ...(s ? [`alias.url += ( "/${s.url}/" => "${o.server.appDir}/${s.folder}/" )`, '', ...note(o, '', 'deploy.comment.lighttpd.static'), `$HTTP["url"] !~ "^/${s.url}/" {`] : []),
    ...fastcgi.map((l) => (s ? `    ${l}` : l)),
    ...(s ? ['}'] : []),
    '',
  ].join('\n');
}

