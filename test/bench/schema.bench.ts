/**
 * Schema loading (issue 14), target: the bundled profiles and a ~100 KB host schema under 50 ms cold, cached after.
 * Cold means a new process: schemaCold.js (built next to bench.js) is run in fresh processes and the medians
 * reported. The profiles are precompiled at build time (scripts/schemaProfiles.mjs), so cold profiles cost only
 * JSON.parse and object creation; the host schema is fast-xml-parser's first parse in that process.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PROFILE_DATA from 'schema-profile-data';
import { loadSchemaText } from '../../src/core/schema/loader';
import { profileSchema, resetProfileCache } from '../../src/core/schema/profiles';
import { PROFILE_TEXTS } from '../../src/core/schema/profileTexts';
import { resolveSchema } from '../../src/core/schema/resolve';
import { measure } from './measure';
import { hostSizedSchema } from './schemaHost';

export { hostSizedSchema };

interface ColdRun { profiles: number; host: number; profilesCpu: number; hostCpu: number; cachedProfiles: number; cachedHost: number; tenSections: number; allSections: number; hostSections: number; source: string }

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export function benchSchemaCold(runs = 11): string[] {
  const lines: string[] = [];
  const host = hostSizedSchema();
  const dir = mkdtempSync(join(tmpdir(), 'flask-iis-schema-bench-'));
  const cold: ColdRun[] = [];
  const fromCache: ColdRun[] = [];
  const cacheDir = join(dir, 'cache');
  const schemaDir = join(dir, 'schema');
  const run = (cache?: string) => JSON.parse(execFileSync(process.execPath, [join(__dirname, 'schemaCold.js'), schemaDir, ...(cache ? [cache] : [])], { encoding: 'utf8' })) as ColdRun;
  try {
    mkdirSync(schemaDir);
    writeFileSync(join(schemaDir, 'IIS_schema.xml'), host);
    for (let i = 0; i < runs; i++) cold.push(run());
    run(cacheDir); // writes the cache entry (as the first run on a machine does)
    for (let i = 0; i < runs; i++) fromCache.push(run(cacheDir));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (fromCache.some((r) => r.source !== 'cache')) throw new Error('schema bench: the cache entry was not used');
  const med = (f: (r: ColdRun) => number, list = cold) => median(list.map(f));
  const together = med((r) => r.profiles + r.host);
  const togetherCached = med((r) => r.profiles + r.host, fromCache);
  const xmlKb = Object.values(PROFILE_TEXTS).join('').length / 1024;
  lines.push(`schema: cold, median of ${runs} fresh processes: bundled profiles (${xmlKb.toFixed(0)} KB of XML, precompiled to ${(PROFILE_DATA.length / 1024).toFixed(0)} KB) ${med((r) => r.profiles).toFixed(1)} ms; a ${(host.length / 1024).toFixed(0)} KB host schema folder (${cold[0]!.hostSections} sections, fast-xml-parser, bodies read on first use) ${med((r) => r.host).toFixed(1)} ms; together ${together.toFixed(1)} ms (target < 50 ms): ${together < 50 ? 'OK' : 'MISSES TARGET'}; CPU time profiles ${med((r) => r.profilesCpu).toFixed(1)} ms, host ${med((r) => r.hostCpu).toFixed(1)} ms; then reading 10 sections ${med((r) => r.tenSections).toFixed(1)} ms, all the rest ${med((r) => r.allSections).toFixed(1)} ms; cached after: profiles ${med((r) => r.cachedProfiles).toFixed(3)} ms, host folder ${med((r) => r.cachedHost).toFixed(3)} ms`);
  lines.push(`schema: cold from the disk cache (compact JSON, checked by SHA-256), median of ${runs} fresh processes: profiles ${med((r) => r.profiles, fromCache).toFixed(1)} ms + host folder ${med((r) => r.host, fromCache).toFixed(1)} ms = ${togetherCached.toFixed(1)} ms (target < 50 ms): ${togetherCached < 50 ? 'OK' : 'MISSES TARGET'}; CPU time host ${med((r) => r.hostCpu, fromCache).toFixed(1)} ms`);
  const warm = measure(() => {
    resetProfileCache();
    profileSchema();
  }, 15, 3);
  const warmHost = measure(() => resolveSchema([loadSchemaText(host, 'h.xml')], 'host'), 15, 3); // every body read
  lines.push(`schema: warm reload in one process, median profiles ${warm.median.toFixed(2)} ms (p95 ${warm.p95.toFixed(2)}), 100 KB host schema ${warmHost.median.toFixed(1)} ms (p95 ${warmHost.p95.toFixed(1)})`);
  return lines;
}
