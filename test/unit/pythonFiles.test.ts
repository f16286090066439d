/** The Node file access of the Python-aware checks: full paths (fast path and memo) agree with path.join. */
import assert from 'node:assert/strict';
import { join, normalize } from 'node:path';
import { test } from 'node:test';
import { DirListingCache, nodePythonFiles } from '../../src/node/python/pythonFiles';

test('absolute(): plain paths take the fast path, the result always equals normalize(join(appFolder, path))', () => {
  const paths = ['a/b.py', 'x.py', '.venv/pyvenv.cfg', '..a/b', 'a/.b', '.', 'a/../b', 'a/./b', 'a//b', 'a/', 'src\\inventory'];
  for (const folder of ['/srv/site', '/srv/site/', '.', 'rel/site', '../up']) {
    const listings = new DirListingCache();
    for (const files of [nodePythonFiles(folder), nodePythonFiles(folder, listings), nodePythonFiles(folder, listings)]) {
      for (const p of paths) assert.equal(files.absolute(p), normalize(join(folder, p.replace(/\\/g, '/'))), `${folder} + ${p}`);
    }
  }
});
