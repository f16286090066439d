/** The project modules that importing a module executes: its parent packages, and what they import, transitively. */
import type { ProjectModule, PythonProject } from './project';
import { acrossChecks, sameImports } from './projectWitness';
import type { ImportRef } from './summary';

/** Enough for any real project; a bound so a generated monster cannot stall a check. */
export const MAX_EXECUTED_MODULES = 5000;

/** Per check (one PythonProject), the answer for each module: several rules follow the same imports; between checks see projectWitness.ts. */
const MEMO = new WeakMap<PythonProject, Map<string, ProjectModule[]>>();

export function executedModules(project: PythonProject, moduleName: string): ProjectModule[] {
  let memo = MEMO.get(project);
  if (!memo) MEMO.set(project, (memo = new Map()));
  let hit = memo.get(moduleName);
  if (!hit) memo.set(moduleName, (hit = acrossChecks(project, `executed\0${moduleName}`, () => computeExecuted(project, moduleName), sameImports)));
  return hit;
}

function computeExecuted(project: PythonProject, moduleName: string): ProjectModule[] {
  const seen = new Map<string, ProjectModule>();
  const queue: ProjectModule[] = [];
  const visit = (name: string) => {
    if (seen.has(name)) return;
    for (let end = name.indexOf('.'); ; end = name.indexOf('.', end + 1)) {
      const prefix = end < 0 ? name : name.slice(0, end);
      if (seen.has(prefix) || seen.size >= MAX_EXECUTED_MODULES) {
        if (end < 0) break;
        continue;
      }
      const loc = project.find(prefix);
      if (loc?.kind !== 'project') return;
      seen.set(prefix, loc.module);
      queue.push(loc.module);
      if (end < 0) break;
    }
  };
  visit(moduleName);
  for (let next = 0; next < queue.length; next++) {
    const module = queue[next]!;
    const summary = project.summary(module);
    if (!summary || summary.opaque) continue;
    for (const ref of summary.imports) for (const name of importedNames(project, module, ref)) visit(name);
  }
  return [...seen.values()];
}

/** `from pkg import sub` may import the submodule pkg.sub; `import a.b` imports a and a.b. */
function importedNames(project: PythonProject, module: ProjectModule, ref: ImportRef & { names?: string[] }): string[] {
  const { target, subs } = project.importTargets(module, ref);
  if (!target) return [];
  const out = [target];
  for (const sub of subs) if (project.find(sub)?.kind === 'project') out.push(sub);
  return out;
}
