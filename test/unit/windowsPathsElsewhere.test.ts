/**
 * Windows paths are Windows paths on every host (issue 12 §5): `C:\Program Files\Python312\python.exe` given on
 * Linux is never joined to the current folder, in scaffolds and host plans alike; a dry run prints the plan even
 * though the interpreter is not on this machine (whether wfastcgi is installed there is unknown, and said).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from './helpers';
import { fixtureWithoutConfig } from './scaffoldHelpers';

const PY = 'C:\\Program Files\\Python312\\python.exe';
const joined = (dir: string) => new RegExp(`${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[\\\\/]+C:|[\\\\/]C:\\\\Program Files`);

test('enable --dry-run with a Windows interpreter on another system: the plan, its Windows paths, and the unknown said', { skip: process.platform === 'win32' && 'Linux/macOS only' }, () => {
  const dir = fixtureWithoutConfig('module-layout', 'winpaths-enable');
  const r = runCli(['enable', '--python', PY, '--dry-run'], 30_000, { PWD: dir });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /"C:\\\\Program Files\\\\Python312\\\\Scripts\\\\wfastcgi-enable\.exe"/);
  assert.match(r.stderr, /"C:\\Program Files\\Python312\\python\.exe"\|"C:\\Program Files\\Python312\\Lib\\site-packages\\wfastcgi\.py"/);
  assert.match(r.stderr, /is not on this machine, so whether wfastcgi is installed in it cannot be checked here/);
  assert.doesNotMatch(r.stdout + r.stderr, joined(process.cwd()));
  const install = runCli(['enable', '--python', PY, '--dry-run', '--install'], 30_000);
  assert.equal(install.status, 0, install.stderr);
  assert.match(install.stdout, /\["C:\\\\Program Files\\\\Python312\\\\python\.exe","-m","pip","install","wfastcgi"\]/);
});

test('init and register --dry-run keep C:\\Program Files\\Python312\\python.exe whole (files, grants, appcmd)', { skip: process.platform === 'win32' && 'Linux/macOS only' }, () => {
  const dir = fixtureWithoutConfig('module-layout', 'winpaths-init');
  const init = runCli(['init', dir, '--python', PY, '--site-path', 'C:\\inetpub\\wwwroot\\shop', '--force'], 60_000);
  assert.equal(init.status, 0, init.stderr);
  const config = readFileSync(join(dir, 'web.config'), 'utf8');
  assert.match(config, /scriptProcessor="C:\\Program Files\\Python312\\python\.exe\|C:\\Program Files\\Python312\\Lib\\site-packages\\wfastcgi\.py"/);
  for (const f of ['web.config', 'DEPLOY.md']) assert.doesNotMatch(readFileSync(join(dir, f), 'utf8'), joined(dir), f);
  const reg = runCli(['register', dir, '--site', 'shop', '--port', '8080', '--python', PY, '--dry-run', '--format', 'json'], 60_000);
  assert.equal(reg.status, 0, reg.stderr);
  assert.doesNotMatch(reg.stdout, joined(dir));
  const steps = (JSON.parse(reg.stdout) as { steps: { argv: string[] }[] }).steps.map((x) => x.argv);
  assert.ok(steps.some((a) => a[0] === 'C:\\Windows\\System32\\icacls.exe' && a[1] === 'C:\\Program Files\\Python312' && a[2] === '/grant'), JSON.stringify(steps));
  assert.ok(steps.some((a) => a.some((x) => x.includes("fullPath='C:\\Program Files\\Python312\\python.exe'"))));
});
