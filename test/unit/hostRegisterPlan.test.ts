/** register / unregister / recycle plans: exact argv for both bridges and IIS Express, idempotence, refusals. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { registerPlan, type RegisterRequest } from '../../src/core/host/registerPlan';
import type { Manifest } from '../../src/core/host/manifest';
import { markerSiteId } from '../../src/core/host/marker';
import type { Planned } from '../../src/core/host/plan';
import { recyclePlan } from '../../src/core/host/recyclePlan';
import { unregisterPlan, type UnregisterRequest } from '../../src/core/host/unregisterPlan';
import { facts, fastCgiConfig, fixtureAppHost, insertInto, model, platformConfig, WIN_TOOLS, type FakeFacts } from './hostHelpers';

const A = 'C:\\Windows\\System32\\inetsrv\\appcmd.exe';
const I = 'C:\\Windows\\System32\\icacls.exe';
const SITE = 'C:\\inetpub\\shop';
const SP = 'C:\\inetpub\\shop\\venv\\Scripts\\python.exe|C:\\inetpub\\shop\\venv\\Lib\\site-packages\\wfastcgi.py';
const VENV_FACTS: FakeFacts = { files: { 'C:\\inetpub\\shop\\venv\\pyvenv.cfg': 'home = C:\\Python312\r\nversion = 3.12.4\r\n' } };
const MARKER = '0123456789abcdef0123456789abcdef';
const ID = markerSiteId(MARKER, 'shop');
const MARK = (pool: string) => [A, 'set', 'config', '/section:system.applicationHost/applicationPools', `/+[name='${pool}'].environmentVariables.[name='FLASK_IIS_REGISTERED',value='${MARKER}']`];
const FCGI_MARK = [A, 'set', 'config', '/section:system.webServer/fastCGI', `/+[fullPath='C:\\inetpub\\shop\\venv\\Scripts\\python.exe',arguments='C:\\inetpub\\shop\\venv\\Lib\\site-packages\\wfastcgi.py'].environmentVariables.[name='FLASK_IIS_REGISTERED',value='${MARKER}']`];
/** The user confirmed the installation pyvenv.cfg names (it is outside the site folder). */
const CONFIRMED = { confirmed: ['C:\\Python312'] };

function request(over: Partial<RegisterRequest> = {}): RegisterRequest {
  return {
    appDir: SITE, site: 'shop', port: 8080, host: '', pool: 'shop', warmUp: false,
    model: model(fastCgiConfig(SP, '<add key="WSGI_HANDLER" value="app.app" /><add key="WSGI_LOG" value="C:\\inetpub\\shop\\logs\\wfastcgi.log" />')),
    appHost: fixtureAppHost(), tools: WIN_TOOLS, facts: facts(VENV_FACTS), marker: MARKER, grants: CONFIRMED, ...over,
  };
}

function argvs(planned: Planned): string[][] {
  assert.ok(planned.ok, planned.ok ? '' : planned.problems.join('\n'));
  return planned.plan.steps.map((s) => s.argv);
}

function problems(planned: Planned): string {
  assert.ok(!planned.ok, 'expected a refusal');
  return planned.problems.join('\n');
}

test('register (wfastcgi, full IIS): pool, its marker, site (marker id), pool assignment, FastCGI pair and its marker, unlock, grants — exactly', () => {
  assert.deepEqual(argvs(registerPlan(request())), [
    [A, 'add', 'apppool', '/name:shop', '/managedRuntimeVersion:', '/managedPipelineMode:Integrated'],
    MARK('shop'),
    [A, 'add', 'site', '/name:shop', `/id:${ID}`, '/bindings:http/*:8080:', `/physicalPath:${SITE}`],
    [A, 'set', 'app', '/app.name:shop/', '/applicationPool:shop'],
    [A, 'set', 'config', '/section:system.webServer/fastCGI', "/+[fullPath='C:\\inetpub\\shop\\venv\\Scripts\\python.exe', arguments='C:\\inetpub\\shop\\venv\\Lib\\site-packages\\wfastcgi.py', signalBeforeTerminateSeconds='30']"],
    FCGI_MARK,
    [A, 'unlock', 'config', '/section:system.webServer/handlers'],
    [I, SITE, '/grant', 'IIS AppPool\\shop:(OI)(CI)RX'],
    [I, 'C:\\Python312', '/grant', 'IIS AppPool\\shop:(OI)(CI)RX'],
    [I, 'C:\\inetpub\\shop\\logs', '/grant', 'IIS AppPool\\shop:(OI)(CI)M'],
  ]);
});

test('every step that creates something records it and carries its exact undo', () => {
  const planned = registerPlan(request());
  assert.ok(planned.ok);
  const byKind = planned.plan.steps.filter((s) => s.creates).map((s) => [s.creates!.kind, s.undo]);
  assert.deepEqual(byKind, [
    ['apppool', [[A, 'delete', 'apppool', '/apppool.name:shop']]],
    ['site', [[A, 'delete', 'site', '/site.name:shop']]],
    ['fastcgi', [[A, 'set', 'config', '/section:system.webServer/fastCGI', "/-[fullPath='C:\\inetpub\\shop\\venv\\Scripts\\python.exe', arguments='C:\\inetpub\\shop\\venv\\Lib\\site-packages\\wfastcgi.py', signalBeforeTerminateSeconds='30']"]]],
    ['unlock', [[A, 'lock', 'config', '/section:system.webServer/handlers']]],
    ['grant', [[I, SITE, '/remove:g', 'IIS AppPool\\shop']]],
    ['grant', [[I, 'C:\\Python312', '/remove:g', 'IIS AppPool\\shop']]],
    ['grant', [[I, 'C:\\inetpub\\shop\\logs', '/remove:g', 'IIS AppPool\\shop']]],
  ]);
  assert.ok(planned.plan.steps.every((s) => s.why.length > 20), 'every step says why');
});

test('register (HttpPlatformHandler): no FastCGI application; relative processPath and stdout log folder resolved', () => {
  const m = model(platformConfig('.\\venv\\Scripts\\python.exe', ' stdoutLogEnabled="true" stdoutLogFile=".\\logs\\python"'));
  const planned = registerPlan(request({ model: m, host: 'shop.example.com', port: 80, pool: 'shop-pool' }));
  assert.deepEqual(argvs(planned), [
    [A, 'add', 'apppool', '/name:shop-pool', '/managedRuntimeVersion:', '/managedPipelineMode:Integrated'],
    MARK('shop-pool'),
    [A, 'add', 'site', '/name:shop', `/id:${ID}`, '/bindings:http/*:80:shop.example.com', `/physicalPath:${SITE}`],
    [A, 'set', 'app', '/app.name:shop/', '/applicationPool:shop-pool'],
    [A, 'unlock', 'config', '/section:system.webServer/handlers'],
    [I, SITE, '/grant', 'IIS AppPool\\shop-pool:(OI)(CI)RX'],
    [I, 'C:\\Python312', '/grant', 'IIS AppPool\\shop-pool:(OI)(CI)RX'],
    [I, 'C:\\inetpub\\shop\\logs', '/grant', 'IIS AppPool\\shop-pool:(OI)(CI)M'],
  ]);
  assert.ok(planned.ok && planned.plan.notes.some((n) => /HttpPlatformHandler needs no server-level registration/.test(n)));
});

test('register for IIS Express: every appcmd call carries /apphostconfig:, no ACL grants, warm-up skipped', () => {
  const config = 'C:\\Users\\me\\Documents\\IISExpress\\config\\applicationhost.config';
  const express = 'C:\\Program Files\\IIS Express\\appcmd.exe';
  const planned = registerPlan(request({ tools: { target: { appcmd: express, apphostconfig: config }, icacls: I }, warmUp: true }));
  const all = argvs(planned);
  assert.equal(all.length, 7);
  for (const argv of all) {
    assert.equal(argv[0], express);
    assert.equal(argv[argv.length - 1], `/apphostconfig:${config}`);
  }
  assert.ok(planned.ok && planned.plan.notes.some((n) => /IIS Express runs as you/.test(n)));
});

test('warm-up: startMode AlwaysRunning, idle time-out 0, preloadEnabled; a pre-existing pool records its old values', () => {
  const fresh = argvs(registerPlan(request({ warmUp: true }))).slice(-3);
  assert.deepEqual(fresh, [
    [A, 'set', 'apppool', '/apppool.name:shop', '/startMode:AlwaysRunning'],
    [A, 'set', 'apppool', '/apppool.name:shop', '/processModel.idleTimeout:00:00:00'],
    [A, 'set', 'app', '/app.name:shop/', '/preloadEnabled:true'],
  ]);
  const existing = registerPlan(request({ warmUp: true, pool: 'DefaultAppPool' }));
  assert.ok(existing.ok);
  const records = existing.plan.steps.filter((s) => s.creates?.kind === 'setting').map((s) => s.creates);
  assert.deepEqual(records, [
    { kind: 'setting', object: 'apppool', name: 'DefaultAppPool', attribute: 'startMode', previous: 'OnDemand' },
    { kind: 'setting', object: 'apppool', name: 'DefaultAppPool', attribute: 'processModel.idleTimeout', previous: '00:20:00' },
  ]);
});

/** The fixture after a successful register, with the pool identity already allowed everywhere. */
const ENV = `<environmentVariables><add name="FLASK_IIS_REGISTERED" value="${MARKER}" /></environmentVariables>`;

function registeredText(t: string, marked = true): string {
  return [
    insertInto('applicationPools', `            <add name="shop" managedRuntimeVersion="">${marked ? ENV : ''}</add>`),
    insertInto('fastCgi', `            <application fullPath="C:\\inetpub\\shop\\venv\\Scripts\\python.exe" arguments="C:\\inetpub\\shop\\venv\\Lib\\site-packages\\wfastcgi.py">${marked ? ENV : ''}</application>`),
    (x: string) => x.replace('<siteDefaults>', `<site name="shop" id="${marked ? ID : 2}"><application path="/" applicationPool="shop"><virtualDirectory path="/" physicalPath="${SITE}" /></application><bindings><binding protocol="http" bindingInformation="*:8080:" /></bindings></site>\r\n            <siteDefaults>`),
    (x: string) => x.replace('<section name="handlers" overrideModeDefault="Deny" />', '<section name="handlers" overrideModeDefault="Allow" />'),
  ].reduce((acc, f) => f(acc), t);
}

function registered() {
  const ace = [{ principal: 'IIS AppPool\\shop', flags: ['OI', 'CI', 'M'], inherited: false, deny: false }];
  return { appHost: fixtureAppHost(registeredText), facts: facts({ ...VENV_FACTS, acls: { [SITE]: ace, 'C:\\Python312': ace } }) };
}

test('registering twice plans nothing the second time', () => {
  const planned = registerPlan(request(registered()));
  assert.deepEqual(argvs(planned), []);
  assert.ok(planned.ok && planned.plan.notes.length >= 3);
});

test('an existing site with another folder, pool or binding is refused, never changed; a taken binding is refused', () => {
  const { appHost } = registered();
  assert.match(problems(registerPlan(request({ appHost, appDir: 'D:\\other' }))), /already exists and serves C:\\inetpub\\shop, not D:\\other/);
  assert.match(problems(registerPlan(request({ appHost, pool: 'DefaultAppPool' }))), /runs in the pool "shop", not "DefaultAppPool"/);
  assert.match(problems(registerPlan(request({ appHost, port: 9090 }))), /binding\(s\) http\/\*:8080:, not http\/\*:9090:/);
  assert.match(problems(registerPlan(request({ site: 'another', port: 80 }))), /http\/\*:80: is already used by the site "Default Web Site"/);
});

test('quoting: folders with spaces, &, %, ^, ;, [ ], \' and non-ASCII reach appcmd and icacls unchanged', () => {
  const dirs = ['C:\\inetpub\\my shop', 'C:\\R&D\\100%\\a^b;c', 'C:\\apps\\[test] shop', "C:\\apps\\O'Brien", 'C:\\Anwendungen\\Bücher-ß\\日本'];
  for (const dir of dirs) {
    const all = argvs(registerPlan(request({ appDir: dir, model: model(platformConfig('C:\\Python312\\python.exe')) })));
    assert.deepEqual(all[2], [A, 'add', 'site', '/name:shop', `/id:${ID}`, '/bindings:http/*:8080:', `/physicalPath:${dir}`], dir);
    assert.deepEqual(all.find((a) => a[0] === I && a[1] === dir), [I, dir, '/grant', 'IIS AppPool\\shop:(OI)(CI)RX'], dir);
  }
});

test('quoting: a \' in the scriptProcessor pair is refused (appcmd [key=\'value\'] cannot carry it); " and control characters too', () => {
  const quote = problems(registerPlan(request({ model: model(fastCgiConfig("C:\\O'Brien\\venv\\Scripts\\python.exe|C:\\O'Brien\\venv\\Lib\\site-packages\\wfastcgi.py")) })));
  assert.match(quote, /contains ', and appcmd's \[key='value'\] syntax has no way to write one/);
  assert.match(problems(registerPlan(request({ appDir: 'C:\\a"b' }))), /" cannot appear in a Windows path/);
  for (const sp of ['%INTERPRETERPATH%|%WFASTCGIPATH%', 'python.exe|wfastcgi.py', 'C:\\py\\python.exe | C:\\py\\wfastcgi.py']) {
    assert.match(problems(registerPlan(request({ model: model(fastCgiConfig(sp)) }))), /cannot be registered as it is/, sp);
  }
  assert.ok(registerPlan(request({ model: model(fastCgiConfig('%SystemDrive%\\Python312\\python.exe|%SystemDrive%\\Python312\\Lib\\site-packages\\wfastcgi.py')) })).ok);
  assert.match(problems(registerPlan(request({ appDir: 'C:\\a\nb' }))), /U\+000A cannot appear/);
});

test('names, host names and ports IIS would refuse are refused with the reason', () => {
  for (const site of ['a/b', 'x:y', 'a[1]', ' lead', "o'k", '']) assert.match(problems(registerPlan(request({ site }))), /as a site name/, site);
  assert.match(problems(registerPlan(request({ pool: 'p;q' }))), /as an application pool name/);
  assert.match(problems(registerPlan(request({ host: 'bad host' }))), /host name "bad host"/);
  for (const port of [0, 65536, 80.5]) assert.match(problems(registerPlan(request({ port }))), /port/);
  assert.match(problems(registerPlan(request({ model: model('<configuration><appSettings /></configuration>') }))), /no Python handler/);
  assert.ok(registerPlan(request({ site: 'Shop Ünïcode 2', pool: 'Shop Pool (py)' })).ok);
});

test('grants already in the ACL (or inherited from an earlier grant of the plan) are skipped; missing folders are noted', () => {
  const ace = [{ principal: 'BUILTIN\\IIS_IUSRS', flags: ['I', 'OI', 'CI', 'RX'], inherited: true, deny: false }];
  const planned = registerPlan(request({ facts: facts({ ...VENV_FACTS, acls: { 'C:\\Python312': ace }, missing: ['C:\\inetpub\\shop\\logs'] }) }));
  const grants = argvs(planned).filter((a) => a[0] === I);
  assert.deepEqual(grants, [[I, SITE, '/grant', 'IIS AppPool\\shop:(OI)(CI)RX']]);
  assert.ok(planned.ok && planned.plan.notes.some((n) => /logs .*does not exist/.test(n)) && planned.plan.notes.some((n) => /already has RX access to C:\\Python312/.test(n)));
});

const MANIFEST: Manifest = {
  version: 1, site: 'shop', pool: 'shop',
  created: [
    { kind: 'apppool', name: 'shop' },
    { kind: 'site', name: 'shop' },
    { kind: 'fastcgi', fullPath: 'C:\\inetpub\\shop\\venv\\Scripts\\python.exe', arguments: 'C:\\inetpub\\shop\\venv\\Lib\\site-packages\\wfastcgi.py' },
    { kind: 'unlock', section: 'system.webServer/handlers' },
    { kind: 'grant', path: SITE, principal: 'IIS AppPool\\shop' },
  ],
};

function unreg(over: Partial<UnregisterRequest> = {}) {
  return unregisterPlan({ manifest: MANIFEST, appDir: SITE, marker: MARKER, appHost: fixtureAppHost(), appHostKnown: true, tools: WIN_TOOLS, facts: facts(), ...over });
}

test('unregister: what the manifest recorded, newest first, only what is still there', () => {
  const { appHost, facts: f } = registered();
  const { plan, gone } = unreg({ appHost, facts: f });
  assert.deepEqual(plan.steps.map((s) => s.argv), [
    [I, SITE, '/remove:g', 'IIS AppPool\\shop'],
    [A, 'lock', 'config', '/section:system.webServer/handlers'],
    [A, 'set', 'config', '/section:system.webServer/fastCGI', "/-[fullPath='C:\\inetpub\\shop\\venv\\Scripts\\python.exe', arguments='C:\\inetpub\\shop\\venv\\Lib\\site-packages\\wfastcgi.py', signalBeforeTerminateSeconds='30']"],
    [A, 'delete', 'site', '/site.name:shop'],
    [A, 'delete', 'apppool', '/apppool.name:shop'],
  ]);
  assert.deepEqual(gone, []);
  const clean = unreg({ facts: facts({ acls: { [SITE]: [] } }) });
  assert.deepEqual(clean.plan.steps, []);
  assert.equal(clean.gone.length, 4, 'pool, site, FastCGI application and unlock are gone');
  assert.ok(clean.plan.notes.some((n) => /Left alone: the access of IIS AppPool\\shop/.test(n)), 'the grant of a pool that is no longer there is not ours to judge');
});

test('unregister deletes nothing that lacks the marker, even when every name and value matches', () => {
  const { facts: f } = registered();
  const unmarked = fixtureAppHost((t) => registeredText(t, false));
  const { plan, gone } = unreg({ appHost: unmarked, facts: f });
  assert.deepEqual(plan.steps, []);
  assert.deepEqual(gone, []);
  assert.equal(plan.notes.filter((n) => /does not carry the marker/.test(n)).length, 3);
  assert.ok(plan.notes.some((n) => /Left unlocked/.test(n)));
  assert.ok(plan.notes.some((n) => /Left alone: the access of IIS AppPool\\shop/.test(n)));
  const another = unreg({ ...registered(), appDir: 'C:\\inetpub\\other', marker: 'ffffffffffffffffffffffffffffffff' });
  assert.deepEqual(another.plan.steps, [], 'the marker of another folder does not match');
});

test('unregister never deletes IIS\'s own objects, other sites\' FastCGI applications or other pools\' access', () => {
  const php = { kind: 'fastcgi' as const, fullPath: 'C:\\PHP\\php-cgi.exe', arguments: '' };
  const tampered: Manifest = { ...MANIFEST, created: [
    { kind: 'apppool', name: 'DefaultAppPool' }, { kind: 'site', name: 'Default Web Site' }, php,
    { kind: 'grant', path: 'C:\\inetpub\\wwwroot', principal: 'IIS AppPool\\DefaultAppPool' },
  ] };
  const { plan, gone } = unreg({ manifest: tampered, ...registered() });
  assert.deepEqual(plan.steps, []);
  assert.deepEqual(gone, []);
  assert.equal(plan.notes.filter((n) => /^Never deleted: the (site|application pool) "Default/.test(n)).length, 2);
  assert.ok(plan.notes.some((n) => /the FastCGI application "C:\\PHP\\php-cgi\.exe\|" does not carry the marker/.test(n)));
  assert.ok(plan.notes.some((n) => /IIS AppPool\\DefaultAppPool is not the identity of an application pool register created/.test(n)));
});

test('a marked FastCGI application another application\'s web.config uses is left in place', () => {
  const { appHost, facts: _f } = registered();
  const blog = fixtureAppHost((t) => registeredText(t).replace('<siteDefaults>', '<site name="blog" id="3"><application path="/" applicationPool="blog"><virtualDirectory path="/" physicalPath="D:\\blog" /></application></site>\r\n            <siteDefaults>'));
  const f = facts({ ...VENV_FACTS, files: { 'D:\\blog\\web.config': fastCgiConfig(SP) } });
  const { plan } = unreg({ appHost: blog, facts: f });
  assert.ok(!plan.steps.some((s) => s.argv.some((a) => a.startsWith('/-['))));
  assert.ok(plan.notes.some((n) => /also used by blog\//.test(n)));
  assert.ok(plan.notes.some((n) => /Left unlocked: blog\/ configure <handlers>/.test(n)));
  assert.ok(unreg({ appHost, facts: f }).plan.steps.some((s) => s.argv.some((a) => a.startsWith('/-['))));
});

test('unregister without a host configuration: every entry is unknown, nothing is gone', () => {
  const { plan, gone, unknown } = unreg({ appHostKnown: false });
  assert.equal(unknown, true);
  assert.deepEqual(plan.steps, []);
  assert.deepEqual(gone, []);
  assert.equal(plan.notes.filter((n) => /^Unknown: /.test(n)).length, MANIFEST.created.length);
  assert.ok(!plan.notes.some((n) => /gone/i.test(n)));
});

test('unregister acts only on entries register could have written (a crafted manifest cannot strip Administrators)', () => {
  const crafted: Manifest = { ...MANIFEST, created: [
    { kind: 'grant', path: 'C:\\Windows', principal: 'BUILTIN\\Administrators' },
    { kind: 'grant', path: 'C:\\Windows', principal: 'SYSTEM' },
    { kind: 'site', name: 'a/b' },
    { kind: 'grant', path: SITE, principal: 'IIS AppPool\\shop' },
  ] };
  const { plan } = unreg({ manifest: crafted, ...registered() });
  assert.deepEqual(plan.steps.map((s) => s.argv), [[I, SITE, '/remove:g', 'IIS AppPool\\shop']]);
  assert.equal(plan.notes.filter((n) => /Left alone/.test(n)).length, 3);
});

test('unregister leaves a pool that another application now uses', () => {
  const shared = fixtureAppHost((t) => registeredText(t).replace('<application path="/">', '<application path="/" applicationPool="shop">'));
  const { plan } = unreg({ appHost: shared });
  assert.ok(!plan.steps.some((s) => s.argv.includes('apppool')));
  assert.ok(plan.steps.some((s) => s.argv.includes('site')));
  assert.ok(plan.notes.some((n) => /"shop" is also used by Default Web Site\//.test(n)));
});

test('recycle: the named pool, else the pool serving the folder; IIS Express and unknown pools are refused', () => {
  const { appHost } = registered();
  const base = { appDir: SITE, appHost, target: WIN_TOOLS.target, facts: facts() };
  assert.deepEqual(argvs(recyclePlan(base)), [[A, 'recycle', 'apppool', '/apppool.name:shop']]);
  assert.deepEqual(argvs(recyclePlan({ ...base, appDir: 'C:\\inetpub\\wwwroot' })), [[A, 'recycle', 'apppool', '/apppool.name:DefaultAppPool']]);
  assert.match(problems(recyclePlan({ ...base, pool: 'nope' })), /no application pool "nope"/);
  assert.match(problems(recyclePlan({ ...base, appDir: 'D:\\elsewhere' })), /No application pool is known/);
  assert.match(problems(recyclePlan({ ...base, target: { appcmd: A, apphostconfig: 'x.config' } })), /IIS Express has no application pools/);
});
