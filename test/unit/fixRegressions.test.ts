/** One named regression test per quick-fix defect the property test (fixProperties.test.ts) found. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkText, type CheckOptions } from '../../src/core/check';
import type { EditingEnv } from '../../src/core/editing/env';
import { fixAll } from '../../src/core/editing/fixAll';
import { fixesFor, type Fix } from '../../src/core/editing/fixes';
import { scriptProcessorEdit } from '../../src/core/editing/scriptProcessorEdit';
import { applyEdits } from './editingHelpers';
import { wellFormedError } from './fixOracle';
import { makeProject, projectOptions, testSupport } from './pythonHelpers';

const FCGI = '<add name="Python FastCGI" path="*" verb="*" modules="FastCgiModule" scriptProcessor="C:\\Python311\\python.exe|C:\\Python311\\Lib\\site-packages\\wfastcgi.py" resourceType="Unspecified" />';
const wrap = (settings: string[], handlers = [FCGI], nl = '\n') => ['<?xml version="1.0" encoding="utf-8"?>', '<configuration>', '  <system.webServer>', '    <handlers>',
  ...handlers.map((h) => `      ${h}`), '    </handlers>', '  </system.webServer>', '  <appSettings>', ...settings.map((s) => `    ${s}`), '  </appSettings>', '</configuration>', ''].join(nl);

function fixesOf(text: string, code: string, env: EditingEnv = {}, options: CheckOptions = {}, messageKey?: string): Fix[] {
  const result = checkText(text, options);
  const finding = result.findings.find((f) => f.code === code && (!messageKey || f.messageKey === messageKey));
  assert.ok(finding, `no ${code} in:\n${text}\n(${result.findings.map((f) => f.code).join(', ')})`);
  return fixesFor(result, finding, env);
}

function preferred(text: string, code: string, env: EditingEnv = {}, messageKey?: string): string {
  const fix = fixesOf(text, code, env, {}, messageKey).find((f) => f.isPreferred);
  assert.ok(fix, `no preferred fix for ${code}`);
  return applyEdits(text, fix.edits);
}

test('unescaped values: wsgi-handler-syntax never writes &, " or \' back raw, and escapes what it writes', () => {
  for (const value of ['app:app&amp;x', 'app:app&quot;x', 'app:app&lt;x']) {
    const text = wrap([`<add key="WSGI_HANDLER" value="${value}" />`]);
    for (const fix of fixesOf(text, 'wsgi-handler-syntax')) assert.equal(wellFormedError(applyEdits(text, fix.edits)), undefined, `${value}: ${JSON.stringify(fix.edits)}`);
  }
  assert.equal(preferred(wrap(['<add key="WSGI_HANDLER" value="app&#58;app" />']), 'wsgi-handler-syntax'), wrap(['<add key="WSGI_HANDLER" value="app.app" />']));
  assert.equal(preferred(wrap(["<add key='WSGI_HANDLER' value='main:app' />"]), 'wsgi-handler-syntax'), wrap(["<add key='WSGI_HANDLER' value='main.app' />"]));
});

test('duplicates from Fix all: two wfastcgi handlers get one WSGI_HANDLER, equal insertions merged', () => {
  const second = FCGI.replace('Python FastCGI', 'Python FastCGI 2').replace('path="*"', 'path="*.py"');
  const text = wrap(['<add key="PYTHONPATH" value="C:\\app" />'], [FCGI, second]);
  const result = checkText(text);
  assert.equal(result.findings.filter((f) => f.code === 'wsgi-handler-missing').length, 2);
  const all = fixAll(result, 'wsgi-handler-missing', { wsgiApps: [{ handler: 'site.app' }] });
  assert.ok(all);
  assert.equal(applyEdits(text, all.edits), wrap(['<add key="PYTHONPATH" value="C:\\app" />', '<add key="WSGI_HANDLER" value="site.app" />'], [FCGI, second]));
});

test('duplicates from the single fix: a self-closing <appSettings /> is filled, not doubled', () => {
  const text = wrap([]).replace(/<appSettings>\n\s*<\/appSettings>/, '<appSettings />');
  assert.equal(preferred(text, 'wsgi-handler-missing'), wrap(['<add key="WSGI_HANDLER" value="app.app" />']));
});

test('duplicates from the single fix: an empty WSGI_HANDLER entry gets the value, no second key', () => {
  assert.equal(preferred(wrap(['<add key="WSGI_HANDLER" value="" />']), 'wsgi-handler-missing', { wsgiApps: [{ handler: 'site.app' }] }), wrap(['<add key="WSGI_HANDLER" value="site.app" />']));
  assert.equal(preferred(wrap(['<add key="WSGI_HANDLER" />']), 'wsgi-handler-missing'), wrap(['<add key="WSGI_HANDLER" value="app.app" />']));
});

test('wrong character deleted: an entity-encoded zero-width space is removed as a whole, in any file', () => {
  const nonAscii = wrap(['<add key="WSGI_HANDLER" value="app.app&#8203;" />']).replace('<configuration>', '<configuration>\n  <!-- café -->');
  assert.equal(preferred(nonAscii, 'typographic-quotes'), nonAscii.replace('&#8203;', ''));
  const ascii = wrap(['<add key="WSGI_HANDLER" value="app.app&#8203;" />']);
  assert.equal(preferred(ascii, 'typographic-quotes'), wrap(['<add key="WSGI_HANDLER" value="app.app" />']), 'reported (and fixed) in an ASCII-only file too');
});

test('duplicate attribute: Key= next to key= is removed, never renamed into a second key=', () => {
  const text = wrap(['<add Key="WSGI_HANDLER" key="WSGI_HANDLER" value="app.app" />']);
  const out = preferred(text, 'appsettings-misspelled');
  assert.equal(out, wrap(['<add key="WSGI_HANDLER" value="app.app" />']));
  assert.equal(wellFormedError(out), undefined);
  assert.deepEqual(fixesOf(wrap(['<add Key="A" key="B" value="1" />']), 'appsettings-misspelled'), [], 'different values: the user decides');
});

test('duplicate section: <AppSettings> beside an <appSettings> is not renamed into a second section', () => {
  const text = wrap(['<add key="WSGI_HANDLER" value="app.app" />']).replace('  <appSettings>', '  <AppSettings>\n    <add key="WSGI_LOG" value="C:\\l.log" />\n  </AppSettings>\n  <appSettings>');
  assert.deepEqual(fixesOf(text, 'appsettings-misspelled'), []);
});

test('Django handler without its setting: inserting a Django WSGI_HANDLER adds DJANGO_SETTINGS_MODULE too', () => {
  const env: EditingEnv = { wsgiApps: [{ handler: 'django.core.wsgi.get_wsgi_application()', djangoSettings: 'shop.settings' }] };
  const out = preferred(wrap(['<add key="PYTHONPATH" value="C:\\app" />']), 'wsgi-handler-missing', env);
  assert.equal(out, wrap(['<add key="PYTHONPATH" value="C:\\app" />', '<add key="WSGI_HANDLER" value="django.core.wsgi.get_wsgi_application()" />', '<add key="DJANGO_SETTINGS_MODULE" value="shop.settings" />']));
  assert.deepEqual(checkText(out).findings.filter((f) => f.severity === 'error').map((f) => f.code), []);
});

test('mixed quotes: key=‘X\' becomes key=\'X\', never key="X\'"', () => {
  const text = wrap(["<add key=‘WSGI_HANDLER' value=\"app.app\" />"]);
  assert.equal(preferred(text, 'typographic-quotes'), wrap(["<add key='WSGI_HANDLER' value=\"app.app\" />"]));
  assert.equal(preferred(wrap(['<add key=“WSGI_HANDLER" value="app.app" />']), 'typographic-quotes'), wrap(['<add key="WSGI_HANDLER" value="app.app" />']));
});

test('a fix that fixes nothing: the PYTHONPATH fix for $VAR writes the %VAR% wfastcgi expands', () => {
  const text = wrap(['<add key="WSGI_HANDLER" value="app.app" />', '<add key="PYTHONPATH" value="${HOME}\\site;$APP\\lib" />']);
  const out = preferred(text, 'pythonpath-separator', {}, 'pp.dollar');
  assert.equal(out, wrap(['<add key="WSGI_HANDLER" value="app.app" />', '<add key="PYTHONPATH" value="%HOME%\\site;%APP%\\lib" />']));
  assert.deepEqual(checkText(out).findings.filter((f) => f.code === 'pythonpath-separator'), []);
});

test('a web.config outside the project: static_url_path with .. offers no file to create', async () => {
  const dir = makeProject('escaped-static', { 'site.py': "from flask import Flask\napp = Flask(__name__, static_url_path='/../../escaped')\n", 'static/site.css': 'body {}\n' });
  const text = wrap(['<add key="WSGI_HANDLER" value="site.app" />']);
  const options = projectOptions(dir, await testSupport());
  const result = checkText(text, options);
  const finding = result.findings.find((f) => f.code === 'static-files-through-python');
  assert.ok(finding, 'the folder is still reported');
  assert.equal(finding.args['url'], '../../escaped');
  assert.deepEqual(fixesFor(result, finding), []);
  for (const f of result.findings) for (const fix of fixesFor(result, f)) for (const c of fix.createFiles ?? []) assert.doesNotMatch(c.relativePath, /(^|\/)\.\.(\/|$)|^[\\/]|^[A-Za-z]:/);
});

test('edits not minimal: removing an environment variable leaves no line of white space', () => {
  const platform = (env: string[]) => ['<configuration>', '  <system.webServer>', '    <httpPlatform processPath="C:\\py\\python.exe" arguments="-m waitress --port=%HTTP_PLATFORM_PORT% app:app">',
    '      <environmentVariables>', ...env.map((e) => `        ${e}`), '      </environmentVariables>', '    </httpPlatform>', '  </system.webServer>', '</configuration>', ''].join('\r\n');
  const text = platform(['<environmentVariable name="FLASK_DEBUG" value="1" />', '<environmentVariable name="PYTHONPATH" value="C:\\app" />']);
  assert.equal(preferred(text, 'dev-server-in-production'), platform(['<environmentVariable name="PYTHONPATH" value="C:\\app" />']));
});

test('edits not minimal: inserted attributes and lines keep the file\'s single quotes', () => {
  const platform = (attrs: string) => `<configuration>\n  <system.webServer>\n    <httpPlatform processPath='C:\\py\\python.exe'${attrs} />\n  </system.webServer>\n</configuration>\n`;
  assert.equal(preferred(platform(''), 'httpplatform-port-missing'), platform(" arguments='--port=%HTTP_PLATFORM_PORT%'"));
  const single = wrap(["<add key='PYTHONPATH' value='C:\\app' />"]).replace(/"/g, "'");
  assert.equal(preferred(single, 'wsgi-handler-missing'), wrap(["<add key='PYTHONPATH' value='C:\\app' />", "<add key='WSGI_HANDLER' value='app.app' />"]).replace(/"/g, "'"));
  const noSp = single.replace(/ scriptProcessor='[^']*'/, '');
  const edit = scriptProcessorEdit(checkText(noSp).model, 'C:\\py\\python.exe|C:\\py\\wfastcgi.py')!;
  assert.match(applyEdits(noSp, [edit]), / scriptProcessor='C:\\py\\python\.exe\|C:\\py\\wfastcgi\.py'/);
});

test('edits not minimal: one fix clears every typographic character of a value, and Fix all clears them all', () => {
  const text = wrap(['<add key="WSGI_HANDLER" value="app.app\u200b\u200b" />', '<add key="PYTHONPATH" value="C:\\‘app’\u00a0" />']);
  assert.equal(preferred(text, 'typographic-quotes'), wrap(['<add key="WSGI_HANDLER" value="app.app" />', '<add key="PYTHONPATH" value="C:\\‘app’\u00a0" />']));
  const all = fixAll(checkText(text), 'typographic-quotes');
  assert.ok(all);
  const out = applyEdits(text, all.edits);
  assert.equal(out, wrap(['<add key="WSGI_HANDLER" value="app.app" />', '<add key="PYTHONPATH" value="C:\\app" />']));
  assert.deepEqual(checkText(out).findings.filter((f) => f.code === 'typographic-quotes'), []);
});
