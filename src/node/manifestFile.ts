/** `.vscode/flask-iis.json` in the application folder: read (validated), updated after a run, removed when empty. */
import { mkdirSync, readdirSync, readFileSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { MANIFEST_PATH, parseManifest, sameEntry, serializeManifest, type Manifest, type ManifestEntry } from '../core/host/manifest';
import type { Plan } from '../core/host/plan';
import type { RunResult } from './planRunner';

export function manifestPath(appDir: string): string {
  return join(appDir, ...MANIFEST_PATH.split('/'));
}

export type ManifestRead = { manifest: Manifest | undefined; problem?: string };

export function readManifestFile(appDir: string): ManifestRead {
  let text: string;
  try {
    text = readFileSync(manifestPath(appDir), 'utf8');
  } catch {
    return { manifest: undefined };
  }
  const parsed = parseManifest(text);
  if (!parsed.ok) return { manifest: undefined, problem: `${manifestPath(appDir)}: ${parsed.reason}` };
  const problem = parsed.dropped.length ? `${manifestPath(appDir)}: ignored ${parsed.dropped.length} unknown entr${parsed.dropped.length === 1 ? 'y' : 'ies'}` : undefined;
  return { manifest: parsed.manifest, ...(problem ? { problem } : {}) };
}

/**
 * The manifest after a run: entries created by the steps that succeeded are added, entries removed by them
 * (or found gone) are dropped. Written to disk; deleted when nothing is left. Returns what was written.
 */
export function recordRun(appDir: string, base: Omit<Manifest, 'created'>, previous: Manifest | undefined, plan: Plan, result: Pick<RunResult, 'completed'>, gone: ManifestEntry[] = []): Manifest | undefined {
  let created = [...(previous?.created ?? [])];
  for (const step of plan.steps.slice(0, result.completed)) {
    if (step.creates && !created.some((e) => sameEntry(e, step.creates!))) created.push(step.creates);
    if (step.removes) created = created.filter((e) => !sameEntry(e, step.removes!));
  }
  created = created.filter((e) => !gone.some((g) => sameEntry(g, e)));
  const path = manifestPath(appDir);
  if (!created.length) {
    rmSync(path, { force: true });
    removeIfEmpty(dirname(path));
    return undefined;
  }
  const manifest: Manifest = { ...base, created };
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, serializeManifest(manifest));
  return manifest;
}

function removeIfEmpty(dir: string): void {
  try {
    if (!readdirSync(dir).length) rmdirSync(dir);
  } catch {
    // not there, or not empty
  }
}
