/**
 * The WSGI applications a project defines, best first: what WSGI_HANDLER could name. One entry per application
 * object: the spellings of the same object (`routes.app` importing `apps.app`, `run.app = create_app()`) are one
 * candidate, named through the module whose import registers the app's routes (the one IIS must load).
 */
import type { ProjectFiles } from '../rules/context';
import { appIdentity, projectModules, routeCoverage, RouteIndex } from './appIdentity';
import { readEnvironment } from './environment';
import { Evaluator, type Value } from './evaluate';
import type { PythonSupport } from './moduleCache';
import { toSlashes } from './paths';
import { hasPythonAccess, PythonProject, type ProjectModule } from './project';
import { moduleNames, srcLayoutRoot } from './projectModules';
import { relevantModules } from './relevantModules';
import type { Span } from './summary';

export interface WsgiAppCandidate {
  /** The WSGI_HANDLER value: `app.app`, `myapp.create_app()`, `django.core.wsgi.get_wsgi_application()`. */
  handler: string;
  kind: 'instance' | 'factory' | 'django';
  framework: string;
  /** The defining file, relative to the application folder, and the span of the definition in it. */
  file: string;
  span: Span;
  /** Absolute path of `file`, when the file access knows it. */
  path?: string;
  /** Django: the settings module for DJANGO_SETTINGS_MODULE. */
  settingsModule?: string;
  /** Set on ASGI applications (FastAPI, Starlette...), listed only with `{ asgi: true }`: served by uvicorn, never by wfastcgi. */
  asgi?: true;
  /** Other spellings of the same object (`apps.app` for `routes.app`). */
  aliases?: string[];
  /** Folders (relative to the application folder) the handler needs on PYTHONPATH: `src` in a src layout. */
  pythonPath?: string[];
  /** Modules that register the app's routes when imported, and those importing the handler's module never runs. */
  routes?: { modules: string[]; missing: string[]; aliasMissing?: Record<string, string[]> };
}

/** A factory wfastcgi cannot call: `create_app(store)` has a required parameter and `()` passes nothing. */
export interface SkippedApp {
  handler: string;
  framework: string;
  file: string;
  span: Span;
  params: string;
}

export interface AppAnalysis {
  apps: WsgiAppCandidate[];
  skipped: SkippedApp[];
}

const PREFERRED_MODULES = ['app', 'wsgi', 'application', 'main', 'server', 'run', 'web', 'startup', 'webapp'];
/** Spellings whose route coverage is computed (the best-scored ones): a bound for projects importing the app everywhere. */
const MAX_SPELLINGS = 40;

export function listWsgiApps(files: ProjectFiles, support: PythonSupport, options: { pythonPath?: string[]; asgi?: boolean } = {}): WsgiAppCandidate[] {
  return analyseApps(files, support, options).apps;
}

interface Spelling {
  c: WsgiAppCandidate;
  identity: string;
  module: ProjectModule;
  runsServer: boolean;
  /** Identities of the applications this one is built from (`DispatcherMiddleware(front, {'/api': api})`). */
  wraps: string[];
}

export function analyseApps(files: ProjectFiles, support: PythonSupport, options: { pythonPath?: string[]; asgi?: boolean } = {}): AppAnalysis {
  if (!hasPythonAccess(files)) return { apps: [], skipped: [] };
  const env = readEnvironment(files);
  const given = (options.pythonPath ?? []).map(toSlashes);
  let project = new PythonProject(files, support, given, env);
  const src = srcLayoutRoot(project);
  if (src) project = new PythonProject(files, support, [...given, src], env);
  const evaluator = new Evaluator(project);
  const modules = relevantModules(project, evaluator, projectModules(project, moduleNames(project)));
  const spellings: Spelling[] = [];
  const skipped: SkippedApp[] = [];
  for (const module of modules) candidatesIn(project, evaluator, module, spellings, skipped, options.asgi === true, src);
  const routes = new RouteIndex(evaluator, modules);
  const groups = new Map<string, Spelling[]>();
  for (const s of spellings) groups.set(s.identity, [...(groups.get(s.identity) ?? []), s]);
  const wrapped = new Set(spellings.flatMap((s) => s.wraps.filter((w) => w !== s.identity)));
  const apps = [...groups.values()].filter((g) => !wrapped.has(g[0]!.identity)).map((g) => best(project, routes, g));
  return { apps: apps.sort((a, b) => rank(a) - rank(b) || a.handler.localeCompare(b.handler)), skipped };
}

/** The spelling IIS should load: the one whose import registers most routes, never one that starts a server, then the usual names. */
function best(project: PythonProject, routes: RouteIndex, group: Spelling[]): WsgiAppCandidate {
  const sorted = [...group].sort((a, b) => Number(a.runsServer) - Number(b.runsServer) || score(a.c) - score(b.c));
  const routeModules = group[0]!.c.kind === 'django' ? [] : routes.modules(group[0]!.identity);
  let chosen = sorted[0]!;
  let missing: ProjectModule[] | undefined;
  const aliasMissing: Record<string, string[]> = {};
  for (const s of routeModules.length ? sorted.slice(0, MAX_SPELLINGS) : []) {
    const m = routeCoverage(project, s.module.name, routeModules).missing;
    aliasMissing[s.c.handler] = m.map((x) => x.name);
    if (missing === undefined || m.length < missing.length) {
      chosen = s;
      missing = m;
    }
  }
  missing ??= [];
  const aliases = [...new Set(group.filter((s) => s.c.handler !== chosen.c.handler).map((s) => s.c.handler))];
  delete aliasMissing[chosen.c.handler];
  return {
    ...chosen.c,
    ...(aliases.length ? { aliases } : {}),
    ...(routeModules.length ? { routes: { modules: routeModules.map((m) => m.name), missing: missing.map((m) => m.name), ...(Object.keys(aliasMissing).length ? { aliasMissing } : {}) } } : {}),
  };
}

function candidatesIn(project: PythonProject, evaluator: Evaluator, module: ProjectModule, out: Spelling[], skipped: SkippedApp[], asgi: boolean, src: string | undefined): void {
  const summary = project.summary(module);
  if (!summary || summary.opaque || !module.file) return;
  const path = project.files.absolute?.(module.file);
  const runsServer = summary.runCalls.length > 0;
  const pythonPath = src && module.file.startsWith(`${src}/`) ? { pythonPath: [src] } : {};
  for (const name of summary.names) {
    const b = summary.bindings[name]!;
    if (b.kind !== 'assign' && b.kind !== 'def' && b.kind !== 'from-import') continue;
    const value: Value = b.kind === 'from-import' ? evaluator.bindingValue(module, b) : { kind: 'binding', module, binding: b };
    const app = evaluator.appOf(value);
    if (!app || (app.app.protocol !== 'wsgi' && !asgi)) continue;
    const fn = value.kind === 'binding' && value.binding.kind === 'def' ? value.binding.fn : undefined;
    // A factory is named where it is defined, or where its package re-exports it; an importer only uses it.
    if (!app.instance && (!fn || (b.kind === 'from-import' && module.kind !== 'package'))) continue;
    const base = { framework: app.app.framework, file: module.file, span: b.span, ...(path ? { path } : {}), ...(app.app.protocol === 'asgi' ? { asgi: true as const } : {}), ...pythonPath };
    if (!app.instance && fn && fn.required > 0) {
      if (b.kind === 'def') skipped.push({ handler: `${module.name}.${name}()`, framework: app.app.framework, file: module.file, span: b.span, params: fn.params.join(', ') });
      continue;
    }
    const identity = appIdentity(evaluator, value) ?? `${module.name}.${name}`;
    const c: WsgiAppCandidate = { ...base, handler: app.instance ? `${module.name}.${name}` : `${module.name}.${name}()`, kind: app.instance ? 'instance' : 'factory' };
    const call = b.kind === 'assign' && b.value?.kind === 'call' ? b.value.call : undefined;
    const wraps = (call?.refs ?? []).map((r) => appIdentity(evaluator, evaluator.resolveName(module, r))).filter((w): w is string => !!w);
    out.push({ c, identity, module, runsServer, wraps });
    if (app.app.framework === 'django' && app.instance && app.app.protocol === 'wsgi' && b.kind !== 'from-import') {
      const pkg = module.name.includes('.') ? module.name.slice(0, module.name.lastIndexOf('.')) : '';
      const settings = pkg && project.find(`${pkg}.settings`)?.kind === 'project' ? `${pkg}.settings` : undefined;
      const django: WsgiAppCandidate = { ...base, handler: 'django.core.wsgi.get_wsgi_application()', kind: 'django', ...(settings ? { settingsModule: settings } : {}) };
      out.push({ c: django, identity: `django:${settings ?? module.name}`, module, runsServer, wraps: [] });
    }
  }
}

/** Lower is better: shallow modules, usual module and attribute names, instances before factories. */
function score(c: WsgiAppCandidate): number {
  if (c.kind === 'django') return (c.settingsModule ?? 'a.b').split('.').length * 10 - 1;
  const parts = c.handler.split('.');
  const module = parts.slice(0, -1);
  const attr = parts[parts.length - 1]!.replace('()', '');
  let s = module.length * 10;
  if (c.kind === 'factory') s += 5;
  if (!PREFERRED_MODULES.includes(module[module.length - 1]!)) s += 3;
  if (!['app', 'application', 'create_app'].includes(attr)) s += 2;
  return s;
}

/** Applications that serve their routes first. */
function rank(c: WsgiAppCandidate): number {
  const serves = !c.routes || c.routes.missing.length < c.routes.modules.length;
  return (serves ? 0 : 1000) + score(c);
}
