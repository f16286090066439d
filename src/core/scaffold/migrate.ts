/**
 * "Migrate to HttpPlatformHandler": a wfastcgi web.config rewritten, as minimal edits, into the
 * HttpPlatformHandler form. The Python handler keeps its name (static folders still remove it) but runs
 * httpPlatformHandler; a new <httpPlatform> starts waitress (WSGI) or uvicorn (ASGI) on %HTTP_PLATFORM_PORT%.
 * HttpPlatformHandler does not read appSettings, so the settings the application read as environment variables
 * move to <environmentVariables>, and wfastcgi's own keys stay behind as comments. Everything else — other
 * settings, comments, indentation, quotes, line endings — is left as it was.
 */
import { renderMessage, type Translate } from '../messages';
import { envSetting, isPythonFastCgiHandler, attr, type AppSetting } from '../model/webConfig';
import { splitScriptProcessor } from '../rules/scriptProcessorRules';
import { eol, indentationAt, indentUnit, lineEnd, removeElement, type TextEdit } from '../editing/textEdits';
import { buildWebConfig } from '../model/webConfig';
import { commentSafe, escapeAttribute as x } from '../xml/escape';
import { scanXml } from '../xml/scanner';
import type { XmlAttribute, XmlElement } from '../xml/types';
import type { Problem } from './options';
import type { PlannedFile } from './plan';
import { serverArguments, STARTUP_TIME_LIMIT } from './webConfigTemplates';

export interface MigrateOptions {
  /** The application is ASGI (served by uvicorn). */
  asgi?: boolean;
  /** The stdout log folder, relative to the site (default `logs`). */
  logDir?: string;
  /** The language of the comments it writes (English by default). */
  translate?: Translate;
}

export type MigrateResult = { ok: true; edits: TextEdit[]; createFiles: PlannedFile[]; handler: string } | { ok: false; problem: Problem };

/** appSettings only wfastcgi reads: kept as comments, never passed to the application. */
const WFASTCGI_KEYS = new Set(['WSGI_HANDLER', 'WSGI_LOG', 'WSGI_RESTART_FILE_REGEX', 'WSGI_PTVSD_SECRET', 'WSGI_PTVSD_ADDRESS', 'WSGI_ALT_VIRTUALENV_HANDLER', 'WSGI_ALT_VIRTUALENV_ACTIVATE_THIS', 'APPINSIGHTS_INSTRUMENTATIONKEY']);

const fail = (key: Problem['key']): MigrateResult => ({ ok: false, problem: { key, args: {} } });

export function migrateToHttpPlatform(text: string, options: MigrateOptions = {}): MigrateResult {
  const model = buildWebConfig(scanXml(text));
  if (!model.configuration || model.doc.problems.some((p) => p.kind === 'malformed')) return fail('migrate.malformed');
  if (model.httpPlatforms.length) return fail('migrate.alreadyPlatform');
  const handlers = model.handlers.filter((h) => isPythonFastCgiHandler(model, h) && h.parent?.parent?.parent === model.configuration);
  const exe = handlers.map((h) => splitScriptProcessor(attr(h, 'scriptProcessor')?.value ?? '')?.exe.trim().replace(/^"|"$/g, '')).find(Boolean);
  if (!handlers.length || !exe) return fail('migrate.noHandler');
  const handler = servedHandler(model);
  if (!handler) return fail('migrate.noWsgiHandler');
  const settings = model.appSettings.filter((s) => s.element.parent?.parent === model.configuration);
  const djangoSettings = envSetting(model, 'DJANGO_SETTINGS_MODULE')?.value.trim();
  const logDir = (options.logDir ?? 'logs').replace(/\//g, '\\');
  const args = serverArguments({ handler, ...(options.asgi ? { asgi: true } : {}), ...(djangoSettings ? { djangoSettings } : {}) });
  const moved = settings.filter((s) => !WFASTCGI_KEYS.has(s.key.toUpperCase()));
  const platform = platformLines(exe, args, `.\\${logDir}\\python.log`, moved, options.translate);
  const edits = [
    ...handlers.flatMap((h) => handlerEdits(text, h)),
    insertBlockAfter(text, handlers[0]!.parent!, platform),
    ...settingEdits(text, model.doc.comments, settings, options.translate),
  ];
  return { ok: true, edits, createFiles: [{ path: `${logDir.replace(/\\/g, '/')}/.gitkeep`, content: '' }], handler };
}

/** The application wfastcgi serves: WSGI_HANDLER, or the real one behind PTVS's virtualenv proxy. */
function servedHandler(model: ReturnType<typeof buildWebConfig>): string | undefined {
  const value = envSetting(model, 'WSGI_HANDLER')?.value.trim();
  const alt = envSetting(model, 'WSGI_ALT_VIRTUALENV_HANDLER')?.value.trim();
  return value?.startsWith('ptvs_virtualenv_proxy.') && alt ? alt : value || undefined;
}

/** modules="FastCgiModule" → "httpPlatformHandler"; scriptProcessor (with the space before it) removed. */
function handlerEdits(text: string, h: XmlElement): TextEdit[] {
  const edits: TextEdit[] = [];
  const modules = attr(h, 'modules')!;
  edits.push({ start: modules.valueStart, end: modules.valueEnd, newText: 'httpPlatformHandler' });
  const sp = attr(h, 'scriptProcessor');
  if (sp) edits.push(removeAttribute(text, sp));
  return edits;
}

function removeAttribute(text: string, a: XmlAttribute): TextEdit {
  let start = a.nameStart;
  while (start > 0 && /\s/.test(text[start - 1]!)) start--;
  return { start, end: a.valueEnd + 1, newText: '' };
}

type Line = [depth: number, text: string];

function platformLines(exe: string, args: string, logFile: string, moved: AppSetting[], translate?: Translate): Line[] {
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
function insertBlockAfter(text: string, el: XmlElement, lines: Line[]): TextEdit {
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
function settingEdits(text: string, comments: { start: number; end: number }[], settings: AppSetting[], translate?: Translate): TextEdit[] {
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
