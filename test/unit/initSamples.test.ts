/**
 * Issue 12's sample projects, end to end: `init` chooses the application, the result serves HTTP 200 on / through
 * our wfastcgi-faithful runner and through waitress (HttpPlatformHandler), the URL of a static file maps (IIS's
 * URL → physical mapping, rewrite rules included) to a folder where the file exists and the Python handler is
 * removed, and `check` finds no error or warning. Real Python: Debian's /usr/bin/python3 with flask, waitress, django.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { rewriteRules } from '../../src/core/iis/rewriteRules';
import { mapUrl } from '../../src/core/iis/urlMap';
import { attrValue, buildWebConfig, children, sectionElements } from '../../src/core/model/webConfig';
import type { PythonSupport } from '../../src/core/python';
import { scanXml } from '../../src/core/xml/scanner';
import { testSupport } from './pythonHelpers';
import { cli, fixtureWithoutConfig, problemsIn } from './scaffoldHelpers';
import { httpGet, pythonWith, withRun } from './serving';

const PYTHON = pythonWith(['flask', 'waitress']);
const DJANGO = PYTHON && pythonWith(['django']) === PYTHON;
const WHITENOISE = PYTHON && pythonWith(['django', 'whitenoise']) === PYTHON;
const skip = !PYTHON && 'no Python with flask and waitress (run node scripts/setup-python.mjs)';

let support: PythonSupport;
before(async () => {
  support = await testSupport();
});

interface Sample {
  sample: string;
  handler: string;
  /** Run before serving, as DEPLOY.md says (init-db, collectstatic). */
  prepare?: string[][];
  home: RegExp;
  extra?: [string, RegExp][];
  static?: { url: string; file: string };
  django?: boolean;
  /** Needs Django with WhiteNoise (the app serves its own static files). */
  whitenoise?: boolean;
}

const SAMPLES: Sample[] = [
  { sample: 'routes-entry', handler: 'startup.app', home: /Home page for the Visual Studio Code Flask tutorial/, extra: [['/api/data', /demonstrating only the mechanism/]], static: { url: 'static', file: 'site.css' } },
  { sample: 'flaskr', handler: 'flaskr.create_app()', prepare: [['-m', 'flask', '--app', 'flaskr', 'init-db']], home: /<h1>Posts<\/h1>/, extra: [['/hello', /Hello, World!/]], static: { url: 'static', file: 'style.css' } },
  { sample: 'module-layout', handler: 'app.app', home: /module layout/, static: { url: 'static', file: 'site.css' } },
  { sample: 'src-layout', handler: 'inventory.app', home: /src layout/ },
  { sample: 'factory-args', handler: 'wsgi.app', home: /first note/ },
  { sample: 'subpath', handler: 'wsgi.application', home: /^frontend$/, extra: [['/api/items', /"items"/]] },
  { sample: 'django-static', handler: 'django.core.wsgi.get_wsgi_application()', prepare: [['manage.py', 'collectstatic', '--noinput']], home: /No polls are available/, static: { url: 'static', file: 'polls/style.css' }, django: true },
  // WhiteNoise in MIDDLEWARE: Django serves /static/ itself (no static web.config); the file comes back through the app.
  { sample: 'django-whitenoise', handler: 'django.core.wsgi.get_wsgi_application()', prepare: [['manage.py', 'collectstatic', '--noinput']], home: /No polls are available/, extra: [['/static/polls/style.css', /color: green/]], django: true, whitenoise: true },
];

function configOf(dir: string) {
  return buildWebConfig(scanXml(readFileSync(join(dir, 'web.config'), 'utf8')));
}

/** /url/file maps to a folder where the file exists and whose web.config (or an ancestor's on the way) removes the handler. */
function assertStaticServed(dir: string, url: string, file: string): void {
  const model = configOf(dir);
  const handler = model.handlers.map((h) => attrValue(h, 'name')).find(Boolean)!;
  const exists = (p: string) => (existsSync(join(dir, p)) ? 'file' as const : undefined);
  const m = mapUrl({ rules: rewriteRules(model), virtualDirs: [], exists }, `/${url}/${file}`);
  assert.equal(m.kind, 'file');
  if (m.kind !== 'file') return;
  assert.ok(existsSync(join(dir, m.physical)), `/${url}/${file} maps to ${m.physical}, which does not exist`);
  const removed = m.configFolders.slice(1).some((folder) => {
    const path = join(dir, folder, 'web.config');
    if (!existsSync(path)) return false;
    const scopes = buildWebConfig(scanXml(readFileSync(path, 'utf8'))).scopes;
    return sectionElements(scopes, ['system.webServer', 'handlers']).some((h) => children(h, 'remove').some((r) => attrValue(r, 'name')?.toLowerCase() === handler.toLowerCase()));
  });
  assert.ok(removed, `the handler "${handler}" is not removed on the way to ${m.physical} (${m.configFolders.join(', ')})`);
}

function prepare(dir: string, s: Sample): void {
  for (const argv of s.prepare ?? []) {
    const r = spawnSync(PYTHON!, argv, { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.status, 0, `${argv.join(' ')}: ${r.stderr}`);
  }
}

for (const s of SAMPLES) {
  test(`init ${s.sample}: ${s.handler}, serves / (wfastcgi and waitress), static files reach IIS, check is clean`, { skip: skip || (s.django && !DJANGO && 'no Django for this Python') || (s.whitenoise && !WHITENOISE && 'no WhiteNoise for this Python (python3-whitenoise)') }, async (t) => {
    for (const bridge of ['wfastcgi', 'httpplatform'] as const) {
      const dir = fixtureWithoutConfig(s.sample, `init-${s.sample}-${bridge}`);
      const r = cli(['init', dir, '--bridge', bridge]);
      assert.equal(r.status, 0, r.stderr + r.stdout);
      const model = configOf(dir);
      if (bridge === 'wfastcgi') assert.equal(model.appSettings.find((a) => a.key === 'WSGI_HANDLER')?.value, s.handler);
      // src layout under HttpPlatformHandler: PYTHONPATH "<site>;src" is written for Windows; the local run maps it.
      if (bridge === 'httpplatform' && s.sample === 'src-layout') assert.match(readFileSync(join(dir, 'web.config'), 'utf8'), /name="PYTHONPATH" value="C:\\inetpub\\[^"]+;src"/);
      assert.deepEqual(problemsIn(dir, support), [], `${s.sample} (${bridge}): check after init`);
      prepare(dir, s);
      if (s.static) assertStaticServed(dir, s.static.url, s.static.file);
      await withRun(dir, PYTHON!, async (url) => {
        for (const [path, body] of [['/', s.home] as [string, RegExp], ...(s.extra ?? [])]) {
          const got = await httpGet(`${url}${path.slice(1)}`);
          t.diagnostic(`${s.sample} ${bridge} GET ${path} -> ${got.status}`);
          assert.equal(got.status, 200, `${s.sample} ${bridge} ${path}: ${got.body.slice(0, 400)}`);
          assert.match(got.body, body);
        }
      });
    }
  });
}

test('DEPLOY.md: pyproject-only dependencies installed, Django migrate/collectstatic/ALLOWED_HOSTS/CSRF, Flask init-db and instance folder, URL Rewrite', () => {
  const flaskr = fixtureWithoutConfig('flaskr', 'deploy-flaskr');
  assert.equal(cli(['init', flaskr]).status, 0);
  const guide = readFileSync(join(flaskr, 'DEPLOY.md'), 'utf8');
  assert.match(guide, /-m pip install flask wfastcgi/);
  assert.match(guide, /-m flask --app flaskr init-db/);
  assert.match(guide, /instance/);
  assert.match(guide, /URL Rewrite module/);
  assert.match(guide, /add vdir \/app\.name:deploy_flaskr\/ \/path:\/static '\/physicalPath:C:\\inetpub\\deploy_flaskr\\flaskr\\static'/);
  const django = fixtureWithoutConfig('django-static', 'deploy-django');
  assert.equal(cli(['init', django]).status, 0);
  const d = readFileSync(join(django, 'DEPLOY.md'), 'utf8');
  for (const words of [/manage\.py migrate --noinput/, /manage\.py collectstatic --noinput/, /ALLOWED_HOSTS/, /CSRF_TRUSTED_ORIGINS/]) assert.match(d, words);
  assert.ok(existsSync(join(django, 'staticfiles/web.config')));
  const white = fixtureWithoutConfig('django-whitenoise', 'deploy-whitenoise');
  assert.equal(cli(['init', white]).status, 0);
  assert.ok(!existsSync(join(white, 'staticfiles/web.config')), 'WhiteNoise serves the static files: no static web.config');
  assert.doesNotMatch(readFileSync(join(white, 'web.config'), 'utf8'), /<rewrite>/);
});

test('init says what it skipped and why: a factory with a required parameter; the 404 handler when named', () => {
  const dir = fixtureWithoutConfig('factory-args', 'say-factory');
  const r = cli(['init', dir]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /notes\.create_app\(\) was not considered: it requires arguments \(store\)/);
  const dead = fixtureWithoutConfig('routes-entry', 'say-404');
  const named = cli(['init', dead, '--handler', 'hello_app.app']);
  assert.equal(named.status, 0, named.stderr);
  assert.match(named.stdout, /"hello_app\.app" would answer 404 for every URL: its routes are registered in hello_app\.views/);
});
