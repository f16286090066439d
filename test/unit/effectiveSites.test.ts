/**
 * The effective configuration of a folder at its IIS configuration path (issue 14): the folder mapped to
 * `Site/app` (the host's <sites>, with %SystemDrive% expanded as IIS does; a path the user names; register's
 * manifest), the host's `<location path="Site">` / `"Site/app"` blocks applied in IIS's order between the
 * web.config files, and `<location inheritInChildApplications="false">` kept out of child applications.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { parseAppHost } from '../../src/core/host/appHost';
import { sayWith } from '../../src/core/host/undo';
import type { ConfigLayer } from '../../src/core/schema/effective';
import { effectiveConfig, renderEffective, type EffectiveConfig, type EffectiveElement, type EffectiveSection } from '../../src/core/schema/effectiveView';
import { profileSchema } from '../../src/core/schema/profiles';
import { siteFromFlag, siteFromHost, siteFromManifest } from '../../src/core/schema/sitePath';
import { findings, runCli } from './helpers';
import type { CheckOptions } from '../../src/core/check';

const FIX = resolve(__dirname, '../../test/fixtures/effective-sites');
const read = (rel: string) => readFileSync(join(FIX, rel), 'utf8');
const HOST_TEXT = read('applicationHost.config');
const OBJECTS = parseAppHost(HOST_TEXT, 'applicationHost.config').objects;
const HOST: ConfigLayer = { path: join(FIX, 'applicationHost.config'), text: HOST_TEXT, kind: 'apphost' };
const SITE = (below: string): ConfigLayer => ({ path: join(FIX, 'shop/web.config'), text: read('shop/web.config'), kind: 'web.config', below });
const API: ConfigLayer = { path: join(FIX, 'shop/api/web.config'), text: read('shop/api/web.config'), kind: 'web.config', below: '' };

const sectionOf = (v: EffectiveConfig, path: string): EffectiveSection => {
  const s = v.sections.find((x) => x.path === path);
  assert.ok(s, `section ${path} in ${v.sections.map((x) => x.path).join(', ')}`);
  return s;
};
const attrOf = (el: EffectiveElement, name: string) => el.attributes.find((a) => a.name === name);
const sub = (el: EffectiveElement, name: string) => el.elements.find((e) => e.name === name)!;
const labels = (el: EffectiveElement) => el.collection!.entries.map((e) => e.label);
const at = (o: { file: string; line: number }) => `${o.file.slice(FIX.length + 1)}:${o.line}`;
const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;

test('a folder maps to its site and application through the host\'s <sites> (deepest physicalPath, case-insensitive)', () => {
  const api = siteFromHost('D:\\sites\\shop\\api', OBJECTS, {})!;
  assert.equal(api.path, 'Shop/api');
  assert.equal(api.source, 'apphost');
  assert.deepEqual(api.applications, ['Shop', 'Shop/api']);
  assert.equal(siteFromHost('d:\\Sites\\Shop\\API\\v1\\', OBJECTS, {})!.path, 'Shop/api/v1');
  assert.equal(siteFromHost('D:\\sites\\shop\\static', OBJECTS, {})!.path, 'Shop/static');
  assert.equal(siteFromHost('D:\\sites\\shopping', OBJECTS, {}), undefined, 'a folder that only starts with the same letters');
  // %SystemDrive% is expanded as IIS expands physicalPath; unknown, it maps nothing.
  assert.equal(siteFromHost('C:\\inetpub\\wwwroot\\blog', OBJECTS, { SystemDrive: 'C:' })!.path, 'Default Web Site/blog');
  assert.equal(siteFromHost('C:\\inetpub\\wwwroot\\blog', OBJECTS, {}), undefined);
  assert.equal(siteFromFlag(' Shop\\api/ ', OBJECTS)!.path, 'Shop/api');
  assert.deepEqual(siteFromFlag('Shop/api', undefined)!.applications, undefined);
  assert.equal(siteFromManifest('Shop', 'api', OBJECTS)!.path, 'Shop/api');
  assert.equal(siteFromManifest('a/b', '', OBJECTS), undefined, 'a site name has no slash');
});

test('the host\'s <location path="Shop/api"> applies to the API, between the web.config files in IIS\'s order, with its file:line', () => {
  const site = siteFromHost('D:\\sites\\shop\\api', OBJECTS, {});
  const v = effectiveConfig('shop/api', [HOST, SITE('api'), API], profileSchema(), site);
  assert.deepEqual(v.site, { path: 'Shop/api', source: 'apphost' });
  assert.deepEqual(v.layers.find((l) => l.kind === 'apphost')!.locations, ['', 'Shop', 'Shop/api'], 'not "Default Web Site", not "Shopping"');
  const http = sectionOf(v, 'system.webServer/httpProtocol');
  // apphost Shop (false) < shop/web.config (true) < apphost Shop/api (false): the deepest path wins.
  const keepAlive = attrOf(http, 'allowKeepAlive')!;
  assert.equal(keepAlive.value, 'false');
  assert.equal(at(keepAlive.origin), `applicationHost.config:${lineOf(HOST_TEXT, '<location path="Shop/api">') + 2}`);
  assert.equal(keepAlive.origin.location, 'Shop/api');
  assert.equal(at(keepAlive.overrides!), 'shop/web.config:17');
  assert.deepEqual(labels(sub(http, 'customHeaders')), ['name="X-Powered-By"', 'name="X-Api-Host"']);
  const windows = sectionOf(v, 'system.webServer/security/authentication/windowsAuthentication');
  assert.equal(attrOf(windows, 'enabled')!.value, 'true');
  assert.equal(attrOf(sectionOf(v, 'system.webServer/security/authentication/anonymousAuthentication'), 'enabled')!.value, 'false');
});

test('the site root itself: the web.config overrides the host\'s <location path="Shop">; its "." block applies (no child application here)', () => {
  const site = siteFromHost('D:\\sites\\shop', OBJECTS, {});
  const v = effectiveConfig('shop', [HOST, SITE('')], profileSchema(), site);
  const keepAlive = attrOf(sectionOf(v, 'system.webServer/httpProtocol'), 'allowKeepAlive')!;
  assert.deepEqual([keepAlive.value, at(keepAlive.origin)], ['true', 'shop/web.config:17']);
  assert.equal(at(keepAlive.overrides!), `applicationHost.config:${lineOf(HOST_TEXT, '<location path="Shop">') + 2}`);
  assert.deepEqual(labels(sectionOf(v, 'system.webServer/handlers')), ['name="Python FastCGI"', 'name="StaticFile"']);
  assert.deepEqual(v.inheritance, [], 'the block is for this very folder: nothing to say');
  // defaultDocument/files is mergeAppend="false" in IIS's schema: the site's document is tried first.
  assert.deepEqual(labels(sub(sectionOf(v, 'system.webServer/defaultDocument'), 'files')), ['value="app.html"', 'value="Default.htm"', 'value="index.html"']);
});

test('inheritInChildApplications="false": left out of the child application /api, said in the view; the host\'s Shop/api lock is exact', () => {
  const site = siteFromHost('D:\\sites\\shop\\api', OBJECTS, {});
  const v = effectiveConfig('shop/api', [HOST, SITE('api'), API], profileSchema(), site);
  const handlers = sectionOf(v, 'system.webServer/handlers');
  assert.ok(!labels(handlers).includes('name="Python FastCGI"'), 'the site\'s handler does not reach the API application');
  assert.ok(!labels(sub(sectionOf(v, 'system.webServer/httpProtocol'), 'customHeaders')).includes('name="X-Frame-Options"'));
  assert.deepEqual(v.inheritance.map((n) => [at(n.at), n.application]), [['shop/web.config:4', 'Shop/api']]);
  // <location path="Shop/api" overrideMode="Deny"> locks handlers for the API's own web.config.
  assert.deepEqual(v.violations.map((x) => [x.kind, x.name, at(x.at), x.lockedAt && at(x.lockedAt)]), [
    ['section', 'system.webServer/handlers', 'shop/api/web.config:4', `applicationHost.config:${lineOf(HOST_TEXT, '<location path="Shop/api" overrideMode="Deny">')}`],
  ]);
  const text = renderEffective(v, { say: sayWith(undefined), origin: at, file: (f) => f.slice(FIX.length + 1) });
  assert.match(text, /IIS configuration path: Shop\/api\. From the site in applicationHost\.config/);
  assert.match(text, /<location inheritInChildApplications="false"> at shop\/web\.config:4 left out: Shop\/api is a child application\./);
});

test('where applications start is not known (no host, or a site the host does not list): the block applies, and the view says so', () => {
  for (const site of [undefined, siteFromFlag('Shop/api', undefined), siteFromManifest('Shop', 'api', undefined)]) {
    const v = effectiveConfig('shop/api', [SITE('api'), API], profileSchema(), site);
    assert.ok(labels(sectionOf(v, 'system.webServer/handlers')).includes('name="Python FastCGI"'), String(site?.source));
    assert.deepEqual(v.inheritance.map((n) => [at(n.at), n.application]), [['shop/web.config:4', undefined]]);
    const text = renderEffective(v, { say: sayWith(undefined), origin: at, file: (f) => f });
    assert.match(text, /at shop\/web\.config:4 applied: taken as the same application\./);
  }
  // Silent: a plain <location path="."> (no inheritInChildApplications) says nothing.
  const plain: ConfigLayer = { ...SITE('api'), text: read('shop/web.config').replace(' inheritInChildApplications="false"', '') };
  assert.deepEqual(effectiveConfig('shop/api', [plain, API], profileSchema()).inheritance, []);
});

test('no site known: only <location path=""> of the host applies (as before), and the view says the site is not known', () => {
  const v = effectiveConfig('shop/api', [HOST, SITE('api'), API], profileSchema());
  assert.equal(v.site, undefined);
  assert.deepEqual(v.layers.find((l) => l.kind === 'apphost')!.locations, ['']);
  assert.equal(attrOf(sectionOf(v, 'system.webServer/httpProtocol'), 'allowKeepAlive')!.value, 'true');
  assert.match(renderEffective(v, { say: sayWith(undefined), origin: at, file: (f) => f }), /No IIS site serves this folder here/);
});

test('with the site known, a web.config above the site\'s root folder is not merged (IIS never reads it)', () => {
  const above: ConfigLayer = { path: join(FIX, 'web.config'), text: '<configuration><system.webServer><httpProtocol allowKeepAlive="false" /></system.webServer></configuration>', kind: 'web.config', below: 'shop' };
  const v = effectiveConfig('shop', [HOST, above, SITE('')], profileSchema(), siteFromHost('D:\\sites\\shop', OBJECTS, {}));
  assert.deepEqual(v.outside, [join(FIX, 'web.config')]);
  assert.ok(!v.layers.some((l) => l.file === join(FIX, 'web.config')));
});

test('flask-iis effective finds the site from --apphost\'s <sites>, from --site, and from register\'s manifest', () => {
  const root = mkdtempSync(join(tmpdir(), 'flask-iis-sites-'));
  try {
    cpSync(FIX, root, { recursive: true });
    const host = join(root, 'applicationHost.config');
    writeFileSync(host, HOST_TEXT.replace('D:\\sites\\shop\\api', join(root, 'shop', 'api')).replace('D:\\sites\\shop', join(root, 'shop')));
    const run = (...args: string[]) => {
      const r = runCli(['effective', join(root, 'shop', 'api'), '--format', 'json', ...args]);
      assert.equal(r.status, 0, r.stderr);
      return JSON.parse(r.stdout) as EffectiveConfig;
    };
    const fromHost = run('--apphost', host);
    assert.deepEqual(fromHost.site, { path: 'Shop/api', source: 'apphost' });
    assert.equal(fromHost.inheritance[0]!.application, 'Shop/api');
    assert.deepEqual(run('--apphost', host, '--site', 'Shop/api').site, { path: 'Shop/api', source: 'flag' });
    mkdirSync(join(root, 'shop', '.vscode'));
    writeFileSync(join(root, 'shop', '.vscode', 'flask-iis.json'), JSON.stringify({ version: 1, site: 'Shop', pool: 'Shop', created: [] }));
    const fromManifest = run();
    assert.deepEqual(fromManifest.site, { path: 'Shop/api', source: 'manifest' });
    assert.equal(fromManifest.inheritance[0]!.application, undefined, 'without the host, where applications start is unknown');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

// The check sees the same: the checked file's site decides which of the host's <location> blocks and unlocks apply.
const API_SITE = siteFromHost('D:\\sites\\shop\\api', OBJECTS, {});
const apiOptions = (site: ReturnType<typeof siteFromHost>): CheckOptions => ({
  appHost: parseAppHost(HOST_TEXT, HOST.path), parents: [{ path: SITE('api').path, text: SITE('api').text, below: 'api' }], ...(site ? { site } : {}),
});
const byCode = (text: string, code: string, options: CheckOptions) => findings(text, options).filter((f) => f.code === code);

test('check: the host\'s <location path="Shop/api" overrideMode="Deny"> locks handlers for the API\'s web.config; without the site it is not seen', () => {
  const locked = byCode(API.text, 'config-section-locked', apiOptions(API_SITE));
  assert.deepEqual(locked.map((f) => [f.severity, f.args['line'], f.related[0]?.path]), [['error', lineOf(HOST_TEXT, '<location path="Shop/api" overrideMode="Deny">'), HOST.path]]);
  assert.equal(API.text.slice(locked[0]!.start, locked[0]!.end), 'handlers');
  assert.deepEqual(byCode(API.text, 'config-section-locked', apiOptions(undefined)), []);
});

test('check: a duplicate against the host\'s <location path="Shop/api"> entry is found only at that path', () => {
  const text = API.text.replace('<handlers>', '<httpProtocol><customHeaders><add name="X-Api-Host" value="api" /></customHeaders></httpProtocol>\n    <handlers>');
  const dups = byCode(text, 'duplicate-collection-entry', apiOptions(API_SITE));
  assert.deepEqual(dups.map((f) => [f.args['value'], f.args['parent'], f.args['line']]), [['X-Api-Host', HOST.path, lineOf(HOST_TEXT, '<add name="X-Api-Host"')]]);
  assert.deepEqual(byCode(text, 'duplicate-collection-entry', apiOptions(siteFromHost('D:\\sites\\shop\\static', OBJECTS, {}))), [], 'another folder of the site');
});

test('check: <location path="Default Web Site" overrideMode="Allow"> unlocks windowsAuthentication for that site only', () => {
  const text = API.text.replace('<handlers>', '<security><authentication><windowsAuthentication enabled="true" /></authentication></security>\n    <handlers>');
  const locked = (site: ReturnType<typeof siteFromHost>) => byCode(text, 'config-section-locked', apiOptions(site)).filter((f) => f.messageKey === 'schema.sectionLockedHost');
  assert.equal(locked(siteFromHost('D:\\sites\\shop\\api', OBJECTS, {})).length, 1, 'the Shop site is still locked (overrideModeDefault="Deny")');
  assert.deepEqual(locked(siteFromHost('C:\\inetpub\\wwwroot\\blog', OBJECTS, { SystemDrive: 'C:' })), []);
  assert.deepEqual(locked(undefined), [], 'no site known: any unlocking counts, as before');
});
