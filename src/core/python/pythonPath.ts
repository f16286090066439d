/** PYTHONPATH as wfastcgi reads it: `%NAME%` expanded (unknown → ''), split on `;`, empty parts dropped, not trimmed. */
import { envSetting, type AppSetting, type WebConfig } from '../model/webConfig';
import { isDriveRelative, isWindowsAbsolute, toSlashes } from './paths';

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
}

const VARIABLE = /%(\w+?)%/g;

/**
 * The entries of the PYTHONPATH setting. wfastcgi copies every appSetting into the environment first, so
 * `%KEY%` of another appSetting expands to its value; other names are the server's environment (unknown here).
 */
export function pythonPathEntries(model: WebConfig): { setting: AppSetting; entries: PythonPathEntry[] } | undefined {
  const setting = envSetting(model, 'PYTHONPATH');
  if (!setting) return undefined;
  const lookup = (name: string) => envSetting(model, name)?.value;
  const entries: PythonPathEntry[] = [];
  let offset = 0;
  for (const raw of setting.value.split(';')) {
    const start = offset;
    offset += raw.length + 1;
    if (!raw) continue;
    const expanded = expand(raw, lookup);
    for (const part of expanded === undefined ? [undefined] : expanded.split(';').filter(Boolean)) {
      entries.push({ raw, expanded: part, start, end: start + raw.length, kind: part !== undefined && (isWindowsAbsolute(part) || isDriveRelative(part)) ? 'windows' : 'relative' });
    }
  }
  return { setting, entries };
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
  if (e.expanded === undefined || isDriveRelative(e.expanded)) return undefined;
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
    if (path === undefined || roots.has(path)) continue;
    if (roots.size >= MAX_SEARCH_ROOTS) return { roots: [...roots], capped: true };
    roots.add(path);
  }
  return { roots: [...roots], capped: false };
}
