/**
 * Which interpreter is asked which modules are installed (issue 11 §1): the one that will run on the server.
 * When scriptProcessor's python.exe is not on this machine, no local Python is asked as if it were the server's;
 * the answer is unknown (information). One decision (src/node/interpreterChoice.ts) for the CLI and VS Code.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { POSIX_ONLY } from './platform';
import { buildWebConfig } from '../../src/core/model/webConfig';
import { scanXml } from '../../src/core/xml/scanner';
import { installedModulesQuestion } from '../../src/node/python/interpreterChoice';
import { runCli } from './helpers';
import { makeProject, tempDir, wfastcgiConfig } from './pythonHelpers';
import { rng } from './rng';

const REAL_PYTHON = '/usr/bin/python3';
const hasRealPython = existsSync(REAL_PYTHON);

const handlerFor = (exe: string, script = exe.replace(/python\w*\.exe$/i, 'Lib\\site-packages\\wfastcgi.py')) =>
  `<add name="PythonHandler" path="*" verb="*" modules="FastCgiModule" scriptProcessor="${exe}|${script}" resourceType="Unspecified" requireAccess="Script" />`;
const model = (exe: string | undefined) => buildWebConfig(scanXml(exe === undefined ? wfastcgiConfig('vendorpkg.app', '', '') : wfastcgiConfig('vendorpkg.app', '', handlerFor(exe))));

/** A fake interpreter answering `[false]`, recording that it was run. */
function fakePython(name: string): { exe: string; ran: () => boolean } {
  const dir = tempDir(`q-${name}`);
  const exe = join(dir, 'python3');
  const marker = join(dir, 'ran');
  writeFileSync(exe, `#!/bin/sh\ncat >"${marker}"\necho '[false]'\n`, { mode: 0o755 });
  return { exe, ran: () => existsSync(marker) && readFileSync(marker, 'utf8').length > 0 };
}

test('the decision: the server interpreter when it is here and may run; unknown when it is not here; an explicit one always', () => {
  const local = '/opt/local/bin/python3';
  const fallback = () => local;
  assert.deepEqual(installedModulesQuestion(model('C:\\Program Files\\Python312\\python.exe'), { mayRun: () => true, fallback }), { kind: 'unknown', server: 'C:\\Program Files\\Python312\\python.exe' });
  assert.deepEqual(installedModulesQuestion(model('\\\\fileserver\\python\\python.exe'), { mayRun: () => true, fallback }), { kind: 'unknown', server: '\\\\fileserver\\python\\python.exe' });
  assert.deepEqual(installedModulesQuestion(model('C:\\Python312\\python.exe'), { explicit: local, mayRun: () => false }), { kind: 'ask', python: local });
  assert.deepEqual(installedModulesQuestion(model(undefined), { mayRun: () => true, fallback }), { kind: 'ask', python: local });
  assert.deepEqual(installedModulesQuestion(model(undefined), { mayRun: () => true }), { kind: 'none' });
  if (!hasRealPython) return;
  // scriptProcessor's python.exe exists here: asked when it may run, else the fallback stands in (the exe is local).
  assert.deepEqual(installedModulesQuestion(model(REAL_PYTHON), { mayRun: () => true, fallback }), { kind: 'ask', python: REAL_PYTHON });
  assert.deepEqual(installedModulesQuestion(model(REAL_PYTHON), { mayRun: () => false, fallback }), { kind: 'ask', python: local });
  assert.deepEqual(installedModulesQuestion(model(REAL_PYTHON), { mayRun: () => false }), { kind: 'none' });
});

test('property: a scriptProcessor interpreter that is not on this machine is never stood in for by a local one', () => {
  const next = rng(1112);
  const pick = <T>(xs: T[]) => xs[Math.floor(next() * xs.length)]!;
  for (let i = 0; i < 300; i++) {
    const exe = [pick(['C:', 'D:', 'E:', '\\\\srv\\share']), ...Array.from({ length: 1 + Math.floor(next() * 4) }, () => pick(['Python312', 'Program Files', 'venv', 'Scripts', 'home', 'inetpub', 'Python 3.11', 'sites'])), pick(['python.exe', 'pythonw.exe', 'python3.exe'])].join('\\');
    const q = installedModulesQuestion(model(exe), { mayRun: () => next() < 0.5, fallback: () => '/usr/local/bin/python3' });
    assert.equal(q.kind, 'unknown', exe);
  }
});

test('CLI: scriptProcessor python.exe not here: module-not-found is information that the answer is unknown; nothing local runs', { skip: POSIX_ONLY }, () => {
  const dir = makeProject('q-cli-unknown', { 'web.config': wfastcgiConfig('vendorpkg.app', '', handlerFor('C:\\Program Files\\Python312\\python.exe')), 'other.py': 'x = 1\n' });
  for (const flags of [[], ['--trust-config']]) {
    const r = runCli(['check', dir, ...flags], 30_000);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /information .*wsgi-handler-module-not-found .*C:\\Program Files\\Python312\\python\.exe is not on this machine .*cannot be known here/);
  }
  // An interpreter named with --python is the user's answer to "which interpreter": it is asked.
  const fake = fakePython('explicit');
  const asked = runCli(['check', dir, '--python', fake.exe], 30_000);
  assert.ok(fake.ran());
  assert.equal(asked.status, 1);
  assert.match(asked.stdout, /error .*has no module "vendorpkg" installed/);
});

test('CLI with the real /usr/bin/python3 as scriptProcessor (--trust-config): the server interpreter is here and is asked', { skip: !hasRealPython && 'no /usr/bin/python3' }, () => {
  const dir = makeProject('q-cli-real', { 'web.config': wfastcgiConfig('zz_vendor_4712.app', '', handlerFor(REAL_PYTHON, '/usr/lib/python3/dist-packages/wfastcgi.py')), 'other.py': 'x = 1\n' });
  const r = runCli(['check', dir, '--trust-config'], 30_000);
  assert.equal(r.status, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /\/usr\/bin\/python3 \(asked with importlib\.util\.find_spec\) has no module "zz_vendor_4712" installed/);
});
