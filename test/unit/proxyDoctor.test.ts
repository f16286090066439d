/**
 * The server check (doctor) for the reverse-proxy bridge, on the files `new --bridge proxy` writes: ARR installed
 * and its proxy on, the server variables allowed, the WinSW service installed and running (sc's output parsed),
 * the backend port listening on loopback only (netstat -ano parsed, English and German), the WebSocket feature
 * when the app uses websockets. Each finding fires on its broken host and is silent on the working one. Also
 * the unregister side: a proxy switch or server variable another site still needs is left in place.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { parseAppHost } from '../../src/core/host/appHost';
import { doctor } from '../../src/core/host/doctor';
import type { HostFacts } from '../../src/core/host/facts';
import { parseNetstat, parseScDescription, parseScQuery, parseWinswXml, type ListeningSocket, type ServiceInfo } from '../../src/core/host/services';
import { markerSiteId } from '../../src/core/host/marker';
import { unregisterPlan } from '../../src/core/host/unregisterPlan';
import type { ProjectFiles } from '../../src/core/rules/context';
import { cli, facts, model, WIN_TOOLS } from './hostHelpers';

const FIXTURES = resolve(__dirname, '../../test/fixtures/host');
const ARR = readFileSync(join(FIXTURES, 'applicationHost.arr.config'), 'utf8');
const NETSTAT = readFileSync(join(FIXTURES, 'netstat-ano.txt'), 'utf8');
const MARKER = '0123456789abcdef0123456789abcdef';

const dir = join(mkdtempSync(join(tmpdir(), 'flask-iis-proxydoctor-')), 'shop');
assert.equal(cli(['new', dir, '--name', 'shop', '--bridge', 'proxy', '--backend-port', '8042']).status, 0);
const WEB_CONFIG = readFileSync(join(dir, 'web.config'), 'utf8');
const XML_PATH = join(dir, 'service', 'shopBackend.xml');
const DEFINITION = parseWinswXml(XML_PATH, readFileSync(XML_PATH, 'utf8'))!;

/** The ARR fixture with the proxy on and the three variables allowed, then edited. */
function host(edit: (t: string) => string = (t) => t) {
  const on = ARR.replace('    </system.webServer>\r\n    <webFarms>', [
    '        <proxy enabled="true" />', '        <rewrite>', '            <allowedServerVariables>',
    '                <add name="HTTP_X_FORWARDED_PROTO" />', '                <add name="HTTP_X_FORWARDED_HOST" />', '                <add name="HTTP_X_FORWARDED_PREFIX" />',
    '            </allowedServerVariables>', '        </rewrite>', '    </system.webServer>', '    <webFarms>',
  ].join('\r\n'));
  return parseAppHost(edit(on), 'C:\\Windows\\System32\\inetsrv\\config\\applicationHost.config');
}

function withServices(service: ServiceInfo | null | undefined, sockets: ListeningSocket[] | undefined, base: HostFacts = facts()): HostFacts {
  return { ...base, service: () => service, listening: () => sockets };
}

const RUNNING: ServiceInfo = { name: 'shopBackend', state: 'RUNNING', description: 'Serves shop.app' };

function codes(h = host(), f = withServices(RUNNING, parseNetstat(NETSTAT)), project?: ProjectFiles, text = WEB_CONFIG): string[] {
  return doctor({ appDir: dir, text, model: model(text), appHost: h, appHostPath: h.path, facts: f, serviceDefinitions: [DEFINITION], ...(project ? { project } : {}) })
    .map((x) => x.code).filter((c) => c !== 'site-not-registered').sort();
}

test('a working proxy host: nothing to report', () => {
  assert.deepEqual(codes(), []);
});

test('arr-not-installed: URL Rewrite is there, ARR\'s global module is not', () => {
  assert.deepEqual(codes(host((t) => t.replace(/\s*<add name="ApplicationRequestRouting"[^>]*>/, ''))), ['arr-not-installed']);
});

test('arr-proxy-disabled: <proxy> missing or enabled="false"', () => {
  assert.deepEqual(codes(host((t) => t.replace(/\r\n\s*<proxy enabled="true" \/>/, ''))), ['arr-proxy-disabled']);
  const off = doctor({ appDir: dir, text: WEB_CONFIG, model: model(WEB_CONFIG), appHost: host((t) => t.replace('<proxy enabled="true" />', '<proxy enabled="false" timeout="00:05:00" />')), appHostPath: 'x', facts: withServices(RUNNING, parseNetstat(NETSTAT)), serviceDefinitions: [DEFINITION] });
  const f = off.find((x) => x.code === 'arr-proxy-disabled');
  assert.ok(f && f.related.length === 1, 'the <proxy> element is the related location');
  assert.equal(WEB_CONFIG.slice(f.start, f.end), 'http://127.0.0.1:8042/{R:1}');
});

test('server-variable-not-allowed is part of the server check once the host is known', () => {
  assert.deepEqual(codes(host((t) => t.replace(/\r\n\s*<add name="HTTP_X_FORWARDED_HOST" \/>/, ''))), ['server-variable-not-allowed']);
});

test('service-not-installed / service-not-running from sc\'s own output', () => {
  assert.deepEqual(codes(host(), withServices(null, [])), ['service-not-installed']);
  const stopped = parseScQuery('\r\nSERVICE_NAME: shopBackend\r\n        TYPE               : 10  WIN32_OWN_PROCESS\r\n        STATE              : 1  STOPPED\r\n        WIN32_EXIT_CODE    : 1067  (0x42b)\r\n')!;
  assert.deepEqual(stopped, { name: 'shopBackend', state: 'STOPPED' });
  assert.deepEqual(codes(host(), withServices({ ...stopped, description: '' }, [])), ['service-not-running']);
  // Unknown (sc cannot run here): nothing is claimed about the service.
  assert.deepEqual(codes(host(), withServices(undefined, undefined)), []);
  assert.equal(parseScDescription('[SC] QueryServiceConfig2 SUCCESS\r\n\r\nSERVICE_NAME: shopBackend\r\nDESCRIPTION:  Serves shop.app [flask-iis 0123]\r\n'), 'Serves shop.app [flask-iis 0123]');
});

test('backend-not-listening / backend-port-exposed from netstat -ano (the state word is not read: German works too)', () => {
  assert.deepEqual(parseNetstat(NETSTAT).filter((s) => s.port === 8042).map((s) => s.address), ['127.0.0.1', '::1'], 'established connections are not listeners');
  assert.deepEqual(codes(host(), withServices(RUNNING, parseNetstat(NETSTAT.replace(/8042/g, '8043')))), ['backend-not-listening']);
  const german = NETSTAT.replace('Active Connections', 'Aktive Verbindungen').replace(/LISTENING/g, 'ABHÖREN').replace('127.0.0.1:8042         0.0.0.0:0', '0.0.0.0:8042           0.0.0.0:0');
  assert.deepEqual(codes(host(), withServices(RUNNING, parseNetstat(german))), ['backend-port-exposed']);
});

test('websocket-not-enabled: the app uses websockets and the host has no WebSocketModule; silent with it', () => {
  const files: Record<string, string> = { 'app.py': 'from flask import Flask\nfrom flask_sock import Sock\napp = Flask(__name__)\nsock = Sock(app)\n', 'wsgi_iis.py': readFileSync(join(dir, 'wsgi_iis.py'), 'utf8') };
  const project: ProjectFiles = {
    readText: (p) => files[p],
    listDir: (p) => (p === '.' ? Object.keys(files).map((name) => ({ name, kind: 'file' as const })) : undefined),
  };
  assert.deepEqual(codes(host(), undefined, project), ['websocket-not-enabled']);
  const withWs = host((t) => t.replace('<add name="RewriteModule"', '<add name="WebSocketModule" image="%windir%\\System32\\inetsrv\\iiswsock.dll" />\r\n            <add name="RewriteModule"'));
  assert.deepEqual(codes(withWs, undefined, project), []);
});

test('unregister leaves ARR on and the variables allowed while another site\'s web.config proxies with them', () => {
  const other = 'C:\\inetpub\\blog';
  const h = host((t) => t.replace('        </sites>', [
    `            <site name="shop" id="1"><application path="/" applicationPool="shop"><virtualDirectory path="/" physicalPath="${dir}" /></application><bindings><binding protocol="http" bindingInformation="*:8080:" /></bindings></site>`,
    `            <site name="blog" id="7"><application path="/"><virtualDirectory path="/" physicalPath="${other}" /></application><bindings><binding protocol="http" bindingInformation="*:8081:" /></bindings></site>`,
    '        </sites>'].join('\r\n')));
  const manifest = { version: 1 as const, site: 'shop', pool: 'shop', created: [{ kind: 'site' as const, name: 'shop' }, { kind: 'proxy' as const, previous: 'absent' as const }, { kind: 'serverVariable' as const, name: 'HTTP_X_FORWARDED_HOST' }] };
  const f = facts({ files: { [`${other}\\web.config`]: WEB_CONFIG.replace('8042', '9000') } });
  const r = unregisterPlan({ manifest, appDir: dir, marker: MARKER, appHost: h, appHostKnown: true, tools: WIN_TOOLS, facts: f });
  // The site carries no marker of this folder here (id 1), so nothing proves the server-wide settings are ours.
  assert.ok(r.plan.notes.some((n) => /ARR's proxy left on: it is turned off only together with a site/.test(n)), r.plan.notes.join('\n'));
  assert.equal(r.plan.steps.length, 0);
  const ours = h.text.replace('name="shop" id="1"', `name="shop" id="${markerSiteId(MARKER, 'shop')}"`);
  const r2 = unregisterPlan({ manifest, appDir: dir, marker: MARKER, appHost: parseAppHost(ours, h.path), appHostKnown: true, tools: WIN_TOOLS, facts: f });
  assert.deepEqual(r2.plan.steps.map((s) => s.argv.slice(1, 3)), [['delete', 'site']]);
  assert.ok(r2.plan.notes.some((n) => /ARR's proxy left on: other sites proxy through it \(blog\/\)/.test(n)), r2.plan.notes.join('\n'));
  assert.ok(r2.plan.notes.some((n) => /HTTP_X_FORWARDED_HOST is set by rules of blog\//.test(n)), r2.plan.notes.join('\n'));
  const alone = unregisterPlan({ manifest, appDir: dir, marker: MARKER, appHost: parseAppHost(ours, h.path), appHostKnown: true, tools: WIN_TOOLS, facts: facts({ files: { [`${other}\\web.config`]: '<configuration/>' } }) });
  assert.deepEqual(alone.plan.steps.map((s) => s.argv.slice(1, 4).join(' ')), [
    "set config /section:system.webServer/rewrite/allowedServerVariables",
    'clear config /section:system.webServer/proxy',
    'delete site /site.name:shop',
  ]);
});

test('service-account-no-access: LocalService cannot read the site folder (its ACL, by name or group); silent when it can or the ACL is unknown', () => {
  const ace = (principal: string, flags: string[], inherited = false) => ({ principal, flags, inherited, deny: false });
  const acl = (aces: ReturnType<typeof ace>[]) => withServices(RUNNING, parseNetstat(NETSTAT), facts({ acls: { [dir]: aces } }));
  assert.deepEqual(codes(host(), acl([ace('BUILTIN\\Administrators', ['OI', 'CI', 'F']), ace('IIS AppPool\\shop', ['OI', 'CI', 'RX'])])), ['service-account-no-access']);
  assert.deepEqual(codes(host(), acl([ace('NT AUTHORITY\\LOCAL SERVICE', ['OI', 'CI', 'RX'])])), []);
  assert.deepEqual(codes(host(), acl([ace('BUILTIN\\Users', ['I', 'OI', 'CI', 'RX'], true)])), [], 'a group LocalService belongs to');
  assert.deepEqual(codes(host(), acl([ace('NT AUTHORITY\\LOCAL SERVICE', ['R'])])), ['service-account-no-access'], 'read without execute is not enough');
  // Not installed: service-not-installed says so; the ACL is not judged.
  assert.deepEqual(codes(host(), { ...acl([]), service: () => null }), ['service-not-installed']);
});
