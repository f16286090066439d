/**
 * verify answers "will it serve?" (issue 12, part 3): after loading WSGI_HANDLER as wfastcgi does, a request goes
 * through the application in the same process; failures only a request shows are caught before deploy.
 * Real Python: Debian's /usr/bin/python3 with flask, waitress and django, passed with --python.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { pythonWith } from './platform';
import { test } from 'node:test';
import { runCli } from './helpers';
import { makeProject, wfastcgiConfig } from './pythonHelpers';

const PYTHON = pythonWith(['flask', 'waitress']);
const DJANGO = !!PYTHON && spawnSync(PYTHON, ['-c', 'import django'], { stdio: 'ignore', timeout: 20_000 }).status === 0;
const skip = !PYTHON && 'no Python with flask and waitress (run node scripts/setup-python.mjs, or set FLASK_IIS_PYTHON)';
const DJANGO_SETTINGS = '\n    <add key="DJANGO_SETTINGS_MODULE" value="mysite.settings" />';

const verify = (dir: string, extra: string[] = []) => runCli(['verify', dir, '--python', PYTHON!, ...extra], 120_000);

test('a working app: exit 0 with the status of GET / (and of each --path)', { skip }, () => {
  const dir = makeProject('vr-ok', { 'web.config': wfastcgiConfig('startup.app') }, 'routes-entry');
  const r = verify(dir, ['--path', '/', '--path', '/about/', '--path', '/nothing']);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stderr, /GET \/ -> 200 OK, GET \/about\/ -> 200 OK, GET \/nothing -> 404 NOT FOUND \(4 routes\)/);
  assert.match(r.stderr, /GET \/nothing answered 404, and the application has 4 route\(s\)/);
});

test('Django settings without ROOT_URLCONF: loads, then the request fails: exit 1 with the traceback', { skip: skip || (!DJANGO && 'no Django') }, () => {
  const dir = makeProject('vr-urlconf', { 'web.config': wfastcgiConfig('django.core.wsgi.get_wsgi_application()', DJANGO_SETTINGS) }, 'django-static');
  const settings = spawnSync('sed', ['-i', '/^ROOT_URLCONF/d', `${dir}/mysite/settings.py`]);
  assert.equal(settings.status, 0);
  const r = verify(dir, ['--format', 'json']);
  assert.equal(r.status, 1, r.stderr);
  const json = JSON.parse(r.stdout) as { files: { diagnostics: { code: string; message: string }[] }[] };
  const d = json.files[0]!.diagnostics;
  assert.deepEqual(d.map((x) => x.code), ['wsgi-request-failed']);
  assert.match(d[0]!.message, /GET \/ (through it )?fails \(500/);
  assert.match(d[0]!.message, /ROOT_URLCONF/);
  const fine = makeProject('vr-django-ok', { 'web.config': wfastcgiConfig('django.core.wsgi.get_wsgi_application()', DJANGO_SETTINGS) }, 'django-static');
  const ok = verify(fine);
  assert.equal(ok.status, 0, ok.stdout + ok.stderr);
  assert.match(ok.stderr, /GET \/ -> 200 OK/);
});

test('a missing template and a database never initialised are found before deploy', { skip }, () => {
  const template = makeProject('vr-template', { 'web.config': wfastcgiConfig('startup.app') }, 'routes-entry');
  spawnSync('rm', [`${template}/hello_app/templates/home.html`]);
  const t = verify(template);
  assert.equal(t.status, 1);
  assert.match(t.stdout, /TemplateNotFound: home\.html/);
  const db = makeProject('vr-db', { 'web.config': wfastcgiConfig('flaskr.create_app()') }, 'flaskr');
  const d = verify(db);
  assert.equal(d.status, 1);
  assert.match(d.stdout, /no such table: post/);
  assert.match(d.stdout, /flaskr\/blog\.py", line 13/);
});

test('routes in a module never imported: 404 everywhere is explained, exit 1', { skip }, () => {
  const dir = makeProject('vr-404', { 'web.config': wfastcgiConfig('hello_app.app') }, 'routes-entry');
  const r = verify(dir);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stdout, /GET \/ (through it )?fails \(404 NOT FOUND\)/);
  assert.match(r.stdout, /no routes at all.*wsgi-handler-routes-not-imported/s);
});

test('an ASGI app under wfastcgi: it loads, then every request fails with TypeError (as the real loader)', { skip: skip || (spawnSync(PYTHON ?? 'false', ['-c', 'import fastapi'], { stdio: 'ignore' }).status !== 0 && 'no fastapi') }, () => {
  const r = verify(makeProject('vr-asgi', {}, 'fastapi'));
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /WSGI_HANDLER loads with/);
  assert.match(r.stdout, /wsgi-request-failed .*The handler loads \(wfastcgi does not check it\), then every request fails:\nTypeError/s);
});

test('--path must be a URL path; exit 2 on usage errors', { skip }, () => {
  const dir = makeProject('vr-usage', { 'web.config': wfastcgiConfig('startup.app') }, 'routes-entry');
  assert.equal(verify(dir, ['--path', 'about']).status, 2);
  assert.equal(verify(dir, ['--path']).status, 2);
});
