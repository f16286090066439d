/** PYTHONPATH as wfastcgi reads it: `%NAME%` expanded (unknown → ''), split on `;`, empty parts dropped, not trimmed. */
import { envSetting, type AppSetting, type WebConfig } from '../model/webConfig';
import { isDriveRelative, isWindowsAbsolute, toSlashes } from './paths';
import { mapServerPath, type ServerPathContext, type ServerPathMapping } from './serverPaths';

export interface PythonPathEntry {
  /** The entry as written (before expansion). */
  raw: string;
  /** After `%NAME%` expansion; undefined when it names a variable only the server's environment knows. */
  expanded: string | undefined;
  /** The entry's span in the decoded attribute value. */
  start: number;
  end: number;
  /** `relative`: resolved against the application folder; `windows`: an absolute Windows path. */
  kind: 'relative' | 'windows';
  /** An absolute server path in the application folder: the project-relative folder it maps to (`.`: the folder itself). */
  server?: ServerPathMapping;
}

const VARIABLE = /%(\w+?)%/g;

/**
 * The entries of the PYTHONPATH setting. wfastcgi copies every appSetting into the environment first, so
 * `%KEY%` of another appSetting expands to its value; other names are the server's environment (unknown here).
 */
export function pythonPathEntries(model: WebConfig, context: ServerPathContext = {}): { setting: AppSetting; entries: PythonPathEntry[] } | undefined {
  const setting = envSetting(model, 'PYTHONPATH');
  if (!setting) return undefined;
  return { setting, entries: parsePythonPath(setting.value, (name) => envSetting(model, name)?.value, context) };
}

/** The entries of a PYTHONPATH value; `lookup` gives the value of `%NAME%` (undefined: unknown here). */
export function parsePythonPath(value: string, lookup: (name: string) => string | undefined, context: ServerPathContext = {}): PythonPathEntry[] {
  const entries: PythonPathEntry[] = [];
  let offset = 0;
  for (const raw of value.split(';')) {
    const start = offset;
    offset += raw.length + 1;
    if (!raw) continue;
    const expanded = expand(raw, lookup);
    for (const part of expanded === undefined ? [undefined] : expanded.split(';').filter(Boolean)) {
      const windows = part === undefined ? /^%HOME%[\\/]/i.test(raw) : isWindowsAbsolute(part) || isDriveRelative(part);
      const server = windows ? mapServerPath(part, raw, context) : undefined;
      entries.push({ raw, expanded: part, start, end: start + raw.length, kind: windows ? 'windows' : 'relative', ...(server ? { server } : {}) });
    }
  }
  return entries;
}

function expand(raw: string, lookup: (name: string) => string | undefined): string | undefined {
  let unknown = false;
  const out = raw.replace(VARIABLE, (_m, name: string) => {
    const v = lookup(name);
    if (v === undefined) unknown = true;
    return v ?? '';
  });
  return unknown ? undefined : out;
}

/**
 * At most this many different PYTHONPATH folders are looked up (a real PYTHONPATH has a handful): every module
 * search visits each, so thousands of entries would make the check slow (they are reported, see pythonPathNotFound).
 */
export const MAX_SEARCH_ROOTS = 100;

/** The path an entry is looked up by here, or undefined when it cannot be looked up on this machine. */
export function lookupPath(e: PythonPathEntry, windowsPaths: boolean): string | undefined {
  // A server path in the application folder is looked up where it maps (`.`: the folder itself).
  if (e.server) return e.server.mapped;
  if (e.expanded === undefined || isDriveRelative(e.expanded) || isRemotePath(e.expanded)) return undefined;
  if (e.kind === 'windows' && !windowsPaths) return undefined;
  return e.kind === 'windows' ? e.expanded : toSlashes(e.expanded);
}

/**
 * The folders to search, in sys.path order after the application folder: entries that can be looked up here,
 * each once (a repeated entry finds nothing new), at most MAX_SEARCH_ROOTS (`capped` when some were left out).
 */
export function searchRoots(entries: PythonPathEntry[], windowsPaths: boolean): { roots: string[]; capped: boolean } {
  const roots = new Set<string>();
  for (const e of entries) {
    const path = lookupPath(e, windowsPaths);
    // The application folder itself is already first on sys.path.
    if (path === undefined || path === '.' || roots.has(path)) continue;
    if (roots.size >= MAX_SEARCH_ROOTS) return { roots: [...roots], capped: true };
    roots.add(path);
  }
  return { roots: [...roots], capped: false };
}

/** Whether an entry can be looked up here: relative, mapped to the application folder, or a Windows path on Windows. */
export function entryCheckable(e: PythonPathEntry, windowsPaths: boolean): boolean {
  if (e.server) return true;
  return e.expanded !== undefined && !isRemotePath(e.expanded) && (e.kind === 'relative' || (windowsPaths && !isDriveRelative(e.expanded)));
}

/** `\\server\share` (and device paths): never looked at from this machine (docs/security.md). */
export function isRemotePath(path: string): boolean {
  return /^[\\/]{2}/.test(path);
}

/**
 * The server's application-folder paths as written in PYTHONPATH (each entry that maps, without the part below
 * the folder), for the runner that maps them to the local folder before wfastcgi's expansion. Entries built
 * from another appSetting's `%NAME%` are left out (the runner sees them only after expansion).
 */
export function serverRoots(model: WebConfig, context: ServerPathContext): string[] {
  const roots = new Set<string>();
  for (const e of pythonPathEntries(model, context)?.entries ?? []) {
    if (!e.server || (e.raw.includes('%') && !/^%HOME%[\\/]/i.test(e.raw))) continue;
    const parts = e.raw.split(/[\\/]+/).filter(Boolean);
    const below = e.server.mapped === '.' ? 0 : e.server.mapped.split('/').length;
    roots.add(parts.slice(0, parts.length - below).join('\\'));
  }
  return [...roots];
}
