/** `flask-iis check --target` and `--schema-dir` as a user runs them (dist/cli.js, built by the test build). */
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { runCli } from './helpers';

const FIX = resolve(__dirname, '../../test/fixtures/schema');

function configCodes(stdout: string): string[] {
  const parsed = JSON.parse(stdout) as { files: { diagnostics: { code: string }[] }[] };
  return parsed.files.flatMap((f) => f.diagnostics.map((x) => x.code)).filter((c) => c.startsWith('config-'));
}

test('--schema-dir: the host\'s schema folder validates its site clean; --target picks older profiles that lack two attributes', () => {
  const host = runCli(['check', `${FIX}/site`, '--format', 'json', '--schema-dir', `${FIX}/host`, '--no-python']);
  assert.notEqual(host.status, 2, host.stderr);
  assert.deepEqual(configCodes(host.stdout), []);
  const old = runCli(['check', `${FIX}/site`, '--format', 'json', '--target', 'iis8.5,rewrite2.0', '--no-python']);
  assert.equal(old.status, 1, old.stderr);
  assert.deepEqual(configCodes(old.stdout), ['config-not-in-target', 'config-not-in-target']);
});

test('--target and --schema-dir refuse what they cannot use (exit 2, a clear message)', () => {
  const bad = runCli(['check', `${FIX}/site`, '--target', 'iis11']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--target: unknown iis11/);
  const missing = runCli(['check', `${FIX}/site`, '--schema-dir', `${FIX}/no-such-folder`]);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /--schema-dir/);
});
