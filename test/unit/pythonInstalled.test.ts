/** WSGI_HANDLER modules outside the project: the interpreter is asked whether they are installed (find_spec). */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { POSIX_ONLY } from './platform';
import { checkText } from '../../src/core/check';
import type { PythonSupport } from '../../src/core/python';
import { askInstalled, askInstalledSync, askableModule } from '../../src/node/python/installedModules';
import { makeProject, projectOptions, tempDir, testSupport, wfastcgiConfig } from './pythonHelpers';
import { runCli } from './helpers';

const REAL_PYTHON = '/usr/bin/python3';
const hasRealPython = existsSync(REAL_PYTHON);
const flaskInstalled = hasRealPython && spawnSync(REAL_PYTHON, ['-c', 'import flask'], { timeout: 10_000 }).status === 0;
let support: PythonSupport;
before(async () => {
  support = await testSupport();
});

const cli = (args: string[]) => runCli(args, 30_000);

/** A fake interpreter answering `answer` (JSON) to every question, recording that it was run. */
function fakePython(name: string, answer: string): { exe: string; ran: () => boolean } {
  const dir = tempDir(`fake-${name}`);
  const exe = join(dir, 'fake-python');
  const marker = join(dir, 'ran');
  writeFileSync(exe, `#!/bin/sh\ncat >"${marker}"\necho '${answer}'\n`, { mode: 0o755 });
  return { exe, ran: () => existsSync(marker) && readFileSync(marker, 'utf8').length > 0 };
}

const moduleFindings = (dir: string, installed?: (n: string) => boolean | undefined) => {
  const text = wfastcgiConfig('vendorpkg.app');
  const options = { ...projectOptions(dir, support), ...(installed ? { installedModules: { interpreter: 'C:\\Py\\python.exe', installed } } : {}) };
  return checkText(text, options).findings.filter((f) => f.code === 'wsgi-handler-module-not-found');
};

test('core: the injected answer decides; no answer keeps the static verdict', () => {
  const dir = makeProject('inst-core', { 'web.config': wfastcgiConfig('vendorpkg.app'), 'other.py': 'x = 1\n' });
  assert.equal(moduleFindings(dir, (n) => (n === 'vendorpkg' ? true : undefined)).length, 0, 'installed: silent');
  const missing = moduleFindings(dir, () => false);
  assert.equal(missing.length, 1);
  assert.equal(missing[0]!.messageKey, 'py.moduleNotInstalled');
  assert.equal(missing[0]!.args['python'], 'C:\\Py\\python.exe');
  assert.equal(missing[0]!.args['module'], 'vendorpkg');
  assert.equal(moduleFindings(dir, () => undefined)[0]!.messageKey, 'py.moduleNotFound');
  assert.equal(moduleFindings(dir)[0]!.messageKey, 'py.moduleNotFound');
});

test('the asker: top-level identifiers only, one process, answers by position, failures give undefined', { skip: POSIX_ONLY }, async () => {
  assert.ok(askableModule('flask') && askableModule('_priv') && askableModule('modül'));
  assert.ok(!askableModule('a.b') && !askableModule('1x') && !askableModule('') && !askableModule('x;import os'));
  const fake = fakePython('asker', '[true, false]');
  assert.deepEqual([...askInstalledSync(fake.exe, ['a', 'b', 'a', 'c.d'])!], [['a', true], ['b', false]]);
  assert.deepEqual([...(await askInstalled(fake.exe, ['a', 'b']))!], [['a', true], ['b', false]]);
  assert.equal(askInstalledSync(fakePython('short', '[true]').exe, ['a', 'b']), undefined, 'wrong length');
  assert.equal(askInstalledSync(join(tempDir('none'), 'no-such-python'), ['a']), undefined);
  assert.equal(await askInstalled(join(tempDir('none2'), 'no-such-python'), ['a']), undefined);
  const hang = tempDir('hang');
  writeFileSync(join(hang, 'python'), '#!/bin/sh\nexec sleep 5\n', { mode: 0o755 });
  assert.equal(await askInstalled(join(hang, 'python'), ['a'], 200), undefined, 'killed after the timeout');
});

test('CLI: a fake interpreter saying installed silences, saying not installed reports and names it; --no-python does not ask', { skip: POSIX_ONLY }, () => {
  const dir = makeProject('inst-cli', { 'web.config': wfastcgiConfig('vendorpkg.app'), 'other.py': 'x = 1\n' });
  const yes = fakePython('yes', '[true]');
  const silent = cli(['check', dir, '--python', yes.exe]);
  assert.equal(silent.status, 0, silent.stdout + silent.stderr);
  assert.ok(yes.ran());
  const no = fakePython('no', '[false]');
  const reported = cli(['check', dir, '--python', no.exe]);
  assert.equal(reported.status, 1);
  assert.match(reported.stdout, /wsgi-handler-module-not-found .*"vendorpkg".*fake-python \(asked with importlib\.util\.find_spec\) has no module "vendorpkg" installed/);
  const skipped = fakePython('skipped', '[true]');
  const off = cli(['check', dir, '--python', skipped.exe, '--no-python']);
  assert.ok(!skipped.ran(), '--no-python: no interpreter is run');
  assert.doesNotMatch(off.stdout, /find_spec/);
});

test('CLI with the real /usr/bin/python3: flask installed is silent, a made-up name is reported', { skip: !hasRealPython && 'no /usr/bin/python3' }, () => {
  const made = makeProject('inst-real-madeup', { 'web.config': wfastcgiConfig('zz_no_such_module_4711.app'), 'other.py': 'x = 1\n' });
  const r = cli(['check', made, '--python', REAL_PYTHON]);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /\/usr\/bin\/python3 \(asked with importlib\.util\.find_spec\) has no module "zz_no_such_module_4711"/);
  if (!flaskInstalled) return;
  const flask = makeProject('inst-real-flask', { 'web.config': wfastcgiConfig('flask.app'), 'other.py': 'x = 1\n' });
  const ok = cli(['check', flask, '--python', REAL_PYTHON]);
  assert.doesNotMatch(ok.stdout, /wsgi-handler-module-not-found/);
  const off = cli(['check', flask, '--no-python']);
  assert.doesNotMatch(off.stdout, /find_spec/, '--no-python: the static verdict only');
});
