/**
 * A host's configuration schema folder (%windir%\System32\inetsrv\config\schema, IIS Express's config\schema, or
 * the folder `flaskIis.iis.schemaPath` / `--schema-dir` names): its *.xml files read (regular files, size-limited)
 * in the order IIS reads them (IIS_schema.xml first, then by name), loaded by the core, cached per folder state.
 */
import { installedIisConfig } from '../host/installedIis';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadHostSchemaText } from '../../core/schema/hostLoader';
import { hostSchemaOf } from '../../core/schema/profiles';
import type { Schema, SchemaFile } from '../../core/schema/types';
import { decodeBytes } from '../../core/text/decode';
import { readRegularFile } from '../safeRead';
import { readSchemaCache, writeSchemaCache } from './schemaCache';

/** IIS's own schema files are ~100 KB; a folder of many large files is not a schema folder. */
const MAX_SCHEMA_FILE_BYTES = 4 * 1024 * 1024;
const MAX_SCHEMA_FILES = 200;

/** `source`: read from the XML, or decoded from the disk cache (a later load in the same process returns the same object). */
export type LoadedSchemaFolder = { ok: true; schema: Schema; files: string[]; problems: string[]; source: 'xml' | 'cache' } | { ok: false; reason: string };

export interface SchemaFolderOptions {
  /** A folder outside the workspace for the compact JSON cache (VS Code's global storage, the OS cache folder). */
  cacheDir?: string;
}

const cache = new Map<string, { stamp: string; loaded: LoadedSchemaFolder }>();

/** The default folder on Windows (the installed IIS), when it exists. */
export function defaultSchemaFolder(): string | undefined {
  return installedIisConfig('schema', 'folder');
}

function schemaFileNames(dir: string): string[] {
  const names = readdirSync(dir).filter((n) => n.toLowerCase().endsWith('.xml'));
  const first = (n: string) => (n.toLowerCase() === 'iis_schema.xml' ? 0 : 1);
  return names.sort((a, b) => first(a) - first(b) || a.localeCompare(b)).slice(0, MAX_SCHEMA_FILES);
}

export function loadSchemaFolder(dir: string, options: SchemaFolderOptions = {}): LoadedSchemaFolder {
  let names: string[];
  let stamp: string;
  try {
    if (!statSync(dir).isDirectory()) return { ok: false, reason: `${dir}: not a folder` };
    names = schemaFileNames(dir);
    stamp = names.map((n) => {
      const st = statSync(join(dir, n));
      return `${n}:${st.size}:${st.mtimeMs}`;
    }).join('|');
  } catch (e) {
    return { ok: false, reason: `${dir}: ${(e as NodeJS.ErrnoException).code ?? String(e)}` };
  }
  const hit = cache.get(dir);
  if (hit && hit.stamp === stamp) return hit.loaded;
  if (!names.length) return { ok: false, reason: `${dir}: no schema files (*.xml)` };
  const cached = options.cacheDir ? readSchemaCache(options.cacheDir, dir, stamp) : undefined;
  if (cached) return remember(dir, stamp, cached, [], 'cache');
  const files: SchemaFile[] = [];
  const problems: string[] = [];
  for (const name of names) {
    const read = readRegularFile(join(dir, name), MAX_SCHEMA_FILE_BYTES);
    const text = read.ok ? decodeBytes(read.bytes) : undefined;
    if (text && !text.binary) files.push(loadHostSchemaText(text.text.replace(/^\ufeff/, ''), name));
    else if (text) problems.push(`${name}: not a text file`);
    if (!read.ok) problems.push(`${name}: ${read.detail}`);
  }
  // Only a folder read whole is cached (a file that could not be read is read again next time). Writing the entry
  // reads every section's body, which the load itself does not (hostLoader.ts): it is done once the current work is
  // over (the CLI's process waits for it before exiting; in VS Code it runs after the first check), not during it.
  if (options.cacheDir && !problems.length) scheduleCacheWrite(options.cacheDir, dir, stamp, files);
  return remember(dir, stamp, files, problems, 'xml');
}

const pendingWrites = new Map<string, () => void>();

function scheduleCacheWrite(cacheDir: string, dir: string, stamp: string, files: SchemaFile[]): void {
  const first = !pendingWrites.size;
  pendingWrites.set(`${cacheDir}\0${dir}`, () => {
    for (const f of files) for (const s of f.sections) void s.attributes; // reads every body
    // A problem found while reading a section's body: not cached (the XML is read again next time).
    if (!files.some((f) => f.problems.length)) writeSchemaCache(cacheDir, dir, stamp, files);
  });
  if (first) setImmediate(flushSchemaCacheWrites);
}

/** Writes the cache entries of folders loaded from their XML now (tests; otherwise done right after the load). */
export function flushSchemaCacheWrites(): void {
  const writes = [...pendingWrites.values()];
  pendingWrites.clear();
  for (const w of writes) w();
}

function remember(dir: string, stamp: string, files: SchemaFile[], readProblems: string[], source: 'xml' | 'cache'): LoadedSchemaFolder {
  const { schema, problems } = hostSchemaOf(files);
  const loaded: LoadedSchemaFolder = { ok: true, schema, files: files.map((f) => f.source), problems: [...readProblems, ...problems], source };
  cache.set(dir, { stamp, loaded });
  return loaded;
}

/** Forgets what this process loaded (tests and the benchmark: the next load is a fresh process's). */
export function forgetSchemaFolders(): void {
  cache.clear();
}
