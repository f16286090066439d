/**
 * The host schema cache (node/schema/schemaCache.ts): a folder loaded once is decoded from compact JSON next time,
 * to the same schema; a stale, corrupted or wrongly shaped entry is never used (the XML is read again and the
 * entry rewritten); the CLI's cache folder comes from the user's environment, never the workspace.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { encodeSchemaFiles } from '../../src/core/schema/serialize';
import { osCacheFolder, readSchemaCache, schemaCacheFile } from '../../src/node/schema/schemaCache';
import { flushSchemaCacheWrites, forgetSchemaFolders, loadSchemaFolder, type LoadedSchemaFolder } from '../../src/node/schema/schemaFolder';
import { runCli } from './helpers';

const FIX = resolve(__dirname, '../../test/fixtures/schema');

function setup(): { dir: string; cacheDir: string; done: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'flask-iis-schema-cache-'));
  const dir = join(root, 'schema');
  cpSync(join(FIX, 'host'), dir, { recursive: true });
  return { dir, cacheDir: join(root, 'cache'), done: () => rmSync(root, { recursive: true, force: true }) };
}

const ok = (l: LoadedSchemaFolder): Extract<LoadedSchemaFolder, { ok: true }> => {
  if (!l.ok) assert.fail(l.reason);
  return l;
};
/** The schema as comparable data (Maps and all). */
const shape = (l: LoadedSchemaFolder) => JSON.stringify([...ok(l).schema.sections.values()].map((s) => encodeSchemaFiles([{ source: '', sections: [s], problems: [] }])));

test('a folder read once comes from the cache next time (a fresh process\'s view), to the same schema', () => {
  const { dir, cacheDir, done } = setup();
  try {
    forgetSchemaFolders();
    const first = ok(loadSchemaFolder(dir, { cacheDir }));
    assert.equal(first.source, 'xml');
    flushSchemaCacheWrites(); // written after the load, not during it
    assert.equal(readdirSync(cacheDir).length, 1);
    assert.equal(loadSchemaFolder(dir, { cacheDir }), first, 'this process keeps what it loaded');
    forgetSchemaFolders();
    const second = ok(loadSchemaFolder(dir, { cacheDir }));
    assert.equal(second.source, 'cache');
    assert.equal(shape(second), shape(first));
    assert.deepEqual(second.files, first.files);
    assert.deepEqual([...second.schema.groups].sort(), [...first.schema.groups].sort());
  } finally {
    done();
  }
});

test('a corrupted, truncated, foreign or stale cache entry is never used: the XML is read and the entry rewritten', () => {
  const { dir, cacheDir, done } = setup();
  try {
    forgetSchemaFolders();
    const reference = shape(loadSchemaFolder(dir, { cacheDir }));
    flushSchemaCacheWrites();
    const file = schemaCacheFile(cacheDir, dir);
    const good = readFileSync(file, 'utf8');
    const [header, payload] = [good.slice(0, good.indexOf('\n')), good.slice(good.indexOf('\n') + 1)];
    const forged = JSON.stringify([{ s: 'x', x: [{ n: 'handlers' }], p: [] }]); // valid JSON, wrong shape (no section path)
    const sha = (t: string) => createHash('sha256').update(t).digest('hex');
    const variants: [string, string][] = [
      ['a flipped byte', good.replace('"handlers"', '"handlerz"')],
      ['truncated', good.slice(0, good.length - 100)],
      ['no header line', payload],
      ['not JSON', `${header}\n{{{`],
      ['another format', good.replace('"format":1', '"format":99')],
      ['wrong shape with a matching hash', `${header.replace(/"sha256":"[0-9a-f]+"/, `"sha256":"${sha(forged)}"`)}\n${forged}`],
      ['binary garbage', '\u0000\u0001\u0002'.repeat(100)],
    ];
    for (const [what, text] of variants) {
      writeFileSync(file, text);
      forgetSchemaFolders();
      const again = loadSchemaFolder(dir, { cacheDir });
      assert.equal(ok(again).source, 'xml', what);
      assert.equal(shape(again), reference, what);
      flushSchemaCacheWrites();
      assert.equal(readFileSync(file, 'utf8'), good, `${what}: the entry is rewritten`);
    }
    // A schema file changed since: the stamp differs, the entry is stale.
    utimesSync(join(dir, 'IIS_schema.xml'), new Date(), new Date(Date.now() + 5000));
    forgetSchemaFolders();
    assert.equal(ok(loadSchemaFolder(dir, { cacheDir })).source, 'xml');
    assert.equal(readSchemaCache(cacheDir, join(dir, '..', 'other'), 'x'), undefined);
  } finally {
    done();
  }
});

test('the CLI\'s cache folder: XDG_CACHE_HOME or ~/.cache, %LOCALAPPDATA%, ~/Library/Caches; a relative value is ignored', () => {
  assert.equal(osCacheFolder({ XDG_CACHE_HOME: '/home/ana/.cache' }, 'linux'), join('/home/ana/.cache', 'flask-iis'));
  assert.match(osCacheFolder({ XDG_CACHE_HOME: 'relative/cache' }, 'linux')!, /\.cache[\\/]flask-iis$/);
  assert.equal(osCacheFolder({}, 'win32'), undefined);
  assert.match(osCacheFolder({}, 'darwin')!, /Library[\\/]Caches[\\/]flask-iis$/);
});

test('flask-iis check --schema-dir writes its cache under XDG_CACHE_HOME, not in the checked folder, and uses it next run', () => {
  const { dir, cacheDir, done } = setup();
  try {
    const run = () => runCli(['check', join(FIX, 'site'), '--format', 'json', '--schema-dir', dir, '--no-python'], 30_000, { XDG_CACHE_HOME: cacheDir });
    const first = run();
    assert.notEqual(first.status, 2, first.stderr);
    // One schema entry (beside it, the CLI's own code cache: cli-code-*.bin).
    assert.deepEqual(readdirSync(join(cacheDir, 'flask-iis')).filter((n) => !n.startsWith('cli-code-')).map((n) => /^schema-[0-9a-f]+\.json$/.test(n)), [true]);
    assert.ok(!readdirSync(join(FIX, 'site')).some((n) => n.includes('schema-')));
    const second = run();
    assert.equal(second.stdout, first.stdout);
  } finally {
    done();
  }
});
