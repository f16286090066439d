/**
 * The edits both migrations to HttpPlatformHandler share (from wfastcgi, migrate.ts; from CgiModule,
 * migrateCgi.ts): an attribute removed, the <httpPlatform> block inserted, appSettings moved or commented.
 */
import { renderMessage, type Translate } from '../messages';
import { envSetting, type AppSetting, type WebConfig } from '../model/webConfig';
import { eol, indentationAt, indentUnit, lineEnd, removeElement, type TextEdit } from '../editing/textEdits';
import { commentSafe, escapeAttribute as x } from '../xml/escape';
import type { XmlAttribute, XmlElement } from '../xml/types';
import type { Problem } from './options';
import type { PlannedFile } from './plan';
import { STARTUP_TIME_LIMIT } from './webConfigTemplates';

export interface MigrateOptions {
  /** The application is ASGI (served by uvicorn). */
  asgi?: boolean;
  /** The stdout log folder, relative to the site (default `logs`). */
  logDir?: string;
  /** The application (`module.attr`) when web.config names none: a CgiModule handler runs a script, not an app. */
  handler?: string;
  /** The language of the comments it writes (English by default). */
  translate?: Translate;
}

/**
 * `from`: the bridge migrated (wfastcgi, or IIS's CGI); `handler` the application now served, '' when the CGI
 * mapping is only removed (the file already runs HttpPlatformHandler). `script`: the CGI script the handler ran.
 */
export type MigrateResult =
  | { ok: true; edits: TextEdit[]; createFiles: PlannedFile[]; handler: string; from: 'wfastcgi' | 'cgi' | 'httpplatform'; script?: string }
  | { ok: false; problem: Problem };

/** appSettings only wfastcgi reads: kept as comments, never passed to the application. */
export const WFASTCGI_KEYS = new Set(['WSGI_HANDLER', 'WSGI_LOG', 'WSGI_RESTART_FILE_REGEX', 'WSGI_PTVSD_SECRET', 'WSGI_PTVSD_ADDRESS', 'WSGI_ALT_VIRTUALENV_HANDLER', 'WSGI_ALT_VIRTUALENV_ACTIVATE_THIS', 'APPINSIGHTS_INSTRUMENTATIONKEY']);

/** The application wfastcgi serves: WSGI_HANDLER, or the real one behind PTVS's virtualenv proxy. */
export function servedHandler(model: WebConfig): string | undefined {
  const value = envSetting(model, 'WSGI_HANDLER')?.value.trim();
  const alt = envSetting(model, 'WSGI_ALT_VIRTUALENV_HANDLER')?.value.trim();
  return value?.startsWith('ptvs_virtualenv_proxy.') && alt ? alt : value || undefined;
}

export function removeAttribute(text: string, a: XmlAttribute): TextEdit {
  let start = a.nameStart;
  while (start > 0 && /\s/.test(text[start - 1]!)) start--;
  return { start, end: a.valueEnd + 1, newText: '' };
}

export type Line = [depth: number, text: string];

export function platformLines(exe: string, args: string, logFile: string, moved: AppSetting[], translate?: Translate): Line[] {
  const variables: Line[] = [
    [2, '<environmentVariable name="PYTHONUNBUFFERED" value="1" />'],
    ...moved.map((s): Line => [2, `<environmentVariable name="${x(s.key)}" value="${x(s.value)}" />`]),
  ];
  return [
    [0, `<!-- ${commentSafe(renderMessage(moved.length ? 'migrate.comment.platformMoved' : 'migrate.comment.platform', {}, translate))} -->`],
    [0, `<httpPlatform processPath="${x(exe)}" arguments="${x(args)}" stdoutLogEnabled="true" stdoutLogFile="${x(logFile)}" startupTimeLimit="${STARTUP_TIME_LIMIT}">`],
    [1, '<environmentVariables>'],
    ...variables,
    [1, '</environmentVariables>'],
    [0, '</httpPlatform>'],
  ];
}

/** Lines after `el`, indented like it: on new lines when `el` ends its line, else right after it. */
export function insertBlockAfter(text: string, el: XmlElement, lines: Line[]): TextEdit {
  const nl = eol(text);
  const indent = indentationAt(text, el.start);
  const unit = indentUnit(text);
  const body = lines.map(([depth, line]) => `${indent}${unit.repeat(depth)}${line}`);
  const end = lineEnd(text, el.end);
  const restOfLine = text.slice(el.end, end);
  if (/^[ \t]*\r?\n$/.test(restOfLine)) return { start: end, end, newText: body.map((l) => l + nl).join('') };
  return { start: el.end, end: el.end, newText: body.map((l) => nl + l).join('') };
}

/**
 * wfastcgi's keys become comments in place; the others leave (they are environment variables now). A section
 * left with nothing at all (no element, no comment) is removed whole.
 */
export function settingEdits(text: string, comments: { start: number; end: number }[], settings: AppSetting[], translate?: Translate): TextEdit[] {
  const edits: TextEdit[] = [];
  const sections = [...new Set(settings.map((s) => s.element.parent!))];
  for (const section of sections) {
    const own = settings.filter((s) => s.element.parent === section);
    const emptied = own.every((s) => !WFASTCGI_KEYS.has(s.key.toUpperCase())) && own.length === section.children.length
      && !comments.some((c) => c.start > section.start && c.end < section.end);
    if (emptied) {
      edits.push(removeElement(text, section));
      continue;
    }
    for (const s of own) {
      if (!WFASTCGI_KEYS.has(s.key.toUpperCase())) edits.push(removeElement(text, s.element));
      else edits.push({ start: s.element.start, end: s.element.end, newText: `<!-- ${commentSafe(renderMessage('migrate.comment.wfastcgiOnly', { setting: text.slice(s.element.start, s.element.end) }, translate))} -->` });
    }
  }
  return edits;
}
