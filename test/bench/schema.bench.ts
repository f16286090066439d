/**
 * Schema loading (issue 14): the bundled profiles and a ~100 KB host schema, cold (first load in this process:
 * nothing parsed, fast-xml-parser not yet warmed up) and cached after. Target: cold < 50 ms.
 * Must run before anything else loads the profiles (bench.ts calls it first).
 */
import { loadSchemaText } from '../../src/core/schema/loader';
import { loadedProfiles, profileSchema, PROFILE_TEXTS, resetProfileCache } from '../../src/core/schema/profiles';
import { resolveSchema } from '../../src/core/schema/resolve';
import { measure } from './measure';

/** A host-sized schema file (~100 KB, like IIS_schema.xml): the profiles' sections repeated under new names. */
export function hostSizedSchema(bytes = 100 * 1024): string {
  const bodies = Object.values(PROFILE_TEXTS).map((t) => t.slice(t.indexOf('<configSchema'))).map((t) => t.replace(/^<configSchema[^>]*>/, '').replace(/<\/configSchema>\s*$/, ''));
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const body = bodies[i % bodies.length]!.replace(/ flaskIis:[A-Za-z]+="[^"]*"/g, '').replace(/name="(system\.webServer|appSettings|connectionStrings|webFarms)/g, `name="copy${i}/$1`);
    parts.push(body);
    size += body.length;
  }
  return `<configSchema>${parts.join('\n')}</configSchema>`;
}

export function benchSchemaCold(): string[] {
  const lines: string[] = [];
  const host = hostSizedSchema();
  let t = performance.now();
  loadedProfiles();
  profileSchema();
  const coldProfiles = performance.now() - t;
  t = performance.now();
  const file = loadSchemaText(host, 'IIS_schema.xml');
  resolveSchema([file], 'host');
  const coldHost = performance.now() - t;
  t = performance.now();
  profileSchema();
  const cached = performance.now() - t;
  const total = coldProfiles + coldHost;
  lines.push(`schema: bundled profiles (${(Object.values(PROFILE_TEXTS).join('').length / 1024).toFixed(0)} KB) cold ${coldProfiles.toFixed(1)} ms; a ${(host.length / 1024).toFixed(0)} KB host schema (${file.sections.length} sections) cold ${coldHost.toFixed(1)} ms; together ${total.toFixed(1)} ms (target < 50 ms): ${total < 50 ? 'OK' : 'MISSES TARGET'}; cached after: ${cached.toFixed(3)} ms`);
  const warm = measure(() => {
    resetProfileCache();
    profileSchema();
  }, 15, 3);
  const warmHost = measure(() => resolveSchema([loadSchemaText(host, 'h.xml')], 'host'), 15, 3);
  lines.push(`schema: warm reload, median profiles ${warm.median.toFixed(1)} ms (p95 ${warm.p95.toFixed(1)}), 100 KB host schema ${warmHost.median.toFixed(1)} ms (p95 ${warmHost.p95.toFixed(1)})`);
  return lines;
}
