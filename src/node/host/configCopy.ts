/**
 * The copy of applicationHost.config a register run takes before it changes anything, the hashes the runner
 * takes around each step, and the runner's own step that writes the copy back (rollback.ts). The write is a
 * compare-and-swap: the copy must still be the bytes taken (its sha256), and the file must still be the bytes
 * the run left (no one else has changed it since); it is written in place, so the file keeps its ACL.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What the runner records of a step (planRunner's StepOutcome). */
interface Outcome {
  argv: string[];
  code: number;
  output: string;
}

export const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** The file's sha256, or null when it cannot be read. */
export function hashFile(path: string): string | null {
  try {
    return sha256(readFileSync(path));
  } catch {
    return null;
  }
}

export interface ConfigCopy {
  path: string;
  copy: string;
  before: string;
  /** Removes the private folder of the copy. */
  dispose(): void;
}

/** A copy of `path` in a private temporary folder, or undefined when it cannot be read. */
export function takeCopy(path: string): ConfigCopy | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    return undefined;
  }
  const dir = mkdtempSync(join(tmpdir(), 'flask-iis-rollback-'));
  const copy = join(dir, 'applicationHost.config.before');
  writeFileSync(copy, bytes, { flag: 'wx', mode: 0o600 });
  return { path, copy, before: sha256(bytes), dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** `[RESTORE_FILE, target, copy, expectedNow, expectedCopy]`, run by the runner itself (also when elevated). */
export function restoreFile(argv: string[]): Outcome {
  const [, target, copy, now, before] = argv;
  const fail = (output: string): Outcome => ({ argv, code: 1, output });
  if (!target || !copy || !now || !before) return fail('restore-file: TARGET COPY SHA256-NOW SHA256-COPY');
  let bytes: Buffer;
  let current: Buffer;
  try {
    bytes = readFileSync(copy);
    current = readFileSync(target);
  } catch (e) {
    return fail(`${target}: cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)}); not restored`);
  }
  if (sha256(bytes) !== before) return fail(`${copy}: the copy is not the one taken before the run; ${target} not restored`);
  if (sha256(current) !== now) return fail(`${target} was changed since the run stopped (not by it); not restored`);
  try {
    writeFileSync(target, bytes);
  } catch (e) {
    return fail(`${target}: cannot be written (${(e as NodeJS.ErrnoException).code ?? String(e)}); not restored`);
  }
  return { argv, code: 0, output: `${target}: restored (${bytes.length} bytes, sha256 ${before.slice(0, 12)}…)` };
}
