import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertFires, assertSilent, CLEAN_SETTINGS, covered, findings, webConfig } from './helpers';

const wrap = (inner: string) => `<?xml version="1.0"?>\n<configuration>\n${inner}\n</configuration>\n`;

test('appsettings-misspelled: wrong element case, applicationSettings, <Add>, Key=, nested in system.webServer', () => {
  const upper = wrap(`<AppSettings>${CLEAN_SETTINGS}</AppSettings>`);
  assert.equal(covered(upper, assertFires('appsettings-misspelled', upper)), 'AppSettings');
  assertFires('appsettings-misspelled', wrap(`<appsettings>${CLEAN_SETTINGS}</appsettings>`));
  assertFires('appsettings-misspelled', wrap('<applicationSettings><add key="WSGI_HANDLER" value="app.app"/></applicationSettings>'));
  const add = wrap('<appSettings><Add key="WSGI_HANDLER" value="app.app"/></appSettings>');
  assert.equal(covered(add, assertFires('appsettings-misspelled', add)), 'Add');
  const key = wrap('<appSettings><add Key="WSGI_HANDLER" value="app.app"/></appSettings>');
  assert.equal(covered(key, assertFires('appsettings-misspelled', key)), 'Key');
  const nested = wrap(`<system.webServer><appSettings>${CLEAN_SETTINGS}</appSettings></system.webServer>`);
  assert.equal(covered(nested, assertFires('appsettings-misspelled', nested)), 'appSettings');
});

test('appsettings-misspelled: silent for appSettings under configuration or location, and .NET applicationSettings', () => {
  assertSilent('appsettings-misspelled', webConfig());
  assertSilent('appsettings-misspelled', wrap(`<location path="."><appSettings>${CLEAN_SETTINGS}</appSettings></location>`));
  assertSilent('appsettings-misspelled', wrap('<applicationSettings><My.Settings><setting name="X"><value>1</value></setting></My.Settings></applicationSettings>'));
});

test('an <add> without key: one finding, appsettings-misspelled (wfastcgi skips it; the published FX_schema.xml does not require key, so no 500.19)', () => {
  const real = wrap(`<appSettings><add value="x" />${CLEAN_SETTINGS}</appSettings>`);
  const atAdd = findings(real).filter((f) => covered(real, f) === 'add');
  assert.deepEqual(atAdd.map((f) => [f.code, f.messageKey]), [['appsettings-misspelled', 'app.noKey']]);
  assertSilent('config-attribute-missing', real);
  const lookalike = wrap('<appSetting><add value="x" /><add key="WSGI_HANDLER" value="app.app" /></appSetting>');
  const noKey = findings(lookalike).filter((f) => f.code === 'appsettings-misspelled' && covered(lookalike, f) === 'add');
  assert.equal(noKey.length, 1);
});

test('appsettings-external-source: configSource= and file=', () => {
  const text = wrap('<appSettings configSource="appsettings.config" />');
  assert.equal(covered(text, assertFires('appsettings-external-source', text)), 'configSource="appsettings.config"');
  assertFires('appsettings-external-source', wrap('<appSettings file="more.config"><add key="A" value="1"/></appSettings>'));
  assertSilent('appsettings-external-source', webConfig());
});

test('duplicate-collection-entry: appSettings keys (case-insensitive), handler names, sections; related points at the first', () => {
  const keys = webConfig({ settings: '<add key="WSGI_HANDLER" value="a.app" />\n    <add key="wsgi_handler" value="b.app" />' });
  const f = assertFires('duplicate-collection-entry', keys);
  assert.equal(covered(keys, f), 'wsgi_handler');
  assert.equal(keys.slice(f.related[0]!.start, f.related[0]!.end), 'WSGI_HANDLER');
  const handlers = webConfig({ handlers: '<add name="Py" path="*" verb="*" modules="FastCgiModule" scriptProcessor="C:\\P\\python.exe|C:\\P\\Lib\\site-packages\\wfastcgi.py"/><add name="Py" path="*.x" verb="*" modules="FastCgiModule" scriptProcessor="C:\\P\\python.exe|C:\\P\\Lib\\site-packages\\wfastcgi.py"/>' });
  assertFires('duplicate-collection-entry', handlers);
  assertFires('duplicate-collection-entry', webConfig({ tail: '\n  <appSettings><add key="X" value="1"/></appSettings>' }));
});

test('duplicate-collection-entry: silent after <remove>/<clear/>, and across different locations', () => {
  assertSilent('duplicate-collection-entry', webConfig({ settings: '<add key="A" value="1" /><remove key="A" /><add key="A" value="2" />' }));
  assertSilent('duplicate-collection-entry', webConfig({ settings: '<add key="A" value="1" /><clear /><add key="A" value="2" />' }));
  assertSilent('duplicate-collection-entry', webConfig({ tail: '\n  <location path="api"><appSettings><add key="WSGI_HANDLER" value="x.app"/></appSettings></location>' }));
});

test('ptvsd-secret: WSGI_PTVSD_SECRET, related to WSGI_PTVSD_ADDRESS', () => {
  const text = webConfig({ settings: `${CLEAN_SETTINGS}\n<add key="WSGI_PTVSD_SECRET" value="s3cret"/><add key="WSGI_PTVSD_ADDRESS" value="0.0.0.0:5678"/>` });
  const f = assertFires('ptvsd-secret', text);
  assert.equal(covered(text, f), 'WSGI_PTVSD_SECRET');
  assert.equal(f.args['address'], '0.0.0.0:5678');
  assertSilent('ptvsd-secret', webConfig());
});

test('django-settings-missing: get_wsgi_application() without DJANGO_SETTINGS_MODULE', () => {
  const text = webConfig({ settings: '<add key="WSGI_HANDLER" value="django.core.wsgi.get_wsgi_application()" />' });
  assert.equal(covered(text, assertFires('django-settings-missing', text)), 'django.core.wsgi.get_wsgi_application()');
  assertSilent('django-settings-missing', webConfig({ settings: '<add key="WSGI_HANDLER" value="django.core.wsgi.get_wsgi_application()" /><add key="DJANGO_SETTINGS_MODULE" value="mysite.settings" />' }));
  assertSilent('django-settings-missing', webConfig({ settings: '<add key="WSGI_HANDLER" value="mysite.wsgi.application" />' }));
  assert.equal(assertFires('django-settings-missing', text).severity, 'error');
  // A real App Service shape: the portal's Application settings may set it, so a warning that says so.
  const azure = webConfig({ settings: '<add key="PYTHONPATH" value="D:\\home\\site\\wwwroot"/><add key="WSGI_HANDLER" value="django.core.wsgi.get_wsgi_application()"/><add key="WSGI_LOG" value="D:\\home\\LogFiles\\wfastcgi.log"/>' });
  const f = assertFires('django-settings-missing', azure);
  assert.deepEqual([f.severity, f.messageKey], ['warning', 'django.settingsMissingAzure']);
});

test('unexpanded-placeholder: VS publish tokens, {{..}}, __name__, path\\to, XXX blanks', () => {
  const vs = webConfig({ handlers: '<add name="Py" path="*" verb="*" modules="FastCgiModule" scriptProcessor="%INTERPRETERPATH%|%WFASTCGIPATH%" resourceType="Unspecified" />' });
  assert.equal(covered(vs, assertFires('unexpanded-placeholder', vs)), '%INTERPRETERPATH%');
  assertFires('unexpanded-placeholder', webConfig({ settings: '<add key="PYTHONPATH" value="%ROOTDIR%" />' }));
  assertFires('unexpanded-placeholder', webConfig({ settings: '<add key="WSGI_HANDLER" value="{{ app_module }}.app" />' }));
  assertFires('unexpanded-placeholder', webConfig({ settings: '<add key="APPINSIGHTS_INSTRUMENTATIONKEY" value="__instrumentation_key__" />' }));
  assertFires('unexpanded-placeholder', webConfig({ settings: '<add key="PYTHONPATH" value="C:\\path\\to\\app" />' }));
  assertFires('unexpanded-placeholder', webConfig({ settings: '<add key="PYTHONPATH" value="YYY" />' }));
});

test('unexpanded-placeholder: silent on real environment variables and dunders', () => {
  assertSilent('unexpanded-placeholder', webConfig({ settings: '<add key="PYTHONPATH" value="%SystemDrive%\\inetpub\\app;%HOME%\\site" />' }));
  assertSilent('unexpanded-placeholder', webConfig({ settings: '<add key="WSGI_HANDLER" value="pkg.__init__.app" />' }));
  assertSilent('unexpanded-placeholder', webConfig({ webServer: '\n    <httpPlatform processPath="C:\\py\\python.exe" arguments="-m waitress --port=%HTTP_PLATFORM_PORT% app:app" />' }));
});
