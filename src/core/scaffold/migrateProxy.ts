/**
 * "Migrate to the reverse-proxy bridge": a wfastcgi or HttpPlatformHandler web.config rewritten, as minimal edits,
 * for IIS (URL Rewrite + ARR) in front of a Python Windows service. The Python handler goes (and <handlers> with it
 * when nothing else is left in it), so does <httpPlatform>; the generated rules (static files, then the proxy rule
 * with its X-Forwarded-* server variables) are added to <rewrite><rules> (created as the last child of
 * <system.webServer> when there is none). What the application read from the environment (appSettings under
 * wfastcgi, <environmentVariables> under HttpPlatformHandler) moves to the service definition; wfastcgi's own keys
 * stay behind as comments. The service definition (WinSW) and the wrapper module are new files; the user's modules
 * are never edited. Everything else (comments, indentation, quotes, line endings) is left as it was.
 */
import { indentationAt, indentUnit, insertLastChild, removeElement, type TextEdit } from '../editing/textEdits';
import { attr, attrValue, buildWebConfig, children, envSetting, isHttpPlatformHandler, isPythonFastCgiHandler, type AppSetting, type WebConfig } from '../model/webConfig';
import { proxyRuleElements } from '../rules/proxyRules';
import { splitScriptProcessor } from '../rules/scriptProcessorRules';
import { commentSafe, escapeAttribute as x } from '../xml/escape';
import { scanXml } from '../xml/scanner';
import type { XmlElement } from '../xml/types';
import { isHostAbsolute, joinHost } from '../host/hostPaths';
import type { MigrateResult } from './migrate';
import type { DeployOptions, Problem } from './options';
import { planDeployment } from './plan';
import { proxyRules } from './proxyTemplates';

export interface MigrateProxyOptions {
  /** The site's name (the service is named after it). */
  name: string;
  /**
   * The site folder on the server (the service's working folder); relative paths of web.config resolve there.
   * Default: the first absolute PYTHONPATH entry of wfastcgi's settings, else C:\\inetpub\\NAME.
   */
  sitePath?: string;
  port: number;
  urlPrefix?: string;
  /** The application is ASGI (uvicorn) / a Flask app (ProxyFix); the adapter decides from the project. */
  asgi?: boolean;
  werkzeug?: boolean;
  /** A `static` folder at the site root that IIS should serve itself. */
  staticFolder?: boolean;
  logDir?: string;
  translate?: DeployOptions['translate'];
}

/** appSettings only wfastcgi reads (PYTHONPATH too: the service sets its own), kept as comments. */
const WFASTCGI_KEYS = new Set(['WSGI_HANDLER', 'WSGI_LOG', 'WSGI_RESTART_FILE_REGEX', 'WSGI_PTVSD_SECRET', 'WSGI_PTVSD_ADDRESS', 'WSGI_ALT_VIRTUALENV_HANDLER', 'WSGI_ALT_VIRTUALENV_ACTIVATE_THIS', 'APPINSIGHTS_INSTRUMENTATIONKEY', 'PYTHONPATH']);
/** Variables the service definition sets itself. */
const SERVICE_OWN = new Set(['PYTHONUNBUFFERED', 'PYTHONPATH', 'PORT', 'HTTP_PLATFORM_PORT']);

const fail = (key: Problem['key']): MigrateResult => ({ ok: false, problem: { key, args: {} } });

interface Source {
  remove: XmlElement[];
  exe: string;
  handler: string;
  asgi: boolean;
  djangoSettings?: string;
  env: [string, string][];
  settings: AppSetting[];
}

export function migrateToProxy(text: string, o: MigrateProxyOptions): MigrateResult {
  const model = buildWebConfig(scanXml(text));
  if (!model.configuration || model.doc.problems.some((p) => p.kind === 'malformed')) return fail('migrate.malformed');
  if (proxyRuleElements(model).length) return fail('migrate.alreadyProxy');
  const fromWfastcgi = wfastcgiSource(model);
  const source = fromWfastcgi ?? platformSource(model);
  if (!source) return fail('migrate.noBridge');
  if (!source.handler) return fail('migrate.noWsgiHandler');
  const ws = source.remove[0]!.parent!.parent!;
  const pythonPath = envSetting(model, 'PYTHONPATH')?.value.split(';').map((p) => p.trim()).find((p) => /^[A-Za-z]:\\/.test(p));
  const sitePath = o.sitePath ?? pythonPath ?? `C:\\inetpub\\${o.name}`;
  const edits: TextEdit[] = [...removals(text, model, source.remove), ...settingEdits(text, model, source.settings)];
  const deploy: DeployOptions = {
    name: o.name, bridge: 'proxy', staticFolder: o.staticFolder ?? false,
    app: { handler: source.handler, ...(source.asgi || o.asgi ? { asgi: true } : {}), ...(source.djangoSettings ? { djangoSettings: source.djangoSettings } : {}) },
    server: { sitePath, python: isHostAbsolute(source.exe) || /^%\w+%/.test(source.exe) ? source.exe : joinHost(sitePath, source.exe.replace(/^\.[\\/]/, '')), wfastcgi: '', logDir: o.logDir ?? 'logs' },
    proxy: { port: o.port, ...(o.urlPrefix ? { urlPrefix: o.urlPrefix } : {}), ...(o.werkzeug ? { werkzeug: true } : {}) },
    ...(o.translate ? { translate: o.translate } : {}),
  };
  edits.push(rulesEdit(text, ws, proxyRules(deploy)));
  const planned = planDeployment(deploy, { requirements: false }).files;
  const keep = (path: string) => path !== 'web.config' && path !== 'DEPLOY.md' && !path.startsWith('.vscode/');
  const createFiles = planned.filter((f) => keep(f.path)).map((f) => (f.path.startsWith('service/') ? { ...f, content: withEnv(f.content, source.env) } : f));
  return { ok: true, edits, createFiles, handler: source.handler, from: fromWfastcgi ? 'wfastcgi' : 'httpplatform' };
}

function wfastcgiSource(model: WebConfig): Source | undefined {
  const handlers = model.handlers.filter((h) => isPythonFastCgiHandler(model, h) && h.parent?.parent?.parent === model.configuration);
  const exe = handlers.map((h) => splitScriptProcessor(attr(h, 'scriptProcessor')?.value ?? '')?.exe.trim().replace(/^"|"$/g, '')).find(Boolean);
  if (!handlers.length || !exe) return undefined;
  const value = envSetting(model, 'WSGI_HANDLER')?.value.trim();
  const alt = envSetting(model, 'WSGI_ALT_VIRTUALENV_HANDLER')?.value.trim();
  const handler = (value?.startsWith('ptvs_virtualenv_proxy.') && alt ? alt : value) ?? '';
  const settings = model.appSettings.filter((s) => s.element.parent?.parent === model.configuration);
  const djangoSettings = envSetting(model, 'DJANGO_SETTINGS_MODULE')?.value.trim();
  const env = settings.filter((s) => !WFASTCGI_KEYS.has(s.key.toUpperCase()) && !SERVICE_OWN.has(s.key.toUpperCase()) && s.key.toUpperCase() !== 'DJANGO_SETTINGS_MODULE').map((s): [string, string] => [s.key, s.value]);
  return { remove: handlers, exe, handler, asgi: false, ...(djangoSettings ? { djangoSettings } : {}), env, settings };
}

/** `-m waitress ... pkg.mod:app` / `-m uvicorn pkg.mod:app ...` / `manage.py`-less Django: the app the arguments serve. */
function platformSource(model: WebConfig): Source | undefined {
  const handlers = model.handlers.filter((h) => isHttpPlatformHandler(h) && h.parent?.parent?.parent === model.configuration);
  const platform = model.httpPlatforms.find((p) => p.parent?.parent === model.configuration);
  const exe = platform && attrValue(platform, 'processPath')?.trim().replace(/^"|"$/g, '');
  if (!handlers.length || !platform || !exe) return undefined;
  const args = attrValue(platform, 'arguments') ?? '';
  const server = /-m\s+(waitress|uvicorn|hypercorn|gunicorn)\b/i.exec(args)?.[1]?.toLowerCase();
  const target = args.split(/\s+/).find((a) => /^[A-Za-z_][\w.]*:[A-Za-z_][\w.]*(\(\))?$/.test(a));
  const factory = /--call\b/.test(args);
  const handler = target ? `${target.replace(':', '.')}${factory && !target.endsWith('()') ? '()' : ''}` : '';
  const env: [string, string][] = children(platform, 'environmentVariables').flatMap((e) => children(e, 'environmentVariable'))
    .map((v): [string, string] => [attrValue(v, 'name')?.trim() ?? '', attrValue(v, 'value') ?? ''])
    .filter(([k]) => k && !SERVICE_OWN.has(k.toUpperCase()) && k.toUpperCase() !== 'DJANGO_SETTINGS_MODULE');
  const django = children(platform, 'environmentVariables').flatMap((e) => children(e, 'environmentVariable')).find((v) => attrValue(v, 'name')?.trim().toUpperCase() === 'DJANGO_SETTINGS_MODULE');
  const djangoSettings = django && attrValue(django, 'value')?.trim();
  return { remove: [...handlers, platform], exe, handler, asgi: server === 'uvicorn' || server === 'hypercorn', ...(djangoSettings ? { djangoSettings } : {}), env, settings: [] };
}

/** The elements go; a <handlers> left with nothing (no element, no comment) goes whole. */
function removals(text: string, model: WebConfig, remove: XmlElement[]): TextEdit[] {
  const parents = new Set(remove.map((el) => el.parent!).filter((p) => p.name === 'handlers'));
  const emptied = [...parents].filter((p) => p.children.every((c) => remove.includes(c)) && !model.doc.comments.some((c) => c.start > p.start && c.end < p.end));
  return [...emptied.map((p) => removeElement(text, p)), ...remove.filter((el) => !emptied.includes(el.parent!)).map((el) => removeElement(text, el))];
}

/** wfastcgi's keys become comments in place; the others leave (the service's environment now has them). */
function settingEdits(text: string, model: WebConfig, settings: AppSetting[]): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const section of new Set(settings.map((s) => s.element.parent!))) {
    const own = settings.filter((s) => s.element.parent === section);
    const emptied = own.every((s) => !WFASTCGI_KEYS.has(s.key.toUpperCase())) && own.length === section.children.length
      && !model.doc.comments.some((c) => c.start > section.start && c.end < section.end);
    if (emptied) {
      edits.push(removeElement(text, section));
      continue;
    }
    for (const s of own) {
      if (!WFASTCGI_KEYS.has(s.key.toUpperCase())) edits.push(removeElement(text, s.element));
      else edits.push({ start: s.element.start, end: s.element.end, newText: `<!-- wfastcgi only, not read by the reverse-proxy bridge: ${commentSafe(text.slice(s.element.start, s.element.end))} -->` });
    }
  }
  return edits;
}

/** The rules appended to an existing <rewrite><rules>, or a new <rewrite> as the last child of <system.webServer>. */
function rulesEdit(text: string, ws: XmlElement, rules: string[]): TextEdit {
  const own = children(ws, 'rewrite').flatMap((r) => children(r, 'rules'))[0];
  if (own) return insertLastChild(text, own, rules);
  const unit = indentUnit(text);
  return insertLastChild(text, ws, ['<rewrite>', `${unit}<rules>`, ...rules.map((l) => `${unit}${unit}${l}`), `${unit}</rules>`, '</rewrite>']);
}

/** The WinSW definition with the application's former settings as more <env> lines, after the generated ones. */
function withEnv(xml: string, env: [string, string][]): string {
  if (!env.length) return xml;
  const lines = xml.split('\n');
  const last = lines.map((l, i) => (/^\s*<env /.test(l) ? i : -1)).filter((i) => i >= 0).pop()!;
  const indent = indentationAt(lines[last]!, lines[last]!.indexOf('<'));
  lines.splice(last + 1, 0, ...env.map(([k, v]) => `${indent}<env name="${x(k)}" value="${x(v)}" />`));
  return lines.join('\n');
}
