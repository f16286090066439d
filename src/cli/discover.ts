/** Finds web.config files under the given paths, skipping dependency and environment folders. */
import { existsSync, lstatSync, readdirSync, statSync, type Dirent } from 'node:fs';
import { join } from 'node:path';

const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', '__pycache__', '.tox', '.nox', '.mypy_cache', '.pytest_cache', 'site-packages', '.vs']);

export interface Discovery {
  files: string[];
  errors: string[];
}

export function isWebConfigName(name: string): boolean {
  return name.toLowerCase() === 'web.config';
}

export function discover(paths: string[]): Discovery {
  const files: string[] = [];
  const errors: string[] = [];
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch (e) {
      errors.push(`${p}: ${describe(e)}`);
      continue;
    }
    if (st.isDirectory() && isWebConfigName(p.split(/[\\/]/).filter(Boolean).pop() ?? '')) errors.push(`${p}: is a directory, not a web.config file`);
    else if (st.isDirectory()) walk(p, files, errors);
    else if (st.isFile()) files.push(p);
    else errors.push(`${p}: not a regular file`);
  }
  return { files: [...new Set(files)], errors };
}

function walk(root: string, files: string[], errors: string[]): void {
  const stack = [root];
  while (stack.length) {
    const dir = stack.pop()!;
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      errors.push(`${dir}: ${describe(e)}`);
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
    const found: string[] = [];
    for (const entry of entries) {
      const full = join(dir, entry.name);
      if (entry.isSymbolicLink()) {
        if (isWebConfigName(entry.name) && isFile(full)) found.push(full);
        continue;
      }
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name) && !existsSync(join(full, 'pyvenv.cfg'))) stack.push(full);
      } else if (entry.isFile() && isWebConfigName(entry.name)) found.push(full);
    }
    files.push(...found);
  }
  files.sort();
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile() && !lstatSync(path).isDirectory();
  } catch {
    return false;
  }
}

export function describe(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err?.code === 'ENOENT') return 'no such file or directory';
  if (err?.code === 'EACCES' || err?.code === 'EPERM') return 'permission denied';
  if (err?.code === 'EISDIR') return 'is a directory';
  return err?.code ?? (err instanceof Error ? err.message : String(e));
}
