/**
 * The file access the Python-aware checks need (existence, folder listings, versions for the parse cache),
 * for Node. Never throws; listings are capped and cached by the folder's mtime; symbolic links are
 * followed one step (a broken link or a link loop is simply left out; callers bound their depth).
 */
import { readdirSync, statSync, type Dirent } from 'node:fs';
import { isAbsolute, join, normalize } from 'node:path';
import type { DirEntry, ProjectFiles } from '../core/rules/context';

const MAX_ENTRIES = 10_000;

/** Folder listings shared between checks (the extension keeps one per session). */
export class DirListingCache {
  private readonly entries = new Map<string, { mtimeMs: number; listing: DirEntry[] }>();

  get(full: string, mtimeMs: number): DirEntry[] | undefined {
    const hit = this.entries.get(full);
    return hit && hit.mtimeMs === mtimeMs ? hit.listing : undefined;
  }

  set(full: string, mtimeMs: number, listing: DirEntry[]): void {
    this.entries.set(full, { mtimeMs, listing });
  }

  clear(): void {
    this.entries.clear();
  }
}

type PythonFileAccess = Required<Omit<ProjectFiles, 'readText'>>;

export function nodePythonFiles(appFolder: string, cache?: DirListingCache): PythonFileAccess {
  const windows = process.platform === 'win32';
  const full = (path: string): string | undefined => {
    if (isAbsolute(path) || /^[A-Za-z]:/.test(path)) return windows && /^[A-Za-z]:[\\/]|^\\\\/.test(path) ? normalize(path) : undefined;
    return normalize(join(appFolder, path.replace(/\\/g, '/')));
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
      return st?.isFile() ? `${st.mtimeMs}:${st.size}` : undefined;
    },
    absolute: (path) => full(path),
    windowsPaths: windows,
  };
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
