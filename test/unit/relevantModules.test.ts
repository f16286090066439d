/** init's scan parses only modules that can define an application or register routes; nothing found before is lost. */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { analyseApps, type PythonSupport } from '../../src/core/python';
import { nodeProjectFiles } from '../../src/node/python/projectFiles';
import { makeProject, testSupport } from './pythonHelpers';

let support: PythonSupport;
before(async () => {
  support = await testSupport();
});

test('an app built by a project factory in a module that never names a framework is still a candidate; helpers are not parsed', () => {
  const helpers = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`shop/util${i}.py`, `"""Helper ${i}."""\n\ndef price_${i}(x):\n    return x * ${i}\n`]));
  const dir = makeProject('relevant-factory', {
    'shop/__init__.py': '',
    'shop/factory.py': 'from flask import Flask\n\n\ndef build():\n    site = Flask(__name__)\n    return site\n',
    // Neither "flask" nor "Flask" here: found through the factory's module name and binding.
    'serve.py': 'from shop.factory import build\n\nsite = build()\n\n\n@site.route("/")\ndef index():\n    return "shop"\n',
    ...helpers,
  });
  const cache = support.cache;
  const before = cache.parses;
  const { apps } = analyseApps(nodeProjectFiles(dir), { parser: support.parser, cache });
  assert.ok(apps.some((a) => a.handler === 'serve.site'), JSON.stringify(apps.map((a) => a.handler)));
  assert.ok(cache.parses - before < 10, `parsed ${cache.parses - before} files of 33`);
});
