/** Bad Python input never crashes or hangs a check; the parse cache re-parses only what changed. */
import assert from 'node:assert/strict';
import { symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { checkText } from '../../src/core/check';
import { listWsgiApps, PythonModuleCache, wsgiHandlerTargets, type PythonSupport } from '../../src/core/python';
import { nodeProjectFiles } from '../../src/node/python/projectFiles';
import { checkProject, codesOf, makeProject, PROJECTS, projectOptions, testParser, wfastcgiConfig } from './pythonHelpers';
import { readFileSync } from 'node:fs';

let support: PythonSupport;
before(async () => {
  support = { parser: await testParser(), cache: new PythonModuleCache() };
});

const pyCodes = (dir: string) => codesOf(checkProject(dir, support).findings).filter((c) => /^(wsgi-handler-(module|attribute|factory|instance)|asgi|app-run|static-files|venv|pythonpath-not)/.test(c));

test('syntax errors, binary and undecodable .py files, huge generated modules: no finding about names, no failure', () => {
  const huge = 'from flask import Flask\napp = Flask(__name__)\n' + 'X_%d = %d\n'.repeat(1).replace(/%d/g, '0') + Array.from({ length: 120_000 }, (_, i) => `CONST_${i} = ${i}`).join('\n');
  const cases: Record<string, Record<string, string | Uint8Array>> = {
    syntax: { 'web.config': wfastcgiConfig('broken.app'), 'broken.py': 'from flask import Flask\napp = Flask(__name__\nclass :\n  def\n' },
    binary: { 'web.config': wfastcgiConfig('blob.app'), 'blob.py': new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2, 3, 0, 0xff]) },
    huge: { 'web.config': wfastcgiConfig('gen.missing_name'), 'gen.py': huge },
    nul: { 'web.config': wfastcgiConfig('nul.app'), 'nul.py': 'app = 1\n\u0000\u0000' },
  };
  for (const [name, files] of Object.entries(cases)) {
    const started = Date.now();
    assert.deepEqual(pyCodes(makeProject(`bad-${name}`, files)), [], name);
    assert.ok(Date.now() - started < 60_000);
  }
});

test('circular imports between project modules end (unknown, not missing), and run-at-import still looks at both', () => {
  const dir = makeProject('circular', {
    'web.config': wfastcgiConfig('a.app'),
    'a.py': 'from b import app\nfrom b import *\n',
    'b.py': 'from a import app\nfrom a import *\nimport a\napp.run()\n',
  });
  assert.deepEqual(pyCodes(dir), ['app-run-at-import']);
  const self = makeProject('self-alias', { 'web.config': wfastcgiConfig('loop.app'), 'loop.py': 'app = application\napplication = app\n' });
  assert.deepEqual(pyCodes(self), []);
});

test('symlink loops and links out of the project neither hang nor crash', () => {
  const dir = makeProject('symlinks', { 'web.config': wfastcgiConfig('pkg.app'), 'pkg/__init__.py': 'from flask import Flask\napp = Flask(__name__)\n' });
  symlinkSync(dir, join(dir, 'pkg', 'loop'));
  symlinkSync(join(dir, 'nowhere'), join(dir, 'dangling'));
  symlinkSync(join(dir, 'self'), join(dir, 'self'));
  assert.deepEqual(pyCodes(dir), []);
  const files = nodeProjectFiles(dir);
  assert.ok(files.listDir!('pkg/loop/pkg/loop/pkg')?.some((e) => e.name === '__init__.py'));
  assert.equal(files.listDir!('self'), undefined);
  assert.deepEqual(listWsgiApps(files, support).map((c) => c.handler), ['pkg.app']);
});

test('the parse cache: a second check parses nothing; touching one file re-parses that file only', () => {
  const cache = new PythonModuleCache();
  const own = { parser: support.parser, cache };
  const dir = makeProject('cache', { 'shop/extra.py': 'X = 1\n', 'shop/views.py': 'from . import app\nfrom . import extra\n' }, 'package-layout');
  const text = readFileSync(join(dir, 'web.config'), 'utf8');
  checkText(text, projectOptions(dir, own));
  const cold = cache.parses;
  assert.ok(cold >= 3, `parsed ${cold}`);
  checkText(text, projectOptions(dir, own));
  assert.equal(cache.parses, cold);
  writeFileSync(join(dir, 'shop/extra.py'), 'X = 2  # changed\n');
  utimesSync(join(dir, 'shop/extra.py'), new Date(), new Date(Date.now() + 5000));
  checkText(text, projectOptions(dir, own));
  assert.equal(cache.parses, cold + 1);
});

test('listWsgiApps: instances, factories and Django, best first', () => {
  const handlers = (sample: string, pythonPath?: string[]) => listWsgiApps(nodeProjectFiles(join(PROJECTS, sample)), support, pythonPath ? { pythonPath } : {}).map((c) => c.handler);
  assert.deepEqual(handlers('module-layout'), ['app.app']);
  assert.deepEqual(handlers('package-layout'), ['shop.app']);
  assert.deepEqual(handlers('factory'), ['portal.create_app()']);
  assert.deepEqual(handlers('namespace'), ['company.web.server.app']);
  assert.deepEqual(handlers('src-layout', ['src']), ['inventory.app']); // inventory.web.app is the same object: an alias, not a second app
  assert.deepEqual(handlers('fastapi'), []);
  const django = listWsgiApps(nodeProjectFiles(join(PROJECTS, 'django')), support);
  assert.deepEqual(django.map((c) => [c.handler, c.settingsModule]), [['django.core.wsgi.get_wsgi_application()', 'mysite.settings'], ['mysite.wsgi.application', undefined]]);
  assert.equal(django[0]!.file, 'mysite/wsgi.py');
});

test('wsgiHandlerTargets: each segment of WSGI_HANDLER links to its module or definition', () => {
  const dir = join(PROJECTS, 'src-layout');
  const text = readFileSync(join(dir, 'web.config'), 'utf8');
  const targets = wsgiHandlerTargets(text, projectOptions(dir, support));
  assert.deepEqual(targets.map((t) => text.slice(t.start, t.end)), ['inventory', 'app']);
  assert.match(targets[0]!.path, /src[\\/]inventory[\\/]__init__\.py$/);
  assert.match(targets[1]!.path, /src[\\/]inventory[\\/]web\.py$/);
  assert.deepEqual(targets[1]!.range.start, { line: 2, character: 0 });
  assert.deepEqual(wsgiHandlerTargets('<configuration', projectOptions(dir, support)), []);
});
