/**
 * Which application object a value is, whatever module it is reached through (`routes.app` and `apps.app` are
 * one Flask object; `run.app = create_app()` is what `flaskblog.create_app()` makes), and which modules register
 * its routes when imported. A module that registers routes but is never imported by the handler's module leaves
 * those routes out: the application answers 404 for them.
 */
import type { Evaluator, Value } from './evaluate';
import { executedModules } from './executedModules';
import type { ProjectModule, PythonProject } from './project';
import type { RouteUse } from './summary';

const MAX_FOLLOW = 12;

/** A stable key for the object a value is (`mod.app`), or for what a factory makes (`call:mod.create_app`). */
export function appIdentity(ev: Evaluator, v: Value, depth = 0): string | undefined {
  if (depth > MAX_FOLLOW) return undefined;
  if (v.kind === 'instance') return v.origin ? `call:${v.origin.module.name}.${v.origin.binding.name}` : undefined;
  if (v.kind !== 'binding') return undefined;
  const { module, binding: b } = v;
  if (b.kind === 'def' || b.kind === 'class') return `call:${module.name}.${b.name}`;
  if (b.kind !== 'assign') return undefined;
  if (b.value?.kind === 'name') return appIdentity(ev, ev.resolveName(module, b.value.name), depth + 1) ?? `${module.name}.${b.name}`;
  if (b.value?.kind === 'call' && !b.value.call.callee.includes('.')) {
    const callee = ev.resolveName(module, b.value.call.callee);
    if (callee.kind === 'binding' && callee.binding.kind === 'def' && callee.binding.fn?.required === 0 && ev.appOf(callee)) return `call:${callee.module.name}.${callee.binding.name}`;
  }
  return `${module.name}.${b.name}`;
}

export interface RouteSite {
  module: ProjectModule;
  use: RouteUse;
}

/** Every module-level route registration of the project, by the object it is registered on. */
export class RouteIndex {
  private readonly byIdentity = new Map<string, RouteSite[]>();

  constructor(ev: Evaluator, modules: Iterable<ProjectModule>) {
    const project = ev.project;
    for (const module of modules) {
      const summary = project.summary(module);
      if (!summary || summary.opaque || !summary.routes.length) continue;
      const seen = new Map<string, string | undefined>();
      for (const use of summary.routes) {
        if (!seen.has(use.object)) seen.set(use.object, appIdentity(ev, ev.resolveName(module, use.object)));
        const id = seen.get(use.object);
        if (!id) continue;
        const list = this.byIdentity.get(id) ?? [];
        list.push({ module, use });
        this.byIdentity.set(id, list);
      }
    }
  }

  sites(identity: string): RouteSite[] {
    return this.byIdentity.get(identity) ?? [];
  }

  /** The distinct modules registering routes on the object, in project order. */
  modules(identity: string): ProjectModule[] {
    const out = new Map<string, ProjectModule>();
    for (const s of this.sites(identity)) out.set(s.module.name, s.module);
    return [...out.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }
}

export interface RouteCoverage {
  /** Modules registering the app's routes. */
  modules: ProjectModule[];
  /** Those that importing the handler's module never executes. */
  missing: ProjectModule[];
}

/** Which of the route modules importing `moduleName` (as wfastcgi does) executes. */
export function routeCoverage(project: PythonProject, moduleName: string, routeModules: ProjectModule[]): RouteCoverage {
  if (!routeModules.length) return { modules: [], missing: [] };
  const executed = new Set(executedModules(project, moduleName).map((m) => m.name));
  return { modules: routeModules, missing: routeModules.filter((m) => !executed.has(m.name)) };
}

/** The modules of the project, found by name (for a RouteIndex). */
export function projectModules(project: PythonProject, names: string[]): ProjectModule[] {
  const out: ProjectModule[] = [];
  for (const name of names) {
    const loc = project.find(name);
    if (loc?.kind === 'project') out.push(loc.module);
  }
  return out;
}
