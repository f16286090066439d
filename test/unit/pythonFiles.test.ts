/** The Node file access of the Python-aware checks: full paths agree with path.join; versioned reads; the parse cache. */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, normalize } from 'node:path';
import { test } from 'node:test';
import { PythonModuleCache } from '../../src/core/python';
import { nodeProjectFiles, onceReadFiles } from '../../src/node/python/projectFiles';
import { DirListingCache, nodePythonFiles } from '../../src/node/python/pythonFiles';
import { testParser } from './pythonHelpers';

test('absolute(): plain paths take the fast path, the result always equals normalize(join(appFolder, path))', () => {
  const paths = ['a/b.py', 'x.py', '.venv/pyvenv.cfg', '..a/b', 'a/.b', '.', 'a/../b', 'a/./b', 'a//b', 'a/', 'src\\inventory'];
  for (const folder of ['/srv/site', '/srv/site/', '.', 'rel/site', '../up']) {
    const listings = new DirListingCache();
    for (const files of [nodePythonFiles(folder), nodePythonFiles(folder, listings), nodePythonFiles(folder, listings)]) {
      for (const p of paths) assert.equal(files.absolute(p), normalize(join(folder, p.replace(/\\/g, '/'))), `${folder} + ${p}`);
    }
  }
});

test('readVersioned(): the text readText gives and the version version() gives, from one read; nothing outside the folder, from a FIFO or a binary', () => {
  const dir = mkdtempSync(join(tmpdir(), 'flask-iis-pyfiles-'));
  try {
    mkdirSync(join(dir, 'site', 'pkg'), { recursive: true });
    writeFileSync(join(dir, 'site', 'pkg', 'mod.py'), 'import os\r\nX = "é"\n');
    writeFileSync(join(dir, 'site', 'blob.py'), Buffer.from([0, 1, 2, 0, 0xff]));
    writeFileSync(join(dir, 'outside.py'), 'SECRET = 1\n');
    const files = nodeProjectFiles(join(dir, 'site'));
    for (const path of ['pkg/mod.py', 'pkg\\mod.py']) {
      assert.deepEqual(files.readVersioned!(path), { text: files.readText(path), version: files.version!(path) }, path);
      assert.equal(files.readVersioned!(path).text, 'import os\r\nX = "é"\n');
    }
    const none = { text: undefined, version: undefined };
    assert.deepEqual(files.readVersioned!('../outside.py'), none, 'outside the application folder');
    assert.deepEqual(files.readVersioned!(join(dir, 'outside.py')), none, 'an absolute path');
    assert.deepEqual(files.readVersioned!('blob.py'), none, 'binary');
    assert.deepEqual(files.readVersioned!('missing.py'), none, 'missing');
    assert.deepEqual(files.readVersioned!('pkg'), none, 'a folder');
    if (process.platform !== 'win32') {
      execFileSync('mkfifo', [join(dir, 'site', 'fifo.py')]);
      assert.deepEqual(files.readVersioned!('fifo.py'), none, 'a FIFO is refused, not waited on');
    }
    // onceReadFiles: the text read for the version is the text readText gives later, without reading again.
    const once = onceReadFiles(files);
    const first = once.readVersioned!('pkg/mod.py');
    writeFileSync(join(dir, 'site', 'pkg', 'mod.py'), 'changed = True\n');
    assert.equal(once.readText('pkg/mod.py'), first.text);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the parse cache: a file read with its version is parsed once, again after any change, and an unversioned read is never kept', async () => {
  const parser = await testParser();
  const cache = new PythonModuleCache();
  let version: string | undefined = 'v1';
  let text = 'A = 1\n';
  let loads = 0;
  const get = () => cache.get('k', () => version, parser, () => (loads++, { text, version }));
  assert.deepEqual(get().names, ['A']);
  assert.deepEqual(get().names, ['A']);
  assert.equal(loads, 1);
  text = 'B = 2\n';
  version = 'v2';
  assert.deepEqual(get().names, ['B']);
  assert.equal(loads, 2);
  version = undefined;
  get();
  get();
  assert.equal(loads, 4, 'without a version nothing is cached');
  assert.equal(cache.size, 0);
});
