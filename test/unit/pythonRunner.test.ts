/**
 * verify and run with a real Python (Debian's python3-flask / python3-waitress / python3-django, installed by
 * scripts/setup-python.mjs): the verdicts, a real HTTP 200 from the served app (127.0.0.1 only, bounded
 * requests, the process always stopped), and the static check agreeing with verify on every sample.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { pythonWith } from './platform';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { CODES } from '../../src/core/codes';
import type { PythonSupport } from '../../src/core/python';
import { checkProject, makeProject, PROJECTS, testSupport, wfastcgiConfig } from './pythonHelpers';
import { httpGet as get, withRun as runWith } from './serving';
import { runCli } from './helpers';

const PYTHON = pythonWith(['flask', 'waitress']);
const HAS_DJANGO = !!PYTHON && spawnSync(PYTHON, ['-c', 'import django'], { stdio: 'ignore', timeout: 20_000 }).status === 0;
const skip = !PYTHON && 'no Python with flask and waitress (run node scripts/setup-python.mjs)';

let support: PythonSupport;
before(async () => {
  support = await testSupport();
});

const cli = (args: string[]) => runCli(args, 120_000);

function verify(dir: string, extra: string[] = []) {
  return cli(['verify', dir, '--python', PYTHON!, '--format', 'json', ...extra]);
}

const STATIC_ERRORS = ['wsgi-handler-module-not-found', 'wsgi-handler-attribute-not-found', 'wsgi-handler-factory-not-called', 'wsgi-handler-instance-called', 'asgi-app-under-wfastcgi', 'wsgi-handler-factory-arguments', 'wsgi-handler-import-unresolved'];

function staticVerdict(dir: string): 'loads' | 'fails' {
  const { findings } = checkProject(dir, support);
  return findings.some((f) => STATIC_ERRORS.includes(f.code) && CODES[f.code] === 'error') ? 'fails' : 'loads';
}

test('verify: the samples load, each broken variant does not, and the static check agrees every time', { skip }, () => {
  const samples: [string, string][] = [
    ['module-layout', join(PROJECTS, 'module-layout')], ['package-layout', join(PROJECTS, 'package-layout')],
    ['factory', join(PROJECTS, 'factory')], ['namespace', join(PROJECTS, 'namespace')], ['src-layout', join(PROJECTS, 'src-layout')],
    ['fastapi', join(PROJECTS, 'fastapi')],
    ['module missing', makeProject('v-missing', { 'web.config': wfastcgiConfig('run.app') }, 'module-layout')],
    ['attribute missing', makeProject('v-attr', { 'web.config': wfastcgiConfig('app.application') }, 'module-layout')],
    ['factory not called', makeProject('v-factory', { 'web.config': wfastcgiConfig('portal.create_app') }, 'factory')],
    ['instance called', makeProject('v-instance', { 'web.config': wfastcgiConfig('app.app()') }, 'module-layout')],
    ['module itself', makeProject('v-module', { 'web.config': wfastcgiConfig('shop.views') }, 'package-layout')],
    ['PYTHONPATH at the package', makeProject('v-pp', { 'web.config': wfastcgiConfig('inventory.app', '\n    <add key="PYTHONPATH" value="src\\inventory" />') }, 'src-layout')],
  ];
  if (HAS_DJANGO) samples.push(['django', join(PROJECTS, 'django')], ['django instance called', makeProject('v-dj', { 'web.config': wfastcgiConfig('mysite.wsgi.application()') }, 'django')]);
  for (const [name, dir] of samples) {
    const r = verify(dir);
    assert.ok(r.status === 0 || r.status === 1, `${name}: exit ${r.status}: ${r.stderr}`);
    const verdict = r.status === 0 ? 'loads' : 'fails';
    assert.equal(staticVerdict(dir), verdict, `${name}: static and verify disagree (verify: ${verdict}; ${r.stderr.trim()})`);
    const json = JSON.parse(r.stdout) as { files: { diagnostics: { code: string; range: { start: { line: number } } }[] }[] };
    const codes = json.files[0]!.diagnostics.map((d) => d.code);
    // What loads but cannot serve (a factory not called, a module, an ASGI app) fails at the request, as on IIS.
    assert.ok(verdict === 'loads' ? codes.length === 0 : codes.length === 1 && ['wsgi-handler-import-failed', 'wsgi-request-failed'].includes(codes[0]!), `${name}: ${codes.join(', ')}`);
  }
});

test('verify: the finding sits on the WSGI_HANDLER value and quotes wfastcgi\'s error', { skip }, () => {
  const r = cli(['verify', makeProject('v-text', { 'web.config': wfastcgiConfig('app.application') }, 'module-layout'), '--python', PYTHON!]);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /web\.config:9:36: error wsgi-handler-import-failed .*Error occurred while reading WSGI handler/);
  assert.match(r.stdout, /AttributeError: module 'app' has no attribute 'application'/);
  const missing = cli(['verify', makeProject('v-text2', { 'web.config': wfastcgiConfig('nothere.app') }), '--python', PYTHON!]);
  assert.match(missing.stdout, /ValueError: "nothere\.app" could not be imported: ModuleNotFoundError: No module named 'nothere'/);
});

test('verify: a module that hangs is killed after --timeout; one that exits reports; bad interpreters and folders exit 2', { skip }, () => {
  const hang = makeProject('v-hang', { 'web.config': wfastcgiConfig('slow.app'), 'slow.py': 'import time\ntime.sleep(600)\napp = None\n' });
  const started = Date.now();
  const r = verify(hang, ['--timeout', '2']);
  assert.equal(r.status, 1, r.stderr);
  assert.ok(Date.now() - started < 60_000);
  assert.match(r.stdout, /did not finish within 2 s/);
  const ps = spawnSync('ps', ['-eo', 'args'], { encoding: 'utf8' });
  assert.ok(!ps.stdout.includes(hang), 'the hanging interpreter was killed');
  const exits = verify(makeProject('v-exit', { 'web.config': wfastcgiConfig('quitter.app'), 'quitter.py': 'import sys\nsys.exit(3)\n' }));
  assert.equal(exits.status, 1);
  assert.match(exits.stdout, /SystemExit: 3/);
  const hardExit = verify(makeProject('v-osexit', { 'web.config': wfastcgiConfig('hard.app'), 'hard.py': 'import os\nos._exit(4)\n' }));
  assert.equal(hardExit.status, 1);
  assert.match(hardExit.stdout, /exited \(4\)/);
  const noPython = cli(['verify', join(PROJECTS, 'module-layout'), '--python', '/nonexistent/python3']);
  assert.equal(noPython.status, 2);
  assert.match(noPython.stderr, /--python|\/nonexistent\/python3: no such executable/);
  assert.equal(cli(['verify', join(PROJECTS, 'httpplatform'), '--python', PYTHON!]).status, 2);
  assert.equal(cli(['verify', makeProject('v-empty', {}), '--python', PYTHON!]).status, 2);
  const malformed = verify(makeProject('v-xml', { 'web.config': '<configuration><appSettings><add key="WSGI_HANDLER" value="app.app"></appSettings></configuration>' }, 'module-layout'));
  assert.equal(malformed.status, 1);
});

test('verify: scriptProcessor\'s python.exe runs only with --trust-config, and an explicit --python always wins', { skip }, () => {
  const handler = `<add name="Python FastCGI" path="*" verb="*" modules="FastCgiModule" scriptProcessor="${PYTHON}|/srv/wfastcgi.py" resourceType="Unspecified" />`;
  const dir = makeProject('v-sp', { 'web.config': wfastcgiConfig('app.app', '', handler) }, 'module-layout');
  const trusted = cli(['verify', dir, '--trust-config']);
  assert.equal(trusted.status, 0, trusted.stderr);
  assert.match(trusted.stderr, /loads with .*python3 \(Python 3\.\d+/);
  const untrusted = cli(['verify', dir]);
  assert.match(untrusted.stderr, /Did not run .*python3, the python\.exe that web\.config's scriptProcessor names: the repository chose it, not you/);
  const explicit = cli(['verify', dir, '--trust-config', '--python', '/nonexistent/python3']);
  assert.equal(explicit.status, 2, 'the explicit --python wins over a trusted scriptProcessor');
  assert.match(explicit.stderr, /\/nonexistent\/python3: no such executable/);
});

/** `flask-iis run DIR` with this test's Python (see ./serving). */
function withRun(dir: string, body: (url: string, output: string) => Promise<void>): Promise<void> {
  return runWith(dir, PYTHON!, body);
}

test('run (wfastcgi): serves the app on 127.0.0.1 with HTTP 200, reports the first request, honours X-Original-URL', { skip }, async () => {
  await withRun(join(PROJECTS, 'module-layout'), async (url, output) => {
    assert.match(output, /First request: HTTP 200 after \d+ ms/);
    const r = await get(url);
    assert.deepEqual(r, { status: 200, body: 'module layout' });
    const rewritten = await get(`${url}some/rewritten/path`, { 'X-Original-URL': '/' });
    assert.equal(rewritten.status, 200);
  });
  await withRun(join(PROJECTS, 'src-layout'), async (url) => assert.deepEqual(await get(url), { status: 200, body: 'src layout' }));
});

test('run (httpPlatform): starts processPath + arguments with HTTP_PLATFORM_PORT and waits for the port', { skip }, async () => {
  await withRun(join(PROJECTS, 'httpplatform'), async (url, output) => {
    assert.match(output, /\(httpPlatform\)/);
    const r = await get(url);
    assert.equal(r.status, 200);
    assert.equal(r.body, `httpPlatform on ${new URL(url).port}`);
  });
});

test('run: an app that does not load exits 1 with the reason', { skip }, () => {
  const r = cli(['run', makeProject('r-broken', { 'web.config': wfastcgiConfig('app.application') }, 'module-layout'), '--python', PYTHON!, '--port', '0']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /the app does not start: Error occurred while reading WSGI handler/);
});
