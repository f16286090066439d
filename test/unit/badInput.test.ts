/**
 * Bad input for the core (issue 2, "Bad input"): binary bytes, a 20 MB file, byte-order marks, UTF-16,
 * CRLF, deep nesting, entity bombs, empty files. Never a throw or a hang, always a finding where the
 * input is not a usable web.config, and offsets that point at the same characters whatever the encoding.
 * (The command line: cliInput.test.ts; fuzzing, truncated markup, well-formedness: wellFormed.test.ts.)
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkBytes, checkText, type CheckResult } from '../../src/core/check';
import { isCode } from '../../src/core/codes';
import { LineIndex } from '../../src/core/text/lineIndex';
import { scanXml } from '../../src/core/xml/scanner';

/** A blog-copied web.config with findings on many lines, after non-BMP and typographic characters. */
const SAMPLE = [
  '<?xml version="1.0"?>',
  '<configuration>',
  '  <system.webServer>',
  '    <handlers>',
  '      <add name="Python FastCGI" path="*" verb="*" modules="FastCgiModule"',
  '           scriptProcessor="C:\\Python39\\python.exe | C:\\Python311\\Lib\\site-packages\\wfastcgi.py"',
  '           resourceType="File" requireAccess="Script" />',
  '    </handlers>',
  '  </system.webServer>',
  '  <appSettings>',
  '    <!-- \u{1F40D} from a blog, \u201csmart\u201d quotes --><add key="WSGI_HANDLER" value="app:app" />',
  '    <add key=\u201cPYTHONPATH\u201d value="C:\\inetpub\\flaskapp, C:\\inetpub\\flaskapp\\src" />',
  '    <add key="WSGI_RESTART_FILE_REGEX" value="*.py;*.config" />',
  '    <add key="WSGI_HANDLER" value="app.app" />',
  '    <add key="DJANGO_SETTINGS_MODULE" value="%ROOTDIR%\\settings\u00a0" />',
  '  </appSettings>',
  '</configuration>',
  '',
].join('\n');

/** The invariants every result must keep: no internal error, known codes, offsets inside the text. */
function assertSane(r: CheckResult, label: string): void {
  assert.deepEqual(r.internalErrors, [], `${label}: internal errors`);
  for (const f of r.findings) {
    assert.ok(isCode(f.code), `${label}: unknown code ${f.code}`);
    assert.ok(f.start >= 0 && f.start <= f.end && f.end <= r.text.length, `${label}: ${f.code} range ${f.start}-${f.end} outside 0-${r.text.length}`);
  }
}

function codes(r: CheckResult): string[] {
  return r.findings.map((f) => f.code);
}

function keys(r: CheckResult): string[] {
  return r.findings.map((f) => f.messageKey);
}

function timed<T>(fn: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = fn();
  return { value, ms: performance.now() - start };
}

/** Deterministic bytes (mulberry32), so a failure can be reproduced. */
function randomBytes(seed: number, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let s = seed;
  for (let i = 0; i < length; i++) {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    out[i] = (t ^ (t >>> 14)) & 0xff;
  }
  return out;
}

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const concat = (...parts: ArrayLike<number>[]): Uint8Array => Uint8Array.from(parts.flatMap((p) => Array.from(p)));

test('the sample fixture has findings on several lines (it exercises the offset tests below)', () => {
  const r = checkText(SAMPLE);
  assertSane(r, 'sample');
  const lines = new Set(r.findings.map((f) => new LineIndex(SAMPLE).positionAt(f.start).line));
  assert.ok(r.findings.length >= 8 && lines.size >= 6, `only ${r.findings.length} findings on ${lines.size} lines`);
});

test('binary files: random bytes with NULs and a PNG header give one xml-malformed finding', () => {
  const png = concat([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13], utf8('IHDR'), randomBytes(1, 200));
  const random = concat(randomBytes(2, 65536), [0]);
  for (const [label, bytes] of [['png', png], ['random', random]] as const) {
    const r = checkBytes(bytes);
    assertSane(r, label);
    assert.deepEqual(codes(r), ['xml-malformed'], label);
    assert.equal(r.findings[0]!.messageKey, 'xml.binary', label);
  }
});

test('byte soup without NULs in the first 8 KB, behind each BOM, or a bare PNG signature: findings, no throw', () => {
  const soup = randomBytes(3, 50_000).map((b) => b || 1);
  const inputs: [string, Uint8Array][] = [
    ['png signature only', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])],
    ['soup', soup],
    ['NUL tail after the root, past 8 KB', concat(utf8(SAMPLE + ' '.repeat(9000)), new Uint8Array(4096))],
    ['utf-8 BOM + soup', concat([0xef, 0xbb, 0xbf], soup)],
    ['utf-16le BOM + random', concat([0xff, 0xfe], randomBytes(4, 50_001))],
    ['utf-16be BOM + random', concat([0xfe, 0xff], randomBytes(5, 50_001))],
  ];
  for (const [label, bytes] of inputs) {
    const r = checkBytes(bytes);
    assertSane(r, label);
    assert.ok(codes(r).includes('xml-malformed'), `${label}: ${codes(r).join(', ')}`);
  }
});

test('NUL bytes inside the root after 8 KB of text (a zero-filled block; past the binary sniff) are reported', () => {
  const text = SAMPLE.replace('</appSettings>', '</appSettings>' + ' '.repeat(9000));
  const at = SAMPLE.indexOf('</appSettings>') + '</appSettings>'.length + 9000;
  const r = checkBytes(concat(utf8(text.slice(0, at)), new Uint8Array(4096), utf8(text.slice(at))));
  assertSane(r, 'NUL block');
  assert.ok(r.findings.some((f) => f.code === 'xml-malformed' && f.start >= at), keys(r).join(', '));
});

/** A valid wfastcgi web.config of about `size` characters (rewrite rules make up the bulk). */
function bigConfig(size: number): string {
  const parts = [SAMPLE.slice(0, SAMPLE.indexOf('</system.webServer>')), '    <rewrite><rules>\n'];
  let length = parts[0]!.length;
  for (let i = 0; length < size; i++) {
    const rule = `      <rule name="r${i}" stopProcessing="true"><match url="^old/${i}/(.*)$" /><conditions>` +
      `<add input="{REQUEST_FILENAME}" matchType="IsFile" negate="true" /></conditions>` +
      `<action type="Rewrite" url="new/${i}/{R:1}" /></rule>\n`;
    parts.push(rule);
    length += rule.length;
  }
  parts.push('    </rules></rewrite>\n  </system.webServer>\n</configuration>\n');
  return parts.join('');
}

test('a 20 MB web.config: checked in seconds, and the truncated copies report xml-malformed', () => {
  const big = bigConfig(20 * 1024 * 1024);
  const full = timed(() => checkBytes(Buffer.from(big, 'utf8')));
  assertSane(full.value, '20 MB');
  assert.equal(full.value.text.length, big.length);
  assert.ok(codes(full.value).includes('webconfig-too-large'), codes(full.value).join(', '));
  assert.ok(!codes(full.value).includes('xml-malformed'), 'the valid big file is well-formed');
  assert.ok(full.ms < 20_000, `20 MB took ${full.ms.toFixed(0)} ms`);

  const ruleAt = big.indexOf('<rule name="r', big.length >> 1);
  const cuts = { 'inside an attribute value': ruleAt + 14, 'inside an element name': ruleAt + 3, 'right after <': ruleAt + 1 };
  for (const [label, at] of Object.entries(cuts)) {
    const r = timed(() => checkText(big.slice(0, at)));
    assertSane(r.value, label);
    const malformed = r.value.findings.filter((f) => f.code === 'xml-malformed');
    assert.ok(malformed.length > 0, `${label}: no xml-malformed`);
    assert.ok(malformed.some((f) => f.end >= at - 20), `${label}: nothing reported near the cut at ${at}`);
    assert.ok(r.ms < 20_000, `${label} took ${r.ms.toFixed(0)} ms`);
  }
});

test('UTF-8 with BOM: same text, same findings, offsets on the same characters as without BOM', () => {
  const plain = checkBytes(utf8(SAMPLE));
  const bom = checkBytes(concat([0xef, 0xbb, 0xbf], utf8(SAMPLE)));
  assertSane(bom, 'bom');
  assert.equal(bom.text, plain.text);
  assert.equal(bom.text, SAMPLE);
  assert.deepEqual(bom.findings, plain.findings);
  for (const f of bom.findings) assert.equal(bom.text.slice(f.start, f.end), SAMPLE.slice(f.start, f.end));
});

test('UTF-16 LE and BE with BOM: the same findings as the UTF-8 version of the same text', () => {
  const expected = checkBytes(utf8(SAMPLE));
  const le = concat([0xff, 0xfe], Buffer.from(SAMPLE, 'utf16le'));
  const be = concat([0xfe, 0xff], Buffer.from(SAMPLE, 'utf16le').swap16());
  for (const [label, bytes] of [['utf-16le', le], ['utf-16be', be]] as const) {
    const r = checkBytes(bytes);
    assertSane(r, label);
    assert.equal(r.text, SAMPLE, label);
    assert.deepEqual(r.findings, expected.findings, label);
  }
  // A truncated UTF-16 file (odd byte count) still decodes and checks.
  assertSane(checkBytes(le.subarray(0, le.length - 1)), 'odd-length utf-16le');
});

test('declared encoding against the bytes: utf-16 declared in a UTF-8 file (and the reverse) is flagged', () => {
  const declared = (enc: string) => SAMPLE.replace('<?xml version="1.0"?>', `<?xml version="1.0" encoding="${enc}"?>`);
  const mismatch = (r: CheckResult) => r.findings.filter((f) => f.messageKey === 'decl.encodingMismatch');
  const utf8Says16 = checkBytes(utf8(declared('utf-16')));
  assertSane(utf8Says16, 'utf-8 declared utf-16');
  assert.equal(mismatch(utf8Says16).length, 1);
  assert.equal(mismatch(utf8Says16)[0]!.code, 'xml-declaration-malformed');
  assert.equal(utf8Says16.text.slice(mismatch(utf8Says16)[0]!.start, mismatch(utf8Says16)[0]!.end), 'utf-16');
  assert.equal(mismatch(checkBytes(concat([0xef, 0xbb, 0xbf], utf8(declared('utf-16'))))).length, 1, 'with BOM');
  assert.equal(mismatch(checkBytes(concat([0xff, 0xfe], Buffer.from(declared('utf-8'), 'utf16le')))).length, 1, 'utf-16 declared utf-8');
  assert.equal(mismatch(checkBytes(concat([0xff, 0xfe], Buffer.from(declared('utf-16'), 'utf16le')))).length, 0, 'utf-16 declared utf-16');
  assert.equal(mismatch(checkBytes(utf8(declared('utf-8')))).length, 0, 'utf-8 declared utf-8');
});

test('CRLF and CR line endings: every finding maps to the same line/character as with LF', () => {
  const lf = checkText(SAMPLE);
  const lfLines = new LineIndex(SAMPLE);
  for (const eol of ['\r\n', '\r']) {
    const text = SAMPLE.replace(/\n/g, eol);
    const r = checkText(text);
    assertSane(r, JSON.stringify(eol));
    const lines = new LineIndex(text);
    assert.equal(r.findings.length, lf.findings.length);
    r.findings.forEach((f, i) => {
      const g = lf.findings[i]!;
      assert.equal(f.code, g.code);
      assert.deepEqual(f.args, g.args, `${f.code}: message arguments differ`);
      assert.deepEqual([lines.positionAt(f.start), lines.positionAt(f.end)], [lfLines.positionAt(g.start), lfLines.positionAt(g.end)], `${f.code} (${JSON.stringify(eol)})`);
      assert.equal(text.slice(f.start, f.end).replace(/\r\n?/g, '\n'), SAMPLE.slice(g.start, g.end));
    });
  }
});

test('10,000- and 100,000-deep nesting: no stack overflow, done in seconds', () => {
  for (const depth of [10_000, 100_000]) {
    const inputs = {
      closed: '<configuration>' + '<a>'.repeat(depth) + '</a>'.repeat(depth) + '</configuration>',
      unclosed: '<configuration>' + '<a x="1">'.repeat(depth),
      'section names': '<configuration>' + '<location path="."><system.webServer><handlers>'.repeat(depth / 10) +
        '<add name="h" path="*" verb="*" modules="FastCgiModule" scriptProcessor="c:\\p\\python.exe|c:\\p\\wfastcgi.py"/>' +
        '</handlers></system.webServer></location>'.repeat(depth / 10) + '</configuration>',
    };
    for (const [label, text] of Object.entries(inputs)) {
      const r = timed(() => checkText(text));
      assertSane(r.value, `${label} ${depth}`);
      assert.ok(r.ms < 5_000, `${label} ${depth}: ${r.ms.toFixed(0)} ms`);
      if (label === 'unclosed') assert.ok(keys(r.value).includes('xml.unclosed'));
    }
  }
});

test('100,000-deep nested <appSettings> (every level a misplaced section) finishes in seconds', () => {
  const depth = 100_000;
  const text = '<configuration>' + '<appSettings>'.repeat(depth) + '<add key="WSGI_HANDLER" value="app.app"/>' + '</appSettings>'.repeat(depth) + '</configuration>';
  const r = timed(() => checkText(text));
  assertSane(r.value, 'nested appSettings');
  assert.ok(codes(r.value).includes('appsettings-misspelled'));
  assert.ok(r.ms < 10_000, `${r.ms.toFixed(0)} ms`);
});

const LOL = 'lol';
const BILLION_LAUGHS = [
  '<?xml version="1.0"?>',
  '<!DOCTYPE configuration [',
  `  <!ENTITY lol "${LOL}">`,
  ...Array.from({ length: 9 }, (_, i) => `  <!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`),
  ']>',
  '<configuration><appSettings><add key="WSGI_HANDLER" value="&lol9;" /></appSettings>&lol9;</configuration>',
].join('\n');
const EXTERNAL_ENTITY = [
  '<?xml version="1.0"?>',
  '<!DOCTYPE configuration [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> <!ENTITY % p SYSTEM "http://127.0.0.1:9/x.dtd"> %p; ]>',
  '<configuration><appSettings><add key="WSGI_HANDLER" value="&xxe;" /></appSettings>&xxe;</configuration>',
].join('\n');
/** Quadratic blow-up: one 100 KB entity referenced 10,000 times (1 GB if expanded). */
const QUADRATIC = `<!DOCTYPE configuration [<!ENTITY a "${'a'.repeat(100_000)}">]><configuration><appSettings>` +
  `<add key="X" value="${'&a;'.repeat(10_000)}"/></appSettings></configuration>`;

test('entity-expansion bombs and external entities: xml-malformed, nothing expanded, fast', () => {
  for (const [label, text] of [['billion laughs', BILLION_LAUGHS], ['external entity', EXTERNAL_ENTITY], ['quadratic blow-up', QUADRATIC]] as const) {
    const r = timed(() => checkText(text));
    assertSane(r.value, label);
    assert.ok(r.ms < 1_000, `${label}: ${r.ms.toFixed(0)} ms`);
    assert.equal(r.value.text, text, `${label}: the text is what was given`);
    assert.ok(r.value.findings.some((f) => f.code === 'xml-malformed' && f.messageKey === 'xml.doctype'), `${label}: ${keys(r.value).join(', ')}`);
    for (const el of r.value.model.doc.elements) {
      for (const a of el.attributes) {
        assert.ok(!a.value.includes(LOL.repeat(2)) && !a.value.includes('root:') && a.value.length <= text.length, `${label}: ${a.name} was expanded`);
      }
    }
    for (const s of r.value.model.appSettings) assert.match(s.value, /^(app\.app|(&\w+;)+)$/, `${label}: ${s.key} = ${s.value.slice(0, 40)}`);
    const rendered = JSON.stringify(r.value.findings);
    assert.ok(rendered.length < 100_000 && !rendered.includes('root:') && !rendered.includes(LOL.repeat(2)), `${label}: expanded text in findings`);
  }
});

test('a lone "<", an empty file and white space only: one xml-malformed finding each', () => {
  for (const text of ['<', '', ' ', '\n\n', ' \t\r\n  \r\n', '\u00a0']) {
    const r = checkText(text);
    assertSane(r, JSON.stringify(text));
    assert.ok(codes(r).includes('xml-malformed'), `${JSON.stringify(text)}: ${codes(r).join(', ')}`);
    assert.equal(scanXml(text).root, undefined);
    assertSane(checkBytes(utf8(text)), `bytes ${JSON.stringify(text)}`);
  }
  assert.deepEqual(codes(checkBytes(new Uint8Array(0))), ['xml-malformed']);
  assert.deepEqual(codes(checkBytes(Uint8Array.from([0xef, 0xbb, 0xbf]))), ['xml-malformed'], 'a BOM and nothing else');
  assert.deepEqual(codes(checkBytes(Uint8Array.from([0xff, 0xfe]))), ['xml-malformed'], 'a UTF-16 BOM and nothing else');
});

test('checking never modifies its input bytes', () => {
  const bytes = concat([0xef, 0xbb, 0xbf], utf8(SAMPLE));
  const copy = Uint8Array.from(bytes);
  checkBytes(bytes);
  assert.deepEqual(bytes, copy);
});
