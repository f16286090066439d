/** Editing from the schema (issue 14 step 5): completion and hover offer what the document's target or host schema knows. */
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { ELEMENTS } from '../../src/core/catalogue/elements';
import { complete } from '../../src/core/editing/completion';
import type { EditingEnv } from '../../src/core/editing/env';
import { hover } from '../../src/core/editing/hover';
import { profileSchema } from '../../src/core/schema/profiles';
import { parseTarget } from '../../src/core/schema/target';
import { scanXml } from '../../src/core/xml/scanner';
import { loadSchemaFolder } from '../../src/node/schema/schemaFolder';
import { applyEdits, withCursor } from './editingHelpers';

const HOST = resolve(__dirname, '../../test/fixtures/schema/host');
const target = (t: string): EditingEnv => ({ schema: profileSchema(parseTarget(t).tokens) });

function labels(marked: string, env: EditingEnv = {}): string[] {
  const { text, offset } = withCursor(marked);
  return complete(text, offset, scanXml(text), env).map((p) => p.label);
}

const HPH = '<configuration>\n  <location path="." inheritInChildApplications="false">\n    <system.webServer>\n      <httpPlatform processPath="C:\\py\\python.exe" |';

test('httpPlatform attributes follow the target: startupRetryCount with HttpPlatformHandler 1.2, not with 2', () => {
  const v1 = labels(HPH, target('hph1.2'));
  assert.ok(v1.includes('startupRetryCount'), v1.join());
  assert.ok(!v1.includes('processPath'), 'present attributes are not offered again');
  const v2 = labels(HPH, target('hph2'));
  assert.ok(!v2.includes('startupRetryCount'), v2.join());
  assert.ok(v2.includes('arguments') && v2.includes('stdoutLogEnabled'));
  // Without a target: the default (today's common server, HttpPlatformHandler 1.2).
  assert.ok(labels(HPH).includes('startupRetryCount'));
});

test('elements and attributes the catalogue never described come from the schema, in their place', () => {
  const ws = labels('<configuration><system.webServer><|</system.webServer></configuration>');
  for (const name of ['urlCompression', 'webSocket', 'caching', 'tracing', 'aspNetCore', 'httpProtocol']) assert.ok(ws.includes(name), name);
  assert.ok(!ws.includes('httpCompression'), 'AppHostOnly in the default profile: never proposed in a web.config');
  assert.ok(labels('<configuration><system.webServer><tracing><|').includes('traceFailedRequests'));
  const rf = labels('<configuration><system.webServer><security><requestFiltering |');
  assert.ok(rf.includes('removeServerHeader') && rf.includes('allowDoubleEscaping'), rf.join());
  assert.ok(!labels('<configuration><system.webServer><security><requestFiltering |', target('iis8.5')).includes('removeServerHeader'));
  const rules = labels('<configuration><system.webServer><rewrite><rules |', target('rewrite2.1'));
  assert.ok(rules.includes('useOriginalURLEncoding'));
  assert.ok(!labels('<configuration><system.webServer><rewrite><rules |', target('rewrite2.0')).includes('useOriginalURLEncoding'));
  // A collection's entries: add, remove, clear; a <remove> takes only the key.
  assert.deepEqual(labels('<configuration><system.webServer><staticContent><remove |'), ['fileExtension']);
  assert.deepEqual(labels('<configuration><system.webServer><handlers><clear |'), []);
  // Nothing where the schema has nothing (an unknown element, a name IIS does not know).
  assert.deepEqual(labels('<configuration><system.webServer><Handlers><|'), []);
});

test('enumeration values with the default first; flags one comma-separated part at a time', () => {
  assert.deepEqual(labels('<configuration><system.webServer><httpErrors existingResponse="|" /></system.webServer></configuration>'), ['Auto', 'Replace', 'PassThrough']);
  assert.deepEqual(labels('<configuration><system.webServer><staticContent><clientCache cacheControlMode="|'), ['NoControl', 'DisableCache', 'UseMaxAge', 'UseExpires']);
  const marked = '<configuration><system.webServer><handlers accessPolicy="Read, Scr|ipt" /></system.webServer></configuration>';
  const { text, offset } = withCursor(marked);
  const proposals = complete(text, offset, scanXml(text));
  assert.ok(!proposals.some((p) => p.label === 'Read'), 'a flag already in the value is not offered again');
  const script = proposals.find((p) => p.label === 'Script')!;
  assert.equal(applyEdits(text, [{ start: script.start, end: script.end, newText: script.insertText }]), text.replace('Script', 'Script'));
  const execute = proposals.find((p) => p.label === 'Execute')!;
  assert.equal(applyEdits(text, [{ start: execute.start, end: execute.end, newText: execute.insertText }]), text.replace('Read, Script', 'Read, Execute'));
  const after = withCursor('<configuration><system.webServer><handlers accessPolicy="Read,|" />');
  const more = complete(after.text, after.offset, scanXml(after.text));
  const p = more.find((x) => x.label === 'Script')!;
  assert.equal(applyEdits(after.text, [{ start: p.start, end: p.end, newText: p.insertText }]), '<configuration><system.webServer><handlers accessPolicy="Read,Script" />');
});

test('completion documents type, default and range from the schema, and the Python text from the catalogue', () => {
  const { text, offset } = withCursor(HPH);
  const retry = complete(text, offset, scanXml(text), target('hph1.2')).find((p) => p.label === 'startupRetryCount')!;
  assert.deepEqual(retry.detail, { key: 'completion.default', args: { type: 'uint', value: '10' } });
  assert.equal(retry.doc!.default, '10');
  assert.deepEqual(retry.doc!.facts, [{ key: 'hover.type', args: { type: 'uint' } }, { key: 'hover.range', args: { min: 0, max: 100 } }]);
  const timeout = complete(text, offset, scanXml(text), target('hph1.2')).find((p) => p.label === 'requestTimeout')!;
  assert.deepEqual(timeout.doc!.facts?.map((f) => f.key), ['hover.type', 'hover.range', 'hover.granularity']);
  const args = complete(text, offset, scanXml(text)).find((p) => p.label === 'arguments')!;
  assert.match(args.doc!.summary, /HTTP_PLATFORM_PORT/);
});

test('hover shows the same documentation, inside <location> too', () => {
  const { text, offset } = withCursor('<configuration><location path="."><system.webServer><httpErrors existing|Response="PassThrough" /></system.webServer></location></configuration>');
  const h = hover(scanXml(text), offset)!;
  assert.equal(text.slice(h.start, h.end), 'existingResponse');
  assert.equal(h.block!.default, 'Auto');
  assert.deepEqual(h.block!.values, ['Auto', 'Replace', 'PassThrough']);
  assert.match(h.block!.summary, /error response the app already wrote/);
  const c = withCursor('<configuration><system.webServer><url|Compression doStaticCompression="true" /></system.webServer></configuration>');
  const el = hover(scanXml(c.text), c.offset)!;
  assert.equal(el.block!.summary, '');
  assert.deepEqual(el.block!.facts, [{ key: 'hover.section', args: { path: 'system.webServer/urlCompression' } }]);
  const g = withCursor('<configuration><system.web|Server><urlCompression /></system.webServer></configuration>');
  assert.equal(hover(scanXml(g.text), g.offset), undefined, 'a section group has nothing to say beyond its name');
  const u = withCursor('<configuration><system.webServer><urlCompression doStatic|Compression="true" /></system.webServer></configuration>');
  assert.deepEqual(hover(scanXml(u.text), u.offset)!.block!.facts, [{ key: 'hover.type', args: { type: 'bool' } }]);
});

test('with the host schema (a folder as --schema-dir reads it), completion offers exactly what the host has', () => {
  const loaded = loadSchemaFolder(HOST);
  assert.ok(loaded.ok);
  const env: EditingEnv = { schema: loaded.schema };
  const ws = labels('<configuration><system.webServer><|', env);
  assert.ok(ws.includes('handlers') && ws.includes('httpErrors'));
  assert.ok(!ws.includes('httpPlatform'), 'the host has no HttpPlatformHandler schema: not offered');
  assert.deepEqual(labels('<configuration><system.webServer><httpPlatform |', env), []);
});

test('the catalogue is only the Python-specific layer: no structure, defaults or enumerations of its own', () => {
  for (const [key, el] of Object.entries(ELEMENTS)) {
    assert.ok(!('children' in el), key);
    for (const a of el.attributes) {
      assert.ok(!('default' in a) && !('required' in a), `${key} ${a.name}`);
      assert.ok(a.summary.length > 0);
    }
  }
});
