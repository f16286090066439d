/**
 * The project as the interpreter will see it under wfastcgi: sys.path is the application folder, then the
 * interpreter's own library and site-packages, then the PYTHONPATH entries. Module lookup follows importlib's
 * path finder: per folder a package (`a/__init__.py`) before a module (`a.py`) before a namespace portion
 * (a folder without `__init__.py`); namespace portions are merged across folders; names are case-sensitive.
 * One instance per check: folder listings and lookups are memoised; summaries come from the shared cache.
 */
import type { DirEntry, InstalledModules, ProjectFiles } from '../rules/context';
import type { Environment } from './environment';
import type { PythonSupport } from './moduleCache';
import { joinPath } from './paths';
import { STDLIB_MODULES } from './stdlib';
import type { ImportRef, ModuleSummary } from './summary';

export interface ProjectModule {
  /** The dotted module name. */
  name: string;
  kind: 'module' | 'package' | 'namespace' | 'compiled';
  /** The source file: `a/b.py` or `a/b/__init__.py` (none for namespace packages and compiled modules). */
  file?: string;
  /** A package's search path (`__path__`). */
  dirs: string[];
}

export type ModuleLocation =
  | { kind: 'project'; module: ProjectModule }
  | { kind: 'external'; name: string; reason: 'stdlib' | 'site-packages' | 'declared' | 'installed' };

export type PythonFiles = ProjectFiles & Required<Pick<ProjectFiles, 'isFile' | 'isDirectory' | 'listDir'>>;

export function hasPythonAccess(files: ProjectFiles | undefined): files is PythonFiles {
  return !!files && typeof files.listDir === 'function' && typeof files.isFile === 'function' && typeof files.isDirectory === 'function';
}

const COMPILED = /^[^.]+\.(?:[\w-]+\.)?(pyd|so)$|^[^.]+\.pyc$/;

export class PythonProject {
  private readonly listings = new Map<string, Map<string, DirEntry['kind']> | undefined>();
  /** The adapter's listing arrays as returned: an unchanged folder gives the same array again (see projectWitness.ts). */
  readonly rawListings = new Map<string, DirEntry[] | undefined>();
  private readonly links = new Set<string>();
  readonly found = new Map<string, ModuleLocation | undefined>();
  /** The summaries fetched in this check, by file, with a module naming that file. */
  readonly summaries = new Map<string, ModuleSummary>();
  readonly summaryModules = new Map<string, ProjectModule>();

  constructor(
    readonly files: PythonFiles,
    readonly support: PythonSupport,
    /** PYTHONPATH folders that can be looked up here, in order. */
    readonly pathRoots: string[],
    readonly env: Environment,
    /** The interpreter's verdicts on top-level modules, when one may be asked. */
    readonly installed?: InstalledModules,
  ) {}

  listDir(dir: string): Map<string, DirEntry['kind']> | undefined {
    if (!this.listings.has(dir)) {
      const entries = this.files.listDir(dir);
      this.rawListings.set(dir, entries);
      this.listings.set(dir, entries && new Map(entries.map((e) => [e.name, e.kind])));
      for (const e of entries ?? []) if (e.link) this.links.add(joinPath(dir, e.name));
    }
    return this.listings.get(dir);
  }

  /** Whether a listed path was reached through a symbolic link. */
  isLink(path: string): boolean {
    return this.links.has(path);
  }

  /** Where `import <dotted>` finds its module, or undefined when it raises ModuleNotFoundError. */
  find(dotted: string): ModuleLocation | undefined {
    if (!this.found.has(dotted)) this.found.set(dotted, this.lookup(dotted));
    return this.found.get(dotted);
  }

  private lookup(dotted: string): ModuleLocation | undefined {
    const dot = dotted.lastIndexOf('.');
    if (dot < 0) return this.findTop(dotted);
    const parent = this.find(dotted.slice(0, dot));
    if (!parent || parent.kind === 'external') return parent && { ...parent, name: dotted };
    if (parent.module.kind !== 'package' && parent.module.kind !== 'namespace') return undefined;
    const module = this.findIn(parent.module.dirs, dotted.slice(dot + 1), dotted);
    return module && { kind: 'project', module };
  }

  private findTop(name: string): ModuleLocation | undefined {
    const local = this.findIn(['.'], name, name);
    if (local && local.kind !== 'namespace') return { kind: 'project', module: local };
    if (STDLIB_MODULES.has(name)) return { kind: 'external', name, reason: 'stdlib' };
    if (this.env.sitePackages.has(name)) return { kind: 'external', name, reason: 'site-packages' };
    if (this.installed?.installed(name) === true) return { kind: 'external', name, reason: 'installed' };
    const portions = local ? [...local.dirs] : [];
    for (const root of this.pathRoots) {
      const m = this.findIn([root], name, name);
      if (m && m.kind !== 'namespace') return { kind: 'project', module: m };
      if (m) portions.push(...m.dirs);
    }
    if (portions.length) return { kind: 'project', module: { name, kind: 'namespace', dirs: portions } };
    if (this.env.declared.has(name.toLowerCase())) return { kind: 'external', name, reason: 'declared' };
    return undefined;
  }

  /** importlib's FileFinder over `dirs`: package, then module, then namespace portions. */
  private findIn(dirs: string[], name: string, dotted: string): ProjectModule | undefined {
    const portions: string[] = [];
    for (const dir of dirs) {
      const entries = this.listDir(dir);
      if (!entries) continue;
      const sub = joinPath(dir, name);
      const isDir = entries.get(name) === 'dir';
      if (isDir && this.listDir(sub)?.get('__init__.py') === 'file') {
        return { name: dotted, kind: 'package', file: joinPath(sub, '__init__.py'), dirs: [sub] };
      }
      if (entries.get(`${name}.py`) === 'file') return { name: dotted, kind: 'module', file: joinPath(dir, `${name}.py`), dirs: [] };
      for (const [entry, kind] of entries) {
        if (kind === 'file' && entry.startsWith(`${name}.`) && COMPILED.test(entry)) return { name: dotted, kind: 'compiled', dirs: [] };
      }
      if (isDir) portions.push(sub);
    }
    return portions.length ? { name: dotted, kind: 'namespace', dirs: portions } : undefined;
  }

  /** The module's summary (cached by path and version), or undefined when it has no source file. */
  summary(module: ProjectModule): ModuleSummary | undefined {
    const file = module.file;
    if (!file) return undefined;
    let summary = this.summaries.get(file);
    if (!summary) {
      const key = this.files.absolute?.(file) ?? file;
      const files = this.files;
      const read = files.readVersioned ? () => files.readVersioned!(file) : () => ({ version: files.version?.(file), text: files.readText(file) });
      summary = this.support.cache.get(key, () => files.version?.(file), this.support.parser, read);
      this.summaries.set(file, summary);
      this.summaryModules.set(file, module);
    }
    return summary;
  }

  /** The absolute module name a (possibly relative) import in `from` refers to. */
  absoluteImport(from: ProjectModule, ref: ImportRef): string | undefined {
    if (ref.level === 0) return ref.module || undefined;
    // Summaries (and their refs) outlive a check: the answer is remembered per ref for the importing module.
    return this.importTargets(from, ref).target;
  }

  /**
   * The absolute target of an import and the `target.name` submodules `from target import name` may import.
   * Summaries (and their refs) outlive a check, so the answer is remembered per ref for the importing module:
   * the same strings every check, no re-building and re-hashing.
   */
  importTargets(from: ProjectModule, ref: ImportRef & { names?: string[] }): { target: string | undefined; subs: string[] } {
    const pkg = from.kind === 'package' || from.kind === 'namespace';
    const hit = IMPORT_TARGETS.get(ref);
    if (hit && hit.from === from.name && hit.pkg === pkg) return hit;
    const target = ref.level === 0 ? ref.module || undefined : relativeImport(from, ref);
    const entry = { from: from.name, pkg, target, subs: target ? (ref.names ?? []).map((n) => `${target}.${n}`) : [] };
    IMPORT_TARGETS.set(ref, entry);
    return entry;
  }
}

const IMPORT_TARGETS = new WeakMap<ImportRef, { from: string; pkg: boolean; target: string | undefined; subs: string[] }>();

function relativeImport(from: ProjectModule, ref: ImportRef): string | undefined {
  if (ref.level === 1) {
    const pkg = from.kind === 'package' || from.kind === 'namespace' ? from.name : from.name.slice(0, Math.max(0, from.name.lastIndexOf('.')));
    return [pkg, ref.module].filter(Boolean).join('.') || undefined;
  }
  const parts = from.name.split('.');
  if (from.kind !== 'package' && from.kind !== 'namespace') parts.pop();
  for (let i = 1; i < ref.level; i++) parts.pop();
  if (!parts.length && !ref.module) return undefined;
  return [...parts, ...(ref.module ? [ref.module] : [])].join('.') || undefined;
}
