/**
 * Writes a scaffold plan all-or-nothing. Nothing existing is replaced unless asked (`force`), and then only after
 * a `.bak` copy was written (`x.bak`, or `x.1.bak`, `x.2.bak`... when that exists: a backup is never overwritten).
 * Phase 1 creates folders, writes every file to a temporary name next to its target and writes the backups;
 * phase 2 renames the temporaries over the targets. A failure in either phase undoes what was done (replaced
 * files get their old content back); whatever could not be undone is reported by path.
 */
import * as fs from 'node:fs';
import { dirname, join } from 'node:path';
import type { PlannedFile } from '../core/scaffold';

/** The file operations the writer uses (tests inject failures). All synchronous, all may throw. */
export interface FileOps {
  readFile(path: string): Buffer | undefined;
  isDirectory(path: string): boolean;
  listDir(path: string): string[] | undefined;
  exists(path: string): boolean;
  mkdir(path: string): void;
  writeNew(path: string, data: string | Buffer): void;
  rename(from: string, to: string): void;
  unlink(path: string): void;
  rmdir(path: string): void;
}

const attempt = <T>(fn: () => T): T | undefined => {
  try {
    return fn();
  } catch {
    return undefined;
  }
};

export const nodeFileOps: FileOps = {
  readFile: (p) => attempt(() => fs.readFileSync(p)),
  isDirectory: (p) => attempt(() => fs.statSync(p).isDirectory()) ?? false,
  listDir: (p) => attempt(() => fs.readdirSync(p)),
  exists: (p) => attempt(() => !!fs.lstatSync(p)) ?? false,
  mkdir: (p) => fs.mkdirSync(p),
  writeNew: (p, data) => fs.writeFileSync(p, data, { flag: 'wx' }),
  rename: (from, to) => fs.renameSync(from, to),
  unlink: (p) => fs.unlinkSync(p),
  rmdir: (p) => fs.rmdirSync(p),
};

export interface TargetState {
  /** The planned path (relative, `/`). */
  path: string;
  /** The absolute path written: an existing file's own spelling when only the letter case differs (Web.config). */
  target: string;
  /** The existing content, when the file exists. */
  existing?: Buffer;
}

export interface Inspection {
  targets: TargetState[];
  /** Existing files whose content differs (relative paths as planned). */
  conflicts: string[];
  /** Existing files with exactly the planned content: left alone. */
  unchanged: string[];
  /** Planned files that are folders (or otherwise unreadable) here: nothing can be written. */
  blocked: string[];
}

export type WriteResult =
  | { ok: true; written: string[]; backups: { file: string; backup: string }[]; unchanged: string[] }
  | { ok: false; reason: 'conflicts'; conflicts: string[]; unchanged: string[] }
  | { ok: false; reason: 'io'; error: string; leftBehind: string[] };

/** Where each planned file goes and what is there now. */
export function inspectPlan(root: string, files: PlannedFile[], ops: FileOps = nodeFileOps): Inspection {
  const out: Inspection = { targets: [], conflicts: [], unchanged: [], blocked: [] };
  for (const file of files) {
    const target = resolveTarget(root, file.path, ops);
    if (!ops.exists(target)) {
      out.targets.push({ path: file.path, target });
      continue;
    }
    const existing = ops.isDirectory(target) ? undefined : ops.readFile(target);
    if (!existing) out.blocked.push(file.path);
    else if (existing.equals(Buffer.from(file.content, 'utf8'))) out.unchanged.push(file.path);
    else {
      out.conflicts.push(file.path);
      out.targets.push({ path: file.path, target, existing });
    }
  }
  return out;
}

function resolveTarget(root: string, path: string, ops: FileOps): string {
  const full = join(root, ...path.split('/'));
  const dir = dirname(full);
  const name = full.slice(dir.length + 1);
  const same = ops.listDir(dir)?.find((n) => n !== name && n.toLowerCase() === name.toLowerCase());
  return same ? join(dir, same) : full;
}

/** The first free backup name: `x.bak`, `x.1.bak`, `x.2.bak`, ... */
export function backupPath(target: string, ops: Pick<FileOps, 'exists'>, taken: Set<string> = new Set()): string {
  for (let i = 0; ; i++) {
    const candidate = i === 0 ? `${target}.bak` : `${target}.${i}.bak`;
    if (!ops.exists(candidate) && !taken.has(candidate)) return candidate;
  }
}

interface Undo {
  createdDirs: string[];
  temps: string[];
  backups: string[];
  committed: { target: string; previous?: Buffer }[];
}

export function writePlan(root: string, files: PlannedFile[], options: { force: boolean }, ops: FileOps = nodeFileOps): WriteResult {
  const inspection = inspectPlan(root, files, ops);
  if (inspection.blocked.length) return { ok: false, reason: 'io', error: `${inspection.blocked.join(', ')}: a folder (or unreadable) where a file goes`, leftBehind: [] };
  if (inspection.conflicts.length && !options.force) return { ok: false, reason: 'conflicts', conflicts: inspection.conflicts, unchanged: inspection.unchanged };
  const contents = new Map(files.map((f) => [f.path, f.content]));
  const undo: Undo = { createdDirs: [], temps: [], backups: [], committed: [] };
  const backups: { file: string; backup: string }[] = [];
  const staged: { target: string; temp: string; previous?: Buffer }[] = [];
  let step = root;
  try {
    for (const t of inspection.targets) {
      step = dirname(t.target);
      makeDirs(dirname(t.target), ops, undo.createdDirs);
      step = t.target;
      const temp = tempPath(t.target, ops);
      ops.writeNew(temp, contents.get(t.path)!);
      undo.temps.push(temp);
      if (t.existing) {
        const backup = backupPath(t.target, ops, new Set(undo.backups));
        ops.writeNew(backup, t.existing);
        undo.backups.push(backup);
        backups.push({ file: t.path, backup });
      }
      staged.push({ target: t.target, temp, ...(t.existing ? { previous: t.existing } : {}) });
    }
    for (const s of staged) {
      step = s.target;
      ops.rename(s.temp, s.target);
      undo.temps.splice(undo.temps.indexOf(s.temp), 1);
      undo.committed.push({ target: s.target, ...(s.previous ? { previous: s.previous } : {}) });
    }
  } catch (e) {
    const error = `${step}: ${describeError(e)}`;
    return { ok: false, reason: 'io', error, leftBehind: rollBack(undo, ops) };
  }
  return { ok: true, written: inspection.targets.map((t) => t.path), backups, unchanged: inspection.unchanged };
}

/** Creates `dir` and its missing parents, recording what it created (outermost first). */
function makeDirs(dir: string, ops: FileOps, created: string[]): void {
  if (ops.isDirectory(dir)) return;
  const parent = dirname(dir);
  if (parent !== dir) makeDirs(parent, ops, created);
  ops.mkdir(dir);
  created.push(dir);
}

let counter = 0;

function tempPath(target: string, ops: FileOps): string {
  const dir = dirname(target);
  const name = target.slice(dir.length + 1);
  for (;;) {
    const candidate = join(dir, `.${name}.flask-iis-${process.pid}-${++counter}.tmp`);
    if (!ops.exists(candidate)) return candidate;
  }
}

/** Undoes a partial write; returns the paths that could not be restored or removed. */
function rollBack(undo: Undo, ops: FileOps): string[] {
  const left: string[] = [];
  const tryDo = (path: string, fn: () => void) => {
    try {
      fn();
    } catch {
      left.push(path);
    }
  };
  for (const c of undo.committed.reverse()) {
    if (c.previous) {
      const previous = c.previous;
      tryDo(c.target, () => restore(c.target, previous, ops));
    } else tryDo(c.target, () => ops.unlink(c.target));
  }
  for (const t of undo.temps) tryDo(t, () => ops.unlink(t));
  const restored = !left.length;
  if (restored) for (const b of undo.backups) tryDo(b, () => ops.unlink(b));
  else left.push(...undo.backups);
  for (const d of undo.createdDirs.reverse()) tryDo(d, () => ops.rmdir(d));
  return left;
}

/** Puts the old content back through a temporary file and a rename. */
function restore(target: string, previous: Buffer, ops: FileOps): void {
  const temp = tempPath(target, ops);
  ops.writeNew(temp, previous);
  ops.rename(temp, target);
}

function describeError(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  const known: Record<string, string> = { ENOENT: 'no such file or directory', EACCES: 'permission denied', EPERM: 'permission denied', EEXIST: 'a file is in the way', ENOTDIR: 'a file is in the way (not a folder)', EROFS: 'read-only file system', ENOSPC: 'no space left on the device', EISDIR: 'is a folder' };
  return (err?.code && known[err.code]) ?? (err instanceof Error ? err.message : String(e));
}
