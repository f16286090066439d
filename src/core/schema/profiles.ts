/**
 * The bundled target profiles (schema/profiles/*.xml, in IIS's schema format, bundled as text) and the schema a
 * check uses: the host's own schema files when given, else the profiles for the target. Loaded once, cached.
 */
import ARR from '../../../schema/profiles/arr.xml';
import ASPNETCORE from '../../../schema/profiles/aspnetcore-v2.xml';
import FX from '../../../schema/profiles/fx.xml';
import HPH12 from '../../../schema/profiles/httpplatform-v1.2.xml';
import HPH2 from '../../../schema/profiles/httpplatform-v2.xml';
import IIS from '../../../schema/profiles/iis.xml';
import REWRITE from '../../../schema/profiles/rewrite.xml';
import { loadSchemaText } from './loader';
import { resolveSchema } from './resolve';
import { DEFAULT_TARGET } from './target';
import type { Schema, SchemaFile } from './types';

export const PROFILE_TEXTS: Record<string, string> = {
  'iis.xml': IIS, 'fx.xml': FX, 'rewrite.xml': REWRITE, 'arr.xml': ARR,
  'httpplatform-v1.2.xml': HPH12, 'httpplatform-v2.xml': HPH2, 'aspnetcore-v2.xml': ASPNETCORE,
};

let profileFiles: SchemaFile[] | undefined;

/** The profiles as loaded (parsed on first use). */
export function loadedProfiles(): SchemaFile[] {
  return (profileFiles ??= Object.entries(PROFILE_TEXTS).map(([name, text]) => loadSchemaText(text, name)));
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
  const loaded = files.map((f) => loadSchemaText(f.text, f.name));
  return { schema: resolveSchema(loaded, 'host'), problems: loaded.flatMap((f) => f.problems) };
}

/** For the benchmark: forget the cache (a cold load). */
export function resetProfileCache(): void {
  profileFiles = undefined;
  bySignature.clear();
}
