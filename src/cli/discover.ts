/** Finds web.config files under the given paths, skipping dependency and environment folders. */
import { existsSync, lstatSync, readdirSync, statSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import type { Translate } from '../core/messages';
import { outputSay } from './cliMessages';

const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', '__pycache__', '.tox', '.nox', '.mypy_cache', '.pytest_cache', 'site-packages', '.vs']);

export interface Discovery {
  files: string[];
  errors: string[];
}

export function isWebConfigName(name: string): boolean {
  return name.toLowerCase() === 'web.config';
}

export function discover(paths: string[], translate: Translate = (t) => t): Discovery {
  const say = outputSay(translate);
  const files: string[] = [];
  const errors: string[] = [];
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch (e) {
      errors.push(describe(p, e, translate));
      continue;
    }
    if (st.isDirectory() && isWebConfigName(p.split(/[\\/]/).filter(Boolean).pop() ?? '')) errors.push(say('directoryNotFile', { path: p }));
    else if (st.isDirectory()) walk(p, files, errors, translate);
    else if (st.isFile()) files.push(p);
    else errors.push(say('notRegularFile', { path: p }));
  }
  return { files: [...new Set(files)], errors };
}

function walk(root: string, files: string[], errors: string[], translate: Translate): void {
  const stack = [root];
  while (stack.length) {
    const dir = stack.pop()!;
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      errors.push(describe(dir, e, translate));
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

/** `path: why it cannot be read`, in the CLI's language. */
export function describe(path: string, e: unknown, translate: Translate = (t) => t): string {
  const say = outputSay(translate);
  const err = e as NodeJS.ErrnoException;
  if (err?.code === 'ENOENT' || err?.code === 'ENOTDIR') return say('noSuchPath', { path });
  if (err?.code === 'EACCES' || err?.code === 'EPERM') return say('permissionDenied', { path });
  if (err?.code === 'EISDIR') return say('directoryNotFile', { path });
  return `${path}: ${err?.code ?? (err instanceof Error ? err.message : String(e))}`;
}
