import assert from 'node:assert/strict';
import { test } from 'node:test';
import { appHost, assertFires, assertSilent, covered, webConfig } from './helpers';

const handler = (sp: string, extra = 'resourceType="Unspecified"') =>
  `<add name="Python FastCGI" path="*" verb="*" modules="FastCgiModule" scriptProcessor="${sp}" ${extra} />`;
const PLATFORM_HANDLER = '<add name="PythonHandler" path="*" verb="*" modules="httpPlatformHandler" resourceType="Unspecified" />';
const PLATFORM = '\n    <httpPlatform processPath="C:\\app\\.venv\\Scripts\\python.exe" arguments="-m waitress --port=%HTTP_PLATFORM_PORT% app:app" />';

test('handler-missing: WSGI settings without any Python handler', () => {
  const text = webConfig({ handlers: '<remove name="WebDAV" />' });
  assert.equal(covered(text, assertFires('handler-missing', text)), 'WSGI_HANDLER');
  assertSilent('handler-missing', webConfig());
  assertSilent('handler-missing', webConfig({ handlers: PLATFORM_HANDLER, webServer: PLATFORM, settings: '<add key="WSGI_LOG" value="C:\\logs\\w.log"/>' }));
  assertSilent('handler-missing', webConfig({ handlers: '<remove name="Python FastCGI" />', settings: '<add key="OTHER" value="1" />' }));
  assert.equal(assertFires('handler-missing', text).severity, 'error');
});

test('handler-missing on App Service: a warning, since the portal can map the handler outside the file', () => {
  // A real shape (Azure China's Python sample): WSGI settings, an empty <handlers>, a rewrite to handler.fcgi.
  const azure = webConfig({
    handlers: '',
    settings: '<add key="WSGI_HANDLER" value="ConfigurePython.application" /><add key="PYTHONPATH" value="D:\\home\\site\\wwwroot" />',
    webServer: '\n    <rewrite><rules><rule name="Configure Python" stopProcessing="true"><match url="(.*)" /><action type="Rewrite" url="handler.fcgi/{R:1}" /></rule></rules></rewrite>',
  });
  const f = assertFires('handler-missing', azure);
  assert.deepEqual([f.severity, f.messageKey], ['warning', 'handler.missingAzure']);
  // With the host's applicationHost.config the answer is known again: an error, naming it.
  const known = assertFires('handler-missing', azure, { appHost: appHost('<system.webServer><handlers /></system.webServer>') });
  assert.deepEqual([known.severity, known.messageKey], ['error', 'handler.missing']);
});

test('wsgi-handler-missing: wfastcgi handler with no or empty WSGI_HANDLER', () => {
  const text = webConfig({ settings: '<add key="PYTHONPATH" value="C:\\inetpub\\app" />' });
  assertFires('wsgi-handler-missing', text);
  assertFires('wsgi-handler-missing', webConfig({ settings: '<add key="WSGI_HANDLER" value="" />' }));
  const external = webConfig({ settings: '' }).replace('<appSettings>', '<appSettings configSource="app.config">');
  assert.equal(assertFires('wsgi-handler-missing', external).args['file'], 'app.config');
  assertSilent('wsgi-handler-missing', webConfig());
  assertSilent('wsgi-handler-missing', webConfig({ settings: '<add key="wsgi_handler" value="app.app" />' }));
  assertSilent('wsgi-handler-missing', webConfig({ handlers: handler('C:\\php\\php-cgi.exe'), settings: '' }));
});

test('scriptprocessor-malformed: no pipe, spaces around pipe, relative, not python, unbalanced quotes', () => {
  const noPipe = webConfig({ handlers: handler('C:\\Python311\\python.exe C:\\Python311\\Lib\\site-packages\\wfastcgi.py') });
  assertFires('scriptprocessor-malformed', noPipe);
  const spaced = webConfig({ handlers: handler('C:\\Python311\\python.exe | C:\\Python311\\Lib\\site-packages\\wfastcgi.py') });
  // The range is the offending white space, not the bar (issue 15).
  assert.equal(covered(spaced, assertFires('scriptprocessor-malformed', spaced)), ' ');
  const afterOnly = webConfig({ handlers: handler('C:\\Python311\\python.exe|\t C:\\Python311\\Lib\\site-packages\\wfastcgi.py') });
  assert.equal(covered(afterOnly, assertFires('scriptprocessor-malformed', afterOnly)), '\t ');
  const beforeOnly = webConfig({ handlers: handler('C:\\Python311\\python.exe  |C:\\Python311\\Lib\\site-packages\\wfastcgi.py') });
  assert.equal(covered(beforeOnly, assertFires('scriptprocessor-malformed', beforeOnly)), '  ');
  assertFires('scriptprocessor-malformed', webConfig({ handlers: handler('python.exe|wfastcgi.py') }));
  assertFires('scriptprocessor-malformed', webConfig({ handlers: handler('C:\\Python311\\python.exe|C:\\Python311\\Lib\\site-packages\\wfastcgi.py ') }));
  assertFires('scriptprocessor-malformed', webConfig({ handlers: handler('C:\\Python311\\py.exe|C:\\Python311\\Lib\\site-packages\\wfastcgi.py') }));
  assertFires('scriptprocessor-malformed', webConfig({ handlers: handler('&quot;C:\\Program Files\\Python311\\python.exe|C:\\Program Files\\Python311\\Lib\\site-packages\\wfastcgi.py') }));
  assertFires('scriptprocessor-malformed', webConfig({ handlers: '<add name="Py" path="*" verb="*" modules="FastCgiModule" resourceType="Unspecified" />' }));
});

test('scriptprocessor-malformed: silent on correct strings, quoted paths with spaces, venvs, php handlers', () => {
  assertSilent('scriptprocessor-malformed', webConfig());
  assertSilent('scriptprocessor-malformed', webConfig({ handlers: handler('&quot;C:\\Program Files\\Python311\\python.exe&quot;|&quot;C:\\Program Files\\Python311\\Lib\\site-packages\\wfastcgi.py&quot;') }));
  assertSilent('scriptprocessor-malformed', webConfig({ handlers: handler('C:\\inetpub\\app\\.venv\\Scripts\\python.exe|C:\\inetpub\\app\\.venv\\Lib\\site-packages\\wfastcgi.py') }));
  assertSilent('scriptprocessor-malformed', webConfig({ handlers: handler('C:\\php\\php-cgi.exe'), settings: '' }));
});

test('scriptprocessor-env-mismatch: system python with venv wfastcgi, and version mismatch', () => {
  const mixed = webConfig({ handlers: handler('C:\\Python311\\python.exe|C:\\inetpub\\app\\venv\\Lib\\site-packages\\wfastcgi.py') });
  assert.equal(covered(mixed, assertFires('scriptprocessor-env-mismatch', mixed)), 'C:\\inetpub\\app\\venv\\Lib\\site-packages\\wfastcgi.py');
  const versions = webConfig({ handlers: handler('C:\\Python39\\python.exe|C:\\Python311\\Lib\\site-packages\\wfastcgi.py') });
  assert.equal(assertFires('scriptprocessor-env-mismatch', versions).messageKey, 'sp.versionMismatch');
  assertSilent('scriptprocessor-env-mismatch', webConfig());
  assertSilent('scriptprocessor-env-mismatch', webConfig({ handlers: handler('c:\\inetpub\\app\\venv\\scripts\\python.exe|C:\\inetpub\\app\\venv\\Lib\\site-packages\\wfastcgi.py') }));
});

test('handler-resource-type: path="*" with File/Either/Directory', () => {
  const text = webConfig({ handlers: handler('C:\\Python311\\python.exe|C:\\Python311\\Lib\\site-packages\\wfastcgi.py', 'resourceType="File"') });
  assert.equal(covered(text, assertFires('handler-resource-type', text)), 'File');
  assertFires('handler-resource-type', webConfig({ handlers: handler('C:\\Python311\\python.exe|C:\\Python311\\Lib\\site-packages\\wfastcgi.py', 'resourceType="Either"') }));
  assertSilent('handler-resource-type', webConfig());
  assertSilent('handler-resource-type', webConfig({ handlers: handler('C:\\Python311\\python.exe|C:\\Python311\\Lib\\site-packages\\wfastcgi.py', '') }));
});

test('fastcgi-section-in-webconfig', () => {
  const text = webConfig({ webServer: '\n    <fastCgi><application fullPath="C:\\Python311\\python.exe" /></fastCgi>' });
  assert.equal(covered(text, assertFires('fastcgi-section-in-webconfig', text)), 'fastCgi');
  assertSilent('fastcgi-section-in-webconfig', webConfig());
});

test('mixed-bridge-config: FastCGI handler with <httpPlatform>, and WSGI_HANDLER under httpPlatformHandler', () => {
  assertFires('mixed-bridge-config', webConfig({ webServer: PLATFORM }));
  assertFires('mixed-bridge-config', webConfig({ handlers: PLATFORM_HANDLER, webServer: PLATFORM }));
  assertSilent('mixed-bridge-config', webConfig());
  assertSilent('mixed-bridge-config', webConfig({ handlers: PLATFORM_HANDLER, webServer: PLATFORM, settings: '' }));
});

test('rewrite-module-required', () => {
  const text = webConfig({ webServer: '\n    <rewrite><rules><rule name="r"><match url="(.*)"/></rule></rules></rewrite>' });
  assert.equal(covered(text, assertFires('rewrite-module-required', text)), 'rewrite');
  assertSilent('rewrite-module-required', webConfig());
});
