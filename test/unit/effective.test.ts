/**
 * The effective configuration (core merge and `flask-iis effective`): applicationHost.config → the site's
 * web.config → its <location path="api"> → a child's web.config, with remove / clear, mergeAppend, duplicates
 * against a parent or the host, and the host's locks (overrideModeDefault, lockAttributes, lockItem).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { effectiveConfig, renderEffective, type EffectiveConfig, type EffectiveElement, type EffectiveSection } from '../../src/core/schema/effectiveView';
import type { ConfigLayer } from '../../src/core/schema/effective';
import { profileSchema } from '../../src/core/schema/profiles';
import { sayWith } from '../../src/core/host/undo';
import { findings, runCli } from './helpers';
import type { CheckOptions } from '../../src/core/check';
import { parseAppHost } from '../../src/core/host/appHost';
import { renderMessage } from '../../src/core/messages';

const FIX = resolve(__dirname, '../../test/fixtures/effective');
const read = (rel: string) => readFileSync(join(FIX, rel), 'utf8');
const HOST: ConfigLayer = { path: join(FIX, 'applicationHost.config'), text: read('applicationHost.config'), kind: 'apphost' };
const SITE = (below: string): ConfigLayer => ({ path: join(FIX, 'site/web.config'), text: read('site/web.config'), kind: 'web.config', below });
const child = (folder: string): ConfigLayer => ({ path: join(FIX, `site/${folder}/web.config`), text: read(`site/${folder}/web.config`), kind: 'web.config', below: '' });

const sectionOf = (v: EffectiveConfig, path: string): EffectiveSection => {
  const s = v.sections.find((x) => x.path === path);
  assert.ok(s, `section ${path} in ${v.sections.map((x) => x.path).join(', ')}`);
  return s;
};
const sub = (el: EffectiveElement, name: string) => el.elements.find((e) => e.name === name)!;
const labels = (el: EffectiveElement) => el.collection!.entries.map((e) => e.label);
const at = (o: { file: string; line: number }) => `${o.file.slice(FIX.length + 1)}:${o.line}`;

test('a child that removes the site\'s handler: no duplicate, its own handler first (mergeAppend="false"), the removal shown with its line', () => {
  const v = effectiveConfig('site/legacy', [HOST, SITE('legacy'), child('legacy')], profileSchema());
  const handlers = sectionOf(v, 'system.webServer/handlers');
  assert.deepEqual(labels(handlers), ['name="Legacy FastCGI"', 'name="StaticFile"']);
  assert.deepEqual(handlers.collection!.removed.map((r) => [r.label, at(r.origin)]), [['name="Python FastCGI"', 'site/legacy/web.config:6']]);
  assert.equal(at(handlers.collection!.entries[1]!.origin), 'applicationHost.config:59');
  assert.equal(handlers.locked, undefined, 'the host unlocks handlers with <location path="" overrideMode="Allow">');
  assert.ok(!v.duplicates.some((d) => d.section === 'system.webServer/handlers'));
});

test('duplicates against a parent\'s and the host\'s entries name the first one\'s file:line', () => {
  const v = effectiveConfig('site/legacy', [HOST, SITE('legacy'), child('legacy')], profileSchema());
  assert.deepEqual(v.duplicates.map((d) => [d.section, d.label, at(d.at), at(d.first)]), [
    ['system.webServer/httpProtocol', 'name="X-Frame-Options"', 'site/legacy/web.config:11', 'site/web.config:15'],
    ['system.webServer/staticContent', 'fileExtension=".json"', 'site/legacy/web.config:15', 'applicationHost.config:48'],
  ]);
  // The first entry stays in force (IIS refuses the file; the view does not pretend the second won).
  const headers = sub(sectionOf(v, 'system.webServer/httpProtocol'), 'customHeaders');
  assert.equal(headers.collection!.entries.find((e) => e.label === 'name="X-Frame-Options"')!.attributes.find((a) => a.name === 'value')!.value, 'SAMEORIGIN');
});

test('the host\'s locks: lockAttributes and lockItem are marked and what breaks them is listed; section locks are exact', () => {
  const v = effectiveConfig('site/legacy', [HOST, SITE('legacy'), child('legacy')], profileSchema());
  assert.deepEqual(v.violations.map((x) => [x.kind, x.name, at(x.at), x.lockedAt && at(x.lockedAt)]), [
    ['attribute', 'httpErrors@defaultPath', 'site/legacy/web.config:17', 'applicationHost.config:42'],
    ['item', 'name="StaticFileModule"', 'site/legacy/web.config:19', 'applicationHost.config:55'],
  ]);
  const errors = sectionOf(v, 'system.webServer/httpErrors');
  assert.deepEqual(errors.locks?.attributes, ['allowAbsolutePathsWhenDelegated', 'defaultPath']);
  assert.deepEqual(errors.attributes.map((a) => [a.name, a.value]), [['errorMode', 'Custom']], 'the locked defaultPath is not taken');
  const modules = sectionOf(v, 'system.webServer/modules');
  assert.deepEqual(modules.collection!.entries.map((e) => [e.label, !!e.locked]), [['name="StaticFileModule"', true], ['name="FastCgiModule"', true]]);
  assert.deepEqual(sectionOf(v, 'system.webServer/webSocket').locked, { reason: 'overrideModeDefault', exact: true, origin: { file: HOST.path, line: 20, column: 14, kind: 'apphost' } });
  assert.equal(sectionOf(v, 'system.webServer/fastCgi').locked?.reason, 'appHostOnly');
  // modules: allowDefinition="MachineToApplication" is a note, never a breach (an application's root may set it).
  assert.equal(sectionOf(v, 'system.webServer/modules').locked?.reason, 'machineToApplication');
  assert.ok(!v.violations.some((x) => x.kind === 'section'));
});

test('a static folder that clears the handlers keeps only its own, and says where the list was cleared', () => {
  const v = effectiveConfig('site/static', [HOST, SITE('static'), child('static')], profileSchema());
  const handlers = sectionOf(v, 'system.webServer/handlers');
  assert.deepEqual(labels(handlers), ['name="StaticFile"']);
  assert.equal(at(handlers.collection!.entries[0]!.origin), 'site/static/web.config:7');
  assert.equal(at(handlers.collection!.clearedAt!), 'site/static/web.config:6');
  assert.deepEqual(v.duplicates, []);
  assert.deepEqual(v.violations, []);
});

test('a sub-folder of <location path="api"> gets the location\'s values on top of the site\'s; the site root does not', () => {
  const v = effectiveConfig('site/api/v1', [HOST, SITE('api/v1')], profileSchema());
  const headers = sub(sectionOf(v, 'system.webServer/httpProtocol'), 'customHeaders');
  assert.deepEqual(labels(headers), ['name="X-Content-Type-Options"', 'name="X-Frame-Options"', 'name="Access-Control-Allow-Origin"']);
  assert.equal(headers.collection!.entries[2]!.origin.location, 'api');
  const doc = sectionOf(v, 'system.webServer/defaultDocument');
  const enabled = doc.attributes.find((a) => a.name === 'enabled')!;
  assert.equal(enabled.value, 'false');
  assert.equal(at(enabled.origin), 'site/web.config:26');
  assert.equal(at(enabled.overrides!), 'applicationHost.config:33');
  const root = effectiveConfig('site', [HOST, SITE('')], profileSchema());
  assert.equal(sectionOf(root, 'system.webServer/defaultDocument').attributes.find((a) => a.name === 'enabled')!.value, 'true');
  assert.equal(labels(sub(sectionOf(root, 'system.webServer/httpProtocol'), 'customHeaders')).length, 2);
});

test('a web.config\'s <location overrideMode="Deny"> locks its sections for the folders below', () => {
  const parent: ConfigLayer = { path: '/srv/site/web.config', kind: 'web.config', below: 'app', text: '<configuration>\n<location path="." overrideMode="Deny">\n<system.webServer><httpErrors errorMode="Custom" /></system.webServer>\n</location>\n</configuration>' };
  const childLayer: ConfigLayer = { path: '/srv/site/app/web.config', kind: 'web.config', below: '', text: '<configuration>\n<system.webServer>\n<httpErrors errorMode="Detailed" />\n</system.webServer>\n</configuration>' };
  const v = effectiveConfig('app', [parent, childLayer], profileSchema());
  assert.deepEqual(v.violations.map((x) => [x.kind, x.reason, x.at.line, x.lockedAt?.line]), [['section', 'location', 3, 2]]);
  assert.equal(sectionOf(v, 'system.webServer/httpErrors').locked?.reason, 'location');
  // The same file's own sections are not locked by it.
  assert.deepEqual(effectiveConfig('.', [{ ...parent, below: '' }], profileSchema()).violations, []);
});

test('without applicationHost.config the view says the locks are IIS\'s defaults; text and Markdown name every origin', () => {
  const v = effectiveConfig('site/legacy', [SITE('legacy'), child('legacy')], profileSchema());
  assert.equal(v.host, false);
  assert.deepEqual(v.duplicates.map((d) => d.label), ['name="X-Frame-Options"']);
  const say = sayWith();
  const text = renderEffective(v, { say, origin: (o) => at(o), file: (f) => f.slice(FIX.length + 1) });
  assert.match(text, /No applicationHost\.config was read/);
  assert.match(text, /name="Python FastCGI" removed at site\/legacy\/web\.config:6/);
  assert.match(text, /<add key="WSGI_HANDLER" value="shop\.app"\/> ← site\/web\.config:5/);
  const md = renderEffective(v, { say, origin: (o) => `[${at(o)}](file://${o.file}#L${o.line})`, file: (f) => f, markdown: true });
  assert.match(md, /^# Effective configuration of site\/legacy/);
  assert.match(md, /## system\.webServer\/handlers/);
  assert.match(md, /\[site\/web\.config:5\]\(file:\/\/.*site\/web\.config#L5\)/);
});

test('flask-iis effective DIR --format json: a sub-folder of <location path="api"> includes the location block\'s values', () => {
  const r = runCli(['effective', join(FIX, 'site/api/v1'), '--format', 'json', '--apphost', join(FIX, 'applicationHost.config')]);
  assert.equal(r.status, 0, r.stderr);
  const v = JSON.parse(r.stdout) as EffectiveConfig;
  assert.equal(v.folder, join(FIX, 'site/api/v1'));
  assert.deepEqual(v.layers.map((l) => [l.file.slice(FIX.length + 1), l.kind, l.locations]), [['applicationHost.config', 'apphost', ['']], ['site/web.config', 'web.config', ['api']]]);
  const headers = sub(sectionOf(v, 'system.webServer/httpProtocol'), 'customHeaders');
  const cors = headers.collection!.entries.find((e) => e.label === 'name="Access-Control-Allow-Origin"');
  assert.ok(cors);
  assert.deepEqual([at(cors.origin), cors.origin.location], ['site/web.config:23', 'api']);
  assert.equal(sectionOf(v, 'system.webServer/defaultDocument').attributes.find((a) => a.name === 'enabled')!.value, 'false');
});

test('flask-iis effective: text names file:line; a missing folder and a UNC path are refused (exit 2, one line)', () => {
  const r = runCli(['effective', join(FIX, 'site/legacy'), '--apphost', join(FIX, 'applicationHost.config')]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /web\.config:6/);
  assert.match(r.stdout, /httpErrors@defaultPath set at .*site\/legacy\/web\.config:17, locked at .*applicationHost\.config:42/);
  const missing = runCli(['effective', join(FIX, 'no-such-folder')]);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /no such folder/);
  const unc = runCli(['effective', '\\\\fileserver\\share\\site']);
  assert.equal(unc.status, 2);
  assert.match(unc.stderr, /UNC/);
  const bad = runCli(['effective', FIX, '--format', 'yaml']);
  assert.equal(bad.status, 2);
});

// The check sees the merged result: the same files through checkText, as a sub-folder file.
const apphost = () => parseAppHost(HOST.text, HOST.path);
const legacyOptions = (): CheckOptions => ({ appHost: apphost(), parents: [{ path: SITE('').path, text: SITE('').text, below: 'legacy' }] });
const byCode = (text: string, code: string, options: CheckOptions) => findings(text, options).filter((f) => f.code === code);

test('check: a duplicate against the host\'s or a parent\'s entry names that file and line; the removed handler is no duplicate', () => {
  const text = read('site/legacy/web.config');
  const dups = byCode(text, 'duplicate-collection-entry', legacyOptions());
  assert.deepEqual(dups.map((f) => [f.messageKey, f.args['value'], f.args['parent'], f.args['line']]), [
    ['dup.entryParent', 'X-Frame-Options', SITE('').path, 15],
    ['dup.entryParent', '.json', HOST.path, 48],
  ]);
  assert.match(renderMessage(dups[1]!.messageKey, dups[1]!.args), /applicationHost\.config already adds it \(line 48\).*0x800700b7/);
  assert.equal(dups[1]!.related[0]!.path, HOST.path);
  // Without the host, only the parent's.
  assert.equal(byCode(text, 'duplicate-collection-entry', { parents: legacyOptions().parents }).length, 1);
});

test('check: a parent\'s <location path> that targets this folder counts; one for another folder does not', () => {
  const parent = '<?xml version="1.0"?>\n<configuration>\n  <location path="reports">\n    <system.webServer>\n      <httpProtocol><customHeaders><add name="X-Robots-Tag" value="noindex" /></customHeaders></httpProtocol>\n    </system.webServer>\n  </location>\n</configuration>\n';
  const child = '<?xml version="1.0"?>\n<configuration>\n  <system.webServer>\n    <httpProtocol><customHeaders><add name="X-Robots-Tag" value="none" /></customHeaders></httpProtocol>\n  </system.webServer>\n</configuration>\n';
  const under = (below: string): CheckOptions => ({ parents: [{ path: '/srv/site/web.config', text: parent, below }] });
  const f = byCode(child, 'duplicate-collection-entry', under('reports'));
  assert.deepEqual(f.map((x) => [x.args['parent'], x.args['line']]), [['/srv/site/web.config', 5]]);
  assert.equal(byCode(child, 'duplicate-collection-entry', under('reports/2026')).length, 1, 'a sub-folder of the location path inherits it too');
  assert.equal(byCode(child, 'duplicate-collection-entry', under('shop')).length, 0);
});

test('check: config-section-locked for lockAttributes, lockItem and a parent\'s <location overrideMode="Deny">, with the lock as related location', () => {
  const text = read('site/legacy/web.config');
  const locked = byCode(text, 'config-section-locked', legacyOptions());
  assert.deepEqual(locked.map((f) => [f.messageKey, text.slice(f.start, f.end), f.severity, f.args['line']]), [
    ['schema.attributeLocked', 'defaultPath', 'error', 42],
    ['schema.itemLocked', 'remove', 'error', 55],
  ]);
  assert.deepEqual(locked.map((f) => f.related[0]!.path), [HOST.path, HOST.path]);
  assert.equal(HOST.text.slice(locked[0]!.related[0]!.start, locked[0]!.related[0]!.end), 'httpErrors');
  assert.match(renderMessage(locked[0]!.messageKey, locked[0]!.args), /^'defaultPath' on <httpErrors> is locked above this folder: remove it here\./);
  // Silent: the same file with the locked attribute and the removal taken out, or without the host.
  const fixed = text.replace(' defaultPath="C:\\inetpub\\shop\\errors\\500.html"', '').replace('<remove name="StaticFileModule" />', '');
  assert.deepEqual(byCode(fixed, 'config-section-locked', legacyOptions()), []);
  assert.deepEqual(byCode(text, 'config-section-locked', { parents: legacyOptions().parents }), []);
  const parent = '<?xml version="1.0"?>\n<configuration>\n  <location path="." overrideMode="Deny">\n    <system.webServer><httpErrors errorMode="Custom" /></system.webServer>\n  </location>\n</configuration>\n';
  const child = '<?xml version="1.0"?>\n<configuration>\n  <system.webServer>\n    <httpErrors errorMode="Detailed" />\n  </system.webServer>\n</configuration>\n';
  const f = byCode(child, 'config-section-locked', { parents: [{ path: '/srv/site/web.config', text: parent, below: 'app' }] });
  assert.deepEqual(f.map((x) => [x.messageKey, child.slice(x.start, x.end), x.args['line']]), [['schema.sectionLockedParent', 'httpErrors', 3]]);
  assert.deepEqual(byCode(child.replace('<httpErrors errorMode="Detailed" />', ''), 'config-section-locked', { parents: [{ path: '/srv/site/web.config', text: parent, below: 'app' }] }), []);
});

test('hostile input: 100,000-deep nesting and a broken file give a view, never a throw', () => {
  const deep = `<configuration><system.webServer>${'<x>'.repeat(100_000)}${'</x>'.repeat(100_000)}</system.webServer><system.a>${'<system.a>'.repeat(50_000)}</system.a></configuration>`;
  const v = effectiveConfig('.', [{ path: '/srv/web.config', text: deep, kind: 'web.config', below: '' }], profileSchema());
  assert.ok(v.sections.some((s) => s.path === 'system.webServer/x'));
  const broken = effectiveConfig('.', [{ path: '/srv/web.config', text: '<configuration><system.webServer><handlers><add name="a"', kind: 'web.config', below: '' }, { path: '/srv/x/web.config', text: '\u0000\u0001 not xml', kind: 'web.config', below: '' }], profileSchema());
  assert.equal(broken.layers.length, 1);
  assert.ok(renderEffective(broken, { say: sayWith(), origin: (o) => `${o.file}:${o.line}`, file: (f) => f }).length > 0);
});

test('check: a handler a parent adds in <location path="api"> is inherited by api/web.config (handler-missing stays silent)', () => {
  const parent = `<?xml version="1.0"?>\n<configuration>\n  <location path="api">\n    <system.webServer>\n      <handlers>\n        <add name="Python FastCGI" path="*" verb="*" modules="FastCgiModule" scriptProcessor="C:\\Python312\\python.exe|C:\\Python312\\Lib\\site-packages\\wfastcgi.py" resourceType="Unspecified" />\n      </handlers>\n    </system.webServer>\n  </location>\n</configuration>\n`;
  const child = '<?xml version="1.0"?>\n<configuration>\n  <appSettings>\n    <add key="WSGI_HANDLER" value="api.app" />\n  </appSettings>\n</configuration>\n';
  const under = (below: string): CheckOptions => ({ parents: [{ path: '/srv/site/web.config', text: parent, below }] });
  assert.equal(byCode(child, 'handler-missing', under('api')).length, 0);
  assert.equal(byCode(child, 'handler-missing', under('api/v1')).length, 0);
  assert.equal(byCode(child, 'handler-missing', under('shop')).length, 1);
});
