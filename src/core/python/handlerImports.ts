/**
 * One level further than WSGI_HANDLER itself: the project-local imports that importing the handler's module runs.
 * An import of a project module (or a relative import) that does not resolve fails wfastcgi's start-up just
 * like a wrong WSGI_HANDLER. Imports inside `try:` are left alone (an except clause may handle them); imports of
 * packages the project does not contain are the installed-package checks' business.
 */
import { appIdentity, projectModules, routeCoverage, RouteIndex, type RouteCoverage } from './appIdentity';
import { Evaluator } from './evaluate';
import { executedModules } from './executedModules';
import type { ProjectModule, PythonProject } from './project';
import { moduleNames } from './projectModules';
import { acrossChecks, sameImportStatements } from './projectWitness';
import type { HandlerResolution } from './resolveHandler';
import type { ImportRef, Span } from './summary';

export interface UnresolvedImport {
  module: ProjectModule;
  span: Span;
  reason: 'no-module' | 'no-name' | 'no-parent';
  /** The module (no-module) or name (no-name) that is missing. */
  missing: string;
  /** no-name: the module that lacks it. */
  target?: string;
}

export function unresolvedImports(project: PythonProject, moduleName: string, limit = 3): UnresolvedImport[] {
  // Without evaluating a name, the answer reads only the import statements (and the listings and lookups).
  let evaluated = false;
  const compute = () => computeUnresolved(project, moduleName, limit, () => (evaluated = true));
  return acrossChecks(project, `unresolved\0${limit}\0${moduleName}`, compute, () => (evaluated ? undefined : sameImportStatements));
}

function computeUnresolved(project: PythonProject, moduleName: string, limit: number, evaluating: () => void): UnresolvedImport[] {
  const out: UnresolvedImport[] = [];
  const ev = new Evaluator(project);
  for (const module of executedModules(project, moduleName)) {
    const summary = project.summary(module);
    if (!summary || summary.opaque || summary.syntaxError) continue;
    for (const ref of summary.imports) {
      if (ref.guarded || !ref.span) continue;
      const problem = importProblem(project, ev, module, ref, evaluating);
      if (problem) out.push({ module, span: ref.span, ...problem });
      if (out.length >= limit) return out;
    }
  }
  return out;
}

function importProblem(project: PythonProject, ev: Evaluator, module: ProjectModule, ref: ImportRef, evaluating: () => void): Omit<UnresolvedImport, 'module' | 'span'> | undefined {
  const { target } = project.importTargets(module, ref);
  if (!target) return ref.level > 0 && !module.name.includes('.') && module.kind === 'module' ? { reason: 'no-parent', missing: ref.module } : undefined;
  if (ref.level === 0 && project.find(target.split('.')[0]!)?.kind !== 'project') return undefined;
  const loc = project.find(target);
  if (!loc) return { reason: 'no-module', missing: target };
  if (loc.kind !== 'project' || loc.module.kind === 'compiled') return undefined;
  for (const name of ref.names ?? []) {
    if (project.find(`${target}.${name}`)) continue;
    evaluating();
    if (ev.attribute({ kind: 'module', module: loc.module }, name).kind === 'missing') return { reason: 'no-name', missing: name, target };
  }
  return undefined;
}

/** The app WSGI_HANDLER resolves to, the modules registering its routes, and which of them its import leaves out. */
export function handlerRoutes(project: PythonProject, r: HandlerResolution): RouteCoverage | undefined {
  if (r.module?.kind !== 'project' || r.problems.length) return undefined;
  const ev = new Evaluator(project);
  const identity = appIdentity(ev, r.final);
  if (!identity) return undefined;
  const index = new RouteIndex(ev, projectModules(project, moduleNames(project)));
  return routeCoverage(project, r.module.module.name, index.modules(identity));
}
