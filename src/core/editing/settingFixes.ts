/**
 * Quick fixes that add or complete an appSettings entry (WSGI_HANDLER, DJANGO_SETTINGS_MODULE), and the static
 * folder's web.config. An entry that exists with an empty value gets the value; nothing is ever added twice.
 */
import { attr, envSetting, isPythonFastCgiHandler, type AppSetting, type WebConfig } from '../model/webConfig';
import { renderStaticWebConfig } from '../scaffold/webConfigTemplates';
import { staticRewriteEdit } from './staticFixes';
import { escapeAttribute } from '../xml/escape';
import type { XmlElement } from '../xml/types';
import type { Fix, FixContext } from './fixTypes';
import { eol, insertLastChild, insertLineAfter, quoteFor, type TextEdit } from './textEdits';

const DJANGO_HANDLER = /^django\.core\.(wsgi\.get_wsgi_application|handlers\.wsgi\.WSGIHandler)\(\)$/;

const insertFix = (edits: TextEdit[], key: string, value: string): Fix => ({ title: { key: 'fix.insertSetting', args: { key, value } }, edits, isPreferred: true });

function addLine(q: string, key: string, value: string): string {
  return `<add key=${q}${key}${q} value=${q}${escapeAttribute(value, q as '"' | "'")}${q} />`;
}

/** Sets the value of an existing entry (adding `value=` when it has none). */
function setValue(text: string, s: AppSetting, value: string): TextEdit {
  const a = s.valueAttr;
  if (a && (a.quote === '"' || a.quote === "'")) return { start: a.valueStart, end: a.valueEnd, newText: escapeAttribute(value, a.quote) };
  const q = s.keyAttr.quote === "'" ? "'" : '"';
  const at = text.charAt(s.keyAttr.valueEnd) === s.keyAttr.quote ? s.keyAttr.valueEnd + 1 : s.keyAttr.valueEnd;
  return { start: at, end: at, newText: ` value=${q}${escapeAttribute(value, q)}${q}` };
}

/** The <appSettings> under <configuration> that new entries go into (the last one: later entries win). */
function targetSection(model: WebConfig): XmlElement | undefined {
  const sections = model.appSettingsSections.filter((s) => s.parent === model.configuration && !attr(s, 'configSource') && !attr(s, 'file'));
  return sections[sections.length - 1];
}

export function wsgiHandlerMissing(c: FixContext): Fix[] {
  const { model } = c.result;
  const app = c.env.wsgiApps?.find((a) => !a.asgi);
  const value = app?.handler ?? 'app.app';
  const needsSettings = DJANGO_HANDLER.test(value) && !envSetting(model, 'DJANGO_SETTINGS_MODULE')?.value.trim();
  const module = app?.djangoSettings ?? 'mysite.settings';
  const existing = envSetting(model, 'WSGI_HANDLER');
  const q = quoteFor(model.doc, existing?.element ?? targetSection(model));
  const settingsLine = addLine(q, 'DJANGO_SETTINGS_MODULE', module);
  if (existing) {
    const edits = [setValue(c.text, existing, value)];
    const djangoEntry = envSetting(model, 'DJANGO_SETTINGS_MODULE');
    if (needsSettings) edits.push(djangoEntry ? setValue(c.text, djangoEntry, module) : insertLineAfter(c.text, existing.element, settingsLine));
    return [insertFix(edits, 'WSGI_HANDLER', value)];
  }
  const lines = [addLine(q, 'WSGI_HANDLER', value)];
  const djangoEntry = needsSettings ? envSetting(model, 'DJANGO_SETTINGS_MODULE') : undefined;
  if (needsSettings && !djangoEntry) lines.push(settingsLine);
  const extra = djangoEntry ? [setValue(c.text, djangoEntry, module)] : [];
  const section = targetSection(model);
  if (section) return [insertFix([insertLastChild(c.text, section, lines), ...extra], 'WSGI_HANDLER', value)];
  if (!model.configuration) return [];
  return [insertFix([insertLastChild(c.text, model.configuration, ['<appSettings>', ...lines.map((l) => `${indentStep(c.text)}${l}`), '</appSettings>']), ...extra], 'WSGI_HANDLER', value)];
}

function indentStep(text: string): string {
  const m = /\n([ \t]+)</.exec(text);
  if (!m) return '  ';
  return m[1]!.startsWith('\t') ? '\t' : ' '.repeat(Math.min(m[1]!.length, 4));
}

export function djangoSettings(c: FixContext): Fix[] {
  const { model } = c.result;
  const handler = envSetting(model, 'WSGI_HANDLER');
  if (!handler) return [];
  const module = c.env.wsgiApps?.find((a) => a.djangoSettings)?.djangoSettings ?? 'mysite.settings';
  const existing = envSetting(model, 'DJANGO_SETTINGS_MODULE');
  if (existing) return [insertFix([setValue(c.text, existing, module)], 'DJANGO_SETTINGS_MODULE', module)];
  const q = handler.keyAttr.quote === "'" ? "'" : '"';
  return [insertFix([insertLineAfter(c.text, handler.element, addLine(q, 'DJANGO_SETTINGS_MODULE', module))], 'DJANGO_SETTINGS_MODULE', module)];
}

/** A relative folder inside the application folder (no `..`, no drive, no root), or undefined. */
export function insideFolder(path: string): string | undefined {
  const parts = path.replace(/\\/g, '/').split('/').filter((p) => p && p !== '.');
  if (!parts.length || /^[A-Za-z]:|^[\\/]/.test(path) || parts.some((p) => p === '..' || p.includes(':'))) return undefined;
  return parts.join('/');
}

export function staticFolder(c: FixContext): Fix[] {
  const { model } = c.result;
  const handler = model.handlers.find((h) => isPythonFastCgiHandler(model, h)) ?? model.handlers.find((h) => /httpplatformhandler/i.test(attr(h, 'modules')?.value ?? ''));
  const name = handler && attr(handler, 'name')?.value;
  // The web.config goes where the files are (the static folder itself), never in a folder the URL does not reach.
  const folder = insideFolder(String(c.finding.args['config'] ?? c.finding.args['url'] ?? c.finding.args['folder'] ?? 'static'));
  if (!name || !folder) return [];
  const content = renderStaticWebConfig(name, eol(c.text));
  const createFiles = [{ relativePath: `${folder}/web.config`, content }];
  if (c.finding.args['rewrite'] !== 'yes') return [{ title: { key: 'fix.createStaticConfig', args: { folder } }, edits: [], createFiles, isPreferred: true }];
  const url = String(c.finding.args['url'] ?? 'static');
  if (insideFolder(url) !== url) return [];
  const edit = staticRewriteEdit(c, url, folder, handler);
  if (!edit) return [];
  return [{ title: { key: 'fix.staticRewrite', args: { folder, url: String(c.finding.args['url'] ?? 'static') } }, edits: [edit], createFiles, isPreferred: true }];
}
