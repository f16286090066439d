/** Scaffold options: validation of what users type, the server-side defaults per machine, the choice of the app. */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { renderMessage } from '../../src/core/messages';
import {
  chooseApp, handlerProblem, logDirProblem, nameProblem, normalizeLogDir, normalizeWindowsPath, pythonProblem, serverDefaults, suggestName, windowsPathProblem,
  type AppCandidate, type ServerDefaultsInput,
} from '../../src/core/scaffold';
import type { PythonSupport } from '../../src/core/python';
import { appCandidates } from '../../src/node/scaffold/scaffoldProject';
import { makeProject, testSupport } from './pythonHelpers';

let support: PythonSupport;
before(async () => {
  support = await testSupport();
});

test('app names: Python identifiers that hide no module; suggestions from folder names', () => {
  assert.equal(nameProblem('my_shop'), undefined);
  for (const bad of ['my-shop', '2shop', 'class', '', 'café']) assert.equal(nameProblem(bad)?.key, 'scaffold.name.invalid', bad);
  for (const shadow of ['flask', 'json', 'email', 'test', 'waitress']) assert.equal(nameProblem(shadow)?.key, 'scaffold.name.shadows', shadow);
  assert.deepEqual(['My Shop (2)', 'Café & Co', '2024 site', 'flask', '...', 'email'].map(suggestName), ['my_shop_2', 'cafe_co', 'app_2024_site', 'flask_app', 'webapp', 'email_app']);
  for (const s of ['My Shop (2)', 'Café & Co', '2024 site', 'flask', '...', 'email']) assert.equal(nameProblem(suggestName(s)), undefined, s);
  assert.match(renderMessage('scaffold.name.invalid', nameProblem('my-shop')!.args), /Try "my_shop"/);
});

test('server paths: absolute Windows paths without characters Windows forbids or %VARIABLES%', () => {
  for (const ok of ['C:\\inetpub\\shop', 'D:\\Sites\\Café & Co\'s site', '\\\\server\\share\\site', 'C:\\']) assert.equal(windowsPathProblem(ok, 'scaffold.what.site'), undefined, ok);
  assert.equal(windowsPathProblem('/srv/shop', 'scaffold.what.site')?.key, 'scaffold.path.notAbsolute');
  assert.equal(windowsPathProblem('shop', 'scaffold.what.site')?.key, 'scaffold.path.notAbsolute');
  for (const ch of ['<', '>', '"', '|', '?', '*', ':']) assert.equal(windowsPathProblem(`C:\\a${ch}b`, 'scaffold.what.site')?.key, 'scaffold.path.badChar', ch);
  assert.equal(windowsPathProblem('%SystemDrive%\\inetpub', 'scaffold.what.site')?.key, 'scaffold.path.notAbsolute');
  assert.equal(windowsPathProblem('C:\\%APPDIR%\\x', 'scaffold.what.site')?.key, 'scaffold.path.variable');
  assert.equal(renderMessage('scaffold.path.notAbsolute', windowsPathProblem('/srv', 'scaffold.what.site')!.args).split(' "')[0], 'The site path');
  assert.equal(normalizeWindowsPath('"C:/inetpub/shop/"'), 'C:\\inetpub\\shop');
  assert.equal(pythonProblem('C:\\Python312\\python.exe'), undefined);
  assert.equal(pythonProblem('C:\\Python312\\python3.12.exe'), undefined);
  assert.equal(pythonProblem('C:\\Python312\\py.exe')?.key, 'scaffold.python.notExe');
  assert.equal(pythonProblem('/usr/bin/python3')?.key, 'scaffold.path.notAbsolute');
  assert.deepEqual(['logs', '.\\logs\\', 'logs/app', 'D:\\Logs\\'].map(normalizeLogDir), ['logs', 'logs', 'logs\\app', 'D:\\Logs']);
  for (const bad of ['..\\logs', 'a\\..\\b', 'C:logs', '\\logs', 'lo|gs']) assert.ok(logDirProblem(normalizeLogDir(bad)), bad);
  for (const h of ['app.app', 'pkg.create_app()', 'django.core.wsgi.get_wsgi_application()', 'caf\u00e9.app']) assert.equal(handlerProblem(h), undefined, h);
  for (const h of ['app:app', 'app', 'app.py', 'a..b', 'a.b()c']) assert.equal(handlerProblem(h)?.key, 'scaffold.handler.invalid', h);
});

const input = (o: Partial<ServerDefaultsInput>): ServerDefaultsInput => ({ windows: false, projectDir: '/home/me/shop', name: 'shop', bridge: 'wfastcgi', ...o });

test('defaults elsewhere than Windows: the site is C:\\inetpub\\<name>, the interpreter a venv created inside it on the server', () => {
  const d = serverDefaults(input({}));
  assert.ok(d.ok);
  assert.deepEqual(d.server, { sitePath: 'C:\\inetpub\\shop', python: 'C:\\inetpub\\shop\\.venv\\Scripts\\python.exe', wfastcgi: 'C:\\inetpub\\shop\\.venv\\Lib\\site-packages\\wfastcgi.py', venv: '.venv' });
  assert.deepEqual(d.notes.map((n) => n.key), ['scaffold.note.siteDefault', 'scaffold.note.venvLayout']);
  const platform = serverDefaults(input({ bridge: 'httpplatform' }));
  assert.ok(platform.ok);
  assert.equal(platform.server.logDir, 'logs');
});

test('defaults on Windows: the project folder is the site, the python on PATH serves it (with its own wfastcgi.py)', () => {
  const withWfastcgi = { python: 'C:\\Python312\\python.exe', wfastcgi: 'C:\\Python312\\Lib\\site-packages\\wfastcgi.py', source: 'path' as const };
  const d = serverDefaults(input({ windows: true, projectDir: 'C:\\work\\shop', pathPython: withWfastcgi }));
  assert.ok(d.ok);
  assert.deepEqual(d.server, { sitePath: 'C:\\work\\shop', python: withWfastcgi.python, wfastcgi: withWfastcgi.wfastcgi });
  assert.deepEqual(d.notes.map((n) => n.key), ['scaffold.note.pathPython']);
  const without = serverDefaults(input({ windows: true, projectDir: 'C:\\work\\shop', pathPython: { python: 'C:\\Py\\python.exe', source: 'path' } }));
  assert.ok(without.ok);
  assert.equal(without.server.wfastcgi, 'C:\\Py\\Lib\\site-packages\\wfastcgi.py');
  assert.deepEqual(without.notes.map((n) => n.key), ['scaffold.note.pathPython', 'scaffold.note.wfastcgiMissing']);
  const none = serverDefaults(input({ windows: true, projectDir: 'C:\\work\\shop' }));
  assert.ok(none.ok);
  assert.equal(none.server.python, 'C:\\work\\shop\\.venv\\Scripts\\python.exe');
});

test('explicit values win: --python (a Windows path given on Linux), --site-path, --log-dir; the project\'s own venv before PATH', () => {
  const d = serverDefaults(input({ python: 'E:/Python 3.12/python.exe', sitePath: 'E:\\sites\\shop', logDir: 'E:\\logs\\shop' }));
  assert.ok(d.ok);
  assert.deepEqual(d.server, { sitePath: 'E:\\sites\\shop', python: 'E:\\Python 3.12\\python.exe', wfastcgi: 'E:\\Python 3.12\\Lib\\site-packages\\wfastcgi.py', logDir: 'E:\\logs\\shop' });
  assert.deepEqual(d.notes.map((n) => n.key), ['scaffold.note.spaces']);
  const inSite = serverDefaults(input({ python: 'C:\\inetpub\\shop\\env\\Scripts\\python.exe' }));
  assert.ok(inSite.ok);
  assert.equal(inSite.server.venv, 'env');
  const venv = serverDefaults(input({ windows: true, projectDir: 'C:\\work\\shop', projectVenv: 'venv', pathPython: { python: 'C:\\Py\\python.exe', source: 'path' } }));
  assert.ok(venv.ok);
  assert.equal(venv.server.python, 'C:\\work\\shop\\venv\\Scripts\\python.exe');
  for (const [o, key] of [[{ python: '/usr/bin/python3' }, 'scaffold.path.notAbsolute'], [{ sitePath: 'C:\\a|b' }, 'scaffold.path.badChar'], [{ logDir: '..\\up' }, 'scaffold.logDir.invalid']] as const) {
    const bad = serverDefaults(input(o));
    assert.ok(!bad.ok && bad.problem.key === key, JSON.stringify(o));
  }
});

const candidate = (handler: string, kind: AppCandidate['kind'], file: string, extra: Partial<AppCandidate> = {}): AppCandidate => ({ handler, kind, file, ...extra });

test('the app to deploy: one per application (Django and app+factory pairs count once), several or none ask, --handler decides', () => {
  const django = [candidate('mysite.wsgi.application', 'instance', 'mysite/wsgi.py'), candidate('django.core.wsgi.get_wsgi_application()', 'django', 'mysite/wsgi.py', { djangoSettings: 'mysite.settings' })];
  assert.deepEqual(chooseApp(django, undefined, 'p'), { ok: true, app: { handler: 'django.core.wsgi.get_wsgi_application()', djangoSettings: 'mysite.settings' }, notes: [] });
  const pair = [candidate('shop.app', 'instance', 'shop/__init__.py'), candidate('shop.create_app()', 'factory', 'shop/__init__.py')];
  assert.deepEqual(chooseApp(pair, undefined, 'p'), { ok: true, app: { handler: 'shop.app' }, notes: [] });
  assert.deepEqual(chooseApp([candidate('portal.create_app()', 'factory', 'portal/__init__.py')], undefined, 'p'), { ok: true, app: { handler: 'portal.create_app()' }, notes: [] });
  assert.deepEqual(chooseApp([candidate('main.app', 'instance', 'main.py', { asgi: true })], undefined, 'p'), { ok: true, app: { handler: 'main.app', asgi: true }, notes: [] });
  const several = chooseApp([candidate('a.app', 'instance', 'a.py'), candidate('b.app', 'instance', 'b.py')], undefined, 'proj');
  assert.ok(!several.ok);
  assert.equal(renderMessage(several.problem.key, several.problem.args), 'Several applications in proj: a.app, b.app. Choose the one IIS serves.');
  assert.deepEqual(several.candidates.map((c) => c.handler), ['a.app', 'b.app']);
  const none = chooseApp([], undefined, 'proj');
  assert.ok(!none.ok && none.problem.key === 'scaffold.noApp');
  assert.deepEqual(chooseApp([candidate('a.app', 'instance', 'a.py'), candidate('b.app', 'instance', 'b.py', { asgi: true })], 'b.app', 'p'), { ok: true, app: { handler: 'b.app', asgi: true }, notes: [] });
  assert.deepEqual(chooseApp(django, 'django.core.wsgi.get_wsgi_application()', 'p'), { ok: true, app: { handler: 'django.core.wsgi.get_wsgi_application()', djangoSettings: 'mysite.settings' }, notes: [] });
  assert.deepEqual(chooseApp([], 'other.application', 'p'), { ok: true, app: { handler: 'other.application' }, notes: [] });
  const wrong = chooseApp([], 'app:app', 'p');
  assert.ok(!wrong.ok && wrong.problem.key === 'scaffold.handler.invalid');
});

test('the analysis lists ASGI apps for init (marked), and a Django project\'s asgi.py is the same application as its wsgi.py', () => {
  const fastapi = appCandidates(makeProject('c-fastapi', {}, 'fastapi'), support);
  assert.deepEqual(fastapi.map((c) => [c.handler, c.asgi]), [['main.app', true]]);
  const dir = makeProject('c-django-asgi', {}, 'django');
  writeFileSync(join(dir, 'mysite', 'asgi.py'), 'import os\nfrom django.core.asgi import get_asgi_application\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")\napplication = get_asgi_application()\n');
  const django = appCandidates(dir, support);
  assert.deepEqual(django.filter((c) => c.kind === 'django').map((c) => [c.handler, c.asgi]), [['django.core.wsgi.get_wsgi_application()', undefined]]);
  assert.deepEqual(chooseApp(django, undefined, dir), { ok: true, app: { handler: 'django.core.wsgi.get_wsgi_application()', detail: 'mysite/wsgi.py', djangoSettings: 'mysite.settings' }, notes: [] });
});
