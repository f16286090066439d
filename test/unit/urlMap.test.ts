/** IIS's URL → physical path mapping (src/core/iis/urlMap.ts): rewrite rules, virtual directories, config folders. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildWebConfig } from '../../src/core/model/webConfig';
import { rewriteRules } from '../../src/core/iis/rewriteRules';
import { mapUrl, physicalPath, type RewriteRule, type SiteMap } from '../../src/core/iis/urlMap';
import { scanXml } from '../../src/core/xml/scanner';

const files = new Map<string, 'file' | 'dir'>([['flaskr', 'dir'], ['flaskr/static', 'dir'], ['flaskr/static/style.css', 'file'], ['static', 'dir']]);
const site = (rules: RewriteRule[] = [], virtualDirs: SiteMap['virtualDirs'] = []): SiteMap => ({ rules, virtualDirs, exists: (p) => files.get(p) });
const rule = (pattern: string, url: string, extra: Partial<RewriteRule> = {}): RewriteRule => ({
  name: 'r', pattern, ignoreCase: true, negate: false, conditions: [], matchAny: false, action: { type: 'Rewrite', url }, stopProcessing: true, ...extra,
});

test('without rules or virtual directories, a URL is the path below the site folder', () => {
  assert.deepEqual(mapUrl(site(), '/static/style.css'), { kind: 'file', url: '/static/style.css', physical: 'static/style.css', configFolders: ['.', 'static'] });
  assert.deepEqual(mapUrl(site(), '/'), { kind: 'file', url: '/', physical: '.', configFolders: ['.'] });
  assert.deepEqual(mapUrl(site(), '/a/b/c.js?v=1'), { kind: 'file', url: '/a/b/c.js', physical: 'a/b/c.js', configFolders: ['.', 'a', 'a/b'] });
});

test('a rewrite rule maps ^static/(.*) into the package (back-references, case-insensitive by default)', () => {
  const m = mapUrl(site([rule('^static/(.*)', 'flaskr/static/{R:1}')]), '/Static/style.css');
  assert.deepEqual(m, { kind: 'file', url: '/flaskr/static/style.css', physical: 'flaskr/static/style.css', configFolders: ['.', 'flaskr', 'flaskr/static'] });
  const caseSensitive = mapUrl(site([rule('^static/(.*)', 'flaskr/static/{R:1}', { ignoreCase: false })]), '/Static/style.css');
  assert.equal(caseSensitive.kind === 'file' && caseSensitive.physical, 'Static/style.css');
});

test('rules apply in order; stopProcessing ends; None, Redirect, proxying and unknowns', () => {
  const chain = [rule('^old/(.*)', 'static/{R:1}', { stopProcessing: false }), rule('^static/(.*)', 'flaskr/static/{R:1}')];
  assert.equal((mapUrl(site(chain), '/old/style.css') as { physical: string }).physical, 'flaskr/static/style.css');
  const none = [rule('^static/.*', '', { action: { type: 'None' } }), rule('^static/(.*)', 'flaskr/static/{R:1}')];
  assert.equal((mapUrl(site(none), '/static/style.css') as { physical: string }).physical, 'static/style.css');
  assert.equal(mapUrl(site([rule('(.*)', 'http://localhost:8000/{R:1}')]), '/x').kind, 'proxy');
  assert.equal(mapUrl(site([rule('(.*)', '/x', { action: { type: 'Redirect', url: '/x' } })]), '/y').kind, 'redirect');
  assert.equal(mapUrl(site([rule('(', 'x')]), '/y').kind, 'unknown');
  assert.equal(mapUrl(site([rule('(.*)', 'x', { conditions: [{ input: '{HTTP_HOST}', matchType: 'Pattern', pattern: 'a', negate: false, ignoreCase: true }] })]), '/y').kind, 'unknown');
  assert.equal(mapUrl(site([rule('(.*)', '{HTTP_HOST}/x')]), '/y').kind, 'unknown');
});

test('IsFile / IsDirectory conditions on {REQUEST_FILENAME} (the usual "send everything that is not a file to the app")', () => {
  const notFile = rule('^(.*)$', 'app/{R:1}', { conditions: [{ input: '{REQUEST_FILENAME}', matchType: 'IsFile', negate: true, ignoreCase: true }] });
  assert.equal((mapUrl(site([notFile]), '/flaskr/static/style.css') as { physical: string }).physical, 'flaskr/static/style.css');
  assert.equal((mapUrl(site([notFile]), '/missing.css') as { physical: string }).physical, 'app/missing.css');
});

test('virtual directories: the longest URL prefix wins, its physical folder holds the web.config that applies', () => {
  const vdirs = [{ path: '/static', physical: 'flaskr/static' }, { path: '/static/img', physical: 'media' }];
  assert.deepEqual(physicalPath(vdirs, '/static/style.css'), { physical: 'flaskr/static/style.css', configFolders: ['.', 'flaskr/static'] });
  assert.deepEqual(physicalPath(vdirs, '/STATIC/img/a.png'), { physical: 'media/a.png', configFolders: ['.', 'flaskr/static', 'media'] });
  assert.deepEqual(physicalPath(vdirs, '/staticx/a'), { physical: 'staticx/a', configFolders: ['.', 'staticx'] });
});

test('rewriteRules reads <rewrite><rules> of a web.config as URL Rewrite does (disabled rules skipped, <clear/>, Wildcard unknown)', () => {
  const text = `<configuration><system.webServer><rewrite><rules>
    <rule name="old" enabled="false"><match url=".*"/><action type="Redirect" url="/"/></rule>
    <rule name="Static files" stopProcessing="true"><match url="^static/(.*)" /><action type="Rewrite" url="flaskr/static/{R:1}" /></rule>
    <rule name="w" patternSyntax="Wildcard"><match url="*"/><action type="None"/></rule>
  </rules></rewrite></system.webServer></configuration>`;
  const rules = rewriteRules(buildWebConfig(scanXml(text)));
  assert.deepEqual(rules.map((r) => r.name), ['Static files', 'w']);
  assert.equal((mapUrl(site(rules), '/static/style.css') as { physical: string }).physical, 'flaskr/static/style.css');
  assert.equal(mapUrl(site(rules), '/other').kind, 'unknown');
});

test('property: without rules, every URL maps below the site folder and config folders are its prefixes', () => {
  const alphabet = ['a', 'B', 'static', '..x', 'c.css', '%20', ''];
  for (let i = 0; i < 500; i++) {
    const segments = Array.from({ length: 1 + (i % 5) }, (_, k) => alphabet[(i * 7 + k * 3) % alphabet.length]!);
    const url = `/${segments.join('/')}`;
    const m = mapUrl(site(), url);
    assert.equal(m.kind, 'file');
    if (m.kind !== 'file') continue;
    assert.ok(!m.physical.startsWith('/'), url);
    for (const f of m.configFolders.slice(1)) assert.ok(m.physical.startsWith(`${f}/`), `${url}: ${f} is not a prefix of ${m.physical}`);
  }
});
