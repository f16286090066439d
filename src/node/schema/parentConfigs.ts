/**
 * The web.config files IIS merges into a sub-folder's: those of the parent folders, read-only and size-capped.
 * The walk stops at `stopAt` (a workspace folder, included), at a repository root (a folder with .git, included),
 * after `maxLevels` folders, or at the file system root.
 */
import { readdirSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { ParentConfig } from '../../core/check';
import { readTextFile } from '../python/projectFiles';

export const MAX_PARENT_FILE = 1024 * 1024;

export interface ParentWalk {
  stopAt?: string;
  maxLevels?: number;
}

export function parentConfigs(file: string, walk: ParentWalk = {}): ParentConfig[] {
  const out: ParentConfig[] = [];
  const stopAt = walk.stopAt ? resolve(walk.stopAt) : undefined;
  const start = dirname(resolve(file));
  let dir = start;
  if (stopAt && (dir === stopAt || relative(stopAt, dir).startsWith('..'))) return out;
  for (let level = 0; level < (walk.maxLevels ?? 8); level++) {
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
    const names = entries(dir);
    const name = names.find((n) => n.toLowerCase() === 'web.config');
    const text = name === undefined ? undefined : readTextFile(join(dir, name), MAX_PARENT_FILE);
    if (name !== undefined && text !== undefined) out.unshift({ path: join(dir, name), text, below: relative(dir, start).split(sep).join('/') });
    if (dir === stopAt || names.includes('.git')) break;
  }
  return out;
}

export function entries(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
