/**
 * A host's schema files read with each section's body parsed on first use (core/schema/hostLoader.ts): the same
 * schema as reading everything at once, sections not used are never parsed, a second definition of a section in
 * another file is merged as IIS merges it, and a broken body is a problem of that file, never a crash.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { isLazySection, isSectionBodyRead, loadHostSchemaText } from '../../src/core/schema/hostLoader';
import { loadSchemaText } from '../../src/core/schema/loader';
import { resolveSchema } from '../../src/core/schema/resolve';
import { encodeSchemaFiles } from '../../src/core/schema/serialize';

const HOST = resolve(__dirname, '../../test/fixtures/schema/host');
const files = () => readdirSync(HOST).filter((n) => n.endsWith('.xml')).sort().map((n) => ({ name: n, text: readFileSync(join(HOST, n), 'utf8') }));

test('the host folder read lazily gives the same schema, section by section, as reading every body at once', () => {
  const eager = resolveSchema(files().map((f) => loadSchemaText(f.text, f.name)), 'host');
  const lazy = resolveSchema(files().map((f) => loadHostSchemaText(f.text, f.name)), 'host');
  assert.deepEqual([...lazy.sections.keys()].sort(), [...eager.sections.keys()].sort());
  assert.deepEqual([...lazy.groups].sort(), [...eager.groups].sort());
  for (const [path, s] of eager.sections) {
    const enc = (x: typeof s) => JSON.stringify(encodeSchemaFiles([{ source: '', sections: [x], problems: [] }]));
    assert.equal(enc(lazy.sections.get(path)!), enc(s), path);
  }
});

test('a section nobody reads is never parsed; reading one parses only that one', () => {
  const text = readFileSync(join(HOST, 'IIS_schema.xml'), 'utf8');
  const file = loadHostSchemaText(text, 'IIS_schema.xml');
  assert.ok(file.sections.length >= 3);
  assert.ok(file.sections.every((s) => isLazySection(s) && !isSectionBodyRead(s)));
  const schema = resolveSchema([file], 'host');
  assert.ok(file.sections.every((s) => !isSectionBodyRead(s)), 'resolving does not read bodies');
  const handlers = schema.sections.get('system.webServer/handlers')!;
  assert.ok(handlers.collection, 'the handlers collection is there once read');
  assert.deepEqual(handlers.collection.addElements, ['add']);
  assert.equal(file.sections.filter((s) => isSectionBodyRead(s)).length, 1);
});

test('a section defined again in a later file is merged (modules extend sections), without touching the first file', () => {
  const a = loadHostSchemaText('<configSchema><sectionSchema name="system.webServer/x"><attribute name="one" type="bool"/></sectionSchema></configSchema>', 'a.xml');
  const b = loadHostSchemaText('<configSchema><sectionSchema name="system.webServer/x"><attribute name="two" type="uint"/><attribute name="one" type="string"/></sectionSchema></configSchema>', 'b.xml');
  const s = resolveSchema([a, b], 'host').sections.get('system.webServer/x')!;
  assert.deepEqual([...s.attributes.keys()], ['one', 'two']);
  assert.equal(s.attributes.get('one')!.type, 'bool', 'the first definition wins');
  assert.deepEqual([...a.sections[0]!.attributes.keys()], ['one'], 'the loaded file is not changed by the merge');
});

test('a broken file or section is a problem of that file, never a crash; the other sections still load', () => {
  const file = loadHostSchemaText('<configSchema><sectionSchema name="a/good"><attribute name="x"/></sectionSchema>'
    + '<sectionSchema name="a/odd"><attribute type="bool"/></sectionSchema><sectionSchema/></configSchema>', 'odd.xml');
  assert.deepEqual(file.problems, ['odd.xml: a <sectionSchema> without a name']);
  const schema = resolveSchema([file], 'host');
  assert.deepEqual([...schema.sections.get('a/good')!.attributes.keys()], ['x']);
  assert.equal(schema.sections.get('a/odd')!.attributes.size, 0);
  assert.deepEqual(file.problems, ['odd.xml: a <sectionSchema> without a name', 'odd.xml:a/odd: an <attribute> without a name'], 'found when the section is read');
  // Not well-formed inside one section (an unclosed comment): the index parse already sees it.
  assert.match(loadHostSchemaText('<configSchema><sectionSchema name="a"><!-- x -- ></sectionSchema></configSchema>', 'c.xml').problems[0]!, /^c\.xml: not well-formed XML/);
  assert.match(loadHostSchemaText('<configSchema><sectionSchema name="q">', 'cut.xml').problems[0]!, /^cut\.xml: not well-formed XML/);
  assert.deepEqual(loadHostSchemaText('<other/>', 'o.xml').problems, ['o.xml: no <configSchema> root']);
});
