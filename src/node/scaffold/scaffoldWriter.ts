/**
 * Writes a scaffold plan all-or-nothing, inside the target folder only. Nothing existing is replaced unless
 * asked (`force`), and then only after a `.bak` copy was written (`x.bak`, or `x.1.bak`, `x.2.bak`... when that
 * exists: a backup is never overwritten); the copy and the new file keep the replaced file's permission bits.
 * A symbolic link on the way to a planned file or at its place, a FIFO, a device or an oversized file there
 * stops everything before the first write (scaffoldFs.ts): a link is never followed, nor backed up.
 * Phase 1 creates folders, writes every file to a temporary name next to its target and writes the backups;
 * phase 2 renames the temporaries over the targets. Before writing into a folder, its real path is checked to be
 * the one planned. A failure in either phase undoes what was done (replaced files get their old content back);
 * whatever could not be undone is reported by path.
 */
import { dirname, join, relative } from 'node:path';
import type { PlannedFile } from '../../core/scaffold';
import { linkOnTheWay, MAX_REPLACED_BYTES, nodeFileOps, readRefusal, specialRefusal, symlinkRefusal, type FileOps, type Refusal } from './scaffoldFs';

export { nodeFileOps, type FileOps, type Refusal } from './scaffoldFs';

export interface TargetState {
  /** The planned path (relative, `/`). */
  path: string;
  /** The absolute path written: an existing file's own spelling when only the letter case differs (Web.config). */
  target: string;
  /** The existing content, when the file exists. */
  existing?: Buffer;
  /** The existing file's permission bits. */
  mode?: number;
}

export interface Inspection {
  targets: TargetState[];
  /** Existing files whose content differs (relative paths as planned). */
  conflicts: string[];
  /** Existing files with exactly the planned content: left alone. */
  unchanged: string[];
  /** Planned files that are folders here: nothing can be written. */
  blocked: string[];
  /** Links, FIFOs, devices, oversized or unreadable files in the way (each once): nothing may be written. */
  refused: Refusal[];
}

export type WriteResult =
  | { ok: true; written: string[]; backups: { file: string; backup: string }[]; unchanged: string[] }
  | { ok: false; reason: 'conflicts'; conflicts: string[]; unchanged: string[] }
  | { ok: false; reason: 'unsafe'; refused: Refusal[] }
  | { ok: false; reason: 'io'; error: string; leftBehind: string[] };

/** Where each planned file goes and what is there now. */
export function inspectPlan(root: string, files: PlannedFile[], ops: FileOps = nodeFileOps): Inspection {
  const out: Inspection = { targets: [], conflicts: [], unchanged: [], blocked: [], refused: [] };
  const refuse = (r: Refusal) => {
    if (!out.refused.some((x) => x.path === r.path)) out.refused.push(r);
  };
  for (const file of files) {
    const onTheWay = linkOnTheWay(root, file.path, ops);
    if (onTheWay) {
      refuse(onTheWay);
      continue;
    }
    const target = resolveTarget(root, file.path, ops);
    const rel = relative(root, target).split('\\').join('/');
    const entry = ops.entry(target);
    if (entry.kind === 'missing') {
      out.targets.push({ path: file.path, target });
      continue;
    }
    if (entry.kind === 'directory') {
      out.blocked.push(file.path);
      continue;
    }
    const special = entry.kind === 'symlink' ? symlinkRefusal(target, rel, ops) : specialRefusal(entry.kind, rel);
    if (special) {
      refuse(special);
      continue;
    }
    const read = ops.readFile(target, MAX_REPLACED_BYTES);
    if (!read.ok) refuse(readRefusal(read, rel));
    else if (read.bytes.equals(Buffer.from(file.content, 'utf8'))) out.unchanged.push(file.path);
    else {
      out.conflicts.push(file.path);
      out.targets.push({ path: file.path, target, existing: read.bytes, ...(entry.mode !== undefined ? { mode: entry.mode } : {}) });
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
  committed: { target: string; previous?: Buffer; mode?: number }[];
}

export function writePlan(root: string, files: PlannedFile[], options: { force: boolean }, ops: FileOps = nodeFileOps): WriteResult {
  const inspection = inspectPlan(root, files, ops);
  if (inspection.refused.length) return { ok: false, reason: 'unsafe', refused: inspection.refused };
  if (inspection.blocked.length) return { ok: false, reason: 'io', error: `${inspection.blocked.join(', ')}: a folder where a file goes`, leftBehind: [] };
  if (inspection.conflicts.length && !options.force) return { ok: false, reason: 'conflicts', conflicts: inspection.conflicts, unchanged: inspection.unchanged };
  const contents = new Map(files.map((f) => [f.path, f.content]));
  const modes = new Map(files.map((f) => [f.path, f.mode]));
  const undo: Undo = { createdDirs: [], temps: [], backups: [], committed: [] };
  const backups: { file: string; backup: string }[] = [];
  const staged: { target: string; temp: string; previous?: Buffer; mode?: number }[] = [];
  const realRoot = realRootOf(root, ops);
  let step = root;
  try {
    for (const t of inspection.targets) {
      const dir = dirname(t.target);
      step = dir;
      makeDirs(dir, ops, undo.createdDirs);
      assertReal(dir, join(realRoot, relative(root, dir)), ops);
      step = t.target;
      const temp = tempPath(t.target, ops);
      ops.writeNew(temp, contents.get(t.path)!, plannedMode(t.mode, modes.get(t.path)));
      undo.temps.push(temp);
      if (t.existing) {
        const backup = backupPath(t.target, ops, new Set(undo.backups));
        ops.writeNew(backup, t.existing, t.mode);
        undo.backups.push(backup);
        backups.push({ file: t.path, backup });
      }
      staged.push({ target: t.target, temp, ...(t.existing ? { previous: t.existing } : {}), ...(t.mode !== undefined ? { mode: t.mode } : {}) });
    }
    for (const s of staged) {
      step = s.target;
      ops.rename(s.temp, s.target);
      undo.temps.splice(undo.temps.indexOf(s.temp), 1);
      undo.committed.push({ target: s.target, ...(s.previous ? { previous: s.previous } : {}), ...(s.mode !== undefined ? { mode: s.mode } : {}) });
    }
  } catch (e) {
    const error = `${step}: ${describeError(e)}`;
    return { ok: false, reason: 'io', error, leftBehind: rollBack(undo, ops) };
  }
  return { ok: true, written: inspection.targets.map((t) => t.path), backups, unchanged: inspection.unchanged };
}

/**
 * A new file: the planned mode (or the default). A replaced file keeps its mode; one planned executable gets the
 * execute bits wherever it has the read bits (a script the server runs must stay runnable).
 */
function plannedMode(existing: number | undefined, planned: number | undefined): number | undefined {
  if (existing === undefined) return planned;
  return planned !== undefined && planned & 0o111 ? existing | ((existing & 0o444) >> 2) : existing;
}

/** The real path of the target folder, or of its nearest existing ancestor with the missing rest appended. */
function realRootOf(root: string, ops: FileOps): string {
  const real = ops.realPath(root);
  if (real !== undefined) return real;
  const parent = dirname(root);
  return parent === root ? root : join(realRootOf(parent, ops), root.slice(parent.length));
}

/** A folder about to be written into must really be where it was planned (no link swapped in since the check). */
function assertReal(dir: string, expected: string, ops: FileOps): void {
  const real = ops.realPath(dir);
  if (real !== undefined && real !== expected) throw Object.assign(new Error(`is now a link to ${real}`), { code: 'ELINKED' });
}

/** Creates `dir` and its missing parents, recording what it created (outermost first). */
function makeDirs(dir: string, ops: FileOps, created: string[]): void {
  if (ops.entry(dir).kind === 'directory') return;
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
      tryDo(c.target, () => restore(c.target, previous, c.mode, ops));
    } else tryDo(c.target, () => ops.unlink(c.target));
  }
  for (const t of undo.temps) tryDo(t, () => ops.unlink(t));
  const restored = !left.length;
  if (restored) for (const b of undo.backups) tryDo(b, () => ops.unlink(b));
  else left.push(...undo.backups);
  for (const d of undo.createdDirs.reverse()) tryDo(d, () => ops.rmdir(d));
  return left;
}

/** Puts the old content (and mode) back through a temporary file and a rename. */
function restore(target: string, previous: Buffer, mode: number | undefined, ops: FileOps): void {
  const temp = tempPath(target, ops);
  ops.writeNew(temp, previous, mode);
  ops.rename(temp, target);
}

function describeError(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  const known: Record<string, string> = { ENOENT: 'no such file or directory', EACCES: 'permission denied', EPERM: 'permission denied', EEXIST: 'a file is in the way', ENOTDIR: 'a file is in the way (not a folder)', EROFS: 'read-only file system', ENOSPC: 'no space left on the device', EISDIR: 'is a folder', ELOOP: 'is a symbolic link' };
  return (err?.code && known[err.code]) ?? (err instanceof Error ? err.message : String(e));
}
