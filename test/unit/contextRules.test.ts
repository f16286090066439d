/**
 * Issue 11 §2-3: the context real deployments have. Sub-folder files judged with their parents, FastCGI
 * environmentVariables from applicationHost.config, Azure App Service, dead handlers. Files modelled on public ones.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderMessage } from '../../src/core/messages';
import { appHost, assertFires, assertSilent, codes, covered, findings } from './helpers';

const ROOT_CONFIG = `<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <appSettings>
    <add key="WSGI_HANDLER" value="shop.app" />
    <add key="PYTHONPATH" value="C:\\inetpub\\shop" />
    <add key="WSGI_LOG" value="C:\\inetpub\\logs\\shop\\wfastcgi.log" />
  </appSettings>
  <system.webServer>
    <handlers>
      <add name="PythonHandler" path="*" verb="*" modules="FastCgiModule" scriptProcessor="C:\\Python312\\python.exe|C:\\Python312\\Lib\\site-packages\\wfastcgi.py" resourceType="Unspecified" requireAccess="Script" />
    </handlers>
  </system.webServer>
</configuration>
`;
const parents = [{ path: 'C:\\inetpub\\shop\\web.config', text: ROOT_CONFIG }];

const staticConfig = (handlers: string) => `<?xml version="1.0"?>
<configuration>
  <system.webServer>
    <handlers>
      ${handlers}
    </handlers>
  </system.webServer>
</configuration>
`;

test('sub-folder: a remove that matches nothing the parent adds is a warning naming the real handler', () => {
  const text = staticConfig('<remove name="Python FastCGI" />');
  const f = assertFires('handler-remove-unmatched', text, { parents });
  assert.equal(covered(text, f), 'Python FastCGI');
  assert.equal(f.severity, 'warning');
  assert.equal(f.args['actual'], 'PythonHandler');
  assert.equal(f.related[0]?.path, 'C:\\inetpub\\shop\\web.config');
  assertSilent('handler-remove-unmatched', staticConfig('<remove name="PythonHandler" />'), { parents });
  assertSilent('handler-remove-unmatched', staticConfig('<clear />\n      <add name="StaticFile" path="*" verb="*" modules="StaticFileModule,DefaultDocumentModule,DirectoryListingModule" resourceType="Either" requireAccess="Read" />'), { parents });
  // A stray remove next to the right one excludes nothing less: silent.
  assertSilent('handler-remove-unmatched', staticConfig('<remove name="Python FastCGI" />\n      <remove name="PythonHandler" />'), { parents });
  // Without the parents' files there is nothing to judge against.
  assertSilent('handler-remove-unmatched', staticConfig('<remove name="Python FastCGI" />'));
  // WebDAV is a server handler, not the Python one.
  assertSilent('handler-remove-unmatched', staticConfig('<remove name="WebDAV" />\n      <remove name="PythonHandler" />'), { parents });
  // Handler names are case-sensitive keys (IIS_schema.xml): a remove in another case leaves the handler in force.
  const cased = staticConfig('<remove name="pythonhandler" />');
  const slip = assertFires('handler-remove-unmatched', cased, { parents });
  assert.equal(slip.args['actual'], 'PythonHandler');
  assert.match(renderMessage(slip.messageKey, slip.args), /write <remove name="PythonHandler"\/>/);
});

test('<location path="static"> in the same file: its remove is checked against the handlers of the file', () => {
  const text = ROOT_CONFIG.replace('</configuration>', `  <location path="static">
    <system.webServer>
      <handlers>
        <remove name="Python FastCGI" />
      </handlers>
    </system.webServer>
  </location>
</configuration>`);
  assert.equal(assertFires('handler-remove-unmatched', text).messageKey, 'handler.removeUnmatchedHere');
  assertSilent('handler-remove-unmatched', text.replace('<remove name="Python FastCGI" />', '<remove name="PythonHandler" />'));
});

test('sub-folder: wsgi-handler-missing judged with the application folder\'s settings, never advising the sub-folder', () => {
  // A sub-folder that re-adds the handler (e.g. with other verbs) inherits WSGI_HANDLER from the application folder.
  const own = staticConfig('<remove name="PythonHandler" />\n      <add name="PythonHandler" path="*" verb="GET,HEAD,POST" modules="FastCgiModule" scriptProcessor="C:\\Python312\\python.exe|C:\\Python312\\Lib\\site-packages\\wfastcgi.py" resourceType="Unspecified" />');
  assertSilent('wsgi-handler-missing', own, { parents });
  assertFires('wsgi-handler-missing', own);
  const noRootSetting = [{ path: parents[0]!.path, text: ROOT_CONFIG.replace(/<add key="WSGI_HANDLER"[^>]*>/, '') }];
  const f = assertFires('wsgi-handler-missing', own, { parents: noRootSetting });
  assert.equal(f.messageKey, 'wsgi.handlerMissing.subFolder');
  assert.equal(f.args['root'], 'C:\\inetpub\\shop\\web.config');
  // handler-missing: WSGI keys in a sub-folder under a parent with the handler.
  const settingsOnly = '<?xml version="1.0"?>\n<configuration>\n  <appSettings>\n    <add key="WSGI_LOG" value="C:\\inetpub\\logs\\api.log" />\n  </appSettings>\n</configuration>\n';
  assertSilent('handler-missing', settingsOnly, { parents });
  assertFires('handler-missing', settingsOnly);
});

const IIS_MANAGER_CONFIG = `<?xml version="1.0" encoding="UTF-8"?>
<configuration>
    <system.webServer>
        <handlers>
            <add name="FlaskHandler" path="*" verb="*" modules="FastCgiModule" scriptProcessor="C:\\Program Files\\Python311\\python.exe|C:\\Program Files\\Python311\\Lib\\site-packages\\wfastcgi.py" resourceType="Unspecified" requireAccess="Script" />
        </handlers>
    </system.webServer>
</configuration>
`;
const fastCgiHost = (env: string) => appHost(`<system.webServer>
  <fastCgi>
    <application fullPath="C:\\Program Files\\Python311\\python.exe" arguments="C:\\Program Files\\Python311\\Lib\\site-packages\\wfastcgi.py" signalBeforeTerminateSeconds="30">
      <environmentVariables>
${env}
      </environmentVariables>
    </application>
  </fastCgi>
</system.webServer>`);

test('FastCGI environmentVariables in applicationHost.config supply WSGI_HANDLER (IIS Manager > FastCGI Settings)', () => {
  const host = fastCgiHost('        <environmentVariable name="WSGI_HANDLER" value="app.app" />\n        <environmentVariable name="PYTHONPATH" value="C:\\sites\\flask" />');
  assertSilent('wsgi-handler-missing', IIS_MANAGER_CONFIG, { appHost: host });
  const without = fastCgiHost('        <environmentVariable name="PYTHONPATH" value="C:\\sites\\flask" />');
  const f = assertFires('wsgi-handler-missing', IIS_MANAGER_CONFIG, { appHost: without });
  assert.equal(f.severity, 'error');
  // Django: DJANGO_SETTINGS_MODULE from the host as well.
  const django = IIS_MANAGER_CONFIG.replace('<configuration>', '<configuration>\n    <appSettings>\n        <add key="WSGI_HANDLER" value="django.core.wsgi.get_wsgi_application()" />\n    </appSettings>');
  assertFires('django-settings-missing', django, { appHost: without });
  assertSilent('django-settings-missing', django, { appHost: fastCgiHost('        <environmentVariable name="DJANGO_SETTINGS_MODULE" value="mysite.settings" />') });
});

test('no host configuration and no appSettings at all: a warning that names the FastCGI Settings alternative', () => {
  const f = assertFires('wsgi-handler-missing', IIS_MANAGER_CONFIG);
  assert.equal(f.severity, 'warning');
  assert.equal(f.messageKey, 'wsgi.handlerMissing.noSettings');
  const withSettings = IIS_MANAGER_CONFIG.replace('<configuration>', '<configuration>\n    <appSettings>\n        <add key="PYTHONPATH" value="C:\\sites\\flask" />\n    </appSettings>');
  assert.equal(assertFires('wsgi-handler-missing', withSettings).severity, 'error');
});

const AZURE_TEMPLATE = `<?xml version="1.0" encoding="utf-8"?>
<!--
This template is configured to use Python 3.5 on Azure App Service. To use a different version of Python,
or to use a hosting service other than Azure, replace the scriptProcessor path below with the path given
to you by wfastcgi-enable or your provider.

For Python 2.7 on Azure App Service, the path is "D:\\home\\Python27\\python.exe|D:\\home\\Python27\\wfastcgi.py"

The WSGI_HANDLER variable should be an importable variable or function (if followed by '()') that returns
your WSGI object.

See https://aka.ms/PythonOnAppService for more information.
-->
<configuration>
  <appSettings>
    <add key="PYTHONPATH" value="%ROOTDIR%"/>
    <add key="WSGI_HANDLER" value="FlaskWebProject1.app"/>
    <add key="WSGI_LOG" value="D:\\home\\LogFiles\\wfastcgi.log"/>
  </appSettings>
  <system.webServer>
    <handlers>
      <add name="PythonHandler" path="*" verb="*" modules="FastCgiModule" scriptProcessor="D:\\home\\Python35\\python.exe|D:\\home\\Python35\\wfastcgi.py" resourceType="Unspecified" requireAccess="Script"/>
    </handlers>
    <rewrite>
      <rules>
        <rule name="Static Files" stopProcessing="true">
          <conditions>
            <add input="true" pattern="false" />
          </conditions>
        </rule>
        <rule name="Configure Python" stopProcessing="true">
          <match url="(.*)" ignoreCase="false" />
          <conditions>
            <add input="{REQUEST_URI}" pattern="^/static/.*" ignoreCase="true" negate="true" />
          </conditions>
          <action type="Rewrite" url="handler.fcgi/{R:1}" appendQueryString="true" />
        </rule>
      </rules>
    </rewrite>
  </system.webServer>
</configuration>
`;

test('Azure App Service: rewrite-module-required is silent, VS publish placeholders are "substituted only when published"', () => {
  assertSilent('rewrite-module-required', AZURE_TEMPLATE);
  const f = assertFires('unexpanded-placeholder', AZURE_TEMPLATE);
  assert.equal(f.messageKey, 'placeholder.vsPublish');
  assert.equal(f.severity, 'warning');
  assert.equal(covered(AZURE_TEMPLATE, f), '%ROOTDIR%');
  // The REQUEST_URI condition starts with "/" and is right.
  assertSilent('rewrite-rule-never-matches', AZURE_TEMPLATE);
  // The same placeholder without the banner, on a plain IIS: an error; URL Rewrite is a separate install there.
  const plain = AZURE_TEMPLATE.replace(/<!--[\s\S]*?-->\n/, '').replace(/D:\\home\\Python35/g, 'C:\\Python35').replace('D:\\home\\LogFiles', 'C:\\logs');
  assert.equal(assertFires('unexpanded-placeholder', plain).severity, 'error');
  assertFires('rewrite-module-required', plain);
});

test('Azure App Service is recognised by %HOME%, D:\\home\\site\\wwwroot, D:\\Python27 and WSGI_ALT_VIRTUALENV_*', () => {
  const home = `<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <appSettings>
    <add key="PYTHONPATH" value="%HOME%\\site\\wwwroot" />
    <add key="WSGI_HANDLER" value="run.app" />
  </appSettings>
  <system.webServer>
    <handlers>
      <add name="PythonHandler" path="*" verb="*" modules="FastCgiModule" scriptProcessor="%HOME%\\python\\python.exe|%HOME%\\python\\wfastcgi.py" resourceType="Unspecified" requireAccess="Script" />
    </handlers>
    <rewrite><rules><rule name="https"><match url="(.*)" /><action type="Redirect" url="https://{HTTP_HOST}/{R:1}" /></rule></rules></rewrite>
  </system.webServer>
</configuration>
`;
  assertSilent('rewrite-module-required', home);
  // A local applicationHost.config says nothing about Azure's registrations.
  assertSilent('scriptprocessor-not-registered', home, { appHost: fastCgiHost('') });
  const proxy = home.replace('<add key="WSGI_HANDLER" value="run.app" />', '<add key="WSGI_ALT_VIRTUALENV_HANDLER" value="run.app" />\n    <add key="WSGI_HANDLER" value="ptvs_virtualenv_proxy.get_virtualenv_handler()" />')
    .replace(/%HOME%\\python/g, 'D:\\Python27').replace('%HOME%\\site', 'D:\\home\\site');
  assertSilent('rewrite-module-required', proxy);
});

test('§2: a second path="*" handler after the first is one finding on the dead one, not the same error twice', () => {
  const text = `<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <system.webServer>
    <handlers>
      <add name="PythonHandler" path="*" verb="*" modules="FastCgiModule" scriptProcessor="C:\\Python39\\python.exe|C:\\Python39\\Lib\\site-packages\\wfastcgi.py" resourceType="Unspecified" requireAccess="Script" />
      <add name="Python FastCGI" path="*" verb="*" modules="FastCgiModule" scriptProcessor="C:\\Python39\\python.exe|C:\\Python39\\Lib\\site-packages\\wfastcgi.py" resourceType="Unspecified" requireAccess="Script" />
    </handlers>
  </system.webServer>
</configuration>
`;
  const all = findings(text);
  assert.deepEqual(all.map((f) => f.code), ['wsgi-handler-missing', 'handler-unreachable']);
  const dead = all[1]!;
  assert.equal(covered(text, dead), 'Python FastCGI');
  // With a host that registers neither: one scriptprocessor-not-registered, on the live one.
  const host = appHost('<system.webServer><fastCgi /></system.webServer>');
  assert.equal(codes(text, { appHost: host }).filter((c) => c === 'scriptprocessor-not-registered').length, 1);
  // Different verbs, a preCondition or resourceType="File" on the first: the second is reachable.
  assertSilent('handler-unreachable', text.replace('path="*" verb="*" modules="FastCgiModule" scriptProcessor="C:\\Python39\\python.exe|C:\\Python39\\Lib\\site-packages\\wfastcgi.py" resourceType="Unspecified" requireAccess="Script" />\n      <add name="Python FastCGI"', 'path="*" verb="GET" modules="FastCgiModule" scriptProcessor="C:\\Python39\\python.exe|C:\\Python39\\Lib\\site-packages\\wfastcgi.py" resourceType="Unspecified" requireAccess="Script" />\n      <add name="Python FastCGI"'));
  assertSilent('handler-unreachable', text.replace('resourceType="Unspecified" requireAccess="Script" />\n      <add name="Python FastCGI"', 'resourceType="File" requireAccess="Script" />\n      <add name="Python FastCGI"'));
  assertSilent('handler-unreachable', text.replace('<add name="Python FastCGI"', '<remove name="PythonHandler" />\n      <add name="Python FastCGI"'));
  // A StaticFile catch-all in front of the Python handler kills it too.
  const staticFirst = text.replace('<add name="PythonHandler" path="*" verb="*" modules="FastCgiModule" scriptProcessor="C:\\Python39\\python.exe|C:\\Python39\\Lib\\site-packages\\wfastcgi.py" resourceType="Unspecified" requireAccess="Script" />', '<add name="StaticFile" path="*" verb="*" modules="StaticFileModule,DefaultDocumentModule" resourceType="Unspecified" requireAccess="Read" />');
  assertFires('handler-unreachable', staticFirst);
});
