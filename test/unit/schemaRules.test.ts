/** The schema-driven findings, each firing and silent, with the profiles and with a host's schema folder. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { checkText } from '../../src/core/check';
import { fixesFor } from '../../src/core/editing/fixes';
import { parseAppHost } from '../../src/core/host/appHost';
import { renderMessage } from '../../src/core/messages';
import { parseTarget } from '../../src/core/schema/target';
import { loadSchemaFolder } from '../../src/node/schema/schemaFolder';
import { applyEdits } from './fixOracle';
import { assertFires, assertSilent, codes, covered, findings, webConfig } from './helpers';

const FIX = resolve(__dirname, '../../test/fixtures/schema');
const hostLoaded = loadSchemaFolder(`${FIX}/host`);
assert.ok(hostLoaded.ok);
const HOST = { schema: hostLoaded.schema };
const SITE = readFileSync(`${FIX}/site/web.config`, 'utf8');
const target = (t: string) => ({ target: parseTarget(t).tokens });

const ws = (webServer: string) => webConfig({ webServer: `\n    ${webServer}` });

test('config-attribute-unknown: fires on an unknown attribute (error), names the case slip and renames it', () => {
  const text = webConfig({ handlers: '<add name="Py" path="*" verb="*" modules="FastCgiModule" scriptProcessor="C:\\P\\python.exe|C:\\P\\wfastcgi.py" ResourceType="Unspecified" />' });
  const f = assertFires('config-attribute-unknown', text);
  assert.equal(covered(text, f), 'ResourceType');
  assert.equal(f.severity, 'error');
  assert.equal(f.messageKey, 'schema.attributeUnknownNear');
  assert.match(renderMessage(f.messageKey, f.args), /: rename it to 'resourceType'\. .*0x8007000d "Unrecognized attribute 'ResourceType'/);
  const fixed = applyEdits(text, fixesFor(checkText(text), f)[0]!.edits);
  assertSilent('config-attribute-unknown', fixed);
  const plain = assertFires('config-attribute-unknown', ws('<directoryBrowse enabled="false" colour="blue" />'));
  assert.equal(plain.messageKey, 'schema.attributeUnknown');
  assert.deepEqual(fixesFor(checkText(ws('<directoryBrowse enabled="false" colour="blue" />')), plain), []);
});

test('config-attribute-unknown: silent on known attributes, lock attributes, xmlns and namespaced (transform) attributes', () => {
  assertSilent('config-attribute-unknown', webConfig());
  assertSilent('config-attribute-unknown', ws('<directoryBrowse enabled="false" lockAttributes="enabled" xdt:Transform="Replace" />'));
  assertSilent('config-attribute-unknown', SITE, HOST);
});

test('config-attribute-unknown: inside <location> too', () => {
  const text = webConfig({ tail: '\n  <location path="static"><system.webServer><staticContent><clientCache cacheControlMode="UseMaxAge" maxAge="1.00:00:00" /></staticContent></system.webServer></location>' });
  assert.equal(covered(text, assertFires('config-attribute-unknown', text)), 'maxAge');
  const loc = webConfig({ tail: '\n  <location path="static" inheritInChildApplication="false"><system.webServer /></location>' });
  assert.equal(covered(loc, assertFires('config-attribute-unknown', loc)), 'inheritInChildApplication');
  assertSilent('config-attribute-unknown', webConfig({ tail: '\n  <location path="." overrideMode="Allow" inheritInChildApplications="false"><system.webServer /></location>' }));
});

test('config-element-unknown: an unknown child element fires; a case slip is named and renamed', () => {
  const text = ws('<defaultDocument><Files><add value="index.html" /></Files></defaultDocument>');
  const f = assertFires('config-element-unknown', text);
  assert.equal(covered(text, f), 'Files');
  assert.equal(f.args['suggestion'], 'files');
  const fixed = applyEdits(text, fixesFor(checkText(text), f)[0]!.edits);
  assertSilent('config-element-unknown', fixed);
  assert.match(fixed, /<files><add value="index.html" \/><\/files>/);
  const other = ws('<httpProtocol><customHeader><add name="X" value="1" /></customHeader></httpProtocol>');
  assert.equal(assertFires('config-element-unknown', other).args['suggestion'], 'customHeaders');
  assertSilent('config-element-unknown', ws('<defaultDocument><files><clear /><add value="index.html" /><remove value="a.htm" /></files></defaultDocument>'));
});

test('config-value-invalid: type, enum, flags and range; the fix writes the nearest value', () => {
  const cases: [string, string, string][] = [
    ['<directoryBrowse enabled="yes" />', 'yes', 'true'],
    ['<httpErrors errorMode="DetailedLocal" />', 'DetailedLocal', 'DetailedLocalOnly'],
    ['<directoryBrowse showFlags="Date, Tme" />', 'Date, Tme', 'Date, Time'],
    ['<applicationInitialization doAppInitAfterRestart="true"><add initializationPage="/" /></applicationInitialization><httpErrors><error statusCode="200" path="/e" /></httpErrors>', '200', '400'],
  ];
  for (const [xml, value, fixedTo] of cases) {
    const text = ws(xml);
    const f = assertFires('config-value-invalid', text);
    assert.equal(covered(text, f), value);
    const fix = fixesFor(checkText(text), f)[0]!;
    assert.equal(fix.title.args?.['value'], fixedTo);
    assertSilent('config-value-invalid', applyEdits(text, fix.edits));
  }
  const big = ws('<security><requestFiltering><requestLimits maxAllowedContentLength="5GB" /></requestFiltering></security>');
  assert.deepEqual(fixesFor(checkText(big), assertFires('config-value-invalid', big)), [], 'no obvious value: no fix');
  assertSilent('config-value-invalid', ws('<security><requestFiltering><requestLimits maxAllowedContentLength="4294967295" /></requestFiltering></security><httpErrors errorMode="custom" existingResponse="PassThrough" />'));
});

test('config-value-invalid: HttpPlatformHandler 1.2 counts requestTimeout in whole minutes, 2.x in seconds', () => {
  const text = ws('<httpPlatform processPath="C:\\py\\python.exe" arguments="-m waitress --port=%HTTP_PLATFORM_PORT% app:app" requestTimeout="00:00:30" />');
  assert.equal(assertFires('config-value-invalid', text, target('hph1.2')).messageKey, 'schema.timeSpanGranularity');
  assertSilent('config-value-invalid', text, target('hph2'));
});

test('config-attribute-missing: a required attribute absent; silent when present or when only its case slipped', () => {
  const text = ws('<handlers><add name="Python FastCGI" verb="*" modules="FastCgiModule" scriptProcessor="C:\\Python312\\python.exe|C:\\Python312\\Lib\\site-packages\\wfastcgi.py" /></handlers>');
  const f = assertFires('config-attribute-missing', text);
  assert.equal(f.args['name'], 'path');
  assert.equal(covered(text, f), 'add');
  // The published IIS_schema.xml does not require a custom header's name (nor the reference's stricter reading).
  assertSilent('config-attribute-missing', ws('<httpProtocol><customHeaders><add value="nosniff" /></customHeaders></httpProtocol>'));
  assertSilent('config-attribute-missing', ws('<httpProtocol><customHeaders><add name="X-Content-Type-Options" value="nosniff" /><remove name="X-Powered-By" /></customHeaders></httpProtocol>'));
  assertSilent('config-attribute-missing', ws('<httpProtocol><customHeaders><add Name="X" value="1" /></customHeaders></httpProtocol>'));
  const remove = ws('<httpProtocol><customHeaders><remove /></customHeaders></httpProtocol>');
  assert.equal(assertFires('config-attribute-missing', remove).args['name'], 'name', '<remove> needs its key');
});

test('config-not-in-target: names the version that has it; silent when the target has it', () => {
  const text = ws('<security><requestFiltering removeServerHeader="true" /></security>');
  const f = assertFires('config-not-in-target', text, target('iis8.5'));
  assert.equal(covered(text, f), 'removeServerHeader');
  assert.match(renderMessage(f.messageKey, f.args), /Only IIS 10 has it/);
  assert.equal(fixesFor(checkText(text, target('iis8.5')), f)[0]!.isPreferred, false);
  assertSilent('config-not-in-target', text, target('iis10'));
  assertSilent('config-attribute-unknown', text, target('iis8.5'));
  const rw = ws('<rewrite><rules useOriginalURLEncoding="false"><rule name="a"><match url=".*" /><action type="None" /></rule></rules></rewrite>');
  assert.equal(assertFires('config-not-in-target', rw, target('rewrite2.0')).args['versions'], 'URL Rewrite 2.1');
  assertSilent('config-not-in-target', rw);
  const hph = ws('<httpPlatform processPath="C:\\py\\python.exe" arguments="--port %HTTP_PLATFORM_PORT%" startupRetryCount="3" />');
  assert.equal(assertFires('config-not-in-target', hph, target('hph2')).args['versions'], 'HttpPlatformHandler 1.2');
  assertSilent('config-not-in-target', hph, target('hph1.2'));
});

test('duplicate-collection-entry: keys from the schema, with add/remove/clear, combined keys and their defaults', () => {
  const dup = ws('<httpErrors><remove statusCode="404" /><error statusCode="404" path="/a" /><error statusCode="404" subStatusCode="-1" path="/b" /></httpErrors>');
  assert.equal(covered(dup, assertFires('duplicate-collection-entry', dup)), '404');
  assertSilent('duplicate-collection-entry', ws('<httpErrors><error statusCode="404" path="/a" /><error statusCode="404" subStatusCode="2" path="/b" /></httpErrors>'));
  assertSilent('duplicate-collection-entry', ws('<httpErrors><error statusCode="404" path="/a" /><remove statusCode="404" /><error statusCode="404" path="/b" /></httpErrors>'));
  assertSilent('duplicate-collection-entry', ws('<staticContent><mimeMap fileExtension=".json" mimeType="application/json" /><clear /><mimeMap fileExtension=".json" mimeType="application/json" /></staticContent>'));
  assertSilent('duplicate-collection-entry', ws('<rewrite><rules><rule name="a"><match url=".*" /><conditions><add input="{REQUEST_FILENAME}" matchType="IsFile" negate="true" /><add input="{REQUEST_FILENAME}" matchType="IsDirectory" negate="true" /></conditions></rule></rules></rewrite>')); // allowDuplicates
});

test('duplicate-collection-entry: across the file and <location path=".">, and against a parent folder\'s web.config', () => {
  const text = webConfig({ tail: `\n  <location path="." inheritInChildApplications="false"><system.webServer><handlers><add name="Python FastCGI" path="*.py" verb="*" modules="FastCgiModule" scriptProcessor="C:\\P\\python.exe|C:\\P\\wfastcgi.py" /></handlers></system.webServer></location>` });
  assertFires('duplicate-collection-entry', text);
  // <location path="api"> is merged after the file's own root: adding the same name again is IIS's 500.19 too.
  const api = webConfig({ tail: `\n  <location path="api"><system.webServer><handlers><add name="Python FastCGI" path="*.py" verb="*" modules="FastCgiModule" /></handlers></system.webServer></location>` });
  assert.equal(assertFires('duplicate-collection-entry', api).messageKey, 'dup.entry');
  assertSilent('duplicate-collection-entry', api.replace('<handlers><add name', '<handlers><remove name="Python FastCGI" /><add name'));
  assertSilent('duplicate-collection-entry', api.replace('<handlers><add name', '<handlers><clear /><add name'));
  const parent = { path: '/srv/app/web.config', text: ws('<httpProtocol><customHeaders><add name="X-Frame-Options" value="DENY" /></customHeaders></httpProtocol>') };
  const child = '<?xml version="1.0"?>\n<configuration>\n  <system.webServer>\n    <httpProtocol><customHeaders><add name="X-Frame-Options" value="SAMEORIGIN" /></customHeaders></httpProtocol>\n  </system.webServer>\n</configuration>\n';
  const f = assertFires('duplicate-collection-entry', child, { parents: [parent] });
  assert.equal(f.messageKey, 'dup.entryParent');
  assert.equal(f.related[0]!.path, parent.path);
  assertSilent('duplicate-collection-entry', child.replace('<add name', '<remove name="X-Frame-Options" /><add name'), { parents: [parent] });
});

test('config-section-unknown: a warning with the nearest name from the profiles; an error with the host\'s schema', () => {
  const text = ws('<httpPlatfrom processPath="x" />');
  const f = assertFires('config-section-unknown', text);
  assert.equal(f.severity, 'warning');
  assert.equal(f.args['suggestion'], 'httpPlatform');
  const iisnode = ws('<iisnode nodeProcessCommandLine="node.exe" />');
  // An add-on module's section (real iisnode and IIS CORS Module files): information naming the module, no "remove it".
  const addOn = assertFires('config-section-unknown', iisnode);
  assert.deepEqual([addOn.severity, addOn.messageKey, addOn.args['module']], ['information', 'schema.sectionThirdParty', 'iisnode']);
  assert.match(renderMessage(addOn.messageKey, addOn.args), /^Section 'system\.webServer\/iisnode' belongs to iisnode, not to IIS: install iisnode on the server\..*0x80070032/);
  assert.equal(assertFires('config-section-unknown', ws('<cors enabled="true"><add origin="*" /></cors>')).args['module'], 'IIS CORS Module');
  assert.equal(assertFires('config-section-unknown', ws('<iisnod />')).messageKey, 'schema.sectionUnknown');
  // The add-on table is a Map: a section named like an Object property is no add-on.
  assertSilent('config-section-unknown', webConfig({ tail: '\n  <constructor />\n  <toString />' }));
  assertSilent('config-section-unknown', webConfig({ tail: '\n  <system.web><compilation debug="false" /></system.web>\n  <runtime />' })); // profiles judge system.webServer only
  assertSilent('config-section-unknown', webConfig({ tail: '\n  <configSections><section name="iisnode" /></configSections>' }).replace('<system.webServer>', '<system.webServer>'));
  const host = assertFires('config-section-unknown', iisnode, HOST);
  assert.equal(host.severity, 'error');
  assert.match(renderMessage(host.messageKey, host.args), /0x80070032/);
  assertSilent('config-section-unknown', SITE, HOST);
  const declared = '<?xml version="1.0"?>\n<configuration>\n  <configSections><sectionGroup name="elmah"><section name="security" /></sectionGroup></configSections>\n  <elmah><security allowRemoteAccess="false" /></elmah>\n</configuration>\n';
  assertSilent('config-section-unknown', declared, HOST);
});

test('config-section-locked: the default applicationHost.config\'s locks (warning) and the host\'s own (error)', () => {
  const text = ws('<webSocket enabled="false" />');
  const f = assertFires('config-section-locked', text);
  assert.equal(f.severity, 'warning');
  assert.match(renderMessage(f.messageKey, f.args), /overrideModeDefault="Deny".*0x80070021/);
  assert.equal(assertFires('config-section-locked', ws('<httpCompression><dynamicTypes><add mimeType="text/event-stream" enabled="false" /></dynamicTypes></httpCompression>')).messageKey, 'schema.sectionAppHostOnly');
  assertSilent('config-section-locked', ws('<httpErrors errorMode="Custom" /><staticContent />'));
  const appHost = parseAppHost(readFileSync(`${FIX}/applicationHost.config`, 'utf8'), 'C:\\Windows\\System32\\inetsrv\\config\\applicationHost.config');
  const exact = assertFires('config-section-locked', text, { appHost });
  assert.equal(exact.severity, 'error');
  assert.equal(exact.related[0]!.path, appHost.path);
  assertSilent('config-section-locked', ws('<httpErrors errorMode="Custom" />'), { appHost });
  assertSilent('config-section-locked', webConfig(), { appHost });
});

test('the host-like schema folder: its site validates clean; the same site fails on an older target without it', () => {
  const clean = findings(SITE, HOST).filter((f) => f.code.startsWith('config-'));
  assert.deepEqual(clean, []);
  const old = findings(SITE, target('iis8.5,rewrite2.0')).filter((f) => f.code === 'config-not-in-target').map((f) => covered(SITE, f));
  assert.deepEqual(old, ['removeServerHeader', 'useOriginalURLEncoding']);
});

test('URL Rewrite as its published schema has it: what real files do passes, what IIS refuses is refused', () => {
  const rules = (rule: string) => ws(`<rewrite><rules>${rule}</rules></rewrite>`);
  // A real PHP site's rule name ends in a space; IIS accepts it (no validation on rule names).
  const trailing = rules('<rule name="Redirect irishlife.ie/myonlineservices to app server " stopProcessing="true"><match url="^x$" /><action type="Redirect" url="https://example.org/" /></rule>');
  assert.deepEqual(codes(trailing).filter((c) => c.startsWith('config-')), []);
  // A condition without input, a server variable without value: optional there.
  const optional = rules('<rule name="a"><match url=".*" /><conditions><add pattern="x" /></conditions><serverVariables><set name="HTTP_X_A" /></serverVariables><action type="None" /></rule>');
  assert.deepEqual(codes(optional).filter((c) => c.startsWith('config-')), []);
  // statusCode excludes 300-307 (redirects say redirectType); 200 and 403 are fine.
  assertSilent('config-value-invalid', rules('<rule name="a"><match url=".*" /><action type="CustomResponse" statusCode="403" /></rule><rule name="b"><match url="ok" /><action type="CustomResponse" statusCode="200" /></rule>'));
  assert.equal(assertFires('config-value-invalid', rules('<rule name="a"><match url=".*" /><action type="CustomResponse" statusCode="302" /></rule>')).messageKey, 'schema.rangeExcluded');
  // <action url> must be trimmed, <match url> may not be empty.
  assertFires('config-value-invalid', rules('<rule name="a"><match url=".*" /><action type="Rewrite" url=" http://127.0.0.1:8000/{R:1}" /></rule>'));
  assertFires('config-value-invalid', rules('<rule name="a"><match url="" /><action type="None" /></rule>'));
  // Rewrite map keys are case-sensitive: /Home and /home are two entries.
  assertSilent('duplicate-collection-entry', ws('<rewrite><rewriteMaps><rewriteMap name="m"><add key="/Home" value="/a" /><add key="/home" value="/b" /></rewriteMap></rewriteMaps></rewrite>'));
  assertFires('duplicate-collection-entry', ws('<rewrite><rewriteMaps><rewriteMap name="m"><add key="/home" value="/a" /><add key="/home" value="/b" /></rewriteMap></rewriteMaps></rewrite>'));
  // Outbound <match occurrences>, a preCondition's matchType.
  assertSilent('config-attribute-unknown', ws('<rewrite><outboundRules><preConditions><preCondition name="html"><add input="{RESPONSE_CONTENT_TYPE}" matchType="Pattern" pattern="^text/html" /></preCondition></preConditions><rule name="o" preCondition="html"><match serverVariable="RESPONSE_Server" pattern=".+" occurrences="1" /><action type="Rewrite" value="" /></rule></outboundRules></rewrite>'));
});

test('handler and module names are case-sensitive keys, as IIS_schema.xml declares them', () => {
  const handlers = (a: string, b: string) => webConfig({ handlers: `<add name="${a}" path="*.x" verb="*" modules="StaticFileModule" /><add name="${b}" path="*.y" verb="*" modules="StaticFileModule" />` });
  assertSilent('duplicate-collection-entry', handlers('Static X', 'static x'));
  assertFires('duplicate-collection-entry', handlers('Static X', 'Static X'));
  assertSilent('duplicate-collection-entry', ws('<modules><add name="MyModule" type="A" /><add name="mymodule" type="B" /></modules>'));
});
