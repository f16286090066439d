/**
 * The module summary's application constructor calls: every call whose final name is a known constructor, in
 * functions too, whatever else the module holds; and no call whose name merely is an Object property.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isAppConstructorName, mayConstructApp } from '../../src/core/python/frameworks';
import { parseSummary } from '../../src/core/python/moduleCache';
import { testParser } from './pythonHelpers';

const CONSTRUCTORS = ['Flask', 'flask.Flask', 'FastAPI', 'fastapi.applications.FastAPI', 'bottle.default_app', 'falcon.App', 'get_wsgi_application', 'channels.routing.ProtocolTypeRouter', 'WsgiToAsgi'];

test('an app constructor call is found at module level, in a function, in an argument and behind a guard', async () => {
  const parser = await testParser();
  for (const callee of CONSTRUCTORS) {
    assert.ok(isAppConstructorName(callee), callee);
    const text = [
      '"""A module."""',
      'import os',
      `app = ${callee}(__name__)`,
      'def create_app(config=None):',
      `    inner = ${callee}("inner")`,
      '    return inner',
      `wrapped = Middleware(${callee}("arg"))`,
      'if os.environ.get("X"):',
      `    guarded = ${callee}()`,
    ].join('\n');
    const calls = parseSummary(parser, text).appCalls.map((c) => c.callee);
    assert.deepEqual(calls, [callee, callee, callee, callee], callee);
  }
});

test('calls named like Object properties (constructor, toString, hasOwnProperty) are no app constructors', async () => {
  const parser = await testParser();
  for (const name of ['constructor', 'toString', 'hasOwnProperty', '__proto__', 'valueOf']) {
    assert.equal(isAppConstructorName(`self.${name}`), false, name);
    assert.equal(isAppConstructorName(name), false, name);
  }
  // yaml/constructor.py and copyreg.py have these shapes.
  const text = 'class Loader:\n    def construct(self, node):\n        return self.constructor(self, node)\n\nobj = constructor(cls)\n';
  assert.deepEqual(parseSummary(parser, text).appCalls, []);
});

test('the text pre-check never hides a constructor: each name in a call passes it, a module without any does not', () => {
  for (const callee of CONSTRUCTORS) assert.ok(mayConstructApp(`x = ${callee}()`), callee);
  assert.equal(mayConstructApp('import os\n\ndef handler(request):\n    return os.environ.get("X")\n'), false);
});
