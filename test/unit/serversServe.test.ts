/**
 * Served for real: each deployment target's generated files, for a sample app, under the real server from this
 * machine's Debian packages (scripts/setup-servers.mjs installs them): GET / and a static file answer 200, through
 * the web server. Each server runs from a temporary main config that includes the generated site file, on a free
 * loopback port; the only edits to the generated files are the listen port and the /run socket folder (asserted
 * present, so a template change fails here). The Python side runs as the units say (www-data when root).
 * FastCGI: flup (python3-flup) is not packaged by Debian; without it, the generated lighttpd config and the .fcgi's
 * `application` are served by uWSGI's FastCGI mode (Debian's uwsgi-plugin-python3), and the flup start is skipped.
 * Apache mod_fcgid (libapache2-mod-fcgid) likewise: the generated vhost, with uWSGI started by mod_fcgid in flup's place.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chownSync, cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { PROJECTS } from './pythonHelpers';
import { cli, listFiles } from './scaffoldHelpers';
import { httpGet } from './serving';
import { apacheMain, freePort, missing, nginxMain, ROOT, serveDir, start, substitute, webUserIds, withDaemons } from './serversServing';

const PYTHON = '/usr/bin/python3';
const flask = spawnSync(PYTHON, ['-c', 'import flask'], { stdio: 'ignore' }).status === 0;
const needs = (files: Record<string, string>, modules: string[] = []): string | false => {
  if (!flask) return `${PYTHON} does not import flask (node scripts/setup-python.mjs)`;
  const m = missing(files);
  if (m) return m;
  const absent = modules.find((mod) => spawnSync(PYTHON, ['-c', `import ${mod}`], { stdio: 'ignore' }).status !== 0);
  return absent ? `${PYTHON} does not import ${absent} (node scripts/setup-servers.mjs)` : false;
};
const APACHE = '/usr/sbin/apache2';
const NGINX = '/usr/sbin/nginx';
const UWSGI = '/usr/bin/uwsgi-core';
const LIGHTTPD = '/usr/sbin/lighttpd';
const UWSGI_PY = '/usr/lib/uwsgi/plugins/python3_plugin.so';
const FLUP = flask && spawnSync(PYTHON, ['-c', 'import flup.server.fcgi'], { stdio: 'ignore' }).status === 0;

/** A sample project copied to a folder the web server's user can read, without its IIS files, and its files for `target`. */
function generate(sample: string, target: string, name: string): { dir: string; app: string } {
  const dir = serveDir(target);
  const app = join(dir, 'app');
  cpSync(join(PROJECTS, sample), app, { recursive: true });
  for (const f of listFiles(app)) if (/(^|\/)web\.config$/i.test(f)) rmSync(join(app, f));
  const r = cli(['init', app, '--server', target, '--site-path', app, '--python', PYTHON, '--name', name]);
  assert.equal(r.status, 0, `init --server ${target}: ${r.stdout}${r.stderr}`);
  return { dir, app };
}

const read = (app: string, path: string) => readFileSync(join(app, path), 'utf8');

/** GET / and the static file through the web server. */
async function answers(t: { diagnostic(m: string): void }, port: number, home: RegExp, staticPath: string, staticFile: string): Promise<void> {
  const base = `http://127.0.0.1:${port}`;
  // A proxy answers 502 until the Python side listens: bounded retries (60 s), then its answer counts.
  let page = await httpGet(`${base}/`, {}, 150);
  for (let i = 0; i < 150 && (page.status === 502 || page.status === 503); i++) {
    await new Promise((r) => setTimeout(r, 400));
    page = await httpGet(`${base}/`, {}, 150);
  }
  t.diagnostic(`GET / -> ${page.status} ${JSON.stringify(page.body.slice(0, 80))}`);
  assert.equal(page.status, 200, `GET /: ${page.body.slice(0, 500)}`);
  assert.match(page.body, home);
  const css = await httpGet(`${base}${staticPath}`);
  t.diagnostic(`GET ${staticPath} -> ${css.status}`);
  assert.equal(css.status, 200, `GET ${staticPath}`);
  assert.equal(css.body, readFileSync(staticFile, 'utf8'));
}

/** A generated nginx server block on `port`, written next to its main config. */
function nginxConfig(dir: string, site: string, port: number, edits: (s: string) => string = (s) => s): string {
  writeFileSync(join(dir, 'site.conf'), edits(substitute(site, 'listen 80;', `listen 127.0.0.1:${port};`, 'nginx listen')));
  writeFileSync(join(dir, 'nginx.conf'), nginxMain(dir, join(dir, 'site.conf')));
  return join(dir, 'nginx.conf');
}

/** A socket folder as systemd's RuntimeDirectory makes it: owned by the service's user. */
function runtimeDir(dir: string): string {
  const run = join(dir, 'run');
  mkdirSync(run, { mode: 0o755 });
  const ids = webUserIds();
  if (ids) chownSync(run, ids.uid, ids.gid);
  return run;
}

test('mod_wsgi: Apache serves the .wsgi in daemon mode and the static folder of a package (routes-entry)', { skip: needs({ apache2: APACHE, 'libapache2-mod-wsgi-py3': '/usr/lib/apache2/modules/mod_wsgi.so' }) }, async (t) => {
  const { dir, app } = generate('routes-entry', 'mod_wsgi', 'hello');
  const port = await freePort();
  let site = substitute(read(app, 'deploy/mod_wsgi/apache-site.conf'), '<VirtualHost *:80>', `<VirtualHost *:${port}>`, 'vhost');
  if (!ROOT) site = substitute(site, ' user=www-data group=www-data', '', 'daemon user');
  writeFileSync(join(dir, 'site.conf'), site);
  writeFileSync(join(dir, 'apache.conf'), apacheMain(dir, port, ['wsgi'], join(dir, 'site.conf')));
  await withDaemons([() => start('apache2', [APACHE, '-f', join(dir, 'apache.conf'), '-DFOREGROUND'], { logs: [join(dir, 'error.log')] })], () =>
    answers(t, port, /<html|<!DOCTYPE/i, '/static/site.css', join(app, 'hello_app/static/site.css')));
});

test('gunicorn-nginx: the unit\'s gunicorn command behind the generated nginx server block, through ProxyFix (module-layout)', { skip: needs({ nginx: NGINX }, ['gunicorn', 'werkzeug']) }, async (t) => {
  const { dir, app } = generate('module-layout', 'gunicorn-nginx', 'shop');
  const [port, backend] = [await freePort(), await freePort()];
  const unit = read(app, 'deploy/gunicorn-nginx/shop-gunicorn.service');
  const exec = /^ExecStart=(.+)$/m.exec(unit)![1]!.split(' ');
  assert.equal(exec[0], PYTHON);
  const argv = exec.map((a) => (a === '127.0.0.1:8000' ? `127.0.0.1:${backend}` : a));
  assert.ok(argv.includes(`127.0.0.1:${backend}`), 'the unit binds 127.0.0.1:8000');
  const conf = nginxConfig(dir, read(app, 'deploy/gunicorn-nginx/nginx-site.conf'), port, (s) => substitute(s, 'http://127.0.0.1:8000;', `http://127.0.0.1:${backend};`, 'proxy_pass'));
  await withDaemons([
    () => start('gunicorn', [...argv, '--workers', '1'], { cwd: /^WorkingDirectory=(.+)$/m.exec(unit)![1]!, asWebUser: true }),
    () => start('nginx', [NGINX, '-c', conf, '-p', dir], { logs: [join(dir, 'nginx-error.log')] }),
  ], () => answers(t, port, /^module layout$/, '/static/site.css', join(app, 'static/site.css')));
});

test('uwsgi-nginx: uWSGI from the generated ini on its socket, nginx\'s uwsgi_pass to it (routes-entry)', { skip: needs({ nginx: NGINX, uwsgi: UWSGI, 'uwsgi-plugin-python3': UWSGI_PY }) }, async (t) => {
  const { dir, app } = generate('routes-entry', 'uwsgi-nginx', 'hello');
  const port = await freePort();
  const run = runtimeDir(dir);
  const ini = join(dir, 'uwsgi.ini');
  writeFileSync(ini, substitute(read(app, 'deploy/uwsgi-nginx/uwsgi.ini'), '/run/hello/', `${run}/`, 'uwsgi socket'));
  const conf = nginxConfig(dir, read(app, 'deploy/uwsgi-nginx/nginx-site.conf'), port, (s) => substitute(s, 'unix:/run/hello/', `unix:${run}/`, 'uwsgi_pass'));
  await withDaemons([
    () => start('uwsgi', [UWSGI, '--plugins-dir', '/usr/lib/uwsgi/plugins', '--ini', ini], { asWebUser: true }),
    () => start('nginx', [NGINX, '-c', conf, '-p', dir], { logs: [join(dir, 'nginx-error.log')] }),
  ], () => answers(t, port, /<html|<!DOCTYPE/i, '/static/site.css', join(app, 'hello_app/static/site.css')));
  assert.deepEqual(readdirSync(run), [], 'uWSGI removed its socket on exit (vacuum)');
});

/** lighttpd from the generated config in front of the FastCGI process: the .fcgi under flup, or its `application` under uWSGI. */
async function fastcgi(t: { diagnostic(m: string): void }, flup: boolean): Promise<void> {
  const { dir, app } = generate('module-layout', 'fastcgi-flup', 'shop');
  const port = await freePort();
  const run = runtimeDir(dir);
  const site = substitute(read(app, 'deploy/fastcgi-flup/lighttpd.conf'), '/run/shop/', `${run}/`, 'fastcgi socket');
  writeFileSync(join(dir, 'lighttpd.conf'), [
    'server.modules = ( "mod_alias", "mod_fastcgi" )',
    `server.document-root = "${app}"`,
    'server.bind = "127.0.0.1"',
    `server.port = ${port}`,
    `server.pid-file = "${dir}/lighttpd.pid"`,
    // lighttpd opens its error log after it became www-data: in the folder that user owns.
    `server.errorlog = "${run}/lighttpd-error.log"`,
    ...(ROOT ? ['server.username = "www-data"', 'server.groupname = "www-data"'] : []),
    'mimetype.assign = ( ".css" => "text/css", ".html" => "text/html" )',
    site,
  ].join('\n'));
  const socket = /"socket" => "([^"]+)"/.exec(site)![1]!;
  const fcgi = join(app, 'shop.fcgi');
  // The unit's command (the .fcgi, executable, on the socket), or uWSGI's FastCGI server loading the same file (flup is imported only when it runs).
  const unit = read(app, 'deploy/fastcgi-flup/shop-fcgi.service');
  assert.match(unit, new RegExp(`^ExecStart=${fcgi} /run/shop/fcgi\\.sock$`, 'm'));
  const python = flup ? [fcgi, socket] : [UWSGI, '--plugins-dir', '/usr/lib/uwsgi/plugins', '--plugins', 'python3', '--fastcgi-socket', socket, '--chmod-socket=660', '--wsgi-file', fcgi, '--master', '--die-on-term'];
  await withDaemons([
    () => start(flup ? 'shop.fcgi (flup)' : 'uwsgi --fastcgi-socket', python, { cwd: app, asWebUser: true }),
    () => start('lighttpd', [LIGHTTPD, '-D', '-f', join(dir, 'lighttpd.conf')], { logs: [join(run, 'lighttpd-error.log')] }),
  ], () => answers(t, port, /^module layout$/, '/static/site.css', join(app, 'static/site.css')));
}

const NO_FLUP = 'python3-flup is not packaged by Debian (apt-cache search finds nothing): the .fcgi cannot run under flup here';

test('fastcgi-flup: lighttpd from the generated config, the executable .fcgi under flup (module-layout)', { skip: needs({ lighttpd: LIGHTTPD }) || (!FLUP && NO_FLUP) }, (t) => fastcgi(t, true));

test('fastcgi-flup: lighttpd from the generated config, the .fcgi\'s application under uWSGI\'s FastCGI server, Debian\'s stand-in for flup (module-layout)', { skip: needs({ lighttpd: LIGHTTPD, uwsgi: UWSGI, 'uwsgi-plugin-python3': UWSGI_PY }) }, (t) => fastcgi(t, false));

/**
 * Apache from the generated mod_fcgid vhost: mod_fcgid starts the FastCGI process itself with the connection on its
 * standard input. Under flup that process is the .fcgi; without flup (Debian), FcgidWrapper in the test's own main
 * config (never in the generated vhost) makes mod_fcgid start uWSGI in FastCGI mode on that inherited socket instead,
 * loading the same .fcgi's `application`.
 */
async function fcgid(t: { diagnostic(m: string): void }, flup: boolean): Promise<void> {
  const { dir, app } = generate('module-layout', 'fastcgi-flup', 'shop');
  const port = await freePort();
  const run = runtimeDir(dir);
  const site = substitute(read(app, 'deploy/fastcgi-flup/apache-fcgid.conf'), '<VirtualHost *:80>', `<VirtualHost *:${port}>`, 'vhost');
  assert.match(site, new RegExp(`ScriptAlias / ${app}/shop\\.fcgi/`));
  writeFileSync(join(dir, 'site.conf'), site);
  const wrapper = join(dir, 'uwsgi-fastcgi.sh');
  if (!flup) {
    writeFileSync(wrapper, `#!/bin/sh\nexec ${UWSGI} --plugins-dir /usr/lib/uwsgi/plugins --plugins python3 --protocol fastcgi --chdir ${app} --wsgi-file ${join(app, 'shop.fcgi')}\n`, { mode: 0o755 });
  }
  writeFileSync(join(dir, 'fcgid.conf'), [
    `FcgidIPCDir ${run}/fcgid`,
    `FcgidProcessTableFile ${run}/fcgid_shm`,
    ...(flup ? [] : [`FcgidWrapper ${wrapper}`]),
    `Include ${join(dir, 'site.conf')}`,
    '',
  ].join('\n'));
  writeFileSync(join(dir, 'apache.conf'), apacheMain(dir, port, ['fcgid'], join(dir, 'fcgid.conf')));
  await withDaemons([() => start('apache2', [APACHE, '-f', join(dir, 'apache.conf'), '-DFOREGROUND'], { logs: [join(dir, 'error.log')] })], () =>
    answers(t, port, /^module layout$/, '/static/site.css', join(app, 'static/site.css')));
}

const FCGID = { apache2: APACHE, 'libapache2-mod-fcgid': '/usr/lib/apache2/modules/mod_fcgid.so' };

test('fastcgi-flup: Apache mod_fcgid from the generated vhost starts the executable .fcgi under flup (module-layout)', { skip: needs(FCGID) || (!FLUP && NO_FLUP) }, (t) => fcgid(t, true));

test('fastcgi-flup: Apache mod_fcgid from the generated vhost, the .fcgi\'s application under uWSGI\'s FastCGI mode on the socket mod_fcgid passes, Debian\'s stand-in for flup (module-layout)', { skip: needs({ ...FCGID, uwsgi: UWSGI, 'uwsgi-plugin-python3': UWSGI_PY }) }, (t) => fcgid(t, false));

test('cgi: Apache mod_cgid runs the executable .cgi; the static folder is served by Apache (module-layout)', { skip: needs({ apache2: APACHE, mod_cgid: '/usr/lib/apache2/modules/mod_cgid.so' }) }, async (t) => {
  const { dir, app } = generate('module-layout', 'cgi', 'shop');
  const port = await freePort();
  const site = substitute(read(app, 'deploy/cgi/apache-cgi.conf'), '<VirtualHost *:80>', `<VirtualHost *:${port}>`, 'vhost');
  writeFileSync(join(dir, 'site.conf'), site);
  writeFileSync(join(dir, 'apache.conf'), apacheMain(dir, port, ['cgid'], join(dir, 'site.conf')));
  await withDaemons([() => start('apache2', [APACHE, '-f', join(dir, 'apache.conf'), '-DFOREGROUND'], { logs: [join(dir, 'error.log')] })], () =>
    answers(t, port, /^module layout$/, '/static/site.css', join(app, 'static/site.css')));
});
