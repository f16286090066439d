/** Quick fixes of the Python-aware codes: add or remove (), create the static folder's web.config. */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { checkText } from '../../src/core/check';
import { fixesFor } from '../../src/core/editing/fixes';
import type { PythonSupport } from '../../src/core/python';
import { applyEdits } from './editingHelpers';
import { makeProject, projectOptions, testSupport, wfastcgiConfig } from './pythonHelpers';

let support: PythonSupport;
before(async () => {
  support = await testSupport();
});

function fixFor(dir: string, text: string, code: string) {
  const result = checkText(text, projectOptions(dir, support));
  const finding = result.findings.find((f) => f.code === code);
  assert.ok(finding, `no ${code}: ${result.findings.map((f) => f.code).join(', ')}`);
  const fix = fixesFor(result, finding).find((f) => f.isPreferred);
  assert.ok(fix, `no preferred fix for ${code}`);
  return fix;
}

const FACTORY = 'from flask import Flask\n\ndef create_app():\n    app = Flask(__name__)\n    return app\n\napp = create_app()\n';

test('wsgi-handler-factory-not-called: the fix adds () and nothing else', () => {
  const dir = makeProject('factory-fix', { 'site.py': FACTORY });
  const text = wfastcgiConfig('site.create_app');
  assert.equal(applyEdits(text, fixFor(dir, text, 'wsgi-handler-factory-not-called').edits), wfastcgiConfig('site.create_app()'));
});

test('wsgi-handler-instance-called: the fix removes the () and nothing else', () => {
  const dir = makeProject('instance-fix', { 'site.py': FACTORY });
  const text = wfastcgiConfig('site.app()');
  assert.equal(applyEdits(text, fixFor(dir, text, 'wsgi-handler-instance-called').edits), wfastcgiConfig('site.app'));
});

test('static-files-through-python: the fix creates static/web.config removing the handler by its exact name', () => {
  const dir = makeProject('static-fix', { 'site.py': FACTORY, 'static/site.css': 'body {}\n' });
  const text = wfastcgiConfig('site.app');
  const fix = fixFor(dir, text, 'static-files-through-python');
  assert.deepEqual(fix.edits, []);
  assert.equal(fix.createFiles?.length, 1);
  assert.equal(fix.createFiles![0]!.relativePath, 'static/web.config');
  assert.match(fix.createFiles![0]!.content, /<remove name="Python FastCGI" \/>/);
  const created = checkText(fix.createFiles![0]!.content);
  assert.deepEqual(created.findings.map((f) => f.code), []);
});
