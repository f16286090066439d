/**
 * The file access the Python-aware checks need (existence, folder listings, versions for the parse cache),
 * for Node. Never throws; listings are capped and cached by the folder's mtime; symbolic links are
 * followed one step (a broken link or a link loop is simply left out; callers bound their depth).
 */
import { readdirSync, statSync, type Dirent, type Stats } from 'node:fs';
import { isAbsolute, join, normalize, sep } from 'node:path';
import { isRemoteOrDevicePath } from '../../core/host/hostPaths';
import type { DirEntry, ProjectFiles } from '../../core/rules/context';

const MAX_ENTRIES = 10_000;
/** A relative path of plain names separated by single `/`: no `.`/`..` segments, no backslashes, nothing to normalise. */
const PLAIN = /^(?!\.\.?(?:\/|$))[^/\\:]+(?:\/(?!\.\.?(?:\/|$))[^/\\:]+)*$/;

/** Folder listings shared between checks (the extension keeps one per session). */
export class DirListingCache {
  private readonly entries = new Map<string, { mtimeMs: number; listing: DirEntry[] }>();
  private readonly fullPaths = new Map<string, Map<string, string | undefined>>();

  /**
   * Full paths by app folder and relative path, kept between checks: the same string objects every check, so
   * the parse cache's lookups by full path do not build and hash new strings for every module.
   */
  pathsOf(appFolder: string): Map<string, string | undefined> {
    let paths = this.fullPaths.get(appFolder);
    if (!paths) this.fullPaths.set(appFolder, (paths = new Map()));
    return paths;
  }

  get(full: string, mtimeMs: number): DirEntry[] | undefined {
    const hit = this.entries.get(full);
    return hit && hit.mtimeMs === mtimeMs ? hit.listing : undefined;
  }

  set(full: string, mtimeMs: number, listing: DirEntry[]): void {
    this.entries.set(full, { mtimeMs, listing });
  }

  clear(): void {
    this.entries.clear();
    this.fullPaths.clear();
  }
}

type PythonFileAccess = Required<Omit<ProjectFiles, 'readText' | 'readVersioned'>>;

export function nodePythonFiles(appFolder: string, cache?: DirListingCache): PythonFileAccess {
  const windows = process.platform === 'win32';
  const base = normalize(appFolder);
  const prefix = base === '.' ? '' : base.endsWith(sep) ? base : base + sep;
  const resolved = cache?.pathsOf(appFolder) ?? new Map<string, string | undefined>();
  const resolve = (path: string): string | undefined => {
    // A UNC or device path (`\\host\share`) is never touched: even a stat hands that host our credentials.
    if (isRemoteOrDevicePath(path)) return undefined;
    if (isAbsolute(path) || /^[A-Za-z]:/.test(path)) return windows && /^[A-Za-z]:[\\/]/.test(path) ? normalize(path) : undefined;
    // The core's own paths (`a/b/c.py`) need no normalising: the common case, without path.join's cost.
    if (PLAIN.test(path)) return prefix + (windows ? path.replace(/\//g, '\\') : path);
    return normalize(join(appFolder, path.replace(/\\/g, '/')));
  };
  /** Memoised (per session with a listing cache): the module cache asks for a file's key and its version, both by full path. */
  const full = (path: string): string | undefined => {
    let f = resolved.get(path);
    if (f === undefined && !resolved.has(path)) resolved.set(path, (f = resolve(path)));
    return f;
  };
  const stat = (path: string) => {
    const f = full(path);
    try {
      return f === undefined ? undefined : statSync(f, { throwIfNoEntry: false });
    } catch {
      return undefined;
    }
  };
  return {
    isFile: (path) => stat(path)?.isFile() ?? false,
    isDirectory: (path) => stat(path)?.isDirectory() ?? false,
    listDir: (path) => {
      const f = full(path);
      const st = stat(path);
      if (f === undefined || !st?.isDirectory()) return undefined;
      const cached = cache?.get(f, st.mtimeMs);
      if (cached) return cached;
      const listing = readListing(f);
      if (listing && cache) cache.set(f, st.mtimeMs, listing);
      return listing;
    },
    version: (path) => {
      const st = stat(path);
      return st?.isFile() ? fileVersion(st) : undefined;
    },
    absolute: (path) => full(path),
    windowsPaths: windows,
  };
}

/** The version token of a file (ProjectFiles.version): its mtime and size. */
export function fileVersion(st: Stats): string {
  return `${st.mtimeMs}:${st.size}`;
}

function readListing(dir: string): DirEntry[] | undefined {
  let dirents: Dirent[];
  try {
    dirents = readdirSync(dir, { withFileTypes: true });
  } catch {
    return undefined;
  }
  const out: DirEntry[] = [];
  for (const d of dirents.slice(0, MAX_ENTRIES)) {
    if (d.isDirectory()) out.push({ name: d.name, kind: 'dir' });
    else if (d.isFile()) out.push({ name: d.name, kind: 'file' });
    else if (d.isSymbolicLink()) {
      try {
        const st = statSync(join(dir, d.name));
        if (st.isDirectory() || st.isFile()) out.push({ name: d.name, kind: st.isDirectory() ? 'dir' : 'file', link: true });
      } catch {
        // broken link or link loop (ELOOP): left out
      }
    }
  }
  return out;
}
