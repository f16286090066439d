/**
 * The legacy CgiModule mapping of Python (`python.exe %s %s`) migrated to HttpPlatformHandler, as minimal edits:
 * the first such handler keeps its name and becomes the HttpPlatformHandler mapping (path="*", every resource), the
 * others are removed, and an <httpPlatform> starts waitress (or uvicorn) with the same python.exe. The application is
 * WSGI_HANDLER when the file has one, else the one the caller found (the Python-aware analysis, or --handler): a CGI
 * mapping names a script, not an application. When the file already has an <httpPlatform>, the CGI mapping is a
 * leftover in front of it and is only removed.
 */
import { attr, attrValue, envSetting, type WebConfig } from '../model/webConfig';
import { cgiExecutable, isPythonCgiHandler } from '../rules/cgiHandlerRules';
import { removeElement, type TextEdit } from '../editing/textEdits';
import type { XmlElement } from '../xml/types';
import { insertBlockAfter, platformLines, removeAttribute, servedHandler, settingEdits, WFASTCGI_KEYS, type MigrateOptions, type MigrateResult } from './migrateEdits';
import { handlerProblem } from './options';
import { serverArguments } from './webConfigTemplates';

/** The migration of the file's Python CgiModule handlers, or undefined when it has none. */
export function migrateCgiHandler(text: string, model: WebConfig, options: MigrateOptions): MigrateResult | undefined {
  const handlers = model.handlers.filter((h) => isPythonCgiHandler(h) && h.parent?.parent?.parent === model.configuration);
  if (!handlers.length) return undefined;
  const script = handlers.map((h) => cgiScript(attrValue(h, 'scriptProcessor') ?? '')).find(Boolean);
  const found = { from: 'cgi' as const, ...(script ? { script } : {}) };
  if (model.httpPlatforms.length) return { ok: true, edits: handlers.map((h) => removeElement(text, h)), createFiles: [], handler: '', ...found };
  const exe = handlers.map((h) => cgiExecutable(attrValue(h, 'scriptProcessor') ?? '')).find(Boolean);
  if (!exe || /%/.test(exe)) return { ok: false, problem: { key: 'migrate.cgiNoExe', args: { handler: attrValue(handlers[0]!, 'name') ?? '' } } };
  const handler = servedHandler(model) ?? options.handler?.trim();
  if (!handler) return { ok: false, problem: { key: 'migrate.cgiNoApp', args: { script: script ?? '*.py' } } };
  const bad = handlerProblem(handler);
  if (bad) return { ok: false, problem: bad };
  const settings = model.appSettings.filter((s) => s.element.parent?.parent === model.configuration);
  const djangoSettings = envSetting(model, 'DJANGO_SETTINGS_MODULE')?.value.trim();
  const logDir = (options.logDir ?? 'logs').replace(/\//g, '\\');
  const args = serverArguments({ handler, ...(options.asgi ? { asgi: true } : {}), ...(djangoSettings ? { djangoSettings } : {}) });
  const moved = settings.filter((s) => !WFASTCGI_KEYS.has(s.key.toUpperCase()));
  const [first, ...rest] = handlers as [XmlElement, ...XmlElement[]];
  const edits: TextEdit[] = [
    ...firstHandlerEdits(text, first),
    ...rest.map((h) => removeElement(text, h)),
    insertBlockAfter(text, first.parent!, platformLines(exe, args, `.\\${logDir}\\python.log`, moved, options.translate)),
    ...settingEdits(text, model.doc.comments, settings, options.translate),
  ];
  return { ok: true, edits, createFiles: [{ path: `${logDir.replace(/\\/g, '/')}/.gitkeep`, content: '' }], handler, ...found };
}

/** The script a CGI scriptProcessor names after the program (`python.exe C:\app\app.py`, or `exe|script`), not `%s`. */
export function cgiScript(scriptProcessor: string): string | undefined {
  const exe = cgiExecutable(scriptProcessor);
  if (!exe) return undefined;
  const rest = scriptProcessor.trim().replace(/^"[^"]*"/, '').slice(scriptProcessor.trim().startsWith('"') ? 0 : exe.length).replace(/^\s*\|?\s*/, '');
  const m = /^"([^"]+\.pyw?)"|^(\S+\.pyw?)(?=\s|$)/i.exec(rest);
  return m ? (m[1] ?? m[2]) : undefined;
}

/** CgiModule → httpPlatformHandler, scriptProcessor removed, path="*" and resourceType="Unspecified" (every URL is the app's). */
function firstHandlerEdits(text: string, h: XmlElement): TextEdit[] {
  const edits: TextEdit[] = [];
  const modules = attr(h, 'modules')!;
  edits.push({ start: modules.valueStart, end: modules.valueEnd, newText: 'httpPlatformHandler' });
  const sp = attr(h, 'scriptProcessor');
  if (sp) edits.push(removeAttribute(text, sp));
  const path = attr(h, 'path');
  if (path && path.value.trim() !== '*') edits.push({ start: path.valueStart, end: path.valueEnd, newText: '*' });
  const rt = attr(h, 'resourceType');
  if (rt && rt.value.trim().toLowerCase() !== 'unspecified') edits.push({ start: rt.valueStart, end: rt.valueEnd, newText: 'Unspecified' });
  return edits;
}
