/**
 * `.vscode/flask-iis.json` in the application folder: read (validated), updated after a run, removed when empty.
 * The file and its folder come with the project, so they are used only as what they claim to be: a regular file
 * (never a FIFO, a device or a link) in a real `.vscode` folder (never a link or junction out of the project).
 * It is written through a temporary file renamed over it, so a link planted there is replaced, never followed.
 */
import { lstatSync, mkdirSync, readdirSync, renameSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { MANIFEST_PATH, parseManifest, sameEntry, serializeManifest, type Manifest, type ManifestEntry } from '../../core/host/manifest';
import type { Plan } from '../../core/host/plan';
import { renderMessage, type Translate } from '../../core/messages';
import { decodeBytes } from '../../core/text/decode';
import type { RunResult } from './planRunner';
import { MAX_SMALL_FILE_BYTES, readRegularFile } from '../safeRead';

export function manifestPath(appDir: string): string {
  return join(appDir, ...MANIFEST_PATH.split('/'));
}

/**
 * `problem`: something to tell the user (entries dropped); `blocked`: the file cannot be used at all (not a
 * regular file, a link, too large): register and unregister refuse before anything runs.
 */
export type ManifestRead = { manifest: Manifest | undefined; problem?: string; blocked?: string };

export function readManifestFile(appDir: string, translate?: Translate): ManifestRead {
  const path = manifestPath(appDir);
  const unsafe = unsafeLocation(appDir);
  if (unsafe) return { manifest: undefined, blocked: renderMessage('refuse.manifestUnsafe', { path, detail: unsafe }, translate) };
  const read = readRegularFile(path, MAX_SMALL_FILE_BYTES);
  if (!read.ok) {
    if (read.reason === 'missing') return { manifest: undefined };
    return { manifest: undefined, blocked: renderMessage('refuse.manifestUnsafe', { path, detail: read.detail }, translate) };
  }
  const decoded = decodeBytes(read.bytes);
  const parsed = parseManifest(decoded.binary ? '' : decoded.text);
  if (!parsed.ok) return { manifest: undefined, problem: `${path}: ${parsed.reason}` };
  const problem = parsed.dropped.length ? `${path}: ignored ${parsed.dropped.length} unknown entr${parsed.dropped.length === 1 ? 'y' : 'ies'}` : undefined;
  return { manifest: parsed.manifest, ...(problem ? { problem } : {}) };
}

/** Why `.vscode/flask-iis.json` of `appDir` must not be read or written, or undefined when it may. */
export function unsafeLocation(appDir: string): string | undefined {
  const folder = join(appDir, '.vscode');
  const kind = (path: string) => {
    try {
      const st = lstatSync(path);
      return st.isSymbolicLink() ? 'link' : st.isDirectory() ? 'dir' : st.isFile() ? 'file' : 'other';
    } catch {
      return 'missing';
    }
  };
  const dir = kind(folder);
  if (dir === 'link') return `${folder} is a link (or junction), not a folder of the project`;
  if (dir === 'missing') return undefined;
  if (dir !== 'dir') return `${folder} is not a folder`;
  const file = kind(manifestPath(appDir));
  if (file === 'link') return 'it is a link (or junction), not a file of the project';
  if (file === 'dir' || file === 'other') return 'it is not a regular file';
  return undefined;
}

export interface Recorded {
  /** The manifest as written (undefined: none left). */
  manifest: Manifest | undefined;
  /** Why it could not be written (the steps ran; the user must know what was created). */
  problem?: string;
}

/**
 * The manifest after a run: entries created by the steps that succeeded are added, entries removed by them
 * (or found gone) are dropped. Written to disk; deleted when nothing is left.
 */
export function recordRun(appDir: string, base: Omit<Manifest, 'created'>, previous: Manifest | undefined, plan: Plan, result: Pick<RunResult, 'completed'>, gone: ManifestEntry[] = []): Recorded {
  let created = [...(previous?.created ?? [])];
  for (const step of plan.steps.slice(0, result.completed)) {
    if (step.creates && !created.some((e) => sameEntry(e, step.creates!))) created.push(step.creates);
    if (step.removes) created = created.filter((e) => !sameEntry(e, step.removes!));
  }
  created = created.filter((e) => !gone.some((g) => sameEntry(g, e)));
  const path = manifestPath(appDir);
  const manifest: Manifest | undefined = created.length ? { ...base, created } : undefined;
  const unsafe = unsafeLocation(appDir);
  if (unsafe) return { manifest, problem: `${path}: not written (${unsafe}): ${manifest ? serializeManifest(manifest) : 'nothing left to record'}` };
  try {
    if (!manifest) {
      rmSync(path, { force: true });
      removeIfEmpty(dirname(path));
      return { manifest };
    }
    mkdirSync(dirname(path), { recursive: true });
    const temp = join(dirname(path), `.flask-iis.${process.pid}.${Date.now()}.tmp`);
    writeFileSync(temp, serializeManifest(manifest), { flag: 'wx' });
    renameSync(temp, path);
    return { manifest };
  } catch (e) {
    return { manifest, problem: `${path}: not written (${(e as NodeJS.ErrnoException).code ?? String(e)})` };
  }
}

function removeIfEmpty(dir: string): void {
  try {
    if (!readdirSync(dir).length) rmdirSync(dir);
  } catch {
    // not there, or not empty
  }
}
