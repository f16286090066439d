/** Quick fixes, keyed on finding codes. Each is a list of minimal text edits (and, rarely, a file to create). */
import type { MessageArgs, MessageKey } from '../messages';
import { attr } from '../model/webConfig';
import { wsgiHandlerProblem } from '../rules/settingRules';
import { escapeAttribute } from '../xml/escape';
import type { CheckResult } from '../check';
import type { Finding } from '../findings';
import type { EditingEnv } from './env';
import type { Fix, FixContext } from './fixTypes';

export type { Fix, FixContext } from './fixTypes';
import { elementAt } from './hover';
import { removeNotInTarget, renameAttribute, renameElementFix, replaceValue } from './schemaFixes';
import { djangoSettings, insideFolder, staticFolder, wsgiHandlerMissing } from './settingFixes';
import { quoteFor, removeAttribute, removeElement, renameElement, type TextEdit } from './textEdits';
import { typographic } from './typographicFixes';
import { fixSettingValue, fixPythonPath, fixPlatformPort, fixScriptProcessor } from './valueFixes';
import { DEFAULT_RESTART_REGEX } from './valueCompletion';

type Recipe = (ctx: FixContext) => Fix[];

const fix = (key: MessageKey, edits: TextEdit[], preferred = true, args?: MessageArgs): Fix => ({ title: args ? { key, args } : { key }, edits, isPreferred: preferred });

const RECIPES: Record<string, Recipe> = {
  'typographic-quotes': (c) => typographic(c),
  'appsettings-misspelled': (c) => misspelled(c),
  'wsgi-handler-syntax': (c) => handlerSyntax(c),
  'wsgi-handler-factory-not-called': (c) => [fix('fix.addCall', [{ start: c.finding.end, end: c.finding.end, newText: '()' }])],
  'wsgi-handler-instance-called': (c) => removeCall(c),
  'scriptprocessor-malformed': (c) => fixScriptProcessor(c),
  'unexpanded-placeholder': (c) => fixScriptProcessor(c).concat(rootDir(c)),
  'pythonpath-separator': (c) => fixPythonPath(c),
  'ptvsd-secret': (c) => removeSettings(c, ['WSGI_PTVSD_SECRET', 'WSGI_PTVSD_ADDRESS'], 'fix.removePtvsd'),
  // A literal port in the served script is fixed in the script, not in web.config.
  'httpplatform-port-missing': (c) => (c.finding.messageKey === 'platform.scriptPortLiteral' ? [] : fixPlatformPort(c)),
  'handler-resource-type': (c) => [fix('fix.replaceWith', [{ start: c.finding.start, end: c.finding.end, newText: 'Unspecified' }], true, { value: 'Unspecified' })],
  'duplicate-collection-entry': (c) => (c.element && c.finding.messageKey === 'dup.entry' ? [fix('fix.removeDuplicate', [removeElement(c.text, c.element)])] : []),
  'django-settings-missing': (c) => djangoSettings(c),
  'restart-regex-invalid': (c) => [fix('fix.replaceWith', [{ start: c.finding.start, end: c.finding.end, newText: DEFAULT_RESTART_REGEX }], true, { value: DEFAULT_RESTART_REGEX })],
  'restart-regex-ineffective': (c) => fixSettingValue(c),
  'xml-declaration-malformed': (c) => declaration(c),
  'fastcgi-section-in-webconfig': (c) => (c.element ? [fix('fix.removeSection', [removeElement(c.text, c.element)], true, { name: c.element.name })] : []),
  // A sub-folder's web.config is never read by wfastcgi: no fix adds WSGI_HANDLER there.
  'wsgi-handler-missing': (c) => (c.finding.messageKey === 'wsgi.handlerMissing.subFolder' ? [] : wsgiHandlerMissing(c)),
  'dev-server-in-production': (c) => fixSettingValue(c),
  'static-files-through-python': (c) => staticFolder(c),
  'http-errors-detailed': (c) => replaceFound(c, 'DetailedLocalOnly'),
  'rewrite-rule-never-matches': (c) => replaceFound(c, String(c.finding.args['fixed'] ?? '')),
  'handler-remove-unmatched': (c) => replaceFound(c, String(c.finding.args['actual'] ?? '')),
  'django-settings-module-invalid': (c) => (c.finding.messageKey === 'django.settingsPy' ? replaceFound(c, String(c.finding.args['suggestion'] ?? '')) : []),
  'static-folder-unreachable': (c) => staticFolder(c),
  'config-attribute-unknown': (c) => renameAttribute(c),
  'config-element-unknown': (c) => renameElementFix(c),
  'config-section-unknown': (c) => renameElementFix(c),
  'config-value-invalid': (c) => replaceValue(c),
  'config-not-in-target': (c) => removeNotInTarget(c),
  'stream-buffered': (c) => (c.finding.messageKey === 'proxy.streamCompressed' && c.text.slice(c.finding.start, c.finding.end).trim().toLowerCase() === 'true' ? replaceFound(c, 'false') : []),
  'websocket-not-enabled': (c) => (c.finding.messageKey === 'proxy.websocketDisabled' && c.finding.args['where'] === 'web.config' ? replaceFound(c, 'true') : []),
};

/** Replaces the attribute value a finding covers (its span is the value between the quotes) with `value`. */
function replaceFound(c: FixContext, value: string): Fix[] {
  const quote = c.text[c.finding.start - 1];
  if (!value || (quote !== '"' && quote !== "'") || c.text[c.finding.end] !== quote) return [];
  return [fix('fix.replaceWith', [{ start: c.finding.start, end: c.finding.end, newText: escapeAttribute(value, quote) }], true, { value })];
}

export function fixesFor(result: CheckResult, finding: Finding, env: EditingEnv = {}): Fix[] {
  const recipe = RECIPES[finding.code];
  if (!recipe) return [];
  const text = result.text;
  const fixes = recipe({ result, finding, env, text, element: elementAt(result.model.doc, finding.start) });
  // A fix never creates a file outside the application folder.
  return fixes.filter((f) => (f.createFiles ?? []).every((c) => insideFolder(c.relativePath) === c.relativePath));
}

/**
 * The corrected handler, escaped for the attribute's own quote (the finding spans the raw value); offered only
 * when the correction is a valid handler (`app:app&x` → `app.app&x` would fix nothing).
 */
function handlerSyntax(c: FixContext): Fix[] {
  const fixed = String(c.finding.args['fixed'] ?? '');
  const a = c.element?.attributes.find((x) => x.valueStart === c.finding.start && x.valueEnd === c.finding.end);
  if (!fixed || !a || wsgiHandlerProblem(fixed)) return [];
  return [fix('fix.replaceWith', [{ start: a.valueStart, end: a.valueEnd, newText: escapeAttribute(fixed, a.quote === "'" ? "'" : '"') }], true, { value: fixed })];
}

function misspelled(c: FixContext): Fix[] {
  const { finding: f, text, element: el } = c;
  if (!el) return [];
  if (f.messageKey === 'app.misspelledSection') {
    // A second <appSettings> in the same place is a duplicate section IIS refuses: then the user merges them.
    if (el.parent?.children.some((s) => s.name === 'appSettings')) return [];
    return [fix('fix.renameTo', renameElement(text, el, 'appSettings'), true, { name: 'appSettings' })];
  }
  if (f.messageKey === 'app.misspelledAdd') return [fix('fix.renameTo', renameElement(text, el, 'add'), true, { name: 'add' })];
  if (f.messageKey === 'app.misspelledAttribute') {
    const expected = String(f.args['expected']);
    const wrong = el.attributes.find((a) => a.nameStart === f.start);
    const right = attr(el, expected);
    // Renaming next to the correctly spelled attribute would make a duplicate attribute: drop the misspelled
    // one when it says the same, else offer nothing (which value is meant is the user's call).
    if (right && wrong) return right.value === wrong.value ? [fix('fix.removeAttribute', [removeAttribute(text, wrong)], true, { name: wrong.name })] : [];
    return [fix('fix.renameTo', [{ start: f.start, end: f.end, newText: expected }], true, { name: expected })];
  }
  return [];
}

function removeCall(c: FixContext): Fix[] {
  const value = c.text.slice(c.finding.start, c.finding.end);
  const at = value.lastIndexOf('()');
  return at < 0 ? [] : [fix('fix.removeCall', [{ start: c.finding.start + at, end: c.finding.start + at + 2, newText: '' }])];
}

function removeSettings(c: FixContext, keys: string[], title: MessageKey): Fix[] {
  const els = c.result.model.appSettings.filter((s) => keys.includes(s.key.toUpperCase())).map((s) => s.element);
  return els.length ? [fix(title, els.map((el) => removeElement(c.text, el)))] : [];
}

function declaration(c: FixContext): Fix[] {
  const { finding: f, text } = c;
  const q = quoteFor(c.result.model.doc);
  const good = `<?xml version=${q}1.0${q} encoding=${q}utf-8${q}?>`;
  switch (f.messageKey) {
    case 'decl.missingLt':
    case 'decl.missingQuestion':
    case 'decl.case':
    case 'decl.unterminated':
      return [fix('fix.replaceWith', [{ start: c.result.model.doc.declaration?.start ?? f.start, end: Math.max(f.end, c.result.model.doc.declaration?.end ?? f.end), newText: good }], true, { value: good })];
    case 'decl.leadingSpace':
      return [fix('fix.removeLeadingSpace', [{ start: 0, end: f.start, newText: '' }])];
    case 'decl.duplicate':
    case 'decl.notFirst':
      return [fix('fix.removeDeclaration', [{ start: f.start, end: text.slice(f.end, f.end + 2).startsWith('\r\n') ? f.end + 2 : text[f.end] === '\n' ? f.end + 1 : f.end, newText: '' }])];
    default:
      return [];
  }
}

function rootDir(c: FixContext): Fix[] {
  if (c.text.slice(c.finding.start, c.finding.end).toUpperCase() !== '%ROOTDIR%') return [];
  return [fix('fix.replaceWith', [{ start: c.finding.start, end: c.finding.end, newText: '.' }], true, { value: '.' })];
}
