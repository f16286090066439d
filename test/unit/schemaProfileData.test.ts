/**
 * The bundled profiles are precompiled at build time (scripts/schemaProfiles.mjs runs the loader over
 * schema/profiles/*.xml). What the core reads at run time must be exactly what the runtime loader makes of the XML,
 * so the two cannot drift; and the compact form must round-trip any schema the loader can produce.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import PROFILE_DATA from 'schema-profile-data';
import { loadSchemaText } from '../../src/core/schema/loader';
import { loadedProfiles, profileSchema, resetProfileCache } from '../../src/core/schema/profiles';
import { PROFILE_TEXTS } from '../../src/core/schema/profileTexts';
import { resolveSchema } from '../../src/core/schema/resolve';
import { decodeSchemaFiles, encodeSchemaFiles } from '../../src/core/schema/serialize';
import { DEFAULT_TARGET, parseTarget } from '../../src/core/schema/target';

const HOST = resolve(__dirname, '../../test/fixtures/schema/host');
const PROFILES = resolve(__dirname, '../../schema/profiles');
const fromXml = () => Object.entries(PROFILE_TEXTS).map(([name, text]) => loadSchemaText(text, name));
const roundTrip = (files: ReturnType<typeof fromXml>) => decodeSchemaFiles(JSON.parse(JSON.stringify(encodeSchemaFiles(files))));

test('precompiled profiles: the data the core reads equals the runtime loader over the XML', () => {
  resetProfileCache();
  assert.deepStrictEqual(loadedProfiles(), fromXml());
  assert.ok(loadedProfiles().every((f) => f.problems.length === 0));
});

test('precompiled profiles: every file in schema/profiles is bundled (a new profile cannot be left out)', () => {
  assert.deepEqual(Object.keys(PROFILE_TEXTS).sort(), readdirSync(PROFILES).filter((f) => f.endsWith('.xml')).sort());
  for (const [name, text] of Object.entries(PROFILE_TEXTS)) assert.equal(text, readFileSync(join(PROFILES, name), 'utf8'), name);
});

test('precompiled profiles: the resolved schema for each target equals the one resolved from the XML', () => {
  for (const target of [DEFAULT_TARGET, parseTarget('iis8.5,rewrite2.0,hph1.2').tokens, parseTarget('iis10,rewrite2.1,hph2').tokens]) {
    resetProfileCache();
    assert.deepStrictEqual(profileSchema(target), resolveSchema(fromXml(), 'profiles', target), target.join(','));
  }
});

test('precompiled profiles: compact (no XML, no indentation) and smaller than the XML', () => {
  const xml = Object.values(PROFILE_TEXTS).join('').length;
  assert.ok(PROFILE_DATA.length < xml, `${PROFILE_DATA.length} >= ${xml}`);
  assert.ok(!PROFILE_DATA.includes('<configSchema') && !PROFILE_DATA.includes('\n'));
});

test('compact form: round-trips host schema files and the edge values JSON cannot hold', () => {
  for (const name of readdirSync(HOST).filter((f) => f.endsWith('.xml'))) {
    const files = [loadSchemaText(readFileSync(join(HOST, name), 'utf8'), name)];
    assert.deepStrictEqual(roundTrip(files), files, name);
  }
  const edge = loadSchemaText(`<configSchema><sectionSchema name="a/b">
    <attribute name="r" type="uint" validationType="integerRange" validationParameter=",5"/>
    <attribute name="s" type="timeSpan" validationType="timeSpanRange" validationParameter="0,,60"/>
    <attribute name="e" type="enum" defaultValue=""><enum name="X" value="nope"/><enum name="Y" value="2"/></attribute>
    <attribute name="o" validationType="siteName" required="true" encrypted="true" isCombinedKey="true"/>
    <element name="k"><collection addElement="add,allow" allowDuplicates="true" mergeAppend="false" allowUnrecognizedAttributes="true"/></element>
  </sectionSchema><sectionSchema name="c"/></configSchema>`, 'edge.xml');
  assert.deepEqual(edge.problems, []);
  const back = roundTrip([edge]);
  assert.deepStrictEqual(back, [edge]);
  const attrs = back[0]!.sections[0]!.attributes;
  assert.deepEqual(attrs.get('r')!.validator, { kind: 'integerRange', min: -Infinity, max: 5, exclude: false });
  assert.ok(Number.isNaN(attrs.get('e')!.values[0]!.value));
  const broken = loadSchemaText('<configSchema><sectionSchema><attribute/></sectionSchema>', 'broken.xml');
  assert.deepStrictEqual(roundTrip([broken]), [broken]);
});
