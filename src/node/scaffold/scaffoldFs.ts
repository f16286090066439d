/**
 * The file operations of the scaffold writer, and what it may and may not touch inside the target folder.
 * Nothing follows a symbolic link: entries are judged with lstat, existing files are read only when they are
 * regular files within a size limit (readRegularFile: a FIFO cannot hang us, /dev/zero cannot fill memory), and
 * new files are created with O_CREAT|O_EXCL|O_NOFOLLOW, which never opens an existing file or a link.
 */
import * as fs from 'node:fs';
import { join } from 'node:path';
import type { Problem } from '../../core/scaffold';
import { MAX_CONFIG_BYTES, readRegularFile, type SafeRead } from '../safeRead';

export type EntryKind = 'missing' | 'file' | 'directory' | 'symlink' | 'fifo' | 'device' | 'socket' | 'unknown';

export interface Entry {
  kind: EntryKind;
  /** Permission bits (`mode & 0o777`) of a file. */
  mode?: number;
}

/** The file operations the writer uses (tests inject failures). All synchronous; the writing ones may throw. */
export interface FileOps {
  /** What is at `path` itself (lstat: a link is a link, never what it points to). */
  entry(path: string): Entry;
  /** A regular file's bytes, within `maxBytes`; a reason otherwise. */
  readFile(path: string, maxBytes: number): SafeRead;
  readLink(path: string): string | undefined;
  /** The path with every link resolved (undefined when it does not exist). */
  realPath(path: string): string | undefined;
  listDir(path: string): string[] | undefined;
  exists(path: string): boolean;
  mkdir(path: string): void;
  /** Creates a new file (never an existing one, never through a link) with `data`, and `mode` when given. */
  writeNew(path: string, data: string | Buffer, mode?: number): void;
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

function entryOf(path: string): Entry {
  const st = attempt(() => fs.lstatSync(path));
  if (!st) return { kind: 'missing' };
  if (st.isSymbolicLink()) return { kind: 'symlink' };
  if (st.isFile()) return { kind: 'file', mode: st.mode & 0o777 };
  if (st.isDirectory()) return { kind: 'directory' };
  if (st.isFIFO()) return { kind: 'fifo' };
  if (st.isCharacterDevice() || st.isBlockDevice()) return { kind: 'device' };
  return { kind: st.isSocket() ? 'socket' : 'unknown' };
}

const CREATE_NEW = fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | (fs.constants.O_NOFOLLOW ?? 0);

export const nodeFileOps: FileOps = {
  entry: entryOf,
  readFile: (p, maxBytes) => readRegularFile(p, maxBytes, { noFollow: true }),
  readLink: (p) => attempt(() => fs.readlinkSync(p)),
  realPath: (p) => attempt(() => fs.realpathSync(p)),
  listDir: (p) => attempt(() => fs.readdirSync(p)),
  exists: (p) => entryOf(p).kind !== 'missing',
  mkdir: (p) => fs.mkdirSync(p),
  writeNew: (p, data, mode) => {
    const fd = fs.openSync(p, CREATE_NEW, mode ?? 0o666);
    try {
      // open's mode is reduced by the umask: the mode of the file being replaced is set exactly.
      if (mode !== undefined) fs.fchmodSync(fd, mode);
      fs.writeFileSync(fd, data);
    } catch (e) {
      fs.closeSync(fd);
      attempt(() => fs.unlinkSync(p));
      throw e;
    }
    fs.closeSync(fd);
  },
  rename: (from, to) => fs.renameSync(from, to),
  unlink: (p) => fs.unlinkSync(p),
  rmdir: (p) => fs.rmdirSync(p),
};

/** The largest existing file a scaffold replaces (and copies to .bak): the size limit of a web.config read. */
export const MAX_REPLACED_BYTES = MAX_CONFIG_BYTES;

/** Why an entry inside the target folder stops the whole scaffold (nothing is written). */
export interface Refusal {
  /** Relative to the target folder, `/`-separated: the link, the FIFO, the oversized file... */
  path: string;
  kind: 'symlink' | 'fifo' | 'device' | 'socket' | 'unknown' | 'too-large' | 'unreadable';
  /** Where a link points (as stored in the link). */
  target?: string;
  detail?: string;
}

/**
 * The first folder on the way to `relative` (below `root`) that is a symbolic link, or undefined. Folders that
 * are missing (created later) or are files (the write fails there: "a file is in the way") end the walk.
 */
export function linkOnTheWay(root: string, relative: string, ops: FileOps): Refusal | undefined {
  const parts = relative.split('/');
  for (let i = 1; i < parts.length; i++) {
    const rel = parts.slice(0, i).join('/');
    const full = join(root, ...parts.slice(0, i));
    const { kind } = ops.entry(full);
    if (kind === 'symlink') return symlinkRefusal(full, rel, ops);
    if (kind !== 'directory') return undefined;
  }
  return undefined;
}

export function symlinkRefusal(full: string, rel: string, ops: FileOps): Refusal {
  const target = ops.readLink(full);
  return { path: rel, kind: 'symlink', ...(target !== undefined ? { target } : {}) };
}

/** An existing entry where a planned file goes that is not a regular file or link (FIFO, device, socket). */
export function specialRefusal(kind: EntryKind, rel: string): Refusal | undefined {
  return kind === 'fifo' || kind === 'device' || kind === 'socket' || kind === 'unknown' ? { path: rel, kind } : undefined;
}

/** A failed read of an existing regular file (it may have been swapped for a FIFO in between). */
export function readRefusal(read: Extract<SafeRead, { ok: false }>, rel: string): Refusal {
  if (read.reason === 'too-large') return { path: rel, kind: 'too-large', detail: read.detail };
  if (read.reason === 'not-regular') return { path: rel, kind: 'unknown', detail: read.detail };
  return { path: rel, kind: 'unreadable', detail: read.detail };
}

/** A refusal as a message of the table (the CLI and VS Code render it in their language). */
export function refusalProblem(r: Refusal): Problem {
  switch (r.kind) {
    case 'symlink':
      return { key: 'scaffold.refuse.symlink', args: { path: r.path, target: r.target ?? '?' } };
    case 'too-large':
      return { key: 'scaffold.refuse.tooLarge', args: { path: r.path, detail: r.detail ?? '' } };
    case 'unreadable':
      return { key: 'scaffold.refuse.unreadable', args: { path: r.path, detail: r.detail ?? '' } };
    default:
      return { key: 'scaffold.refuse.special', args: { path: r.path, kind: `@scaffold.kind.${r.kind}` } };
  }
}
