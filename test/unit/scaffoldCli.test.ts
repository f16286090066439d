/** `flask-iis new` and `flask-iis init` as users run them: defaults, conflicts, --force, init on each kind of app. */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { tempDir } from './pythonHelpers';
import { cli, cliProblems, fixtureWithoutConfig, listFiles, readWithMinidom } from './scaffoldHelpers';

/** Whether the extension contributes the flask-iis task type (then scaffolds also write .vscode/tasks.json). */
const HOST_TASKS = (JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as { contributes: { taskDefinitions?: { type: string }[] } })
  .contributes.taskDefinitions?.some((d) => d.type === 'flask-iis') ?? false;

test('new DIR without flags: wfastcgi, the package layout, the server layout of a venv in C:\\inetpub\\<name>; flask-iis check is clean', () => {
  const dir = join(tempDir('cli-default'), 'My Shop');
  const r = cli(['new', dir]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^Created a Flask project in .*My Shop \(site and pool "my_shop", wfastcgi\):/);
  assert.match(r.stdout, /Note: The site folder on the server is C:\\inetpub\\my_shop \(this is not Windows; choose another with --site-path\)\./);
  assert.match(r.stdout, /Note: IIS will start C:\\inetpub\\my_shop\\\.venv\\Scripts\\python\.exe/);
  const tasks = HOST_TASKS ? ['.vscode/tasks.json'] : [];
  assert.deepEqual(listFiles(dir), ['.gitignore', '.vscode/settings.json', ...tasks, 'DEPLOY.md', 'my_shop/__init__.py', 'requirements.txt', 'static/site.css', 'static/web.config', 'web.config']);
  assert.deepEqual(cliProblems(dir), []);
  // The site path is recorded, so check maps C:\inetpub\my_shop to "My Shop" (the folder names differ).
  assert.deepEqual(JSON.parse(readFileSync(join(dir, '.vscode', 'settings.json'), 'utf8')), { 'flaskIis.server.sitePath': 'C:\\inetpub\\my_shop' });
  const checked = cli(['check', dir]);
  assert.doesNotMatch(checked.stdout, /pythonpath-not-checkable/, checked.stdout);
});

test('every bridge and layout from the CLI passes flask-iis check with no error and no warning', () => {
  for (const bridge of ['wfastcgi', 'httpplatform']) {
    for (const layout of ['package', 'module']) {
      const dir = tempDir(`cli-${bridge}-${layout}`);
      const r = cli(['new', dir, '--name', 'shop', '--bridge', bridge, '--layout', layout, '--log-dir', 'logs']);
      assert.equal(r.status, 0, r.stderr);
      assert.deepEqual(cliProblems(dir), [], `${bridge}/${layout}`);
    }
  }
});

test('existing files are never replaced silently: exit 2 with their list; --force writes .bak copies first', () => {
  const dir = tempDir('cli-conflicts');
  assert.equal(cli(['new', dir, '--name', 'shop']).status, 0);
  writeFileSync(join(dir, 'web.config'), '<configuration><!-- mine --></configuration>\n');
  writeFileSync(join(dir, 'DEPLOY.md'), 'my own notes\n');
  const refused = cli(['new', dir, '--name', 'shop', '--bridge', 'httpplatform']);
  assert.equal(refused.status, 2);
  assert.match(refused.stderr, /these files exist in .* and differ from what new writes; nothing was written:\n {2}requirements\.txt\n {2}\.gitignore\n {2}web\.config\n {2}static\/web\.config\n {2}DEPLOY\.md\nflask-iis: run again with --force/);
  assert.ok(!listFiles(dir).includes('logs/.gitkeep'), 'nothing written, not even the new files');
  assert.equal(readFileSync(join(dir, 'DEPLOY.md'), 'utf8'), 'my own notes\n');
  const forced = cli(['new', dir, '--name', 'shop', '--bridge', 'httpplatform', '--force']);
  assert.equal(forced.status, 0, forced.stderr);
  assert.match(forced.stdout, / {2}backed up {2}web\.config -> web\.config\.bak\n/);
  assert.match(forced.stdout, / {2}unchanged {2}shop\/__init__\.py\n/);
  assert.equal(readFileSync(join(dir, 'web.config.bak'), 'utf8'), '<configuration><!-- mine --></configuration>\n');
  assert.equal(readFileSync(join(dir, 'DEPLOY.md.bak'), 'utf8'), 'my own notes\n');
  assert.match(readFileSync(join(dir, 'web.config'), 'utf8'), /httpPlatformHandler/);
  const again = cli(['new', dir, '--name', 'shop', '--force']);
  assert.equal(again.status, 0);
  assert.ok(listFiles(dir).includes('web.config.1.bak') && readFileSync(join(dir, 'web.config.bak'), 'utf8').includes('mine'), 'an earlier backup is kept');
});

test('init on each kind of application: Flask module, Flask factory package, Django, FastAPI (HttpPlatformHandler + uvicorn); check clean', () => {
  const expectations: [string, RegExp, RegExp][] = [
    ['module-layout', /<add key="WSGI_HANDLER" value="app\.app" \/>/, /wrote {6}static\/web\.config/],
    ['factory', /<add key="WSGI_HANDLER" value="portal\.create_app\(\)" \/>/, /wrote {6}web\.config/],
    ['package-layout', /<add key="WSGI_HANDLER" value="shop\.app" \/>/, /wrote {6}web\.config/],
    ['django', /value="django\.core\.wsgi\.get_wsgi_application\(\)" \/>[\s\S]*<add key="DJANGO_SETTINGS_MODULE" value="mysite\.settings" \/>/, /wrote {6}DEPLOY\.md/],
    ['fastapi', /arguments="-m uvicorn main:app --port %HTTP_PLATFORM_PORT%"/, /Note: "main\.app" is an ASGI application: it is served by HttpPlatformHandler and uvicorn/],
  ];
  for (const [sample, config, output] of expectations) {
    const dir = fixtureWithoutConfig(sample);
    const r = cli(['init', dir]);
    assert.equal(r.status, 0, `${sample}: ${r.stderr}`);
    assert.match(readFileSync(join(dir, 'web.config'), 'utf8'), config, sample);
    assert.match(r.stdout, output, sample);
    assert.deepEqual(cliProblems(dir), [], sample);
  }
  const django = readFileSync(join(fixtureWithoutConfig('django', 'init-django-2'), 'requirements.txt'), 'utf8');
  assert.ok(django.length > 0, 'init leaves requirements.txt alone');
});

test('init: several applications or none → exit 2 with the list; --handler chooses; an ASGI app refuses wfastcgi', () => {
  const dir = tempDir('cli-several');
  writeFileSync(join(dir, 'a.py'), 'from flask import Flask\napp = Flask(__name__)\n');
  writeFileSync(join(dir, 'b.py'), 'from flask import Flask\napp = Flask(__name__)\n');
  const several = cli(['init', dir]);
  assert.equal(several.status, 2);
  assert.match(several.stderr, /Several applications in .*cli-several: a\.app, b\.app\. Choose the one IIS serves\.\nflask-iis: name it with --handler VALUE/);
  assert.deepEqual(readdirSync(dir).sort(), ['a.py', 'b.py']);
  assert.equal(cli(['init', dir, '--handler', 'b.app']).status, 0);
  assert.match(readFileSync(join(dir, 'web.config'), 'utf8'), /value="b\.app"/);
  const empty = cli(['init', tempDir('cli-empty')]);
  assert.equal(empty.status, 2);
  assert.match(empty.stderr, /No WSGI application was found/);
  const asgi = cli(['init', fixtureWithoutConfig('fastapi', 'init-asgi-wfastcgi'), '--bridge', 'wfastcgi']);
  assert.equal(asgi.status, 2);
  assert.match(asgi.stderr, /"main\.app" is an ASGI application and wfastcgi is WSGI-only/);
  assert.equal(cli(['init', dir, '--handler', 'b:app', '--force']).status, 2);
});

test('paths with spaces, &, quotes and non-ASCII end up intact in web.config (as wfastcgi\'s minidom reads it) and in DEPLOY.md', () => {
  const site = 'D:\\Sites\\Café & Crème l\'été';
  const python = 'E:\\Python 3.12\\python.exe';
  const dir = tempDir('cli-paths');
  const r = cli(['new', dir, '--name', 'shop', '--site-path', site, '--python', python]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Note: E:\\Python 3\.12\\python\.exe contains spaces/);
  const text = readFileSync(join(dir, 'web.config'), 'utf8');
  assert.ok(text.includes('value="D:\\Sites\\Café &amp; Crème l\'été"'));
  const minidom = readWithMinidom(text);
  if (minidom) {
    assert.equal(minidom['PYTHONPATH'], site);
    assert.equal(minidom['add.Python FastCGI.scriptProcessor'], `${python}|E:\\Python 3.12\\Lib\\site-packages\\wfastcgi.py`);
  }
  assert.ok(readFileSync(join(dir, 'DEPLOY.md'), 'utf8').includes(`icacls '${site.replace(/'/g, "''")}' /grant 'IIS AppPool\\shop:(OI)(CI)RX'`));
  assert.deepEqual(cliProblems(dir), []);
});

test('bad input is exit 2 with one clear line and nothing written', () => {
  const dir = tempDir('cli-bad');
  const cases: [string[], RegExp][] = [
    [['new', dir, '--bridge', 'cgi'], /--bridge must be wfastcgi, httpplatform or proxy, not "cgi"/],
    [['new', dir, '--python', '/usr/bin/python3'], /The interpreter path "\/usr\/bin\/python3" is not an absolute Windows path/],
    [['new', dir, '--site-path', 'C:\\a|b'], /The site path "C:\\a\|b" contains "\|"/],
    [['new', dir, '--name', 'flask'], /The app name "flask" would hide the Python module of the same name .* Try "flask_app"/],
    [['new', dir, '--log-dir', '..\\logs'], /The log folder "\.\.\\logs" must be a folder inside the site/],
    [['new', dir, '--frobnicate'], /unknown option --frobnicate/],
    [['init', join(dir, 'missing')], /missing: not a folder/],
  ];
  for (const [args, message] of cases) {
    const r = cli(args);
    assert.equal(r.status, 2, args.join(' '));
    assert.match(r.stderr, message, args.join(' '));
  }
  assert.deepEqual(readdirSync(dir), []);
});

test('a half-finished scaffold leaves nothing: a file where the static folder goes stops it before any file is written', () => {
  const dir = tempDir('cli-blocked');
  writeFileSync(join(dir, 'static'), 'not a folder\n');
  mkdirSync(join(dir, 'keep'));
  const r = cli(['new', dir, '--name', 'shop']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /could not write the files: .*static: a file is in the way[^\n]*\nflask-iis: nothing was written \(what had been written was removed\)/);
  assert.deepEqual(listFiles(dir), ['static']);
  assert.deepEqual(readdirSync(dir).sort(), ['keep', 'static']);
});
