/**
 * The bundled target profiles (schema/profiles/*.xml, in IIS's schema format, precompiled at build time) and the
 * schema a check uses: the host's own schema files when given, else the profiles for the target. Loaded once, cached.
 */
import PROFILE_DATA from 'schema-profile-data';
import { loadSchemaText } from './loader';
import { resolveSchema } from './resolve';
import { decodeSchemaFiles, type SchemaFileData } from './serialize';
import { DEFAULT_TARGET } from './target';
import type { Schema, SchemaFile } from './types';

let profileFiles: SchemaFile[] | undefined;

/**
 * The profiles as loaded: read from their XML at build time by the same loader as a host's files
 * (scripts/schemaProfiles.mjs), decoded from that data on first use (no XML parse at run time).
 */
export function loadedProfiles(): SchemaFile[] {
  return (profileFiles ??= decodeSchemaFiles(JSON.parse(PROFILE_DATA) as SchemaFileData[]));
}

const bySignature = new Map<string, Schema>();

/** The profile schema for a target (tokens from parseTarget; default: today's common server). Cached per target. */
export function profileSchema(target: readonly string[] = DEFAULT_TARGET): Schema {
  const key = [...target].sort().join(',');
  let s = bySignature.get(key);
  if (!s) {
    s = resolveSchema(loadedProfiles(), 'profiles', target);
    bySignature.set(key, s);
  }
  return s;
}

/** The schema of a host's schema folder (the files as read by the caller, in name order), exact for that host. */
export function hostSchema(files: { name: string; text: string }[]): { schema: Schema; problems: string[] } {
  return hostSchemaOf(files.map((f) => loadSchemaText(f.text, f.name)));
}

/** The schema of a host's files already loaded (read from their XML, or decoded from a cache of them). */
export function hostSchemaOf(loaded: SchemaFile[]): { schema: Schema; problems: string[] } {
  return { schema: resolveSchema(loaded, 'host'), problems: loaded.flatMap((f) => f.problems) };
}

/** For the benchmark: forget the cache (a cold load). */
export function resetProfileCache(): void {
  profileFiles = undefined;
  bySignature.clear();
}
