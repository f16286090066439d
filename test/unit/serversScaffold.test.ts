/** `init|new --server S`: the files of each target, from the application the analysis finds (core plans and the CLI). */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { renderMessage } from '../../src/core/messages';
import { planServerDeployment, SERVER_TARGETS, splitHandler, unixServerPaths, venvOf, type ServerDeployOptions, type ServerTarget } from '../../src/core/servers';
import { tempDir } from './pythonHelpers';
import { cli, fixtureWithoutConfig, listFiles } from './scaffoldHelpers';

const base = (target: ServerTarget, over: Partial<ServerDeployOptions> = {}): ServerDeployOptions => ({
  name: 'shop', target, app: { handler: 'shop.app' }, server: { appDir: '/var/www/shop', python: '/var/www/shop/.venv/bin/python', venv: '/var/www/shop/.venv' },
  staticFolder: true, requirements: true, ...over,
});

const EXPECTED: Record<ServerTarget, string[]> = {
  mod_wsgi: ['shop.wsgi', 'deploy/mod_wsgi/apache-site.conf', 'deploy/mod_wsgi/apache-site-windows.conf', 'deploy/mod_wsgi/DEPLOY.md'],
  'gunicorn-nginx': ['wsgi_proxied.py', 'deploy/gunicorn-nginx/shop-gunicorn.service', 'deploy/gunicorn-nginx/nginx-site.conf', 'deploy/gunicorn-nginx/DEPLOY.md'],
  'uwsgi-nginx': ['shop.wsgi', 'deploy/uwsgi-nginx/uwsgi.ini', 'deploy/uwsgi-nginx/shop-uwsgi.service', 'deploy/uwsgi-nginx/nginx-site.conf', 'deploy/uwsgi-nginx/DEPLOY.md'],
  'fastcgi-flup': ['shop.fcgi', 'deploy/fastcgi-flup/shop-fcgi.service', 'deploy/fastcgi-flup/lighttpd.conf', 'deploy/fastcgi-flup/nginx-site.conf', 'deploy/fastcgi-flup/apache-fcgid.conf', 'deploy/fastcgi-flup/DEPLOY.md'],
  cgi: ['shop.cgi', 'deploy/cgi/apache-cgi.conf', 'deploy/cgi/htaccess', 'deploy/cgi/DEPLOY.md'],
};

test('each target plans its entry file, its server configs and its DEPLOY.md; scripts the server runs are executable', () => {
  for (const target of SERVER_TARGETS) {
    const files = planServerDeployment(base(target));
    assert.deepEqual(files.map((f) => f.path), EXPECTED[target], target);
    for (const f of files) assert.equal(f.mode, /\.(f?cgi)$/.test(f.path) ? 0o755 : undefined, f.path);
    const guide = files.find((f) => f.path.endsWith('DEPLOY.md'))!.content;
    assert.match(guide, /^# Deploying shop with /);
    assert.match(guide, /\/var\/www\/shop\/\.venv\/bin\/pip install -r requirements\.txt/);
  }
});

test('mod_wsgi: daemon mode on Unix with the venv as python-home; the Windows variant has no WSGIDaemonProcess', () => {
  const files = planServerDeployment(base('mod_wsgi'));
  const unix = files.find((f) => f.path.endsWith('apache-site.conf'))!.content;
  const windows = files.find((f) => f.path.endsWith('windows.conf'))!.content;
  assert.match(unix, /^\s*WSGIDaemonProcess shop user=www-data group=www-data threads=5 python-home=\/var\/www\/shop\/\.venv python-path=\/var\/www\/shop$/m);
  assert.match(unix, /^\s*WSGIScriptAlias \/ \/var\/www\/shop\/shop\.wsgi$/m);
  assert.ok(unix.indexOf('Alias /static/') < unix.indexOf('WSGIScriptAlias'), 'the static alias comes first');
  assert.doesNotMatch(windows.replace(/^\s*#.*$/gm, ''), /WSGIDaemonProcess|WSGIProcessGroup/);
  assert.match(windows, /WSGIScriptAlias \/ "C:\/sites\/shop\/shop\.wsgi"/);
});

test('the .wsgi is the same file for mod_wsgi and uWSGI, and defines application from an instance, a factory or Django', () => {
  const wsgi = (o: ServerDeployOptions) => planServerDeployment(o).find((f) => f.path.endsWith('.wsgi'))!.content;
  assert.equal(wsgi(base('mod_wsgi')), wsgi(base('uwsgi-nginx')));
  assert.match(wsgi(base('mod_wsgi')), /^from shop import app as application$/m);
  assert.match(wsgi(base('mod_wsgi', { app: { handler: 'shop.create_app()' } })), /^from shop import create_app\n\napplication = create_app\(\)$/m);
  const django = wsgi(base('mod_wsgi', { app: { handler: 'django.core.wsgi.get_wsgi_application()', djangoSettings: 'mysite.settings' } }));
  assert.match(django, /os\.environ\.setdefault\("DJANGO_SETTINGS_MODULE", 'mysite\.settings'\)\n\n.*\nfrom django\.core\.wsgi import get_wsgi_application\n\napplication = get_wsgi_application\(\)/);
  const src = wsgi(base('mod_wsgi', { app: { handler: 'shop.app', pythonPath: ['src'] } }));
  assert.match(src, /sys\.path\.insert\(0, os\.path\.join\(APP_DIR, 'src'\)\)\nsys\.path\.insert\(0, APP_DIR\)/);
  assert.doesNotMatch(wsgi(base('mod_wsgi', { server: { appDir: '/srv/shop', python: '/usr/bin/python3' } })), /VENV/);
});

test('the CGI script sets standard output aside before importing the app; .fcgi and .cgi start with the venv python', () => {
  const cgi = planServerDeployment(base('cgi')).find((f) => f.path === 'shop.cgi')!.content;
  assert.match(cgi, /^#!\/var\/www\/shop\/\.venv\/bin\/python\n/);
  assert.ok(cgi.indexOf('handler = CGIHandler()') < cgi.indexOf('sys.stdout = sys.stderr') && cgi.indexOf('sys.stdout = sys.stderr') < cgi.indexOf('from shop import'));
  const fcgi = planServerDeployment(base('fastcgi-flup')).find((f) => f.path === 'shop.fcgi')!.content;
  assert.match(fcgi, /^#!\/var\/www\/shop\/\.venv\/bin\/python\n/);
  assert.ok(fcgi.indexOf('from flup.server.fcgi import WSGIServer') > fcgi.indexOf('if __name__ == "__main__":'), 'flup is imported only when run');
});

test('nginx, uWSGI and lighttpd name the same socket or port as the Python side', () => {
  const g = planServerDeployment(base('gunicorn-nginx'));
  assert.match(g.find((f) => f.path.endsWith('.service'))!.content, /--bind 127\.0\.0\.1:8000 wsgi_proxied:application/);
  assert.match(g.find((f) => f.path.endsWith('nginx-site.conf'))!.content, /proxy_pass\s+http:\/\/127\.0\.0\.1:8000;/);
  assert.match(g.find((f) => f.path === 'wsgi_proxied.py')!.content, /application = ProxyFix\(application, x_for=1, x_proto=1, x_host=1\)/);
  const u = planServerDeployment(base('uwsgi-nginx'));
  assert.match(u.find((f) => f.path.endsWith('uwsgi.ini'))!.content, /^socket = \/run\/shop\/uwsgi\.sock\nchmod-socket = 660$/m);
  assert.match(u.find((f) => f.path.endsWith('nginx-site.conf'))!.content, /uwsgi_pass unix:\/run\/shop\/uwsgi\.sock;/);
  assert.match(u.find((f) => f.path.endsWith('.service'))!.content, /^RuntimeDirectory=shop$/m);
  const f = planServerDeployment(base('fastcgi-flup'));
  assert.match(f.find((x) => x.path.endsWith('lighttpd.conf'))!.content, /"socket" => "\/run\/shop\/fcgi\.sock"/);
  assert.match(f.find((x) => x.path.endsWith('.service'))!.content, /^ExecStart=\/var\/www\/shop\/shop\.fcgi \/run\/shop\/fcgi\.sock$/m);
});

test('server paths: defaults, venv detection, and paths that cannot go unquoted into the configs are refused', () => {
  const d = unixServerPaths({ name: 'shop' });
  assert.ok(d.ok);
  assert.deepEqual(d.server, { appDir: '/var/www/shop', python: '/var/www/shop/.venv/bin/python', venv: '/var/www/shop/.venv' });
  assert.equal(venvOf('/usr/bin/python3'), undefined);
  assert.equal(venvOf('/usr/local/bin/python3.11'), undefined);
  assert.equal(venvOf('/opt/envs/shop/bin/python3'), '/opt/envs/shop');
  for (const bad of ['relative/dir', '/var/www/my shop', '/var/www/$HOME', '/var/www/a;b', 'C:\\inetpub\\shop', '/var/www/../etc']) {
    const r = unixServerPaths({ name: 'shop', appDir: bad });
    assert.ok(!r.ok, bad);
    assert.match(renderMessage(r.problem.key, r.problem.args), /application folder/, bad);
  }
  const notPython = unixServerPaths({ name: 'shop', python: '/usr/bin/perl' });
  assert.ok(!notPython.ok && notPython.problem.key === 'servers.python.notPython');
  assert.deepEqual(splitHandler('pkg.sub.create_app()'), { module: 'pkg.sub', attr: 'create_app', call: true });
});

test('flask-iis init --server: every target on a real sample (flaskr: a factory, its static folder in the package)', () => {
  const dir = fixtureWithoutConfig('flaskr', 'servers-flaskr');
  for (const target of SERVER_TARGETS) {
    const r = cli(['init', dir, '--server', target, '--site-path', '/srv/flaskr', '--name', 'flaskr']);
    assert.equal(r.status, 0, `${target}: ${r.stderr}`);
    assert.match(r.stdout, new RegExp(`deploy/${target}/DEPLOY\\.md`));
  }
  const files = listFiles(dir);
  for (const f of ['flaskr.wsgi', 'flaskr.cgi', 'flaskr.fcgi', 'wsgi_proxied.py']) assert.ok(files.includes(f), f);
  assert.equal(statSync(join(dir, 'flaskr.cgi')).mode & 0o777, 0o755);
  assert.match(readFileSync(join(dir, 'flaskr.wsgi'), 'utf8'), /from flaskr import create_app\n\napplication = create_app\(\)/);
  assert.match(readFileSync(join(dir, 'deploy/mod_wsgi/apache-site.conf'), 'utf8'), /Alias \/static\/ \/srv\/flaskr\/flaskr\/static\//);
  // The entries compile.
  for (const f of ['flaskr.wsgi', 'flaskr.cgi', 'flaskr.fcgi', 'wsgi_proxied.py']) {
    const r = spawnSync('/usr/bin/python3', ['-c', 'import sys; compile(open(sys.argv[1]).read(), sys.argv[1], "exec")', join(dir, f)], { encoding: 'utf8' });
    if (r.error) break;
    assert.equal(r.status, 0, `${f}: ${r.stderr}`);
  }
});

test('flask-iis init --server: a changed file is a conflict (nothing written), --force keeps a .bak, a re-run is unchanged', () => {
  const dir = fixtureWithoutConfig('module-layout', 'servers-conflict');
  assert.equal(cli(['init', dir, '--server', 'cgi']).status, 0);
  const again = cli(['init', dir, '--server', 'cgi']);
  assert.equal(again.status, 0);
  assert.match(again.stdout, /unchanged\s+\S+\.cgi/);
  const script = listFiles(dir).find((f) => f.endsWith('.cgi'))!;
  writeFileSync(join(dir, script), '#!/usr/bin/python\nprint("hi")\n', { mode: 0o644 });
  const conflict = cli(['init', dir, '--server', 'cgi']);
  assert.equal(conflict.status, 2);
  assert.match(conflict.stderr, /differ from what init writes/);
  const forced = cli(['init', dir, '--server', 'cgi', '--force']);
  assert.equal(forced.status, 0, forced.stderr);
  assert.ok(listFiles(dir).includes(`${script}.bak`));
  assert.equal(statSync(join(dir, script)).mode & 0o111, 0o111, 'the replaced script is executable again');
});

test('flask-iis --server: usage errors, an ASGI app refused, new writes a project for the target', () => {
  const dir = tempDir('servers-usage');
  assert.match(cli(['init', dir, '--server', 'tomcat']).stderr, /--server must be mod_wsgi, gunicorn-nginx/);
  assert.match(cli(['init', dir, '--server', 'cgi', '--bridge', 'wfastcgi']).stderr, /--bridge is for IIS/);
  const asgi = cli(['init', fixtureWithoutConfig('fastapi', 'servers-asgi'), '--server', 'gunicorn-nginx']);
  assert.equal(asgi.status, 2);
  assert.match(asgi.stderr, /ASGI application, which gunicorn-nginx cannot serve: use uvicorn/);
  const created = cli(['new', join(dir, 'shop'), '--server', 'gunicorn-nginx', '--layout', 'module']);
  assert.equal(created.status, 0, created.stderr);
  const files = listFiles(join(dir, 'shop'));
  for (const f of ['app.py', 'static/site.css', 'requirements.txt', 'wsgi_proxied.py', 'deploy/gunicorn-nginx/nginx-site.conf']) assert.ok(files.includes(f), f);
  assert.ok(!files.includes('web.config'));
  assert.match(readFileSync(join(dir, 'shop/requirements.txt'), 'utf8'), /gunicorn/);
});
