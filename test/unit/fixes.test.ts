/** Every quick fix: apply its edits and compare the whole document (CRLF stays CRLF, comments and indentation stay). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkText } from '../../src/core/check';
import type { EditingEnv } from '../../src/core/editing/env';
import { fixesFor } from '../../src/core/editing/fixes';
import { applyEdits } from './editingHelpers';

function fixed(text: string, code: string, env: EditingEnv = {}, which = 0): string {
  const result = checkText(text);
  const finding = result.findings.find((f) => f.code === code);
  assert.ok(finding, `no ${code} in:\n${text}`);
  const fixes = fixesFor(result, finding, env);
  assert.ok(fixes[which], `no fix #${which} for ${code}`);
  return applyEdits(text, fixes[which]!.edits);
}

const wrap = (settings: string, nl = '\n') => ['<?xml version="1.0" encoding="utf-8"?>', '<configuration>', '  <system.webServer>', '    <handlers>',
  '      <add name="Python FastCGI" path="*" verb="*" modules="FastCgiModule" scriptProcessor="C:\\Python311\\python.exe|C:\\Python311\\Lib\\site-packages\\wfastcgi.py" resourceType="Unspecified" />',
  '    </handlers>', '  </system.webServer>', '  <appSettings>', ...settings.split('\n').map((l) => `    ${l}`), '  </appSettings>', '</configuration>', ''].join(nl);

test('typographic quotes become straight quotes; nothing else changes', () => {
  const before = wrap('<add key=“WSGI_HANDLER” value="app.app" /> <!-- “keep” -->');
  assert.equal(fixed(before, 'typographic-quotes'), wrap('<add key="WSGI_HANDLER" value="app.app" /> <!-- “keep” -->'));
  assert.equal(fixed(wrap('<add key="WSGI_HANDLER" value="app.app\u200b" />'), 'typographic-quotes'), wrap('<add key="WSGI_HANDLER" value="app.app" />'));
});

test('misspelled appSettings element, <Add> and Key= are renamed (start and end tags)', () => {
  const text = wrap('<add key="WSGI_HANDLER" value="app.app" />').replace(/appSettings/g, 'AppSettings');
  assert.equal(fixed(text, 'appsettings-misspelled'), wrap('<add key="WSGI_HANDLER" value="app.app" />'));
  assert.equal(fixed(wrap('<Add key="WSGI_HANDLER" value="app.app"></Add>'), 'appsettings-misspelled'), wrap('<add key="WSGI_HANDLER" value="app.app"></add>'));
  assert.equal(fixed(wrap('<add Key="WSGI_HANDLER" value="app.app" />'), 'appsettings-misspelled'), wrap('<add key="WSGI_HANDLER" value="app.app" />'));
});

test('WSGI_HANDLER colon to dot; restart regex; PYTHONPATH separators (CRLF kept)', () => {
  assert.equal(fixed(wrap('<add key="WSGI_HANDLER" value="app:app" />', '\r\n'), 'wsgi-handler-syntax'), wrap('<add key="WSGI_HANDLER" value="app.app" />', '\r\n'));
  assert.equal(fixed(wrap('<add key="WSGI_HANDLER" value="app.app" />\n<add key="WSGI_RESTART_FILE_REGEX" value="*.py;*.config" />'), 'restart-regex-invalid'),
    wrap('<add key="WSGI_HANDLER" value="app.app" />\n<add key="WSGI_RESTART_FILE_REGEX" value=".*((\\.py)|(\\.config))$" />'));
  assert.equal(fixed(wrap('<add key="WSGI_HANDLER" value="app.app" />\n<add key="WSGI_RESTART_FILE_REGEX" value="\\.py$" />'), 'restart-regex-ineffective'),
    wrap('<add key="WSGI_HANDLER" value="app.app" />\n<add key="WSGI_RESTART_FILE_REGEX" value=".*\\.py$" />'));
  assert.equal(fixed(wrap('<add key="WSGI_HANDLER" value="app.app" />\n<add key="PYTHONPATH" value="C:\\a, C:\\b:D:\\c" />', '\r\n'), 'pythonpath-separator'),
    wrap('<add key="WSGI_HANDLER" value="app.app" />\n<add key="PYTHONPATH" value="C:\\a;C:\\b;D:\\c" />', '\r\n'));
});

test('remove WSGI_PTVSD_* lines and a duplicate entry, leaving no blank lines', () => {
  const text = wrap('<add key="WSGI_HANDLER" value="app.app" />\n<add key="WSGI_PTVSD_SECRET" value="s" />\n<add key="WSGI_PTVSD_ADDRESS" value="0.0.0.0:5678" />', '\r\n');
  assert.equal(fixed(text, 'ptvsd-secret'), wrap('<add key="WSGI_HANDLER" value="app.app" />', '\r\n'));
  assert.equal(fixed(wrap('<add key="WSGI_HANDLER" value="app.app" />\n<add key="WSGI_HANDLER" value="app.app" />'), 'duplicate-collection-entry'), wrap('<add key="WSGI_HANDLER" value="app.app" />'));
});

test('insert DJANGO_SETTINGS_MODULE after WSGI_HANDLER with the same indentation; insert a missing WSGI_HANDLER', () => {
  const text = wrap('<add key="WSGI_HANDLER" value="django.core.wsgi.get_wsgi_application()" />', '\r\n');
  assert.equal(fixed(text, 'django-settings-missing', { wsgiApps: [{ handler: 'django.core.wsgi.get_wsgi_application()', djangoSettings: 'shop.settings' }] }),
    wrap('<add key="WSGI_HANDLER" value="django.core.wsgi.get_wsgi_application()" />\n<add key="DJANGO_SETTINGS_MODULE" value="shop.settings" />', '\r\n'));
  assert.equal(fixed(wrap('<add key="PYTHONPATH" value="C:\\app" />'), 'wsgi-handler-missing', { wsgiApps: [{ handler: 'site.app' }] }),
    wrap('<add key="PYTHONPATH" value="C:\\app" />\n<add key="WSGI_HANDLER" value="site.app" />'));
});

test('scriptProcessor: remove spaces around |, or use a detected interpreter; resourceType to Unspecified', () => {
  const spaced = wrap('<add key="WSGI_HANDLER" value="app.app" />').replace('python.exe|C:', 'python.exe | C:');
  assert.equal(fixed(spaced, 'scriptprocessor-malformed'), wrap('<add key="WSGI_HANDLER" value="app.app" />'));
  const placeholder = wrap('<add key="WSGI_HANDLER" value="app.app" />').replace(/scriptProcessor="[^"]*"/, 'scriptProcessor="%INTERPRETERPATH%|%WFASTCGIPATH%"');
  const env: EditingEnv = { interpreters: [{ python: 'C:\\Program Files\\Python312\\python.exe', source: 'path' }] };
  assert.match(fixed(placeholder, 'unexpanded-placeholder', env), /scriptProcessor="C:\\Program Files\\Python312\\python\.exe\|C:\\Program Files\\Python312\\Lib\\site-packages\\wfastcgi\.py"/);
  const file = wrap('<add key="WSGI_HANDLER" value="app.app" />').replace('resourceType="Unspecified"', 'resourceType="File"');
  assert.equal(fixed(file, 'handler-resource-type'), wrap('<add key="WSGI_HANDLER" value="app.app" />'));
});

test('httpPlatform: a hard-coded port becomes %HTTP_PLATFORM_PORT%; a missing one is appended', () => {
  const platform = (args: string) => `<configuration>\r\n  <system.webServer>\r\n    <httpPlatform processPath="C:\\py\\python.exe" arguments="${args}" />\r\n  </system.webServer>\r\n</configuration>\r\n`;
  assert.equal(fixed(platform('-m waitress --port=8080 app:app'), 'httpplatform-port-missing'), platform('-m waitress --port=%HTTP_PLATFORM_PORT% app:app'));
  assert.equal(fixed(platform('-m waitress app:app'), 'httpplatform-port-missing'), platform('-m waitress app:app --port=%HTTP_PLATFORM_PORT%'));
  assert.equal(fixed(platform('-m waitress --port=$HTTP_PLATFORM_PORT app:app'), 'httpplatform-port-missing'), platform('-m waitress --port=%HTTP_PLATFORM_PORT% app:app'));
});

test('broken XML declaration is replaced; <fastCgi> is removed', () => {
  const text = wrap('<add key="WSGI_HANDLER" value="app.app" />').replace('<?xml version="1.0" encoding="utf-8"?>', '?xml version="1.0"?>');
  assert.equal(fixed(text, 'xml-declaration-malformed'), wrap('<add key="WSGI_HANDLER" value="app.app" />'));
  const fcgi = wrap('<add key="WSGI_HANDLER" value="app.app" />').replace('    </handlers>\n', '    </handlers>\n    <fastCgi>\n      <application fullPath="C:\\py\\python.exe" />\n    </fastCgi>\n');
  assert.equal(fixed(fcgi, 'fastcgi-section-in-webconfig'), wrap('<add key="WSGI_HANDLER" value="app.app" />'));
});

test('codes without an obvious fix offer none, and one fix is preferred', () => {
  const result = checkText(wrap('<add key="WSGI_HANDLER" value="app:app" />'));
  const fixes = fixesFor(result, result.findings[0]!);
  assert.equal(fixes.filter((f) => f.isPreferred).length, 1);
  const rewrite = checkText(wrap('<add key="WSGI_HANDLER" value="app.app" />').replace('</system.webServer>', '<rewrite><rules /></rewrite></system.webServer>'));
  assert.deepEqual(fixesFor(rewrite, rewrite.findings.find((f) => f.code === 'rewrite-module-required')!), []);
});
