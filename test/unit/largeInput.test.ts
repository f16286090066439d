/**
 * Issue 10: the paths made linear on adversarial input still produce the right findings (behaviour, not time;
 * the timing is test/bench/adversarial.bench.ts). Offsets of values with entity references, the caps (100
 * duplicates per collection, 1,000 findings per code, 100 PYTHONPATH folders, 64 K-character restart regex)
 * and their summaries.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { checkText } from '../../src/core/check';
import type { Finding } from '../../src/core/findings';
import { buildWebConfig, envSetting, exactSetting } from '../../src/core/model/webConfig';
import type { PythonSupport } from '../../src/core/python';
import { MAX_SEARCH_ROOTS, searchRoots, type PythonPathEntry } from '../../src/core/python/pythonPath';
import { MAX_HANDLER_SEGMENTS } from '../../src/core/python/resolveHandler';
import { MAX_DUPLICATES_LISTED } from '../../src/core/rules/collectionRules';
import { MAX_FINDINGS_PER_CODE } from '../../src/core/rules/context';
import { MAX_CHECKED_REGEX } from '../../src/core/rules/settingRules';
import { decodeEntities, rawIndex, valueOffset } from '../../src/core/xml/entities';
import { findQuoteClose } from '../../src/core/xml/scanHelpers';
import { scanXml } from '../../src/core/xml/scanner';
import { webConfig } from './helpers';
import { checkProject, makeProject, testSupport, wfastcgiConfig } from './pythonHelpers';
import { rng } from './rng';

let support: PythonSupport;
before(async () => {
  support = await testSupport();
});

function check(text: string): Finding[] {
  const r = checkText(text);
  assert.deepEqual(r.internalErrors, []);
  return r.findings;
}

const covered = (text: string, f: Finding) => text.slice(f.start, f.end);

/** The mapping as it was before issue 10 (a walk over the raw value per call): the reference. */
function naiveRawIndex(raw: string, decodedIndex: number): number {
  if (raw.indexOf('&') < 0) return decodedIndex;
  let d = 0;
  let r = 0;
  while (r < raw.length && d < decodedIndex) {
    if (raw.charCodeAt(r) === 0x26) {
      const semi = raw.indexOf(';', r + 1);
      const ch = semi > r && semi < r + 13 ? decodeEntities(raw.slice(r, semi + 1)) : undefined;
      if (ch && ch.bad.length === 0) {
        r = semi + 1;
        d += ch.value.length;
        continue;
      }
    }
    r++;
    d++;
  }
  return r;
}

const random = rng;

const PIECES = ['a', 'b', ';', '&amp;', '&lt;', '&#59;', '&#x3B;', '&#x1F40D;', '&#128013;', '&', '&bogus;', '&#0;', '&#xD800;', '&amp', '&#', ' ', '&&amp;', '&#99999999;', '&averyveryverylongname;'];

test('property: the reference map gives the same raw offset as the old per-call walk, for every decoded index', () => {
  const next = random(10);
  for (let round = 0; round < 400; round++) {
    const raw = Array.from({ length: Math.floor(next() * 30) }, () => PIECES[Math.floor(next() * PIECES.length)]!).join('');
    const { value } = decodeEntities(raw);
    for (let i = 0; i <= value.length + 2; i++) assert.equal(rawIndex(raw, i), naiveRawIndex(raw, i), `${JSON.stringify(raw)} at ${i}`);
    // valueOffset: the same through a scanned attribute (raw text without quotes or `<`).
    const safe = raw.replace(/[<"]/g, 'x');
    const text = `<a v="${safe}"/>`;
    const a = scanXml(text).root!.attributes[0]!;
    for (let i = 0; i <= a.value.length; i++) assert.equal(valueOffset(text, a, i), a.valueStart + naiveRawIndex(safe, i), `${JSON.stringify(safe)} at ${i}`);
  }
});

test('property: an unclosed value ends at the last `>` before the next tag, as before the bounded search', () => {
  const old = (text: string, from: number, q: number, lt: number) => {
    const close = text.indexOf(q === 0x22 ? '"' : "'", from);
    if (close >= 0) {
      if (lt < 0 || lt > close || !/[A-Za-z_:\/]/.test(text[lt + 1] ?? '')) return { end: close, found: true };
      // A raw `<` in the value unless the quote opens the first attribute of a later tag (issue 11: one finding, the right message).
      if (!/^<[^\s<>"'=/]+\s+[^\s<>"'=/]+\s*=\s*$/.test(text.slice(text.lastIndexOf('<', close), close))) return { end: close, found: true };
      const gt = text.lastIndexOf('>', lt);
      return { end: gt >= from ? gt : lt, found: false };
    }
    const gt = text.indexOf('>', from);
    return { end: gt < 0 ? text.length : gt, found: false };
  };
  const next = random(11);
  const chars = ['a', ' ', '"', "'", '<', '>', '/', 'b', '\n'];
  for (let round = 0; round < 3000; round++) {
    const text = Array.from({ length: 1 + Math.floor(next() * 25) }, () => chars[Math.floor(next() * chars.length)]!).join('');
    const from = Math.floor(next() * text.length);
    const lt = text.indexOf('<', from);
    for (const q of [0x22, 0x27]) assert.deepEqual(findQuoteClose(text, from, q, lt), old(text, from, q, lt), `${JSON.stringify(text)} from ${from}`);
  }
});

test('unclosed values running into the next tag: every element still scanned, problems at the same places', () => {
  const text = `<configuration><appSettings>\n${Array.from({ length: 5000 }, (_, i) => `<add key="K${i}`).join('\n')}\n</appSettings></configuration>`;
  const doc = scanXml(text);
  assert.equal(doc.elements.filter((e) => e.name === 'add').length, 5000);
  const unterminated = doc.problems.filter((p) => p.message === 'xml.unterminatedValue');
  assert.ok(unterminated.length > 10);
  for (const p of unterminated) assert.match(text.slice(p.start, p.end), /^"K\d+\n$/, 'from the quote up to the next tag');
});

test('placeholders in a value full of &amp;: each finding covers its placeholder as written', () => {
  const parts = Array.from({ length: 300 }, (_, i) => `%ROOTDIR%&amp;{{v${i}}}&#38;__T${i}__&amp;x`);
  const text = webConfig({ settings: `<add key="WSGI_HANDLER" value="app.app" />\n    <add key="WSGI_LOG" value="${parts.join('&amp;')}" />` });
  const found = check(text).filter((f) => f.code === 'unexpanded-placeholder');
  assert.equal(found.length, 900);
  const expected = parts.flatMap((_, i) => ['%ROOTDIR%', `{{v${i}}}`, `__T${i}__`]);
  assert.deepEqual(found.map((f) => covered(text, f)), expected);
  assert.deepEqual(found.map((f) => f.args['placeholder']), expected);
});

test('pythonpath-separator in a PYTHONPATH written with entities: the span is the entry as written', () => {
  const entries = Array.from({ length: 200 }, (_, i) => `C:\\a&amp;b${i}, C:\\c&#59;d${i}`);
  const text = webConfig({ settings: `<add key="WSGI_HANDLER" value="app.app" />\n    <add key="PYTHONPATH" value="${entries.join(';')}" />` });
  const found = check(text).filter((f) => f.code === 'pythonpath-separator' && f.messageKey === 'pp.comma');
  assert.equal(found.length, 200);
  for (const f of found) assert.equal(covered(text, f), ',');
});

test('envSetting / exactSetting: the last of a key wins, case-insensitively / exactly', () => {
  const model = buildWebConfig(scanXml(webConfig({ settings: '<add key="A" value="1" /><add key="a" value="2" /><add key="A" value="3" /><add key="b" value="4" />' })));
  assert.equal(envSetting(model, 'a')?.value, '3');
  assert.equal(envSetting(model, 'B')?.value, '4');
  assert.equal(exactSetting(model, 'a')?.value, '2');
  assert.equal(exactSetting(model, 'B'), undefined);
});

test(`duplicate-collection-entry on 100,000 copies of one key: the first ${MAX_DUPLICATES_LISTED} and one "and K more"`, () => {
  const n = 100_000;
  const text = webConfig({ settings: Array.from({ length: n }, () => '<add key="WSGI_HANDLER" value="app.app" />').join('\n    ') });
  const found = check(text).filter((f) => f.code === 'duplicate-collection-entry');
  const listed = found.filter((f) => f.messageKey === 'dup.entry');
  const more = found.filter((f) => f.messageKey === 'dup.more');
  assert.equal(listed.length, MAX_DUPLICATES_LISTED);
  assert.equal(more.length, 1);
  assert.equal(listed.length + Number(more[0]!.args['count']), n - 1, 'every duplicate is listed or counted');
  const keys = [...text.matchAll(/key="WSGI_HANDLER"/g)].map((m) => m.index! + 'key="'.length);
  assert.deepEqual(listed.map((f) => f.start), keys.slice(1, MAX_DUPLICATES_LISTED + 1));
  assert.equal(more[0]!.start, keys[MAX_DUPLICATES_LISTED + 1], 'the summary sits at the first duplicate not listed');
  for (const f of listed) assert.equal(covered(text, f), 'WSGI_HANDLER');
  assert.equal(covered(text, more[0]!), 'WSGI_HANDLER');
  assert.equal(more[0]!.related[0]!.start, text.indexOf('WSGI_HANDLER'), 'related: the first definition');
});

test('duplicate-collection-entry on keys of different names, each twice: listed in document order, the rest counted', () => {
  const keys = 1_000;
  const items = Array.from({ length: keys * 2 }, (_, i) => `<add key="K${i >> 1}" value="${i}" />`);
  const text = webConfig({ settings: items.join('\n    ') });
  const found = check(text).filter((f) => f.code === 'duplicate-collection-entry');
  const listed = found.filter((f) => f.messageKey === 'dup.entry');
  assert.deepEqual(listed.map((f) => covered(text, f)), Array.from({ length: MAX_DUPLICATES_LISTED }, (_, i) => `K${i}`));
  const more = found.find((f) => f.messageKey === 'dup.more')!;
  assert.equal(covered(text, more), `K${MAX_DUPLICATES_LISTED}`);
  assert.equal(more.args['count'], keys - MAX_DUPLICATES_LISTED);
  // Below the cap nothing changes: no summary.
  const few = webConfig({ settings: items.slice(0, MAX_DUPLICATES_LISTED * 2).join('\n    ') });
  assert.deepEqual(check(few).filter((f) => f.code === 'duplicate-collection-entry').map((f) => f.messageKey), Array(MAX_DUPLICATES_LISTED).fill('dup.entry'));
});

test('duplicate sections: the first 100 and one summary', () => {
  const text = webConfig({ tail: Array.from({ length: 150 }, () => '\n  <connectionStrings />').join('') });
  const found = check(text).filter((f) => f.code === 'duplicate-collection-entry');
  assert.equal(found.filter((f) => f.messageKey === 'dup.section').length, MAX_DUPLICATES_LISTED);
  assert.deepEqual(found.filter((f) => f.messageKey === 'dup.moreSections').map((f) => f.args['count']), [149 - MAX_DUPLICATES_LISTED]);
});

test(`more than ${MAX_FINDINGS_PER_CODE} findings of one code: the first ones kept, one check-truncated at the first left out`, () => {
  const n = MAX_FINDINGS_PER_CODE + 234;
  const handlers = Array.from({ length: n }, (_, i) => `<add name="P${i}" path="*" verb="*" modules="FastCgiModule" scriptProcessor="C:\\Python311\\python.exe|C:\\Python311\\Lib\\site-packages\\wfastcgi.py" resourceType="File" />`);
  const text = webConfig({ handlers: handlers.join('\n      ') });
  const all = check(text);
  const kept = all.filter((f) => f.code === 'handler-resource-type');
  assert.equal(kept.length, MAX_FINDINGS_PER_CODE);
  const summary = all.filter((f) => f.code === 'check-truncated');
  assert.equal(summary.length, 1);
  assert.deepEqual(summary[0]!.args, { count: n - MAX_FINDINGS_PER_CODE, code: 'handler-resource-type', shown: MAX_FINDINGS_PER_CODE });
  assert.equal(summary[0]!.severity, 'information');
  const starts = [...text.matchAll(/resourceType="File"/g)].map((m) => m.index! + 'resourceType="'.length);
  assert.deepEqual(kept.map((f) => f.start), starts.slice(0, MAX_FINDINGS_PER_CODE));
  assert.equal(summary[0]!.start, starts[MAX_FINDINGS_PER_CODE]);
});

test('unknown attributes past the cap are counted, not searched: the kept ones still say "did you mean"', () => {
  const n = MAX_FINDINGS_PER_CODE + 50;
  // A misspelling (valeu) that the kept findings name, and distinct unknown names that would each cost a search.
  const adds = Array.from({ length: n }, (_, i) => `<add key="K${i}" valeu="v" extra${i}x="1" />`);
  const text = webConfig({ settings: adds.join('\n    ') });
  const all = check(text).filter((f) => f.code === 'config-attribute-unknown' || (f.code === 'check-truncated' && f.args['code'] === 'config-attribute-unknown'));
  const kept = all.filter((f) => f.code === 'config-attribute-unknown');
  assert.equal(kept.length, MAX_FINDINGS_PER_CODE);
  assert.ok(kept.some((f) => f.args['suggestion'] === 'value'), 'a kept misspelling names the attribute it means');
  const summary = all.filter((f) => f.code === 'check-truncated');
  assert.deepEqual(summary.map((f) => f.args['count']), [2 * n - MAX_FINDINGS_PER_CODE], 'every unknown attribute is counted');
});

test(`WSGI_RESTART_FILE_REGEX: up to ${MAX_CHECKED_REGEX} characters checked, a longer one gets check-truncated`, () => {
  const regex = (pattern: string) => webConfig({ settings: `<add key="WSGI_HANDLER" value="app.app" />\n    <add key="WSGI_RESTART_FILE_REGEX" value="${pattern}" />` });
  const bad = `${'(a)|'.repeat((MAX_CHECKED_REGEX - 8) / 4)}*.py`;
  assert.ok(bad.length <= MAX_CHECKED_REGEX);
  assert.ok(check(regex(bad)).some((f) => f.code === 'restart-regex-invalid'), 'a long invalid pattern within the limit is still judged');
  const long = `${'(a)|'.repeat(MAX_CHECKED_REGEX / 4)}*.py`;
  const found = check(regex(long));
  assert.ok(!found.some((f) => f.code === 'restart-regex-invalid'));
  const note = found.find((f) => f.code === 'check-truncated')!;
  assert.equal(note.messageKey, 'regex.tooLong');
  assert.equal(note.args['length'], long.length);
});

const entry = (e: string): PythonPathEntry => ({ raw: e, expanded: e, start: 0, end: e.length, kind: /^[A-Za-z]:\\/.test(e) ? 'windows' : 'relative' });

test('searchRoots: each folder once, in order, at most MAX_SEARCH_ROOTS', () => {
  assert.deepEqual(searchRoots(['lib', 'src', 'lib', 'C:\\x', 'a\\b', 'src'].map(entry), false), { roots: ['lib', 'src', 'a/b'], capped: false });
  const many = Array.from({ length: MAX_SEARCH_ROOTS * 3 }, (_, i) => entry(`lib${i % (MAX_SEARCH_ROOTS + 5)}`));
  const r = searchRoots(many, false);
  assert.equal(r.capped, true);
  assert.deepEqual(r.roots, Array.from({ length: MAX_SEARCH_ROOTS }, (_, i) => `lib${i}`));
  assert.equal(searchRoots(Array.from({ length: MAX_SEARCH_ROOTS * 2 }, () => entry('lib')), false).capped, false, 'repeats are not counted');
});

const pythonPath = (value: string) => `\n    <add key="PYTHONPATH" value="${value}" />`;

test('pythonpath-not-found with entities and many entries: spans as written, 100 folders looked up, the rest summarised', () => {
  const written = Array.from({ length: 250 }, (_, i) => (i === 3 ? 'lib' : `gone&amp;${i}&#59;x${i}`));
  const value = [...written, ...written].join(';');
  const dir = makeProject('pp-many', { 'web.config': wfastcgiConfig('app.app', pythonPath(value)), 'lib/.keep': '' }, 'module-layout');
  const { text, findings } = checkProject(dir, support);
  // wfastcgi splits the decoded value: `&#59;` is a `;`, so `gone&amp;N&#59;xN` is two entries, `gone&N` and `xN`.
  const raws = value.replace(/&amp;/g, '\u0001').split(/;|&#59;/).map((r) => r.replace('\u0001', '&amp;'));
  const paths = raws.map((r) => r.replace('&amp;', '&'));
  const looked = [...new Set(paths)].slice(0, MAX_SEARCH_ROOTS);
  const expected = raws.filter((_, i) => looked.includes(paths[i]!) && paths[i] !== 'lib');
  const missing = findings.filter((f) => f.code === 'pythonpath-not-found');
  assert.deepEqual(missing.map((f) => covered(text, f)), expected, 'each missing entry, as written');
  const note = findings.filter((f) => f.code === 'check-truncated');
  assert.equal(note.length, 1);
  assert.equal(note[0]!.messageKey, 'py.pythonPathNotLookedUp');
  const skipped = paths.filter((p) => !looked.includes(p));
  assert.equal(note[0]!.args['count'], skipped.length);
  assert.equal(covered(text, note[0]!), raws[paths.indexOf(skipped[0]!)]);
});

test('a module found only past MAX_SEARCH_ROOTS PYTHONPATH folders is not reported missing (the search was cut short)', () => {
  const roots = Array.from({ length: MAX_SEARCH_ROOTS + 20 }, (_, i) => `r${i}`);
  const last = roots[roots.length - 1]!;
  const files = Object.fromEntries([...roots.map((r) => [`${r}/.keep`, '']), [`${last}/deep_app.py`, 'from flask import Flask\napp = Flask(__name__)\n']]);
  const capped = makeProject('pp-capped', { ...files, 'web.config': wfastcgiConfig('deep_app.app', pythonPath(roots.join(';'))) });
  assert.deepEqual(checkProject(capped, support).findings.filter((f) => f.code.startsWith('wsgi-handler')), []);
  const near = makeProject('pp-near', { ...files, 'web.config': wfastcgiConfig('nowhere.app', pythonPath(roots.slice(0, 5).join(';'))) });
  assert.deepEqual(checkProject(near, support).findings.filter((f) => f.code.startsWith('wsgi-handler')).map((f) => f.code), ['wsgi-handler-module-not-found']);
});

test('a WSGI_HANDLER of 50,000 segments: no internal error (the lookups once recursed per segment), module-not-found on the first', () => {
  const value = Array.from({ length: 50_000 }, (_, i) => (i % 2 ? 'app' : 'pkg')).join('.');
  const missing = makeProject('long-handler', { 'web.config': wfastcgiConfig(value) }, 'module-layout');
  const { text, findings } = checkProject(missing, support);
  const found = findings.filter((f) => f.code === 'wsgi-handler-module-not-found');
  assert.equal(found.length, 1);
  assert.equal(covered(text, found[0]!), 'pkg');
  // The first module exists: past MAX_HANDLER_SEGMENTS nothing more is judged (and nothing is wrongly reported).
  const present = makeProject('long-handler-app', { 'web.config': wfastcgiConfig(`app.${value}`) }, 'module-layout');
  assert.deepEqual(checkProject(present, support).findings.filter((f) => f.code.startsWith('wsgi-handler')), []);
  // Within the limit the attribute walk still runs.
  const short = makeProject('short-handler-app', { 'web.config': wfastcgiConfig(`app.${value.split('.').slice(0, MAX_HANDLER_SEGMENTS - 2).join('.')}`) }, 'module-layout');
  assert.deepEqual(checkProject(short, support).findings.filter((f) => f.code.startsWith('wsgi-handler')).map((f) => f.code), ['wsgi-handler-attribute-not-found']);
});
