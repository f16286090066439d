/**
 * dist/cli.js, the `flask-iis` bin, loads the bundle (dist/cli-main.js) through V8's code cache, kept in the user's
 * cache folder. The cache must never change what the CLI does: the same output cold, warm, with a corrupted or
 * hostile cache file, and with the cache turned off. The Python-aware check (tree-sitter's wasm loader, which
 * imported node modules dynamically) must work from the cache too.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';
import { webConfig } from './helpers';

const ROOT = resolve(__dirname, '../..');
const CLI = join(ROOT, 'dist/cli.js');
const tmp = mkdtempSync(join(tmpdir(), 'flask-iis-launcher-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
/** Node 22.1+ keeps its own compile cache; node 20 and 21 use the launcher's. */
const NODE_CACHE = typeof (require('node:module') as { enableCompileCache?: unknown }).enableCompileCache === 'function';

const site = join(tmp, 'site');
mkdirSync(site);
// WSGI_HANDLER names an attribute app.py does not define: only the Python-aware check (the wasm parser) finds it.
writeFileSync(join(site, 'web.config'), webConfig({ settings: '<add key="WSGI_HANDLER" value="app.application" />' }));
writeFileSync(join(site, 'app.py'), 'from flask import Flask\n\napp = Flask(__name__)\n');

function cli(cacheHome: string, env: NodeJS.ProcessEnv = {}) {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, LANG: 'C', CI: 'true', XDG_CACHE_HOME: cacheHome, ...env };
  if (!env['NODE_DISABLE_COMPILE_CACHE']) delete childEnv['NODE_DISABLE_COMPILE_CACHE'];
  const r = spawnSync(process.execPath, [CLI, 'check', site], { encoding: 'utf8', timeout: 30_000, env: childEnv });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The launcher's cache files under a cache home (node 20/21), or node's compile cache entries (22.1+). */
function cacheFiles(cacheHome: string): string[] {
  const dir = join(cacheHome, 'flask-iis');
  if (!existsSync(dir)) return [];
  if (NODE_CACHE) return existsSync(join(dir, 'node-compile-cache')) ? readdirSync(join(dir, 'node-compile-cache'), { recursive: true }).map(String) : [];
  return readdirSync(dir).filter((f) => f.startsWith('cli-code-')).map((f) => join(dir, f));
}

test('cold and warm runs give the same findings, the Python-aware ones included, and the warm run reads the cache', () => {
  const home = join(tmp, 'home-a');
  const cold = cli(home);
  assert.equal(cold.status, 1, cold.stderr);
  assert.match(cold.stdout, /wsgi-handler-attribute-not-found/);
  assert.equal(cold.stderr.includes('skipped'), false, cold.stderr);
  const files = cacheFiles(home);
  assert.ok(files.length > 0, 'the first run leaves a code cache in the user cache folder');
  const warm = cli(home);
  assert.deepEqual(warm, cold);
  if (!NODE_CACHE) {
    assert.deepEqual(cacheFiles(home), files, 'an accepted cache is not rewritten');
    assert.equal(statSync(files[0]!).mode & 0o077, 0, 'the cache file is private to the user');
  }
});

test('a corrupted, truncated or hostile cache file changes nothing: it is compiled as usual and replaced', { skip: NODE_CACHE && 'node keeps its own compile cache' }, () => {
  const home = join(tmp, 'home-b');
  const reference = cli(home);
  const [file] = cacheFiles(home);
  assert.ok(file);
  const good = readFileSync(file);
  for (const bad of [Buffer.from('not a code cache'), good.subarray(0, good.length >> 1), Buffer.alloc(0), Buffer.from(good.map((b, i) => (i > 64 ? b ^ 0x5a : b)))]) {
    writeFileSync(file, bad);
    assert.deepEqual(cli(home), reference);
    const rewritten = readFileSync(file);
    assert.ok(!rewritten.equals(bad) && rewritten.length > good.length / 2, 'the rejected cache is rewritten with a good one');
  }
  // A directory, or a symlink to a device, where the cache file would be: ignored, never read.
  rmSync(file);
  mkdirSync(file);
  assert.deepEqual(cli(home), reference);
  rmSync(file, { recursive: true });
  if (process.platform !== 'win32') {
    symlinkSync('/dev/zero', file);
    assert.deepEqual(cli(home), reference);
  }
});

test('an older cache entry is removed when a new one is written; NODE_DISABLE_COMPILE_CACHE writes none', { skip: NODE_CACHE && 'node keeps its own compile cache' }, () => {
  const home = join(tmp, 'home-c');
  const dir = join(home, 'flask-iis');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'cli-code-0.0.1-v20.0.0-x64-1-1.bin'), 'old');
  writeFileSync(join(dir, 'schema-0123.json'), 'another cache: kept');
  const reference = cli(home);
  assert.deepEqual(readdirSync(dir).filter((f) => f.startsWith('cli-code-')).length, 1);
  assert.ok(existsSync(join(dir, 'schema-0123.json')));
  const off = join(tmp, 'home-d');
  assert.deepEqual(cli(off, { NODE_DISABLE_COMPILE_CACHE: '1' }), reference);
  assert.deepEqual(cacheFiles(off), []);
});
