/**
 * A host's configuration schema folder (%windir%\System32\inetsrv\config\schema, IIS Express's config\schema, or
 * the folder `flaskIis.iis.schemaPath` / `--schema-dir` names): its *.xml files read (regular files, size-limited)
 * in the order IIS reads them (IIS_schema.xml first, then by name), loaded by the core, cached per folder state.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { hostSchema } from '../../core/schema/profiles';
import type { Schema } from '../../core/schema/types';
import { decodeBytes } from '../../core/text/decode';
import { readRegularFile } from '../safeRead';

/** IIS's own schema files are ~100 KB; a folder of many large files is not a schema folder. */
const MAX_SCHEMA_FILE_BYTES = 4 * 1024 * 1024;
const MAX_SCHEMA_FILES = 200;

export type LoadedSchemaFolder = { ok: true; schema: Schema; files: string[]; problems: string[] } | { ok: false; reason: string };

const cache = new Map<string, { stamp: string; loaded: LoadedSchemaFolder }>();

/** The default folder on Windows (the installed IIS), when it exists. */
export function defaultSchemaFolder(): string | undefined {
  if (process.platform !== 'win32') return undefined;
  const dir = join(process.env['windir'] ?? 'C:\\Windows', 'System32', 'inetsrv', 'config', 'schema');
  try {
    return statSync(dir).isDirectory() ? dir : undefined;
  } catch {
    return undefined;
  }
}

function schemaFileNames(dir: string): string[] {
  const names = readdirSync(dir).filter((n) => n.toLowerCase().endsWith('.xml'));
  const first = (n: string) => (n.toLowerCase() === 'iis_schema.xml' ? 0 : 1);
  return names.sort((a, b) => first(a) - first(b) || a.localeCompare(b)).slice(0, MAX_SCHEMA_FILES);
}

export function loadSchemaFolder(dir: string): LoadedSchemaFolder {
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
  const files: { name: string; text: string }[] = [];
  const problems: string[] = [];
  for (const name of names) {
    const read = readRegularFile(join(dir, name), MAX_SCHEMA_FILE_BYTES);
    const text = read.ok ? decodeBytes(read.bytes) : undefined;
    if (text && !text.binary) files.push({ name, text: text.text.replace(/^\ufeff/, '') });
    else if (text) problems.push(`${name}: not a text file`);
    if (!read.ok) problems.push(`${name}: ${read.detail}`);
  }
  const { schema, problems: loadProblems } = hostSchema(files);
  const loaded: LoadedSchemaFolder = { ok: true, schema, files: files.map((f) => f.name), problems: [...problems, ...loadProblems] };
  cache.set(dir, { stamp, loaded });
  return loaded;
}
