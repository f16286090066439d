import assert from 'node:assert/strict';
import { test } from 'node:test';
import { appHost, assertFires, assertSilent, covered, webConfig } from './helpers';

const MODULES = '<globalModules><add name="FastCgiModule" image="%windir%\\System32\\inetsrv\\iisfcgi.dll" /><add name="RewriteModule" image="%SystemRoot%\\system32\\inetsrv\\rewrite.dll" /><add name="httpPlatformHandler" image="%SystemRoot%\\system32\\inetsrv\\httpPlatformHandler.dll" /></globalModules>';
const REGISTERED = '<fastCgi><application fullPath="C:\\Python311\\python.exe" arguments="C:\\Python311\\Lib\\site-packages\\wfastcgi.py" signalBeforeTerminateSeconds="30" /></fastCgi>';
const host = (webServer: string, extra = '') => appHost(`${extra}<system.webServer>${webServer}</system.webServer>`);

test('scriptprocessor-not-registered: no registration, and a different arguments half (closest pair named)', () => {
  const none = assertFires('scriptprocessor-not-registered', webConfig(), { appHost: host(MODULES) });
  assert.equal(none.messageKey, 'host.notRegistered.none');
  const venv = '<add name="Python FastCGI" path="*" verb="*" modules="FastCgiModule" scriptProcessor="C:\\Python311\\python.exe|C:\\Python311\\Lib\\site-packages\\wfastcgi2.py" resourceType="Unspecified" />';
  const text = webConfig({ handlers: venv });
  const f = assertFires('scriptprocessor-not-registered', text, { appHost: host(MODULES + REGISTERED) });
  assert.equal(f.messageKey, 'host.notRegistered.closest');
  assert.equal(f.args['difference'], '@host.diff.arguments');
  assert.match(covered(text, f), /wfastcgi2\.py$/);
  assert.equal(f.related[0]!.path, 'C:\\Windows\\System32\\inetsrv\\config\\applicationHost.config');
});

test('scriptprocessor-not-registered: silent when registered (case-insensitive), or without applicationHost.config', () => {
  assertSilent('scriptprocessor-not-registered', webConfig(), { appHost: host(MODULES + REGISTERED) });
  assertSilent('scriptprocessor-not-registered', webConfig({ handlers: '<add name="Python FastCGI" path="*" verb="*" modules="FastCgiModule" scriptProcessor="c:\\python311\\PYTHON.EXE|c:\\python311\\lib\\site-packages\\wfastcgi.py" resourceType="Unspecified" />' }), { appHost: host(MODULES + REGISTERED) });
  assertSilent('scriptprocessor-not-registered', webConfig());
});

test('handlers-section-locked: overrideModeDefault="Deny" without an Allow location', () => {
  const denied = '<configSections><sectionGroup name="system.webServer"><section name="handlers" overrideModeDefault="Deny" /></sectionGroup></configSections>';
  const text = webConfig();
  const f = assertFires('handlers-section-locked', text, { appHost: host(MODULES + REGISTERED, denied) });
  assert.equal(covered(text, f), 'handlers');
  const allowed = `${denied}<location path="" overrideMode="Allow"><system.webServer><handlers accessPolicy="Read, Script" /></system.webServer></location>`;
  assertSilent('handlers-section-locked', text, { appHost: host(MODULES + REGISTERED, allowed) });
  assertSilent('handlers-section-locked', text, { appHost: host(MODULES + REGISTERED) });
});

test('cgi-feature-missing / httpplatform-module-missing / rewrite-module-missing', () => {
  const bare = host('<globalModules><add name="StaticFileModule" /></globalModules>' + REGISTERED);
  const text = webConfig({ webServer: '\n    <rewrite><rules /></rewrite>' });
  assert.equal(covered(text, assertFires('cgi-feature-missing', text, { appHost: bare })), 'FastCgiModule');
  assert.equal(covered(text, assertFires('rewrite-module-missing', text, { appHost: bare })), 'rewrite');
  const platform = webConfig({ handlers: '<add name="PyH" path="*" verb="*" modules="httpPlatformHandler" resourceType="Unspecified" />', webServer: '\n    <httpPlatform processPath="C:\\py\\python.exe" arguments="-m waitress --port=%HTTP_PLATFORM_PORT% app:app" />', settings: '' });
  assertFires('httpplatform-module-missing', platform, { appHost: bare });
  assertSilent('cgi-feature-missing', text, { appHost: host(MODULES + REGISTERED) });
  assertSilent('rewrite-module-missing', text, { appHost: host(MODULES + REGISTERED) });
  assertSilent('httpplatform-module-missing', platform, { appHost: host(MODULES) });
  assertSilent('cgi-feature-missing', text, { appHost: host(REGISTERED) });
});
