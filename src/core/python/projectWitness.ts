/**
 * Answers over the whole project kept between checks. A PythonProject lives for one check, but following the
 * imports of 2,000 modules again after one file changed costs more than a warm check may take. Everything such
 * an answer depends on is a function of three inputs, recorded as its witness when it is computed:
 *   - the folder listings (the adapter hands back the same array for an unchanged folder),
 *   - the module summaries (the parse cache hands back the same object for an unchanged file),
 *   - the lookups of top-level names (stdlib, site-packages, declared and installed verdicts, PYTHONPATH).
 * Every deeper `find` is determined by its parent's and the listings. The witness is a superset (all the check had
 * used by then), so a later check that sees the same inputs gets the same answer; anything else recomputes.
 */
import type { DirEntry } from '../rules/context';
import type { PythonModuleCache } from './moduleCache';
import type { ModuleLocation, ProjectModule, PythonProject } from './project';
import type { ModuleSummary } from './summary';

interface Witness {
  listings: [string, DirEntry[] | undefined][];
  tops: [string, ModuleLocation | undefined][];
  summaries: [ProjectModule, ModuleSummary][];
}

interface Entry {
  witness: Witness;
  value: unknown;
  same?: SameFor;
}

/** A handful of answers per parse cache (handler module, entries): a bound, not a tuning knob. */
const MAX_ENTRIES = 32;
const STORE = new WeakMap<PythonModuleCache, Map<string, Entry>>();

/** Whether two summaries of one file give `compute` the same answer (by default: only the same object does). */
export type SameFor = (a: ModuleSummary, b: ModuleSummary) => boolean;

/**
 * `compute()`'s answer for `name`, reused from an earlier check when nothing it could depend on changed. `same`
 * may say a re-parsed file's new summary is as good as the old one for a computation that reads only part of it.
 */
export function acrossChecks<T>(project: PythonProject, name: string, compute: () => T, same?: SameFor | (() => SameFor | undefined)): T {
  const cache = project.support.cache;
  let store = STORE.get(cache);
  if (!store) STORE.set(cache, (store = new Map()));
  const key = `${project.files.absolute?.('.') ?? ''}\0${project.pathRoots.join('\0')}\0${name}`;
  const hit = store.get(key);
  if (hit && holds(project, hit.witness, hit.same)) return hit.value as T;
  const value = compute();
  if (store.size >= MAX_ENTRIES && !store.has(key)) store.clear();
  // A getter is asked after computing: what the computation turned out to read.
  store.set(key, { witness: witnessOf(project), value, same: same?.length === 0 ? (same as () => SameFor | undefined)() : (same as SameFor | undefined) });
  return value;
}

function witnessOf(project: PythonProject): Witness {
  const tops: [string, ModuleLocation | undefined][] = [];
  for (const [name, loc] of project.found) if (!name.includes('.')) tops.push([name, loc]);
  const summaries: [ProjectModule, ModuleSummary][] = [];
  for (const [file, summary] of project.summaries) summaries.push([project.summaryModules.get(file)!, summary]);
  return { listings: [...project.rawListings], tops, summaries };
}

function holds(project: PythonProject, w: Witness, same: SameFor | undefined): boolean {
  for (const [dir, entries] of w.listings) {
    project.listDir(dir);
    if (project.rawListings.get(dir) !== entries) return false;
  }
  for (const [name, loc] of w.tops) if (!sameLocation(project.find(name), loc)) return false;
  for (const [module, summary] of w.summaries) {
    const now = project.summary(module);
    if (now !== summary && !(now && same?.(now, summary))) return false;
  }
  return true;
}

function sameLocation(a: ModuleLocation | undefined, b: ModuleLocation | undefined): boolean {
  if (!a || !b) return a === b;
  if (a.kind === 'external') return b.kind === 'external' && a.reason === b.reason && a.name === b.name;
  if (b.kind === 'external') return false;
  const m = a.module;
  const n = b.module;
  return m.name === n.name && m.kind === n.kind && m.file === n.file && m.dirs.join('\0') === n.dirs.join('\0');
}

/** The same imports (what following imports reads: opacity and each import's module, level and names). */
export function sameImports(a: ModuleSummary, b: ModuleSummary): boolean {
  if (a.opaque !== b.opaque || a.imports.length !== b.imports.length) return false;
  return a.imports.every((r, i) => {
    const s = b.imports[i]!;
    return r.module === s.module && r.level === s.level && (r.names ?? []).join('\0') === (s.names ?? []).join('\0') && (r.names === undefined) === (s.names === undefined);
  });
}

/** The same imports with the same statements' spans and guards, and the same syntax verdict. */
export function sameImportStatements(a: ModuleSummary, b: ModuleSummary): boolean {
  if (a.syntaxError !== b.syntaxError || !sameImports(a, b)) return false;
  return a.imports.every((r, i) => {
    const s = b.imports[i]!;
    return r.guarded === s.guarded && r.span?.start === s.span?.start && r.span?.end === s.span?.end;
  });
}
