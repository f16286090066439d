/**
 * Reading a file the workspace names (web.config, the undo manifest, pyvenv.cfg, a project file) without trusting
 * it: it must be a regular file (a FIFO must not hang us, /dev/zero must not fill memory) and not larger than the
 * caller's limit. The file is opened non-blocking and judged by fstat on the open descriptor, so a file swapped
 * for a FIFO or a device between a check and the read is still refused.
 */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';

/** IIS refuses a web.config over 250 KB; we read up to 20 MB so the check can say so (and bad input is tested). */
export const MAX_CONFIG_BYTES = 20 * 1024 * 1024;
/** The undo manifest and small project files (pyvenv.cfg, requirements.txt). */
export const MAX_SMALL_FILE_BYTES = 1024 * 1024;

export type SafeRead = { ok: true; bytes: Buffer; stats: Stats } | { ok: false; reason: 'missing' | 'not-regular' | 'too-large' | 'unreadable'; detail: string };

export interface ReadOptions {
  /** Refuse a symbolic link in the last component (O_NOFOLLOW, where the platform has it): for writers that lstat first. */
  noFollow?: boolean;
}

export function readRegularFile(path: string, maxBytes: number = MAX_CONFIG_BYTES, options: ReadOptions = {}): SafeRead {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (options.noFollow ? (constants.O_NOFOLLOW ?? 0) : 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ELOOP' && options.noFollow) return { ok: false, reason: 'not-regular', detail: 'is a symbolic link' };
    if (code === 'ENOENT' || code === 'ENOTDIR') return { ok: false, reason: 'missing', detail: 'no such file' };
    if (code === 'EISDIR') return { ok: false, reason: 'not-regular', detail: 'is a directory, not a file' };
    return { ok: false, reason: 'unreadable', detail: code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (code ?? String(e)) };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { ok: false, reason: 'not-regular', detail: st.isDirectory() ? 'is a directory, not a file' : 'not a regular file' };
    if (st.size > maxBytes) return { ok: false, reason: 'too-large', detail: `larger than ${Math.round(maxBytes / 1024)} KB` };
    const buf = Buffer.allocUnsafe(Math.min(st.size, maxBytes) + 1);
    let total = 0;
    for (;;) {
      const n = readSync(fd, buf, total, buf.length - total, null);
      if (n === 0) break;
      total += n;
      if (total > maxBytes) return { ok: false, reason: 'too-large', detail: `larger than ${Math.round(maxBytes / 1024)} KB` };
      if (total === buf.length) break;
    }
    return { ok: true, bytes: buf.subarray(0, total), stats: st };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { ok: false, reason: 'unreadable', detail: code ?? String(e) };
  } finally {
    closeSync(fd);
  }
}
