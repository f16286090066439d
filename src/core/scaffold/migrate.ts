/**
 * "Migrate to HttpPlatformHandler": a wfastcgi web.config rewritten, as minimal edits, into the
 * HttpPlatformHandler form. The Python handler keeps its name (static folders still remove it) but runs
 * httpPlatformHandler; a new <httpPlatform> starts waitress (WSGI) or uvicorn (ASGI) on %HTTP_PLATFORM_PORT%.
 * HttpPlatformHandler does not read appSettings, so the settings the application read as environment variables
 * move to <environmentVariables>, and wfastcgi's own keys stay behind as comments. Everything else — other
 * settings, comments, indentation, quotes, line endings — is left as it was.
 */
import { envSetting, isPythonFastCgiHandler, attr } from '../model/webConfig';
import { splitScriptProcessor } from '../rules/scriptProcessorRules';
import type { TextEdit } from '../editing/textEdits';
import { buildWebConfig } from '../model/webConfig';
import { scanXml } from '../xml/scanner';
import type { XmlElement } from '../xml/types';
import { migrateCgiHandler } from './migrateCgi';
import { insertBlockAfter, platformLines, removeAttribute, servedHandler, settingEdits, WFASTCGI_KEYS, type MigrateOptions, type MigrateResult } from './migrateEdits';
import type { Problem } from './options';
import { serverArguments } from './webConfigTemplates';

export type { MigrateOptions, MigrateResult } from './migrateEdits';

const fail = (key: Problem['key']): MigrateResult => ({ ok: false, problem: { key, args: {} } });

export function migrateToHttpPlatform(text: string, options: MigrateOptions = {}): MigrateResult {
  const model = buildWebConfig(scanXml(text));
  if (!model.configuration || model.doc.problems.some((p) => p.kind === 'malformed')) return fail('migrate.malformed');
  const handlers = model.handlers.filter((h) => isPythonFastCgiHandler(model, h) && h.parent?.parent?.parent === model.configuration);
  if (!handlers.length) {
    const cgi = migrateCgiHandler(text, model, options);
    if (cgi) return cgi;
  }
  if (model.httpPlatforms.length) return fail('migrate.alreadyPlatform');
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
  return { ok: true, edits, createFiles: [{ path: `${logDir.replace(/\\/g, '/')}/.gitkeep`, content: '' }], handler, from: 'wfastcgi' };
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

