/** `doctor` findings on fixture hosts: each code firing, and silent where the server is right. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { doctor, type DoctorInput } from '../../src/core/host/doctor';
import type { Finding } from '../../src/core/findings';
import { facts, fastCgiConfig, fixtureAppHost, insertInto, model, platformConfig, type FakeFacts } from './hostHelpers';

const SITE = 'C:\\inetpub\\shop';
const SP = 'C:\\inetpub\\shop\\venv\\Scripts\\python.exe|C:\\inetpub\\shop\\venv\\Lib\\site-packages\\wfastcgi.py';
const REGISTERED = `            <application fullPath="C:\\inetpub\\shop\\venv\\Scripts\\python.exe" arguments="C:\\inetpub\\shop\\venv\\Lib\\site-packages\\wfastcgi.py" />`;
const UNLOCKED = (t: string) => t.replace('<section name="handlers" overrideModeDefault="Deny" />', '<section name="handlers" overrideModeDefault="Allow" />');
const WARM = ' startMode="AlwaysRunning"><processModel idleTimeout="00:00:00" /></add';

function host(pool = '<add name="shop" managedRuntimeVersion="" />', apps = `<application path="/" applicationPool="shop" preloadEnabled="true"><virtualDirectory path="/" physicalPath="${SITE}" /></application>`, edit = (t: string) => t) {
  const site = `            <site name="shop" id="2">${apps}<bindings><binding protocol="http" bindingInformation="*:8080:" /></bindings></site>`;
  return fixtureAppHost((t) => edit(UNLOCKED(insertInto('fastCgi', REGISTERED)(insertInto('applicationPools', `            ${pool}`)(t.replace('            <siteDefaults>', `${site}\r\n            <siteDefaults>`))))));
}

function run(over: Partial<DoctorInput> & { f?: FakeFacts } = {}): Finding[] {
  const text = over.text ?? fastCgiConfig(SP);
  return doctor({ appDir: SITE, text, model: model(text), appHost: host(`<add name="shop"${WARM}>`), appHostPath: 'C:\\Windows\\System32\\inetsrv\\config\\applicationHost.config', facts: facts(over.f), ...over });
}

const codes = (fs: Finding[]) => fs.map((f) => f.code);

test('a well set-up server: no findings at all', () => {
  assert.deepEqual(codes(run()), []);
});

test('iis-not-installed: no applicationHost.config; nothing else is checked', () => {
  const fs = run({ appHost: undefined });
  assert.deepEqual(codes(fs), ['iis-not-installed']);
  assert.equal(fs[0]!.severity, 'error');
});

test('the check\'s host rules run too: scriptprocessor-not-registered, handlers-section-locked, module missing', () => {
  const bare = fixtureAppHost();
  const fs = run({ appHost: bare });
  assert.ok(codes(fs).includes('scriptprocessor-not-registered'));
  assert.ok(codes(fs).includes('handlers-section-locked'));
  assert.ok(codes(fs).includes('site-not-registered'));
  const noCgi = fixtureAppHost((t) => t.replace('<add name="FastCgiModule" image="%windir%\\System32\\inetsrv\\iisfcgi.dll" />', ''));
  assert.ok(codes(run({ appHost: noCgi })).includes('cgi-feature-missing'));
});

test('interpreter-not-found / wfastcgi-not-found: the files scriptProcessor names, on this server', () => {
  const exe = run({ f: { missing: ['C:\\inetpub\\shop\\venv\\Scripts\\python.exe'] } });
  assert.deepEqual(codes(exe), ['interpreter-not-found']);
  const script = run({ f: { missing: ['C:\\inetpub\\shop\\venv\\Lib\\site-packages\\wfastcgi.py'] } });
  assert.deepEqual(codes(script), ['wfastcgi-not-found']);
  const platform = platformConfig('.\\venv\\Scripts\\python.exe');
  assert.deepEqual(codes(run({ text: platform, f: { missing: ['C:\\inetpub\\shop\\venv\\Scripts\\python.exe'] } })), ['interpreter-not-found']);
});

test('site-not-registered (information) when no application serves the folder', () => {
  const fs = run({ appDir: 'D:\\elsewhere' });
  assert.deepEqual(codes(fs), ['site-not-registered']);
  assert.equal(fs[0]!.severity, 'information');
});

test('python-app-in-virtual-directory: the folder is a virtual directory of another application', () => {
  const apps = `<application path="/" applicationPool="shop" preloadEnabled="true"><virtualDirectory path="/" physicalPath="C:\\inetpub\\root" /><virtualDirectory path="/api" physicalPath="${SITE}" /></application>`;
  const fs = run({ appHost: host(`<add name="shop"${WARM}>`, apps) });
  assert.deepEqual(codes(fs), ['python-app-in-virtual-directory']);
  assert.match(fs[0]!.args['root'] as string, /inetpub\\root/);
  assert.equal(fs[0]!.related[0]!.messageKey, 'related.vdir');
});

test('pool-identity-no-access from the ACLs: site folder, venv, base installation (read & execute), log folder (modify)', () => {
  const rx = [{ principal: 'IIS AppPool\\shop', flags: ['OI', 'CI', 'RX'], inherited: false, deny: false }];
  const text = fastCgiConfig(SP, '<add key="WSGI_HANDLER" value="app.app" /><add key="WSGI_LOG" value="C:\\logs\\shop.log" />');
  const files = { 'C:\\inetpub\\shop\\venv\\pyvenv.cfg': 'home = C:\\Python312' };
  const fs = run({ text, f: { files, acls: { [SITE]: rx, 'C:\\Python312': [], 'C:\\logs': rx } } });
  assert.deepEqual(fs.map((f) => [f.code, f.args['path'], f.args['right']]), [
    ['pool-identity-no-access', 'C:\\Python312', 'RX'],
    ['pool-identity-no-access', 'C:\\logs', 'M'],
  ]);
  assert.deepEqual(codes(run({ text, f: { files } })), [], 'unknown ACLs: silent');
});

test('app-pool-localsystem and app-pool-bitness-mismatch (64-bit python or a 64-bit-only module in a 32-bit pool)', () => {
  const reports = host(`<add name="shop"${WARM}>`, `<application path="/" applicationPool="Reports" preloadEnabled="true"><virtualDirectory path="/" physicalPath="${SITE}" /></application>`);
  const x64 = run({ appHost: reports, f: { machines: { 'C:\\inetpub\\shop\\venv\\Scripts\\python.exe': 'x64' } } });
  assert.deepEqual(codes(x64).sort(), ['app-pool-bitness-mismatch', 'app-pool-localsystem', 'cold-start-no-warmup']);
  const x86 = run({ appHost: reports, f: { machines: { 'C:\\inetpub\\shop\\venv\\Scripts\\python.exe': 'x86' } } });
  assert.ok(!codes(x86).includes('app-pool-bitness-mismatch'));
  const platform = run({ appHost: reports, text: platformConfig('C:\\Python312\\python.exe') });
  const module = platform.find((f) => f.code === 'app-pool-bitness-mismatch');
  assert.equal(module?.messageKey, 'doctor.bitness.module');
});

test('cold-start-no-warmup: on-demand start, idle time-out or no preload; silent when kept warm', () => {
  const cold = run({ appHost: host() });
  assert.deepEqual(codes(cold), ['cold-start-no-warmup']);
  assert.match(cold[0]!.args['missing'] as string, /startMode="OnDemand", processModel.idleTimeout="00:20:00"/);
});

test('handler-inherited-by-child-apps, unless <location path="." inheritInChildApplications="false"> wraps it', () => {
  const apps = `<application path="/" applicationPool="shop" preloadEnabled="true"><virtualDirectory path="/" physicalPath="${SITE}" /></application><application path="/docs" applicationPool="DefaultAppPool"><virtualDirectory path="/" physicalPath="C:\\docs" /></application>`;
  const appHost = host(`<add name="shop"${WARM}>`, apps);
  const fs = run({ appHost });
  assert.deepEqual(codes(fs), ['handler-inherited-by-child-apps']);
  assert.equal(fs[0]!.args['children'], '/docs');
  const wrapped = fastCgiConfig(SP).replace('<system.webServer>', '<location path="." inheritInChildApplications="false"><system.webServer>').replace('</system.webServer>', '</system.webServer></location>');
  assert.deepEqual(codes(run({ appHost, text: wrapped })), []);
});

test('app-pool-shared-scriptprocessor: another application in the pool starts the same python.exe|wfastcgi.py', () => {
  const apps = `<application path="/" applicationPool="shop" preloadEnabled="true"><virtualDirectory path="/" physicalPath="${SITE}" /></application>`;
  const other = `<site name="blog" id="3"><application path="/" applicationPool="shop"><virtualDirectory path="/" physicalPath="C:\\inetpub\\blog" /></application></site>\r\n            <siteDefaults>`;
  const appHost = host(`<add name="shop"${WARM}>`, apps, (t) => t.replace('<siteDefaults>', other));
  const same = run({ appHost, f: { files: { 'C:\\inetpub\\blog\\web.config': fastCgiConfig(SP.toUpperCase()) } } });
  assert.deepEqual(codes(same), ['app-pool-shared-scriptprocessor']);
  assert.equal(same[0]!.args['other'], 'blog/');
  const different = run({ appHost, f: { files: { 'C:\\inetpub\\blog\\web.config': fastCgiConfig('C:\\Python311\\python.exe|C:\\Python311\\Lib\\site-packages\\wfastcgi.py') } } });
  assert.deepEqual(codes(different), []);
});
