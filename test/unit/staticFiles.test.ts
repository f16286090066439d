/**
 * Static files IIS serves and that exist (issue 12, part 2): the warning and its fix follow where /static/<file>
 * maps (rewrite rules included), and `check` is clean after the fix is applied, and only then.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { before, test } from 'node:test';
import { checkText } from '../../src/core/check';
import { fixesFor } from '../../src/core/editing/fixes';
import type { Finding } from '../../src/core/findings';
import type { PythonSupport } from '../../src/core/python';
import { applyEdits } from './editingHelpers';
import { makeProject, projectOptions, testSupport, wfastcgiConfig } from './pythonHelpers';

let support: PythonSupport;
before(async () => {
  support = await testSupport();
});

const STATIC_CODES = ['static-files-through-python', 'static-folder-unreachable'];

function staticFindings(dir: string): Finding[] {
  const result = checkText(readFileSync(join(dir, 'web.config'), 'utf8'), projectOptions(dir, support));
  assert.deepEqual(result.internalErrors, []);
  return result.findings.filter((f) => STATIC_CODES.includes(f.code));
}

/** Applies the preferred fix of the one static finding to the folder (edits to web.config, files created). */
function applyFix(dir: string): void {
  const text = readFileSync(join(dir, 'web.config'), 'utf8');
  const result = checkText(text, projectOptions(dir, support));
  const finding = result.findings.find((f) => STATIC_CODES.includes(f.code))!;
  const fix = fixesFor(result, finding).find((f) => f.isPreferred)!;
  assert.ok(fix, `no preferred fix for ${finding.code}`);
  writeFileSync(join(dir, 'web.config'), applyEdits(text, fix.edits));
  for (const f of fix.createFiles ?? []) {
    mkdirSync(dirname(join(dir, f.relativePath)), { recursive: true });
    writeFileSync(join(dir, f.relativePath), f.content);
  }
}

const REMOVE = (name: string) => `<?xml version="1.0" encoding="utf-8"?>\n<configuration>\n  <system.webServer>\n    <handlers>\n      <remove name="${name}" />\n    </handlers>\n  </system.webServer>\n</configuration>\n`;

test('static folder at the site root: static/web.config removing the handler by name (as before)', () => {
  const dir = makeProject('static-root', { 'web.config': wfastcgiConfig('app.app') }, 'module-layout');
  writeFileSync(join(dir, 'static/web.config'), '<configuration/>\n');
  const f = staticFindings(dir);
  assert.deepEqual(f.map((x) => [x.code, x.messageKey, x.args['config'], x.args['rewrite']]), [['static-files-through-python', 'py.staticThroughPython', 'static', '']]);
  applyFix(dir);
  assert.deepEqual(staticFindings(dir), []);
  assert.match(readFileSync(join(dir, 'static/web.config'), 'utf8'), /<remove name="Python FastCGI" \/>/);
});

test('static folder inside a package (hello_app/static): the warning says so; the fix is a rewrite rule plus hello_app/static/web.config', () => {
  const dir = makeProject('static-package', { 'web.config': wfastcgiConfig('startup.app') }, 'routes-entry');
  const f = staticFindings(dir);
  assert.deepEqual(f.map((x) => [x.code, x.messageKey, x.args['folder'], x.args['mapped']]), [['static-files-through-python', 'py.staticInPackage', 'hello_app/static', 'static/data.json']]);
  applyFix(dir);
  const config = readFileSync(join(dir, 'web.config'), 'utf8');
  assert.match(config, /<match url="\^static\/\(\.\*\)" \/>/);
  assert.match(config, /<action type="Rewrite" url="hello_app\/static\/\{R:1\}" \/>/);
  assert.match(readFileSync(join(dir, 'hello_app/static/web.config'), 'utf8'), /<remove name="Python FastCGI" \/>/);
  assert.deepEqual(staticFindings(dir), []);
  assert.deepEqual(checkText(config, projectOptions(dir, support)).findings.filter((x) => x.severity === 'error'), []);
});

test('the old "fix" (static/web.config at the root for a package folder) is an error: every file answers 404', () => {
  const dir = makeProject('static-wrong-place', { 'web.config': wfastcgiConfig('flaskr.create_app()'), 'static/web.config': REMOVE('Python FastCGI') }, 'flaskr');
  const f = staticFindings(dir);
  assert.deepEqual(f.map((x) => [x.code, x.args['folder'], x.args['mapped']]), [['static-folder-unreachable', 'flaskr/static', 'static/style.css']]);
  applyFix(dir);
  assert.deepEqual(staticFindings(dir), []);
});

test('every spelling of the same app gets the same warning and fix (run.app and pkg.create_app())', () => {
  const files = { 'run.py': 'from flaskr import create_app\n\napp = create_app()\n' };
  const a = staticFindings(makeProject('static-run', { ...files, 'web.config': wfastcgiConfig('run.app') }, 'flaskr'));
  const b = staticFindings(makeProject('static-factory', { ...files, 'web.config': wfastcgiConfig('flaskr.create_app()') }, 'flaskr'));
  assert.equal(a.length, 1);
  assert.deepEqual(a.map((x) => x.args), b.map((x) => x.args));
});

test('a rewrite rule alone (no web.config where it leads), a rule that only stops processing, a wrong handler name: still reported', () => {
  const rewrite = wfastcgiConfig('startup.app').replace('</handlers>', '</handlers>\n    <rewrite><rules><rule name="s" stopProcessing="true"><match url="^static/(.*)" /><action type="Rewrite" url="hello_app/static/{R:1}" /></rule></rules></rewrite>');
  const half = staticFindings(makeProject('static-half', { 'web.config': rewrite }, 'routes-entry'));
  assert.deepEqual(half.map((x) => [x.messageKey, x.args['rewrite'], x.args['config']]), [['py.staticThroughPython', '', 'hello_app/static']]);
  const wrongName = staticFindings(makeProject('static-half-wrong', { 'web.config': rewrite, 'hello_app/static/web.config': REMOVE('PythonHandler') }, 'routes-entry'));
  assert.deepEqual(wrongName.map((x) => x.messageKey), ['py.staticWrongName']);
  assert.deepEqual(staticFindings(makeProject('static-whole', { 'web.config': rewrite, 'hello_app/static/web.config': REMOVE('python fastcgi') }, 'routes-entry')), []);
  const none = wfastcgiConfig('app.app').replace('</handlers>', '</handlers>\n    <rewrite><rules><rule name="static" stopProcessing="true"><match url="^static/.*" /><action type="None" /></rule></rules></rewrite>');
  assert.equal(staticFindings(makeProject('static-none-rule', { 'web.config': none, 'static/web.config': '<configuration/>\n' }, 'module-layout')).length, 1);
});

test('Django: STATIC_ROOT is where IIS serves /static/ from; WhiteNoise in MIDDLEWARE is fine', () => {
  const settings = '\n    <add key="DJANGO_SETTINGS_MODULE" value="mysite.settings" />';
  const handler = 'django.core.wsgi.get_wsgi_application()';
  const dir = makeProject('static-django', { 'web.config': wfastcgiConfig(handler, settings) }, 'django-static');
  const f = staticFindings(dir);
  assert.deepEqual(f.map((x) => [x.messageKey, x.args['folder'], x.args['url']]), [['py.staticDjango', 'staticfiles', 'static']]);
  applyFix(dir);
  assert.deepEqual(staticFindings(dir), []);
  assert.deepEqual(staticFindings(makeProject('static-whitenoise', { 'web.config': wfastcgiConfig(handler, settings) }, 'django-whitenoise')), []);
});
