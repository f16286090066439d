/**
 * A host schema folder, loaded once, kept as compact JSON (core/schema/serialize.ts) in a cache folder outside the
 * workspace: VS Code's global storage, or the OS cache folder for the CLI (XDG_CACHE_HOME or ~/.cache,
 * %LOCALAPPDATA%, ~/Library/Caches). One entry per schema folder, valid only for the exact file names, sizes and
 * modification times it was made from. Never trusted blindly: a header that does not match, a payload whose
 * SHA-256 differs, JSON that does not parse or data of the wrong shape all mean "no cache" (the XML is read).
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isRemoteOrDevicePath } from '../../core/host/hostPaths';
import { decodeSchemaFiles, encodeSchemaFiles, type SchemaFileData } from '../../core/schema/serialize';
import type { SchemaFile } from '../../core/schema/types';
import { readRegularFile } from '../safeRead';

/** Bumped whenever the serialized form or the loader's output changes: older entries are ignored. */
export const SCHEMA_CACHE_FORMAT = 1;
const MAX_CACHE_BYTES = 32 * 1024 * 1024;

interface Header { format: number; dir: string; stamp: string; sha256: string }

/** The CLI's cache folder: re-exported from ../cacheFolder (the launcher's small module). */
export { osCacheFolder } from '../cacheFolder';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The cache file of one schema folder. */
export function schemaCacheFile(cacheDir: string, dir: string): string {
  return join(cacheDir, `schema-${sha256(resolve(dir)).slice(0, 20)}.json`);
}

/** The folder's loaded files from the cache, or undefined (absent, stale, corrupted: the caller reads the XML). */
export function readSchemaCache(cacheDir: string, dir: string, stamp: string): SchemaFile[] | undefined {
  if (isRemoteOrDevicePath(cacheDir)) return undefined;
  const read = readRegularFile(schemaCacheFile(cacheDir, dir), MAX_CACHE_BYTES);
  if (!read.ok) return undefined;
  try {
    const text = read.bytes.toString('utf8');
    const nl = text.indexOf('\n');
    if (nl < 0) return undefined;
    const header = JSON.parse(text.slice(0, nl)) as Partial<Header>;
    const payload = text.slice(nl + 1);
    if (header.format !== SCHEMA_CACHE_FORMAT || header.dir !== resolve(dir) || header.stamp !== stamp || header.sha256 !== sha256(payload)) return undefined;
    const data: unknown = JSON.parse(payload);
    if (!wellShaped(data)) return undefined;
    return decodeSchemaFiles(data);
  } catch {
    return undefined;
  }
}

/** Writes the entry (atomically: a private temporary file renamed over it); a failure only means no cache. */
export function writeSchemaCache(cacheDir: string, dir: string, stamp: string, files: SchemaFile[]): boolean {
  if (isRemoteOrDevicePath(cacheDir)) return false;
  const payload = JSON.stringify(encodeSchemaFiles(files));
  const header: Header = { format: SCHEMA_CACHE_FORMAT, dir: resolve(dir), stamp, sha256: sha256(payload) };
  const target = schemaCacheFile(cacheDir, dir);
  const tmp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
    writeFileSync(tmp, `${JSON.stringify(header)}\n${payload}`, { mode: 0o600, flag: 'wx' });
    renameSync(tmp, target);
    return true;
  } catch {
    rmSync(tmp, { force: true });
    return false;
  }
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The shape decodeSchemaFiles expects, checked before it runs (the hash guards corruption, this guards a wrong writer). */
function wellShaped(data: unknown): data is SchemaFileData[] {
  const elem = (e: unknown, depth: number): boolean => isObj(e) && typeof e['n'] === 'string' && depth < 32
    && (e['a'] === undefined || (Array.isArray(e['a']) && e['a'].every((a) => isObj(a) && typeof a['n'] === 'string')))
    && (e['e'] === undefined || (Array.isArray(e['e']) && e['e'].every((x) => elem(x, depth + 1))))
    && (e['c'] === undefined || (isObj(e['c']) && Array.isArray(e['c']['k']) && elem(e['c']['i'], depth + 1)));
  return Array.isArray(data) && data.every((f) => isObj(f) && typeof f['s'] === 'string' && Array.isArray(f['p']) && Array.isArray(f['x'])
    && f['x'].every((s) => isObj(s) && typeof s['p'] === 'string' && elem(s, 0)));
}
