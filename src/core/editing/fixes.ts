/** Quick fixes, keyed on finding codes. Each is a list of minimal text edits (and, rarely, a file to create). */
import type { CheckResult } from '../check';
import type { Finding } from '../findings';
import type { MessageArgs, MessageKey } from '../messages';
import { attr, envSetting, isPythonFastCgiHandler } from '../model/webConfig';
import { renderStaticWebConfig } from '../scaffold/webConfigTemplates';
import { TYPOGRAPHIC_DASHES, TYPOGRAPHIC_QUOTES } from '../xml/chars';
import type { XmlElement } from '../xml/types';
import type { EditingEnv } from './env';
import { elementAt } from './hover';
import { fixSettingValue, fixPythonPath, fixPlatformPort, fixScriptProcessor } from './valueFixes';
import { insertLastChild, insertLineAfter, removeElement, renameElement, type TextEdit } from './textEdits';
import { DEFAULT_RESTART_REGEX } from './valueCompletion';

export interface Fix {
  title: { key: MessageKey; args?: MessageArgs };
  edits: TextEdit[];
  createFiles?: { relativePath: string; content: string }[];
  isPreferred?: boolean;
}

export interface FixContext {
  result: CheckResult;
  finding: Finding;
  env: EditingEnv;
  text: string;
  element: XmlElement | undefined;
}

type Recipe = (ctx: FixContext) => Fix[];

const fix = (key: MessageKey, edits: TextEdit[], preferred = true, args?: MessageArgs): Fix => ({ title: args ? { key, args } : { key }, edits, isPreferred: preferred });

const RECIPES: Record<string, Recipe> = {
  'typographic-quotes': (c) => typographic(c),
  'appsettings-misspelled': (c) => misspelled(c),
  'wsgi-handler-syntax': (c) => (c.finding.args['fixed'] ? [fix('fix.replaceWith', [{ start: c.finding.start, end: c.finding.end, newText: String(c.finding.args['fixed']) }], true, { value: String(c.finding.args['fixed']) })] : []),
  'wsgi-handler-factory-not-called': (c) => [fix('fix.addCall', [{ start: c.finding.end, end: c.finding.end, newText: '()' }])],
  'wsgi-handler-instance-called': (c) => removeCall(c),
  'scriptprocessor-malformed': (c) => fixScriptProcessor(c),
  'unexpanded-placeholder': (c) => fixScriptProcessor(c).concat(rootDir(c)),
  'pythonpath-separator': (c) => fixPythonPath(c),
  'ptvsd-secret': (c) => removeSettings(c, ['WSGI_PTVSD_SECRET', 'WSGI_PTVSD_ADDRESS'], 'fix.removePtvsd'),
  'httpplatform-port-missing': (c) => fixPlatformPort(c),
  'handler-resource-type': (c) => [fix('fix.replaceWith', [{ start: c.finding.start, end: c.finding.end, newText: 'Unspecified' }], true, { value: 'Unspecified' })],
  'duplicate-collection-entry': (c) => (c.element && c.finding.messageKey === 'dup.entry' ? [fix('fix.removeDuplicate', [removeElement(c.text, c.element)])] : []),
  'django-settings-missing': (c) => djangoSettings(c),
  'restart-regex-invalid': (c) => [fix('fix.replaceWith', [{ start: c.finding.start, end: c.finding.end, newText: DEFAULT_RESTART_REGEX }], true, { value: DEFAULT_RESTART_REGEX })],
  'restart-regex-ineffective': (c) => fixSettingValue(c),
  'xml-declaration-malformed': (c) => declaration(c),
  'fastcgi-section-in-webconfig': (c) => (c.element ? [fix('fix.removeSection', [removeElement(c.text, c.element)], true, { name: c.element.name })] : []),
  'wsgi-handler-missing': (c) => wsgiHandlerMissing(c),
  'dev-server-in-production': (c) => fixSettingValue(c),
  'static-files-through-python': (c) => staticFolder(c),
};

export function fixesFor(result: CheckResult, finding: Finding, env: EditingEnv = {}): Fix[] {
  const recipe = RECIPES[finding.code];
  if (!recipe) return [];
  const text = result.text;
  return recipe({ result, finding, env, text, element: elementAt(result.model.doc, finding.start) });
}

const QUOTE_FOR: Record<number, string> = { 0x2018: "'", 0x2019: "'", 0x201a: "'", 0x201b: "'" };

function typographic(c: FixContext): Fix[] {
  const { finding: f, text } = c;
  if (f.messageKey === 'typo.quotes') {
    const edits: TextEdit[] = [{ start: f.start, end: f.start + 1, newText: '"' }];
    const last = text.charCodeAt(f.end - 1);
    if (f.end - f.start > 1 && (TYPOGRAPHIC_QUOTES.has(last) || last === 0x22)) edits.push({ start: f.end - 1, end: f.end, newText: '"' });
    else edits.push({ start: f.end, end: f.end, newText: '"' });
    return [fix('fix.straightenQuotes', edits)];
  }
  const ch = text.charCodeAt(f.start);
  if (f.messageKey === 'typo.invisibleInTag') return [fix('fix.replaceInvisible', [{ start: f.start, end: f.end, newText: ' ' }])];
  if (f.messageKey === 'typo.strayInTag') return [fix('fix.straightenQuotes', [{ start: f.start, end: f.end, newText: QUOTE_FOR[ch] ?? '"' }])];
  if (TYPOGRAPHIC_DASHES.has(ch)) return [fix('fix.replaceWith', [{ start: f.start, end: f.end, newText: '-' }], true, { value: '-' })];
  return [fix(TYPOGRAPHIC_QUOTES.has(ch) ? 'fix.removeQuote' : 'fix.removeInvisible', [{ start: f.start, end: f.end, newText: '' }])];
}

function misspelled(c: FixContext): Fix[] {
  const { finding: f, text, element: el } = c;
  if (!el) return [];
  if (f.messageKey === 'app.misspelledSection') return [fix('fix.renameTo', renameElement(text, el, 'appSettings'), true, { name: 'appSettings' })];
  if (f.messageKey === 'app.misspelledAdd') return [fix('fix.renameTo', renameElement(text, el, 'add'), true, { name: 'add' })];
  if (f.messageKey === 'app.misspelledAttribute') {
    const expected = String(f.args['expected']);
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

function djangoSettings(c: FixContext): Fix[] {
  const handler = envSetting(c.result.model, 'WSGI_HANDLER');
  if (!handler) return [];
  const module = c.env.wsgiApps?.find((a) => a.djangoSettings)?.djangoSettings ?? 'mysite.settings';
  const q = handler.keyAttr.quote === "'" ? "'" : '"';
  return [fix('fix.insertSetting', [insertLineAfter(c.text, handler.element, `<add key=${q}DJANGO_SETTINGS_MODULE${q} value=${q}${module}${q} />`)], true, { key: 'DJANGO_SETTINGS_MODULE', value: module })];
}

function wsgiHandlerMissing(c: FixContext): Fix[] {
  const { model } = c.result;
  const value = c.env.wsgiApps?.find((a) => !a.asgi)?.handler ?? 'app.app';
  const line = `<add key="WSGI_HANDLER" value="${value}" />`;
  const section = model.appSettingsSections.find((s) => !s.selfClosing && s.parent === model.configuration);
  if (section) return [fix('fix.insertSetting', [insertLastChild(c.text, section, line)], true, { key: 'WSGI_HANDLER', value })];
  if (!model.configuration || model.configuration.selfClosing) return [];
  return [fix('fix.insertSetting', [insertLastChild(c.text, model.configuration, `<appSettings>${line}</appSettings>`)], true, { key: 'WSGI_HANDLER', value })];
}

function declaration(c: FixContext): Fix[] {
  const { finding: f, text } = c;
  const good = '<?xml version="1.0" encoding="utf-8"?>';
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

function staticFolder(c: FixContext): Fix[] {
  const handler = c.result.model.handlers.find((h) => isPythonFastCgiHandler(c.result.model, h)) ?? c.result.model.handlers.find((h) => /httpplatformhandler/i.test(attr(h, 'modules')?.value ?? ''));
  const name = handler && attr(handler, 'name')?.value;
  if (!name) return [];
  const folder = String(c.finding.args['url'] ?? c.finding.args['folder'] ?? 'static');
  const content = renderStaticWebConfig(name, c.text.includes('\r\n') ? '\r\n' : '\n');
  return [{ title: { key: 'fix.createStaticConfig', args: { folder } }, edits: [], createFiles: [{ relativePath: `${folder}/web.config`, content }], isPreferred: true }];
}

