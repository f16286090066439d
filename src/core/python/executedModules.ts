/** The project modules that importing a module executes: its parent packages, and what they import, transitively. */
import type { ProjectModule, PythonProject } from './project';
import type { ImportRef } from './summary';

/** Enough for any real project; a bound so a generated monster cannot stall a check. */
export const MAX_EXECUTED_MODULES = 5000;

export function executedModules(project: PythonProject, moduleName: string): ProjectModule[] {
  const seen = new Map<string, ProjectModule>();
  const queue: ProjectModule[] = [];
  const visit = (name: string) => {
    if (seen.has(name)) return;
    const parts = name.split('.');
    for (let i = 1; i <= parts.length; i++) {
      const prefix = parts.slice(0, i).join('.');
      if (seen.has(prefix) || seen.size >= MAX_EXECUTED_MODULES) continue;
      const loc = project.find(prefix);
      if (loc?.kind !== 'project') return;
      seen.set(prefix, loc.module);
      queue.push(loc.module);
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
  const target = project.absoluteImport(module, ref);
  if (!target) return [];
  const out = [target];
  for (const name of ref.names ?? []) {
    const sub = `${target}.${name}`;
    if (project.find(sub)?.kind === 'project') out.push(sub);
  }
  return out;
}
