/**
 * Issue 11, sections 2 and 5: one malformed attribute gives one finding, and the rules do not judge what was
 * recovered from a broken tag; messages say what is wrong; well-formedness as XML 1.0 says it for what real
 * files hit: bytes that are not UTF-8 (a web.config saved as ANSI), characters XML forbids in comments, PIs
 * and CDATA, character references to forbidden characters, a BOM against the declared encoding.
 * (The W3C suite score: xmlConformance.test.ts.)
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkBytes, checkText, type CheckResult } from '../../src/core/check';
import { renderMessage } from '../../src/core/messages';
import { attr } from '../../src/core/model/webConfig';
import { decodeBytes, findInvalidUtf8 } from '../../src/core/text/decode';
import { LineIndex } from '../../src/core/text/lineIndex';
import { scanXml } from '../../src/core/xml/scanner';
import { webConfig } from './helpers';

const malformed = (r: CheckResult) => r.findings.filter((f) => f.code === 'xml-malformed');
const keys = (r: CheckResult) => r.findings.map((f) => f.messageKey);

/** A web.config as IIS Manager and wfastcgi-enable leave it, with a comment a French developer wrote. */
const CAFE_CONFIG = [
  '<?xml version="1.0" encoding="utf-8"?>',
  '<configuration>',
  '  <!-- Café du Marché: site de commande, déployé par Jérôme -->',
  '  <system.webServer>',
  '    <handlers>',
  '      <add name="Python FastCGI" path="*" verb="*" modules="FastCgiModule" scriptProcessor="C:\\Python39\\python.exe|C:\\Python39\\Lib\\site-packages\\wfastcgi.py" resourceType="Unspecified" requireAccess="Script" />',
  '    </handlers>',
  '  </system.webServer>',
  '  <appSettings>',
  '    <add key="WSGI_HANDLER" value="app.app" />',
  '    <add key="PYTHONPATH" value="C:\\inetpub\\wwwroot\\cafe" />',
  '  </appSettings>',
  '</configuration>',
  '',
].join('\r\n');

/** The bytes Notepad writes for "ANSI" on a Western Windows (Windows-1252; these letters are Latin-1 too). */
const ansi = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0));
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

test('a web.config saved as ANSI (Windows-1252) with "Café" in a comment: one error at the é, saying to save as UTF-8', () => {
  const r = checkBytes(ansi(CAFE_CONFIG));
  assert.deepEqual(r.internalErrors, []);
  const bad = r.findings.filter((f) => f.messageKey === 'xml.invalidUtf8');
  assert.equal(bad.length, 1, keys(r).join(', '));
  const f = bad[0]!;
  assert.equal(f.code, 'xml-malformed');
  assert.equal(f.severity, 'error');
  // Line 3, column of "é" in "Café": the character the decoder replaced.
  const at = new LineIndex(r.text).positionAt(f.start);
  assert.deepEqual(at, { line: 2, character: CAFE_CONFIG.split('\r\n')[2]!.indexOf('é') });
  assert.equal(r.text[f.start], '\ufffd');
  assert.deepEqual(f.args, { byte: '0xE9', char: 'é', count: 6 });
  const message = renderMessage(f.messageKey, f.args);
  assert.match(message, /^The file is not valid UTF-8 here \(byte 0xE9, "é" in Windows-1252\); save it as UTF-8\./);
  assert.match(message, /IIS reads web\.config as UTF-8 and answers HTTP 500\.19/);
  // Nothing else: the rest of the file is fine, and saved as UTF-8 it is clean.
  assert.deepEqual(keys(r), ['xml.invalidUtf8']);
  assert.deepEqual(checkBytes(utf8(CAFE_CONFIG)).findings, []);
  assert.deepEqual(checkBytes(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8(CAFE_CONFIG)])).findings, []);
});

test('not UTF-8 behind a UTF-8 BOM, at the end of the file, and in an attribute value: the position of the first bad byte', () => {
  const withBom = Uint8Array.from([0xef, 0xbb, 0xbf, ...ansi(CAFE_CONFIG)]);
  const r = checkBytes(withBom);
  const f = r.findings.find((x) => x.messageKey === 'xml.invalidUtf8')!;
  assert.equal(r.text.slice(f.start - 3, f.start), 'Caf');
  assert.equal(decodeBytes(withBom).invalidUtf8!.byteOffset, ansi(CAFE_CONFIG).indexOf(0xe9) + 3);

  // A cp1252 path in PYTHONPATH (the comment is plain ASCII): the value's position.
  const path = CAFE_CONFIG.replace(/<!--.*-->/, '<!-- Cafe du Marche -->').replace('wwwroot\\cafe', 'wwwroot\\café');
  const v = checkBytes(ansi(path));
  const g = v.findings.find((x) => x.messageKey === 'xml.invalidUtf8')!;
  assert.equal(v.text.slice(g.start - 4, g.start), '\\caf');
  assert.equal(g.args.count, 1);

  // Truncated in the middle of a UTF-8 sequence (a copy cut short): at the end.
  const cut = Uint8Array.from([...utf8('<configuration>é'), 0xe2, 0x82]);
  const c = checkBytes(cut);
  assert.ok(c.findings.some((x) => x.messageKey === 'xml.invalidUtf8' && x.start === '<configuration>é'.length), keys(c).join(', '));
});

test('invalid UTF-8 forms are found (overlong, surrogates, beyond U+10FFFF, stray continuation), a real U+FFFD is not', () => {
  const cases: [string, number[], boolean][] = [
    ['overlong NUL', [0xc0, 0x80], true],
    ['overlong slash', [0xe0, 0x80, 0xaf], true],
    ['UTF-8 encoded surrogate (CESU)', [0xed, 0xa0, 0x80], true],
    ['beyond U+10FFFF', [0xf4, 0x90, 0x80, 0x80], true],
    ['F5 lead byte', [0xf5, 0x80, 0x80, 0x80], true],
    ['stray continuation', [0x80], true],
    ['U+FFFD written as UTF-8', [0xef, 0xbf, 0xbd], false],
    ['U+10FFFF', [0xf4, 0x8f, 0xbf, 0xbf], false],
    ['U+1F40D', [0xf0, 0x9f, 0x90, 0x8d], false],
  ];
  for (const [label, bytes, invalid] of cases) {
    const doc = Uint8Array.from([...utf8('<configuration><!-- '), ...bytes, ...utf8(' --></configuration>')]);
    const r = checkBytes(doc);
    assert.equal(r.findings.some((f) => f.messageKey === 'xml.invalidUtf8'), invalid, `${label}: ${keys(r).join(', ')}`);
  }
});

test('property: findInvalidUtf8 agrees with the platform decoder on random bytes (valid or not, where, how many)', () => {
  let seed = 7;
  const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8) & 0xff;
  const fatal = new TextDecoder('utf-8', { fatal: true });
  const lenient = new TextDecoder('utf-8');
  for (let n = 0; n < 3000; n++) {
    // Mostly ASCII and well-formed multi-byte characters, with a few random bytes mixed in.
    const parts: number[] = [0x78]; // an ASCII first byte and no NUL: not read as a BOM or as binary
    const length = 1 + (random() % 24);
    for (let k = 0; k < length; k++) {
      const r = random();
      if (r < 150) parts.push(0x20 + (r % 90));
      else if (r < 200) parts.push(...utf8(String.fromCodePoint([0xe9, 0x4e2d, 0x1f40d, 0xfffd][r % 4]!)));
      else parts.push(random() || 0x80);
    }
    const bytes = Uint8Array.from(parts);
    const found = findInvalidUtf8(bytes);
    let valid = true;
    try {
      fatal.decode(bytes);
    } catch {
      valid = false;
    }
    assert.equal(found === undefined, valid, `bytes ${Array.from(bytes).join(',')}`);
    if (!found) continue;
    // The decoder's U+FFFD count minus the ones the file spells (EF BF BD) is our count; the first is at our offset.
    const text = lenient.decode(bytes);
    const spelled = lenient.decode(bytes).length - text.replace(/\ufffd/g, '').length;
    const genuine = (Buffer.from(bytes).toString('latin1').match(/\xef\xbf\xbd/g) ?? []).length;
    assert.equal(found.count, spelled - genuine, `count, bytes ${Array.from(bytes).join(',')}`);
    const offset = decodeBytes(bytes).invalidUtf8!.offset;
    assert.equal(text[offset], '\ufffd');
    assert.equal(text.slice(0, offset), lenient.decode(bytes.subarray(0, found.first)));
  }
});

/** The line people really write after reading "the path has spaces, put it in quotes". */
const DOUBLED_HANDLER =
  '<add name="Python FastCGI" path="*" verb="*" modules="FastCgiModule" scriptProcessor=""C:\\Python39\\python.exe|C:\\Python39\\Lib\\site-packages\\wfastcgi.py"" resourceType="Unspecified" requireAccess="Script" />';

test('scriptProcessor=""C:\\Python39\\python.exe|...wfastcgi.py"": one xml-malformed naming the doubled quotes, no rule judges ""', () => {
  const text = webConfig({ handlers: DOUBLED_HANDLER });
  const r = checkText(text);
  assert.deepEqual(r.internalErrors, []);
  assert.deepEqual(r.findings.map((f) => `${f.code} ${f.messageKey}`), ['xml-malformed xml.doubledQuotes']);
  const f = r.findings[0]!;
  assert.equal(text.slice(f.start, f.end), '""C:\\Python39\\python.exe|C:\\Python39\\Lib\\site-packages\\wfastcgi.py""');
  assert.match(renderMessage(f.messageKey, f.args), /^The value of "scriptProcessor" is in doubled quotes \(""…""\); use one pair: scriptProcessor="…"\./);
  // Recovered for completion and hover: the intended value, and the attributes after it.
  const handler = r.model.handlers[0]!;
  assert.equal(handler.malformed, true);
  assert.equal(attr(handler, 'scriptProcessor')!.value, 'C:\\Python39\\python.exe|C:\\Python39\\Lib\\site-packages\\wfastcgi.py');
  assert.deepEqual(handler.attributes.map((a) => a.name), ['name', 'path', 'verb', 'modules', 'scriptProcessor', 'resourceType', 'requireAccess']);
  // The same tag with single quotes doubled, and on several lines as IIS Manager writes it.
  const single = checkText(webConfig({ handlers: DOUBLED_HANDLER.replace(/""/g, "''") }));
  assert.deepEqual(keys(single), ['xml.doubledQuotes']);
  const multiline = checkText(webConfig({ handlers: DOUBLED_HANDLER.replace(/" /g, '"\n           ') }));
  assert.deepEqual(keys(multiline), ['xml.doubledQuotes']);
});

test('a handlers section pasted from a C# verbatim string (every quote doubled): one finding per tag; empty values are fine', () => {
  const pasted = [
    '<add name=""PythonHandler"" path=""*"" verb=""*"" modules=""FastCgiModule"" scriptProcessor=""C:\\Python39\\python.exe|C:\\Python39\\Lib\\site-packages\\wfastcgi.py"" resourceType=""Unspecified"" />',
    '<add name=""AXD-ISAPI-4.0_64bit"" path=""*.axd"" verb=""GET,HEAD,POST,DEBUG"" modules=""IsapiModule"" scriptProcessor=""%windir%\\Microsoft.NET\\Framework64\\v4.0.30319\\aspnet_isapi.dll"" preCondition=""classicMode,runtimeVersionv4.0,bitness64"" responseBufferLimit=""0"" />',
  ].join('\n      ');
  const r = checkText(webConfig({ handlers: pasted }));
  assert.deepEqual(malformed(r).map((f) => [f.messageKey, f.args.name]), [['xml.doubledQuotes', 'name'], ['xml.doubledQuotes', 'name']]);
  // IIS's own StaticFile handler has type="" and scriptProcessor="" followed by a space: well-formed.
  const staticFile = '<add name="StaticFile" path="*" verb="*" type="" modules="StaticFileModule,DefaultDocumentModule,DirectoryListingModule" scriptProcessor="" resourceType="Either" requireAccess="Read" allowPathInfo="false" preCondition="" responseBufferLimit="4194304" />';
  assert.deepEqual(malformed(checkText(webConfig({ handlers: `${staticFile}\n      ${DOUBLED_HANDLER.replace(/""/g, '"')}` }))), []);
});

test('after the first error in a tag the rest of the tag is read quietly: one finding per broken tag, the next tag checked', () => {
  const cases: [string, string, string][] = [
    ['unquoted values', '<add key=WSGI_HANDLER value=app.app />', 'xml.unquotedValue'],
    ['backslashes outside quotes', '<add key="PYTHONPATH" value=C:\\inetpub\\app;C:\\inetpub\\lib />', 'xml.unquotedValue'],
    ['quotes around each half', '<add key="X" value="C:\\Python39\\python.exe"|"C:\\wfastcgi.py" />', 'xml.badCharInTag'],
    ['a missing closing quote swallows the next name', '<add key="WSGI_HANDLER value="app.app" />', 'xml.unterminatedValue'],
    ['no space between attributes', '<add key="WSGI_HANDLER"value="app.app"/>', 'xml.attrNoSpace'],
  ];
  for (const [label, line, key] of cases) {
    const text = webConfig({ settings: `${line}\n    <add key="WSGI_HANDLER" value="app.app;" />` });
    const r = checkText(text);
    assert.deepEqual(r.internalErrors, [], label);
    const xml = malformed(r);
    assert.deepEqual(xml.map((f) => f.messageKey), [key], `${label}: ${keys(r).join(', ')}`);
    // The next (well-formed) tag is still judged: its ";" in WSGI_HANDLER is reported.
    const next = text.indexOf('app.app;');
    assert.ok(r.findings.some((f) => f.code !== 'xml-malformed' && f.start >= next), `${label}: the next tag was not checked: ${keys(r).join(', ')}`);
  }
  // The swallowed name is given back: key="WSGI_HANDLER", value="app.app".
  const swallowed = scanXml('<configuration><add key="WSGI_HANDLER value="app.app" /></configuration>');
  assert.deepEqual(swallowed.elements[1]!.attributes.map((a) => [a.name, a.value]), [['key', 'WSGI_HANDLER'], ['value', 'app.app']]);
});

test('two separate problems in one tag are still two findings (a bad & and a second bad &)', () => {
  const r = checkText(webConfig({ settings: '<add key="DB" value="a&b" />\n    <add key="A&B" value="x&y" />' }));
  assert.deepEqual(malformed(r).map((f) => f.messageKey), ['xml.badEntity', 'xml.badEntity', 'xml.badEntity']);
});

test('a rule does not judge a value recovered from a broken tag, and still judges the same value in a sound tag', () => {
  // wsgi-handler-syntax would report "app:app"; in a broken tag only the XML error is reported.
  const broken = checkText(webConfig({ settings: '<add key="WSGI_HANDLER" value="app:app" bogus />' }));
  assert.deepEqual(broken.findings.map((f) => f.code), ['xml-malformed'], keys(broken).join(', '));
  const sound = checkText(webConfig({ settings: '<add key="WSGI_HANDLER" value="app:app" />' }));
  assert.ok(sound.findings.some((f) => f.code === 'wsgi-handler-syntax'), keys(sound).join(', '));
});

test('"<" in an attribute value: the message says "<" is not allowed (write &lt;), not "no closing quote"', () => {
  for (const value of ['<b>Shop</b> closed', 'a < b', 'x</y>', '<br/>']) {
    const text = webConfig({ settings: `<add key="MAINTENANCE_BANNER" value="${value}" />` });
    const r = checkText(text);
    const xml = malformed(r);
    assert.deepEqual(xml.map((f) => f.messageKey), ['xml.ltInValue'], `${value}: ${keys(r).join(', ')}`);
    assert.equal(text[xml[0]!.start], '<');
    assert.match(renderMessage('xml.ltInValue', xml[0]!.args), /^"<" is not allowed in the value of "value": write &lt; instead\./);
    assert.equal(r.model.appSettings.find((s) => s.key === 'MAINTENANCE_BANNER')?.value, value);
  }
  // A quote really missing before the next line's tag is still "no closing quote", and the next tag is read.
  const text = webConfig({ settings: '<add key="WSGI_HANDLER" value="app.app />\n    <add key="PYTHONPATH" value="C:\\inetpub\\app" />' });
  const r = checkText(text);
  assert.deepEqual(malformed(r).map((f) => f.messageKey), ['xml.unterminatedValue']);
  assert.ok(r.model.appSettings.some((s) => s.key === 'PYTHONPATH' && s.value === 'C:\\inetpub\\app'));
});

test('characters XML forbids in comments, processing instructions and CDATA; forbidden character references', () => {
  const cases: [string, string, string][] = [
    ['form feed in a comment (a listing pasted from a printer file)', '<!-- page 2 \f -->', 'U+000C'],
    ['U+FFFF in a comment', '<!-- \uffff -->', 'U+FFFF'],
    ['U+FFFE in a processing instruction', '<?note \ufffe?>', 'U+FFFE'],
    ['ESC in CDATA', '<![CDATA[ \u001b[31m red ]]>', 'U+001B'],
  ];
  for (const [label, markup, code] of cases) {
    const text = webConfig({ tail: `\n  <system.web>${markup}</system.web>` });
    const r = checkText(text);
    const xml = malformed(r);
    assert.deepEqual(xml.map((f) => [f.messageKey, f.args.code]), [['xml.controlChar', code]], `${label}: ${keys(r).join(', ')}`);
  }
  for (const ref of ['&#5;', '&#x1B;', '&#xFFFE;', '&#0;', '&#xD800;', '&#1114112;']) {
    for (const where of ['text', 'value']) {
      const text = webConfig(where === 'text' ? { tail: `\n  <system.web>${ref}</system.web>` } : { settings: `<add key="X" value="a${ref}b" />` });
      const xml = malformed(checkText(text));
      assert.deepEqual(xml.map((f) => f.messageKey), ['xml.badCharRef'], `${ref} in ${where}`);
      assert.equal(text.slice(xml[0]!.start, xml[0]!.end), ref);
    }
  }
  assert.match(renderMessage('xml.badCharRef', { text: '&#5;', code: 'U+0005' }), /^"&#5;" refers to character U\+0005, which XML does not allow; remove it\./);
  // Allowed: tab, LF, CR, leading zeros, the top of Unicode.
  const ok = checkText(webConfig({ settings: '<add key="X" value="&#9;&#xA;&#13;&#0000000000000000065;&#x10FFFF;&#xE9;" />' }));
  assert.deepEqual(malformed(ok), []);
  assert.equal(ok.model.appSettings.find((s) => s.key === 'X')!.value, '\t\n\rA\u{10FFFF}é');
});

test('processing instructions: a target is required, then white space', () => {
  for (const [pi, key] of [['<? note?>', 'xml.piTarget'], ['<?+++?>', 'xml.piTarget'], ['<?note+++?>', 'xml.piTargetSpace']] as const) {
    const r = checkText(webConfig({ tail: `\n  ${pi}` }));
    assert.deepEqual(malformed(r).map((f) => f.messageKey), [key], pi);
  }
  for (const pi of ['<?note?>', '<?note text?>', '<?xml-stylesheet href="a.xsl"?>']) assert.deepEqual(malformed(checkText(webConfig({ tail: `\n  ${pi}` }))), [], pi);
  // A declaration typed wrong at the top is named as one.
  const r = checkText('<?=ml version="1.0" encoding="utf-8"?>\n<configuration/>');
  assert.deepEqual(keys(r).filter((k) => k.startsWith('decl.') || k.startsWith('xml.')), ['decl.missingLt']);
});

test('a byte order mark settles the encoding: encoding="iso-8859-1" behind a UTF-8 BOM is an error, without a BOM it is not', () => {
  const text = CAFE_CONFIG.replace('encoding="utf-8"', 'encoding="iso-8859-1"').replace(/[éè]/g, 'e');
  const bom = checkBytes(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8(text)]));
  const mismatch = bom.findings.filter((f) => f.messageKey === 'decl.encodingMismatch');
  assert.equal(mismatch.length, 1);
  assert.deepEqual(mismatch[0]!.args, { declared: 'iso-8859-1', actual: 'UTF-8 (with a byte order mark)' });
  assert.deepEqual(checkBytes(utf8(text)).findings.filter((f) => f.messageKey === 'decl.encodingMismatch'), []);
});

test('recovery stays linear: 100,000 doubled-quote, "<"-in-value and swallowed attributes, and 1 MB references', () => {
  const inputs: Record<string, string> = {
    'doubled quotes': '<configuration><add ' + 'a=""x"" '.repeat(100_000) + '/></configuration>',
    'lt in values': '<configuration>' + '<add a="<b c=" />'.repeat(50_000) + '</configuration>',
    'swallowed names': '<configuration>' + '<add a="x b="y" />'.repeat(50_000) + '</configuration>',
    'open quote, tags after': '<configuration><add a="' + '<b c="1"/>'.repeat(100_000) + '</configuration>',
    'long reference names': '<configuration>' + ('&' + 'a'.repeat(1000)).repeat(1000) + '</configuration>',
    'long character references': '<configuration><add a="' + ('&#' + '0'.repeat(1000)).repeat(1000) + '"/></configuration>',
  };
  for (const [label, text] of Object.entries(inputs)) {
    const r = checkText(text);
    assert.deepEqual(r.internalErrors, [], label);
    assert.ok(r.findings.every((f) => f.start >= 0 && f.start <= f.end && f.end <= text.length), label);
    assert.ok(malformed(r).length >= 1 && malformed(r).length <= 21, `${label}: ${malformed(r).length} xml-malformed`);
  }
});
