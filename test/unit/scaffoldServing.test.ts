/**
 * Every generated project really serves, with a real Python (Debian's python3-flask / -waitress / -django /
 * -uvicorn / -fastapi, installed by scripts/setup-python.mjs): wfastcgi projects through the documented wfastcgi
 * start-up (flask-iis run: our runner reads web.config, PYTHONPATH and WSGI_HANDLER as wfastcgi does),
 * HttpPlatformHandler projects as IIS starts them (processPath → this Python, %HTTP_PLATFORM_PORT% substituted).
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { greeting, STYLESHEET } from '../../src/core/scaffold';
import { tempDir } from './pythonHelpers';
import { cli, fixtureWithoutConfig } from './scaffoldHelpers';
import { httpGet, pythonWith, withRun } from './serving';

const PYTHON = pythonWith(['flask', 'waitress']);
const skip = !PYTHON && 'no Python with flask and waitress (run node scripts/setup-python.mjs)';
const DJANGO = PYTHON && pythonWith(['django']) === PYTHON;
const ASGI = PYTHON && pythonWith(['uvicorn', 'fastapi']) === PYTHON;

interface Expect {
  path: string;
  status: number;
  body: string | RegExp;
}

/** Serves `dir`, checks each expected answer and reports what came back. */
async function serve(t: { diagnostic(message: string): void }, label: string, dir: string, bridge: 'wfastcgi' | 'httpPlatform', expected: Expect[]): Promise<void> {
  await withRun(dir, PYTHON!, async (url, output) => {
    assert.match(output, new RegExp(`\\(${bridge}\\) on http://127\\.0\\.0\\.1:`), label);
    for (const e of expected) {
      const r = await httpGet(`${url}${e.path.slice(1)}`);
      t.diagnostic(`${label} GET ${e.path} -> ${r.status} ${JSON.stringify(r.body.length > 90 ? `${r.body.slice(0, 90)}…` : r.body)}`);
      assert.equal(r.status, e.status, `${label} ${e.path}`);
      if (typeof e.body === 'string') assert.equal(r.body, e.body, `${label} ${e.path}`);
      else assert.match(r.body, e.body, `${label} ${e.path}`);
    }
  });
}

const newProjectAnswers = (name: string): Expect[] => [
  { path: '/', status: 200, body: new RegExp(`<h1>${greeting(name)}</h1>`) },
  { path: '/static/site.css', status: 200, body: STYLESHEET },
  { path: '/health', status: 200, body: /^\{"status":\s*"ok"\}\s*$/ },
];

test('new projects serve: both bridges, both layouts (/, the static file, /health)', { skip }, async (t) => {
  for (const bridge of ['wfastcgi', 'httpplatform'] as const) {
    for (const layout of ['package', 'module'] as const) {
      const dir = tempDir(`serve-${bridge}-${layout}`);
      const created = cli(['new', dir, '--name', 'shop', '--bridge', bridge, '--layout', layout]);
      assert.equal(created.status, 0, created.stderr);
      await serve(t, `new ${bridge}/${layout}`, dir, bridge === 'wfastcgi' ? 'wfastcgi' : 'httpPlatform', newProjectAnswers('shop'));
    }
  }
});

test('a new project in a folder with spaces, & and non-ASCII characters serves too', { skip }, async (t) => {
  const dir = join(tempDir('serve-odd'), 'Café & Crème');
  assert.equal(cli(['new', dir, '--name', 'creme', '--bridge', 'httpplatform']).status, 0);
  await serve(t, 'new httpplatform in "Café & Crème"', dir, 'httpPlatform', newProjectAnswers('creme'));
  const w = join(tempDir('serve-odd-w'), 'Café & Crème');
  assert.equal(cli(['new', w, '--name', 'creme']).status, 0);
  await serve(t, 'new wfastcgi in "Café & Crème"', w, 'wfastcgi', newProjectAnswers('creme'));
});

test('init on existing applications serves: Flask module (with its static file), Flask factory, Flask package', { skip }, async (t) => {
  const cases: [string, Expect[]][] = [
    ['module-layout', [{ path: '/', status: 200, body: 'module layout' }, { path: '/static/site.css', status: 200, body: 'body { color: #333; }\n' }]],
    ['factory', [{ path: '/', status: 200, body: 'factory production' }]],
    ['package-layout', [{ path: '/', status: 200, body: 'package layout' }]],
  ];
  for (const [sample, expected] of cases) {
    const dir = fixtureWithoutConfig(sample, `serve-init-${sample}`);
    const r = cli(['init', dir]);
    assert.equal(r.status, 0, r.stderr);
    await serve(t, `init ${sample} (wfastcgi)`, dir, 'wfastcgi', expected);
    const platform = fixtureWithoutConfig(sample, `serve-init-${sample}-hp`);
    assert.equal(cli(['init', platform, '--bridge', 'httpplatform']).status, 0);
    await serve(t, `init ${sample} (httpplatform)`, platform, 'httpPlatform', expected);
  }
});

test('init on a Django project serves through get_wsgi_application() and DJANGO_SETTINGS_MODULE', { skip: skip || (!DJANGO && 'no Django for this Python') }, async (t) => {
  const dir = fixtureWithoutConfig('django', 'serve-init-django');
  assert.equal(cli(['init', dir]).status, 0);
  await serve(t, 'init django (wfastcgi)', dir, 'wfastcgi', [{ path: '/', status: 200, body: 'django' }]);
  const platform = fixtureWithoutConfig('django', 'serve-init-django-hp');
  assert.equal(cli(['init', platform, '--bridge', 'httpplatform']).status, 0);
  await serve(t, 'init django (httpplatform)', platform, 'httpPlatform', [{ path: '/', status: 200, body: 'django' }]);
});

test('init on a FastAPI app: HttpPlatformHandler with uvicorn serves it', { skip: skip || (!ASGI && 'no uvicorn and fastapi for this Python (run node scripts/setup-python.mjs)') }, async (t) => {
  const dir = fixtureWithoutConfig('fastapi', 'serve-init-fastapi');
  assert.equal(cli(['init', dir]).status, 0);
  await serve(t, 'init fastapi (httpplatform, uvicorn)', dir, 'httpPlatform', [{ path: '/', status: 200, body: '{"hello":"world"}' }]);
});
