/**
 * Every quick fix is safe: each fix offered over a generated corpus (every fixture web.config plus systematic
 * mutations, see fixCorpus.ts) is applied, and so is "Fix all" per code exactly as the VS Code adapter offers
 * it (the core's fixAll). Each application must remove its finding at that place, add no error, keep a
 * well-formed file well-formed (judged by third-party parsers), keep line endings, indentation, quote style and
 * comments, never leave a blank line, never overlap its own edits, never create a file outside the folder; and
 * "Fix all" must equal applying the single fixes one after another.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { checkText, type CheckOptions, type CheckResult } from '../../src/core/check';
import type { EditingEnv } from '../../src/core/editing/env';
import { fixAll } from '../../src/core/editing/fixAll';
import { fixesFor, type Fix } from '../../src/core/editing/fixes';
import type { Finding } from '../../src/core/findings';
import type { PythonSupport } from '../../src/core/python';
import { fixtureInputs, mutations, PROJECT_SEEDS, projectConfig, SEEDS, type CorpusInput } from './fixCorpus';
import { applyEdits, commentViolations, createdFileViolations, mapOffset, newErrors, overlapViolations, styleViolations, wellFormedError } from './fixOracle';
import { makeProject, projectOptions, testSupport } from './pythonHelpers';

/** The editing environments fixes are computed in: none; an interpreter path that needs escaping; a Django app. */
export const ENVS: EditingEnv[] = [
  {},
  { interpreters: [{ python: "C:\\Users\\O'Brien & Co\\venv\\Scripts\\python.exe", source: 'venv' }], wsgiApps: [{ handler: 'site.app' }] },
  { wsgiApps: [{ handler: 'django.core.wsgi.get_wsgi_application()', djangoSettings: 'mysite.settings' }] },
];

/**
 * Errors a fix may reveal: a real, different problem that the broken part hid. Keyed `fixed code → revealed
 * code/message`, each with the reason.
 */
const HIDDEN_SETTINGS = 'a misspelled or mis-quoted key hides its setting from wfastcgi; spelled right, the setting is judged like any other';
const HANDLER_JUDGED = 'the module check judges the handler once wfastcgi can see it (the harness environments are not the project\'s detected apps)';
const SCHEMA_JUDGED = 'an element the schema did not know is not looked into; spelled as the schema spells it, its contents are judged';
const ALLOWED_CASCADES: Record<string, Record<string, string>> = {
  'appsettings-misspelled': {
    'handler-missing': HIDDEN_SETTINGS, 'wsgi-handler-module-not-found': HANDLER_JUDGED, 'wsgi-handler-attribute-not-found': HANDLER_JUDGED,
    'duplicate-collection-entry/dup.entry': HIDDEN_SETTINGS, 'wsgi-handler-syntax': HIDDEN_SETTINGS, 'django-settings-missing': HIDDEN_SETTINGS,
  },
  'typographic-quotes': {
    'handler-missing': HIDDEN_SETTINGS, 'wsgi-handler-module-not-found': HANDLER_JUDGED, 'wsgi-handler-attribute-not-found': HANDLER_JUDGED,
    'duplicate-collection-entry/dup.entry': HIDDEN_SETTINGS, 'wsgi-handler-syntax': HIDDEN_SETTINGS, 'django-settings-missing': HIDDEN_SETTINGS,
  },
  'wsgi-handler-missing': { 'wsgi-handler-module-not-found': HANDLER_JUDGED, 'wsgi-handler-attribute-not-found': HANDLER_JUDGED },
  'unexpanded-placeholder': { 'wsgi-handler-module-not-found': 'with PYTHONPATH expanded the module check can run, and it judges the handler', 'wsgi-handler-attribute-not-found': 'as above' },
  // An element or section the schema did not know is not looked into; renamed to the schema's spelling, its contents are judged.
  'config-section-unknown': { 'config-element-unknown': SCHEMA_JUDGED, 'config-attribute-unknown': SCHEMA_JUDGED, 'config-value-invalid': SCHEMA_JUDGED, 'config-attribute-missing': SCHEMA_JUDGED, 'config-not-in-target': SCHEMA_JUDGED },
  'config-element-unknown': { 'config-element-unknown': SCHEMA_JUDGED, 'config-attribute-unknown': SCHEMA_JUDGED, 'config-value-invalid': SCHEMA_JUDGED, 'config-attribute-missing': SCHEMA_JUDGED, 'config-not-in-target': SCHEMA_JUDGED },
  // The schema's spelling of an attribute makes its value judged.
  'config-attribute-unknown': { 'config-value-invalid': SCHEMA_JUDGED },
};

export interface Stats {
  inputs: number;
  single: number;
  /** Fix applications per code. */
  perCode: Map<string, number>;
  fixAll: number;
  violations: string[];
}

function optionsFor(input: CorpusInput, support: PythonSupport): CheckOptions {
  const options: CheckOptions = input.project ? projectOptions(input.project, support) : {};
  return input.bom ? { ...options, encoding: 'utf-8-bom' } : options;
}

/** The file as saved (the BOM written back in front). */
const saved = (input: CorpusInput, text: string): string => (input.bom ? `\ufeff${text}` : text);

function overlapsPlace(f: Finding, start: number, end: number): boolean {
  if (f.start < end && start < f.end) return true;
  return (f.start === f.end || start === end) && f.start <= end && start <= f.end;
}

/** The invariants of one applied edit set; `targets` are the findings it must remove. */
function checkApplication(input: CorpusInput, before: CheckResult, options: CheckOptions, fix: Fix, targets: Finding[], v: (m: string) => void): string | undefined {
  for (const m of overlapViolations(fix.edits)) v(m);
  for (const m of createdFileViolations(fix)) v(m);
  for (const file of fix.createFiles ?? []) {
    const err = wellFormedError(file.content);
    if (err) v(`created ${file.relativePath} is not well-formed: ${err}`);
    const bad = checkText(file.content).findings.filter((f) => f.severity === 'error');
    if (bad.length) v(`created ${file.relativePath} has errors: ${bad.map((f) => f.code).join(', ')}`);
  }
  if (!fix.edits.length) {
    if (!fix.createFiles?.length) v('the fix changes nothing');
    return undefined;
  }
  const text = applyEdits(input.text, fix.edits);
  if (text === input.text) v('the fix changes nothing');
  const after = checkText(text, options);
  for (const t of targets) {
    const start = mapOffset(t.start, fix.edits);
    const end = mapOffset(t.end, fix.edits, true);
    const left = after.findings.find((f) => f.code === t.code && f.messageKey === t.messageKey && overlapsPlace(f, start, end));
    if (left) v(`${t.code} (${t.messageKey}) is still there: ${JSON.stringify(text.slice(left.start, left.end))}`);
  }
  const allowed = Object.assign({}, ...targets.map((t) => ALLOWED_CASCADES[t.code] ?? {})) as Record<string, string>;
  const fresh = newErrors(before.findings.filter((f) => !targets.includes(f)), after.findings, undefined)
    .filter((f) => !allowed[`${f.code}/${f.messageKey}`] && !allowed[f.code]);
  for (const f of fresh) v(`new error ${f.code} (${f.messageKey}) at ${JSON.stringify(text.slice(f.start, f.end + 20))}`);
  if (!wellFormedError(saved(input, input.text))) {
    const err = wellFormedError(saved(input, text));
    if (err) v(`well-formed input became malformed: ${err}`);
  }
  for (const m of styleViolations(input.text, text, fix.edits)) v(m);
  if (quotedValues(after) > quotedValues(before)) v('an attribute value now starts or ends with a quote character (mixed quotes)');
  for (const m of commentViolations(input.text, before.model.doc.comments, fix.edits)) v(m);
  return text;
}

/** Attributes whose value starts or ends with a straight quote: what mixing `‘X'` into `"X'"` leaves. */
function quotedValues(result: CheckResult): number {
  let n = 0;
  for (const el of result.model.doc.elements) for (const a of el.attributes) if (/^['"]|['"]$/.test(a.value)) n++;
  return n;
}

/** Applies the first preferred edit fix of `code` again and again, as a user clicking each one would. */
function sequential(text: string, code: string, env: EditingEnv, options: CheckOptions, limit: number): string {
  let current = text;
  for (let i = 0; i < limit; i++) {
    const result = checkText(current, options);
    let next: string | undefined;
    for (const f of result.findings) {
      if (f.code !== code) continue;
      const fix = fixesFor(result, f, env).find((x) => x.isPreferred && !x.createFiles?.length && x.edits.length);
      if (fix) {
        next = applyEdits(current, fix.edits);
        break;
      }
    }
    if (next === undefined || next === current) return current;
    current = next;
  }
  return current;
}

export function runInput(input: CorpusInput, options: CheckOptions, stats: Stats): void {
  stats.inputs++;
  const result = checkText(input.text, options);
  if (result.internalErrors.length) stats.violations.push(`${input.name}: internal error ${result.internalErrors[0]}`);
  const codes = new Map<string, number>();
  for (const finding of result.findings) {
    const seen = new Set<string>();
    for (const env of ENVS) {
      for (const fix of fixesFor(result, finding, env)) {
        const key = JSON.stringify([fix.edits, fix.createFiles]);
        if (seen.has(key)) continue;
        seen.add(key);
        stats.single++;
        stats.perCode.set(finding.code, (stats.perCode.get(finding.code) ?? 0) + 1);
        if (fix.isPreferred && !fix.createFiles?.length) codes.set(finding.code, (codes.get(finding.code) ?? 0) + 1);
        const v = (m: string) => stats.violations.push(`${input.name}: ${finding.code} "${fix.title.key}": ${m}`);
        checkApplication(input, result, options, fix, [finding], v);
      }
    }
  }
  for (const [code, n] of codes) {
    if (result.findings.filter((f) => f.code === code).length < 2 || n < 1) continue;
    const seen = new Set<string>();
    for (const env of ENVS) {
      const all = fixAll(result, code, env);
      if (!all || seen.has(JSON.stringify(all.edits))) continue;
      seen.add(JSON.stringify(all.edits));
      stats.fixAll++;
      const v = (m: string) => stats.violations.push(`${input.name}: fix all ${code}: ${m}`);
      const targets = result.findings.filter((f) => f.code === code && fixesFor(result, f, env).some((x) => x.isPreferred && !x.createFiles?.length && x.edits.length));
      const text = checkApplication(input, result, options, all, targets, v);
      const oneByOne = sequential(input.text, code, env, options, targets.length * 2 + 2);
      if (text !== undefined && text !== oneByOne) v(`differs from applying the fixes one by one:\n${text}\n---- one by one ----\n${oneByOne}`);
    }
  }
}

/** Every input of the corpus: seeds, Python projects, fixtures, each with its mutations. */
export function corpus(): CorpusInput[] {
  const root = resolve(__dirname, '../..');
  const seeds: CorpusInput[] = Object.entries(SEEDS).map(([name, text]) => ({ name, text }));
  const projects: CorpusInput[] = Object.entries(PROJECT_SEEDS).map(([name, p]) => ({ name, text: projectConfig(p.handler), project: makeProject(`fixprops-${name}`, p.files) }));
  return [...seeds, ...projects, ...fixtureInputs(root)].flatMap(mutations);
}

test('every quick fix is safe over the generated corpus (printed: inputs, fixes tried, violations)', async () => {
  const support = await testSupport();
  const stats: Stats = { inputs: 0, single: 0, perCode: new Map(), fixAll: 0, violations: [] };
  for (const input of corpus()) runInput(input, optionsFor(input, support), stats);
  const total = stats.single + stats.fixAll;
  console.log(`fix properties: ${stats.inputs} inputs, ${total} fix applications (${stats.single} single, ${stats.fixAll} fix all), ${stats.violations.length} violations`);
  console.log(`per code: ${[...stats.perCode].map(([c, n]) => `${c} ${n}`).join(', ')}`);
  if (process.env['FIX_PROPERTIES_REPORT']) writeFileSync(process.env['FIX_PROPERTIES_REPORT'], stats.violations.join('\n\n'));
  assert.deepEqual(stats.violations.slice(0, 40), [], `${stats.violations.length} violations`);
  assert.ok(total >= 3000, `only ${total} fix applications`);
});
