/** Scaffold templates and plans: the files, their settings and comments, XML escaping, and the check passing on them. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { checkText } from '../../src/core/check';
import { attrValue, children } from '../../src/core/model/webConfig';
import type { PythonSupport } from '../../src/core/python';
import { planDeployment, planNewProject, renderStaticWebConfig, type Bridge, type DeployOptions, type HostTaskDefinition, type Layout, type ServerPaths } from '../../src/core/scaffold';
import { renderHttpPlatformWebConfig, renderWfastcgiWebConfig } from '../../src/core/scaffold/webConfigTemplates';
import { testSupport } from './pythonHelpers';
import { problemsIn, readWithMinidom, writeFiles } from './scaffoldHelpers';

let support: PythonSupport;
before(async () => {
  support = await testSupport();
});

const SERVER: ServerPaths = { sitePath: 'C:\\inetpub\\shop', python: 'C:\\inetpub\\shop\\.venv\\Scripts\\python.exe', wfastcgi: 'C:\\inetpub\\shop\\.venv\\Lib\\site-packages\\wfastcgi.py', venv: '.venv' };
const newProject = (bridge: Bridge, layout: Layout, server: ServerPaths = SERVER) => planNewProject({ name: 'shop', bridge, layout, server });

test('a new project: the application, its static folder, the IIS files and the guide, per bridge and layout', () => {
  assert.deepEqual(newProject('wfastcgi', 'package').files.map((f) => f.path), ['shop/__init__.py', 'static/site.css', 'requirements.txt', '.gitignore', 'web.config', 'static/web.config', 'DEPLOY.md', '.vscode/settings.json']);
  assert.deepEqual(newProject('httpplatform', 'module', { ...SERVER, logDir: 'logs' }).files.map((f) => f.path), ['app.py', 'static/site.css', 'requirements.txt', '.gitignore', 'web.config', 'static/web.config', 'DEPLOY.md', 'logs/.gitkeep', '.vscode/settings.json']);
  const requirements = (b: Bridge) => newProject(b, 'package').files.find((f) => f.path === 'requirements.txt')!.content;
  assert.equal(requirements('wfastcgi'), 'flask>=2.2\nwfastcgi>=3.0\n');
  assert.equal(requirements('httpplatform'), 'flask>=2.2\nwaitress>=2.1\n');
});

test('every new project (both bridges, both layouts, a log folder or none) passes the check: no error, no warning', () => {
  for (const bridge of ['wfastcgi', 'httpplatform'] as const) {
    for (const layout of ['package', 'module'] as const) {
      for (const logDir of [undefined, 'logs', 'D:\\Logs\\shop']) {
        const server = logDir ? { ...SERVER, logDir } : SERVER;
        const dir = writeFiles(`t-${bridge}-${layout}-${logDir ? logDir.length : 0}`, newProject(bridge, layout, server).files);
        assert.deepEqual(problemsIn(dir, support), [], `${bridge}/${layout}/${logDir}`);
      }
    }
  }
});

test('the static folder is really the Flask static folder: without static/web.config the check warns', () => {
  for (const layout of ['package', 'module'] as const) {
    const dir = writeFiles(`t-nostatic-${layout}`, newProject('wfastcgi', layout).files.filter((f) => f.path !== 'static/web.config'));
    assert.deepEqual(problemsIn(dir, support).map((p) => p.split(' ')[2]), ['static-files-through-python'], layout);
  }
});

test('wfastcgi web.config: the README\'s handler, scriptProcessor from the interpreter, the settings, one comment before each', () => {
  const text = renderWfastcgiWebConfig({ app: { handler: 'shop.app' }, server: { ...SERVER, logDir: 'logs' } });
  const { model } = checkText(text);
  const h = model.handlers[0]!;
  assert.deepEqual(['name', 'path', 'verb', 'modules', 'scriptProcessor', 'resourceType', 'requireAccess'].map((a) => attrValue(h, a)), [
    'Python FastCGI', '*', '*', 'FastCgiModule', `${SERVER.python}|${SERVER.wfastcgi}`, 'Unspecified', 'Script',
  ]);
  assert.deepEqual(model.appSettings.map((s) => [s.key, s.value]), [
    ['WSGI_HANDLER', 'shop.app'], ['PYTHONPATH', 'C:\\inetpub\\shop'], ['WSGI_RESTART_FILE_REGEX', '.*((\\.py)|(\\.config))$'], ['WSGI_LOG', 'C:\\inetpub\\shop\\logs\\wfastcgi.log'],
  ]);
  const lines = text.split('\n');
  for (const s of model.appSettings) {
    const i = lines.findIndex((l) => l.includes(`key="${s.key}"`));
    assert.match(lines.slice(0, i).reverse().find((l) => l.trim())!, /-->\s*$/, `a comment above ${s.key}`);
  }
  const django = checkText(renderWfastcgiWebConfig({ app: { handler: 'django.core.wsgi.get_wsgi_application()', djangoSettings: 'mysite.settings' }, server: SERVER })).model;
  assert.equal(django.appSettings.find((s) => s.key === 'DJANGO_SETTINGS_MODULE')?.value, 'mysite.settings');
});

test('HttpPlatformHandler web.config: waitress (factory: --call), Django, uvicorn for ASGI; stdout log, startupTimeLimit 60, environment', () => {
  const platform = (app: DeployOptions['app'], server: ServerPaths = { ...SERVER, logDir: 'logs' }) => {
    const { model } = checkText(renderHttpPlatformWebConfig({ app, server }));
    const p = model.httpPlatforms[0]!;
    const env = children(p, 'environmentVariables').flatMap((e) => children(e, 'environmentVariable')).map((v) => `${attrValue(v, 'name')}=${attrValue(v, 'value')}`);
    return { handler: model.handlers[0]!, p, args: attrValue(p, 'arguments'), env };
  };
  const flask = platform({ handler: 'shop.app' });
  assert.equal(attrValue(flask.handler, 'modules'), 'httpPlatformHandler');
  assert.equal(attrValue(flask.p, 'processPath'), SERVER.python);
  assert.equal(flask.args, '-m waitress --host=127.0.0.1 --port=%HTTP_PLATFORM_PORT% shop:app');
  assert.deepEqual(['stdoutLogEnabled', 'stdoutLogFile', 'startupTimeLimit'].map((a) => attrValue(flask.p, a)), ['true', '.\\logs\\python.log', '60']);
  assert.deepEqual(flask.env, ['PYTHONUNBUFFERED=1', 'PYTHONPATH=C:\\inetpub\\shop']);
  assert.equal(platform({ handler: 'shop.create_app()' }).args, '-m waitress --host=127.0.0.1 --port=%HTTP_PLATFORM_PORT% --call shop:create_app');
  const django = platform({ handler: 'django.core.wsgi.get_wsgi_application()', djangoSettings: 'mysite.settings' });
  assert.equal(django.args, '-m waitress --host=127.0.0.1 --port=%HTTP_PLATFORM_PORT% mysite.wsgi:application');
  assert.ok(django.env.includes('DJANGO_SETTINGS_MODULE=mysite.settings'));
  assert.equal(platform({ handler: 'main.app', asgi: true }).args, '-m uvicorn main:app --port %HTTP_PLATFORM_PORT%');
  assert.equal(attrValue(platform({ handler: 'a.app' }, { ...SERVER, logDir: 'D:\\Logs' }).p, 'stdoutLogFile'), 'D:\\Logs\\python.log');
  assert.equal(attrValue(platform({ handler: 'a.app' }, SERVER).p, 'stdoutLogEnabled'), undefined);
});

const NASTY = 'D:\\Sites\\Café & Crème <"quoted"> l\'été\t日本\\x';

test('XML escaping: &, <, >, quotes, non-ASCII and tabs survive in every attribute, for our scanner and for Python\'s minidom', () => {
  const server: ServerPaths = { sitePath: NASTY, python: `${NASTY}\\python.exe`, wfastcgi: `${NASTY}\\wfastcgi.py`, logDir: `${NASTY}\\logs` };
  const wfastcgi = renderWfastcgiWebConfig({ app: { handler: 'shop.app', djangoSettings: 'a&b<c>"d"' }, server });
  const platform = renderHttpPlatformWebConfig({ app: { handler: 'shop.app' }, server });
  const statics = renderStaticWebConfig('Py & <"Handler">');
  for (const text of [wfastcgi, platform, statics]) {
    const result = checkText(text);
    assert.deepEqual(result.findings.filter((f) => f.code === 'xml-malformed'), [], text);
  }
  const w = checkText(wfastcgi).model;
  assert.equal(attrValue(w.handlers[0]!, 'scriptProcessor'), `${NASTY}\\python.exe|${NASTY}\\wfastcgi.py`);
  assert.deepEqual(w.appSettings.map((s) => s.value), ['shop.app', 'a&b<c>"d"', NASTY, '.*((\\.py)|(\\.config))$', `${NASTY}\\logs\\wfastcgi.log`]);
  const p = checkText(platform).model.httpPlatforms[0]!;
  assert.deepEqual([attrValue(p, 'processPath'), attrValue(p, 'stdoutLogFile')], [`${NASTY}\\python.exe`, `${NASTY}\\logs\\python.log`]);
  assert.equal(attrValue(checkText(statics).model.doc.elements.find((e) => e.name === 'remove')!, 'name'), 'Py & <"Handler">');
  const minidom = readWithMinidom(wfastcgi);
  if (minidom) {
    assert.equal(minidom['PYTHONPATH'], NASTY);
    assert.equal(minidom['DJANGO_SETTINGS_MODULE'], 'a&b<c>"d"');
    assert.equal(minidom['add.Python FastCGI.scriptProcessor'], `${NASTY}\\python.exe|${NASTY}\\wfastcgi.py`);
    const onPlatform = readWithMinidom(platform)!;
    assert.equal(onPlatform['httpPlatform..processPath'], `${NASTY}\\python.exe`);
    assert.equal(onPlatform['environmentVariable.PYTHONPATH.value'], NASTY);
    assert.equal(readWithMinidom(statics)!['remove.Py & <"Handler">.name'], 'Py & <"Handler">');
  }
});

test('DEPLOY.md: the remaining host steps for each bridge, with the exact wfastcgi-enable line and the warm-up settings', () => {
  const guide = (bridge: Bridge, server: ServerPaths) => newProject(bridge, 'package', server).files.find((f) => f.path === 'DEPLOY.md')!.content;
  const w = guide('wfastcgi', SERVER);
  for (const expected of [
    'dism /online /enable-feature /featurename:IIS-CGI /all',
    "py -3 -m venv 'C:\\inetpub\\shop\\.venv'",
    "& 'C:\\inetpub\\shop\\.venv\\Scripts\\python.exe' -m pip install -r requirements.txt wfastcgi",
    "& 'C:\\inetpub\\shop\\.venv\\Scripts\\wfastcgi-enable.exe'",
    `"${SERVER.python}|${SERVER.wfastcgi}" can now be used as a FastCGI script processor`,
    '& $appcmd add apppool /name:shop /managedRuntimeVersion: /managedPipelineMode:Integrated',
    "icacls 'C:\\inetpub\\shop' /grant 'IIS AppPool\\shop:(OI)(CI)RX'",
    'dism /online /enable-feature /featurename:IIS-ApplicationInit /all',
    '& $appcmd set apppool /apppool.name:shop /startMode:AlwaysRunning',
    '& $appcmd set app /app.name:shop/ /preloadEnabled:true',
  ]) assert.ok(w.includes(expected), `wfastcgi guide lacks ${expected}`);
  const h = guide('httpplatform', { sitePath: 'C:\\sites\\shop', python: 'C:\\Python312\\python.exe', wfastcgi: '', logDir: 'logs' });
  assert.ok(h.includes('Install HttpPlatformHandler v1.2'));
  assert.ok(!h.includes('wfastcgi-enable') && !h.includes('IIS-CGI'));
  assert.ok(h.includes("& 'C:\\Python312\\python.exe' -m pip install -r requirements.txt waitress"));
  assert.ok(h.includes("icacls 'C:\\Python312' /grant 'IIS AppPool\\shop:(OI)(CI)RX'"), 'the interpreter\'s own folder');
  assert.ok(h.includes("icacls 'C:\\sites\\shop\\logs' /grant 'IIS AppPool\\shop:(OI)(CI)M'"), 'modify on the log folder');
  const spaced = guide('wfastcgi', { ...SERVER, python: 'C:\\Program Files\\Python312\\python.exe', wfastcgi: 'C:\\Program Files\\Python312\\Lib\\site-packages\\wfastcgi.py' });
  assert.match(spaced, /These paths contain spaces/);
  const profile = guide('wfastcgi', { sitePath: 'C:\\work\\shop', python: 'C:\\Users\\me\\AppData\\Local\\Programs\\Python\\Python312\\python.exe', wfastcgi: 'C:\\Users\\me\\AppData\\Local\\Programs\\Python\\Python312\\Lib\\site-packages\\wfastcgi.py' });
  assert.match(profile, /This interpreter is under a user profile/);
  assert.ok(!w.includes('under a user profile**'));
});

test('.vscode/tasks.json only when the extension contributes flask-iis tasks, with the entries its definition allows', () => {
  const app = { handler: 'shop.app' };
  const paths = (o: Partial<DeployOptions>) => planDeployment({ name: 'shop', bridge: 'wfastcgi', app, server: SERVER, staticFolder: false, ...o }, { requirements: false }).files.map((f) => f.path);
  assert.ok(!paths({}).includes('.vscode/tasks.json'));
  const definition = {
    type: 'flask-iis', required: ['action'],
    properties: { action: { type: 'string', enum: ['enable', 'disable', 'register', 'unregister', 'recycle', 'doctor'] }, folder: { type: 'string' }, site: { type: 'string' }, port: { type: 'number' }, pool: { type: 'string' } },
  };
  const tasks = (bridge: Bridge, def: HostTaskDefinition = definition): { version: string; tasks: Record<string, unknown>[] } | undefined => {
    const plan = planDeployment({ name: 'shop', bridge, app, server: SERVER, staticFolder: false, hostTasks: def }, { requirements: false });
    const text = plan.files.find((f) => f.path === '.vscode/tasks.json')?.content;
    return text === undefined ? undefined : (JSON.parse(text) as { version: string; tasks: Record<string, unknown>[] });
  };
  const platform = tasks('httpplatform')!;
  assert.equal(platform.version, '2.0.0');
  assert.deepEqual(platform.tasks.map((t) => t['action']), ['register', 'doctor', 'recycle', 'unregister']);
  assert.deepEqual(platform.tasks[0], { label: 'Flask on IIS: register shop', type: 'flask-iis', action: 'register', folder: '.', site: 'shop', pool: 'shop', problemMatcher: [] });
  assert.deepEqual(tasks('wfastcgi')!.tasks.map((t) => t['action']), ['enable', 'register', 'doctor', 'recycle', 'unregister', 'disable']);
  assert.equal(tasks('wfastcgi', { ...definition, required: ['action', 'port'] }), undefined, 'a required value it cannot know');
  // The proxy bridge's host work (ARR, allowedServerVariables, the service) is part of register/unregister: no recycle.
  assert.deepEqual(tasks('proxy')!.tasks.map((t) => t['action']), ['register', 'doctor', 'unregister']);
  const manifest = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as { contributes: { taskDefinitions?: HostTaskDefinition[] } };
  const own = manifest.contributes.taskDefinitions?.find((d) => d.type === 'flask-iis');
  if (own) {
    const entries = tasks('wfastcgi', own)!.tasks;
    for (const t of entries) {
      for (const [k, v] of Object.entries(t)) {
        if (['label', 'type', 'problemMatcher'].includes(k)) continue;
        assert.equal(typeof v, own.properties?.[k]?.type, `${k} is a ${own.properties?.[k]?.type ?? 'missing'} property of the extension's own task definition`);
      }
    }
  }
});
