/** The schema model: the loader (IIS's format and its quirks), the profiles, the target, value checks. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { loadSchemaText } from '../../src/core/schema/loader';
import { loadedProfiles, profileSchema } from '../../src/core/schema/profiles';
import { resolveSchema } from '../../src/core/schema/resolve';
import { describeTargetFor, parseTarget } from '../../src/core/schema/target';
import { checkValue, formatTimeSpan, parseTimeSpan } from '../../src/core/schema/values';
import { nearest } from '../../src/core/schema/suggest';
import type { AttributeSchema } from '../../src/core/schema/types';
import { loadSchemaFolder } from '../../src/node/schema/schemaFolder';

const HOST = resolve(__dirname, '../../test/fixtures/schema/host');

test('loader: types, enums, flags, validators, keys and collections from IIS\'s format', () => {
  const file = loadSchemaText(readFileSync(join(HOST, 'IIS_schema.xml'), 'utf8'), 'IIS_schema.xml');
  assert.deepEqual(file.problems, []);
  const handlers = file.sections.find((s) => s.path === 'system.webServer/handlers')!;
  assert.equal(handlers.name, 'handlers');
  assert.deepEqual(handlers.attributes.get('accessPolicy')!.values.map((v) => v.name), ['None', 'Read', 'Write', 'Script']);
  const c = handlers.collection!;
  assert.deepEqual([c.addElements, c.removeElement, c.clearElement, c.allowDuplicates], [['add'], 'remove', 'clear', false]);
  const name = c.item.attributes.get('name')!;
  assert.deepEqual([name.required, name.isUniqueKey, name.validator], [true, true, { kind: 'nonEmptyString' }]);
  assert.equal(c.item.attributes.get('modules')!.caseSensitive, true);
  assert.equal(c.item.attributes.get('scriptProcessor')!.expanded, true);
  assert.deepEqual(c.item.attributes.get('responseBufferLimit')!.validator, { kind: 'integerRange', min: 0, max: 2147483647, exclude: false });
  const errors = file.sections.find((s) => s.path === 'system.webServer/httpErrors')!.collection!;
  assert.deepEqual([...errors.item.attributes.values()].filter((a) => a.isCombinedKey).map((a) => a.name), ['statusCode', 'subStatusCode']);
  const ping = file.sections.find((s) => s.path === 'system.webServer/webSocket')!.attributes.get('pingInterval')!;
  assert.deepEqual(ping.validator, { kind: 'timeSpanRange', min: 0, max: 86400, granularity: 1 });
});

test('loader: the quirks of real files (defaultvalue, default=, mergeElement) are read, not fatal', () => {
  const iis = loadSchemaText(readFileSync(join(HOST, 'IIS_schema.xml'), 'utf8'), 'IIS_schema.xml');
  const rf = iis.sections.find((s) => s.path === 'system.webServer/security/requestFiltering')!;
  assert.equal(rf.attributes.get('removeServerHeader')!.defaultValue, 'false', 'lower-case defaultvalue');
  assert.ok(iis.sections.find((s) => s.path === 'system.webServer/applicationInitialization')!.collection, 'mergeElement ignored');
  const rw = loadSchemaText(readFileSync(join(HOST, 'rewrite_schema.xml'), 'utf8'), 'rewrite_schema.xml');
  assert.equal(rw.sections[0]!.collection!.item.attributes.get('patternSyntax')!.defaultValue, 'ECMAScript', 'default= instead of defaultValue=');
});

test('loader: broken input gives problems, never throws', () => {
  for (const text of ['', '<configSchema><sectionSchema>', 'not xml at all', '<other/>', '<configSchema><sectionSchema name="a"><attribute type="weird"/><attribute name="x" type="weird"/><collection/></sectionSchema></configSchema>', '\u0000\u0001']) {
    const f = loadSchemaText(text, 'x.xml');
    assert.ok(Array.isArray(f.problems));
  }
  const f = loadSchemaText('<configSchema><sectionSchema name="a"><attribute name="x" type="weird" validationType="integerRange" validationParameter="1,nope"/></sectionSchema></configSchema>', 'w.xml');
  assert.match(f.problems.join(), /unknown type 'weird'/);
  assert.equal(f.sections[0]!.attributes.get('x')!.type, 'string');
  assert.deepEqual(f.sections[0]!.attributes.get('x')!.validator, { kind: 'integerRange', min: 1, max: Infinity, exclude: false });
  assert.equal(loadSchemaText('<configSchema><sectionSchema name="a"><attribute name="e" type="enum"><enum name="A&amp;B" value="1"/></attribute></sectionSchema></configSchema>', 'e.xml').sections[0]!.attributes.get('e')!.values[0]!.name, 'A&B');
});

const ISSUE_SECTIONS = [
  'system.webServer/handlers', 'system.webServer/fastCgi', 'system.webServer/httpPlatform', 'system.webServer/aspNetCore',
  'system.webServer/rewrite/rules', 'system.webServer/rewrite/outboundRules', 'system.webServer/rewrite/allowedServerVariables', 'system.webServer/proxy',
  'system.webServer/staticContent', 'system.webServer/security/requestFiltering', 'system.webServer/httpErrors', 'system.webServer/applicationInitialization',
  'system.webServer/defaultDocument', 'system.webServer/directoryBrowse', 'system.webServer/httpProtocol', 'system.webServer/caching',
  'system.webServer/urlCompression', 'system.webServer/httpCompression', 'system.webServer/webSocket', 'system.webServer/modules',
  'system.webServer/tracing/traceFailedRequests', 'appSettings',
];

test('profiles: every file loads cleanly and covers every section the issue lists, for every target', () => {
  for (const f of loadedProfiles()) assert.deepEqual(f.problems, [], f.source);
  for (const t of ['iis8.5,rewrite2.0,hph1.2', 'iis10,rewrite2.1,hph2', '']) {
    const s = profileSchema(parseTarget(t).tokens);
    for (const path of ISSUE_SECTIONS) assert.ok(s.sections.has(path), `${t}: ${path}`);
  }
});

test('profiles: versions decide removeServerHeader, useOriginalURLEncoding, startupRetryCount and HPH defaults', () => {
  const old = profileSchema(parseTarget('iis8.5,rewrite2.0,hph2').tokens);
  const now = profileSchema(parseTarget('iis10,rewrite2.1,hph1.2').tokens);
  const rf = 'system.webServer/security/requestFiltering';
  assert.ok(now.sections.get(rf)!.attributes.has('removeServerHeader'));
  assert.deepEqual(old.sections.get(rf)!.elsewhere?.get('removeServerHeader'), ['iis10']);
  assert.deepEqual(old.sections.get('system.webServer/rewrite/rules')!.elsewhere?.get('useOriginalURLEncoding'), ['rewrite2.1']);
  const hph2 = old.sections.get('system.webServer/httpPlatform')!;
  const hph12 = now.sections.get('system.webServer/httpPlatform')!;
  assert.deepEqual(hph2.elsewhere?.get('startupRetryCount'), ['hph1.2']);
  assert.ok(hph12.attributes.has('startupRetryCount'));
  assert.equal(hph2.attributes.get('forwardWindowsAuthToken')!.defaultValue, 'true');
  assert.equal(hph12.attributes.get('forwardWindowsAuthToken')!.defaultValue, 'false');
  assert.equal(hph12.attributes.get('startupTimeLimit')!.defaultValue, '120');
  assert.deepEqual(hph12.elsewhere?.get('handlerSettings'), ['hph2']);
  assert.equal(now.sections.get('system.webServer/fastCgi')!.allowDefinition, 'AppHostOnly');
});

test('target: tokens, defaults per product, unknown tokens reported', () => {
  assert.deepEqual(parseTarget('').tokens, ['iis10', 'rewrite2.1', 'hph1.2']);
  assert.deepEqual(parseTarget('hph2').tokens, ['iis10', 'rewrite2.1', 'hph2']);
  assert.deepEqual(parseTarget(' IIS8.5 , rewrite2.0 ').tokens, ['iis8.5', 'rewrite2.0', 'hph1.2']);
  assert.deepEqual(parseTarget('iis11,hph3').unknown, ['iis11', 'hph3']);
  assert.equal(describeTargetFor(['iis10'], ['iis8.5', 'rewrite2.0', 'hph2']), 'IIS 8.5');
});

const A = (over: Partial<AttributeSchema>): AttributeSchema => ({
  name: 'x', type: 'string', required: false, isUniqueKey: false, isCombinedKey: false, caseSensitive: false, expanded: false, encrypted: false, values: [], ...over,
});

test('values: each type and validator, accepted and refused, with the fix where one is obvious', () => {
  const enumA = A({ type: 'enum', values: [{ name: 'Auto', value: 0 }, { name: 'Replace', value: 1 }, { name: 'PassThrough', value: 2 }] });
  const flags = A({ type: 'flags', values: [{ name: 'None', value: 0 }, { name: 'Read', value: 1 }, { name: 'Script', value: 512 }] });
  const ok: [AttributeSchema, string][] = [
    [A({ type: 'bool' }), 'true'], [A({ type: 'bool' }), 'False'], [enumA, 'passthrough'], [enumA, '1'], [flags, 'Read, Script'], [flags, '513'], [flags, ''],
    [A({ type: 'uint' }), '4294967295'], [A({ type: 'int' }), '-1'], [A({ type: 'int64' }), '9223372036854775807'],
    [A({ type: 'timeSpan' }), '00:02:00'], [A({ type: 'timeSpan' }), '1.00:00:00'], [A({ type: 'timeSpan' }), '00:00:30.5'],
    [A({ type: 'uint', validator: { kind: 'integerRange', min: 1, max: 100, exclude: false } }), '100'],
    [A({ type: 'timeSpan', validator: { kind: 'timeSpanRange', min: 0, max: 2592000, granularity: 60 } }), '00:05:00'],
    [A({ validator: { kind: 'nonEmptyString' } }), 'x'], [A({ validator: { kind: 'requireTrimmedString' } }), 'a b'],
  ];
  for (const [a, v] of ok) assert.equal(checkValue(a, v), undefined, `${a.type} ${v}`);
  const bad: [AttributeSchema, string, string, string | undefined][] = [
    [A({ type: 'bool' }), 'yes', 'schema.valueBool', 'true'], [A({ type: 'bool' }), 'maybe', 'schema.valueBool', undefined],
    [enumA, 'PassThru', 'schema.valueEnum', 'PassThrough'], [enumA, 'Replaec', 'schema.valueEnum', 'Replace'],
    [flags, 'Read, Scrpt', 'schema.valueFlags', 'Read, Script'],
    [A({ type: 'uint' }), '-5', 'schema.valueInteger', undefined], [A({ type: 'uint' }), '4294967296', 'schema.valueInteger', undefined],
    [A({ type: 'int' }), '1.5', 'schema.valueInteger', undefined], [A({ type: 'int64' }), '9223372036854775808', 'schema.valueInteger', undefined],
    [A({ type: 'timeSpan' }), '2 minutes', 'schema.valueTimeSpan', undefined], [A({ type: 'timeSpan' }), '00:61:00', 'schema.valueTimeSpan', undefined],
    [A({ type: 'uint', validator: { kind: 'integerRange', min: 1, max: 100, exclude: false } }), '101', 'schema.range', '100'],
    [A({ type: 'timeSpan', validator: { kind: 'timeSpanRange', min: 0, max: 2592000, granularity: 60 } }), '00:00:90', 'schema.valueTimeSpan', undefined],
    [A({ type: 'timeSpan', validator: { kind: 'timeSpanRange', min: 0, max: 2592000, granularity: 60 } }), '00:01:30', 'schema.timeSpanGranularity', '00:02:00'],
    [A({ type: 'timeSpan', validator: { kind: 'timeSpanRange', min: 0, max: 1296000, granularity: 1 } }), '20.00:00:00', 'schema.timeSpanRange', '15.00:00:00'],
    [A({ validator: { kind: 'nonEmptyString' } }), '', 'schema.nonEmpty', undefined],
    [A({ validator: { kind: 'requireTrimmedString' } }), ' rule ', 'schema.trimmed', 'rule'],
  ];
  for (const [a, v, key, fixed] of bad) {
    const p = checkValue(a, v);
    assert.equal(p?.messageKey, key, `${a.type} ${v}`);
    assert.equal(p?.fixed, fixed, `${a.type} ${v} fix`);
  }
});

test('time spans: parsed as IIS reads them and written back the same way', () => {
  assert.equal(parseTimeSpan('00:02:00'), 120);
  assert.equal(parseTimeSpan('1.02:03:04'), 93784);
  assert.equal(parseTimeSpan('2'), 172800, 'a bare number is days, as TimeSpan.Parse reads it');
  assert.equal(parseTimeSpan('1:2'), 3720);
  assert.equal(parseTimeSpan('x'), undefined);
  for (const s of [0, 59, 3600, 86399, 93784, 1296000]) assert.equal(parseTimeSpan(formatTimeSpan(s)), s);
});

test('did you mean: case first, then short edits and prefixes, nothing far away', () => {
  assert.equal(nearest('Handlers', ['handlers', 'modules']), 'handlers');
  assert.equal(nearest('hanlders', ['handlers', 'modules']), 'handlers');
  assert.equal(nearest('PassThru', ['Auto', 'PassThrough']), 'PassThrough');
  assert.equal(nearest('zzz', ['handlers', 'modules']), undefined);
});

test('resolve: a later file\'s section of the same name extends the earlier one (how modules extend IIS sections)', () => {
  const a = loadSchemaText('<configSchema><sectionSchema name="s"><attribute name="a" type="bool"/></sectionSchema></configSchema>', 'a.xml');
  const b = loadSchemaText('<configSchema><sectionSchema name="s"><attribute name="b" type="uint"/></sectionSchema></configSchema>', 'b.xml');
  const s = resolveSchema([a, b], 'host');
  assert.deepEqual([...s.sections.get('s')!.attributes.keys()], ['a', 'b']);
});

test('a schema folder laid out like a host\'s loads through the --schema-dir code path, and is cached', () => {
  const loaded = loadSchemaFolder(HOST);
  assert.ok(loaded.ok);
  assert.equal(loaded.files[0], 'IIS_schema.xml', 'IIS_schema.xml first, as IIS reads it');
  assert.deepEqual(loaded.problems, []);
  assert.equal(loaded.schema.origin, 'host');
  for (const p of ['system.webServer/handlers', 'system.webServer/rewrite/rules', 'appSettings', 'system.web/compilation']) assert.ok(loaded.schema.sections.has(p), p);
  assert.equal(loadSchemaFolder(HOST), loaded, 'cached while the files are unchanged');
  const missing = loadSchemaFolder(join(HOST, 'nope'));
  assert.equal(missing.ok, false);
});
