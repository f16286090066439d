/**
 * Import following kept between checks (src/core/python/projectWitness.ts): with the parse cache and the folder
 * listings shared across checks, every check after an edit reports exactly what a check from scratch reports.
 */
import assert from 'node:assert/strict';
import { existsSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { checkText } from '../../src/core/check';
import { PythonModuleCache, type PythonSupport } from '../../src/core/python';
import { nodeProjectFiles } from '../../src/node/python/projectFiles';
import { DirListingCache } from '../../src/node/python/pythonFiles';
import { makeProject, testSupport, wfastcgiConfig } from './pythonHelpers';

const CODES = new Set(['wsgi-handler-import-unresolved', 'wsgi-handler-routes-not-imported', 'wsgi-handler-module-not-found', 'app-run-at-import']);

test('edits between checks: the shared caches give the findings a fresh check gives', async () => {
  const support: PythonSupport = await testSupport();
  const config = wfastcgiConfig('site.app');
  const dir = makeProject('across-checks', {
    'web.config': config,
    'site.py': 'from flask import Flask\nfrom helpers.text import slugify\n\napp = Flask(__name__)\n',
    'helpers/__init__.py': '',
    'helpers/text.py': 'from .format import title\n\ndef slugify(s):\n    return s\n',
    'helpers/format.py': 'def title(s):\n    return s\n',
  });
  const listings = new DirListingCache();
  const shared = { parser: support.parser, cache: new PythonModuleCache({ watched: () => true }) };
  let tick = 1;
  /** Distinct mtimes (a file's, and its folder's when an entry comes or goes), as a slow clock would give. */
  const touch = (path: string) => {
    const t = new Date(Date.now() + tick++ * 2000);
    utimesSync(join(dir, path), t, t);
  };
  const edit = (path: string, text: string | undefined) => {
    const created = text !== undefined && !existsSync(join(dir, path));
    if (text === undefined) rmSync(join(dir, path));
    else writeFileSync(join(dir, path), text);
    if (text !== undefined) touch(path);
    if (created || text === undefined) touch(join(path, '..'));
    shared.cache.delete(join(dir, path));
  };
  const summary = (python: PythonSupport, cached: boolean) => {
    const result = checkText(config, { project: nodeProjectFiles(dir, cached ? listings : undefined), python });
    assert.deepEqual(result.internalErrors, []);
    return result.findings.filter((f) => CODES.has(f.code)).map((f) => ({ code: f.code, key: f.messageKey, args: f.args }));
  };
  const same = (label: string) => {
    const fresh = summary({ parser: support.parser, cache: new PythonModuleCache() }, false);
    assert.deepEqual(summary(shared, true), fresh, label);
    return fresh;
  };
  assert.deepEqual(same('start'), []);
  edit('helpers/text.py', 'from .format import title\n\ndef slugify(s):\n    return s.lower()\n');
  assert.deepEqual(same('body edit'), []);
  edit('helpers/format.py', 'def titel(s):\n    return s\n');
  assert.equal(same('a name the import needs removed')[0]?.args['missing'], 'title');
  edit('helpers/format.py', 'def title(s):\n    return s\n');
  assert.deepEqual(same('the name back'), []);
  edit('helpers/text.py', 'from .format import title\nfrom .missing import thing\n\ndef slugify(s):\n    return s\n');
  assert.equal(same('an import of a missing module added')[0]?.args['missing'], 'helpers.missing');
  edit('helpers/missing.py', 'thing = 1\n');
  assert.deepEqual(same('the missing module created'), []);
  edit('helpers/missing.py', undefined);
  assert.equal(same('the module deleted again')[0]?.args['missing'], 'helpers.missing');
  edit('helpers/text.py', '\n\nfrom .format import title\nfrom .missing import thing\n\ndef slugify(s):\n    return s\n');
  const moved = same('the import moved down two lines');
  assert.equal(moved[0]?.args['line'], same('again, from the caches')[0]?.args['line']);
  edit('helpers/__init__.py', 'from flask import Flask\nFlask(__name__).run()\n');
  same('a package run at import');
  // The reuse itself: a body edit keeps the answers (no listing or import changed), and they stay right.
  edit('helpers/format.py', 'def title(s):\n    return s.title()\n');
  same('a body edit after all that');
});
