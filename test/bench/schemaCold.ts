/**
 * One cold schema load in a fresh process (run many times by schema.bench.ts, argv[2] = a folder holding a ~100 KB
 * IIS_schema.xml): the bundled profiles (decoded from the data precompiled at build time, resolved for the default
 * target), then that folder through the `--schema-dir` code path (read, fast-xml-parser's first parse in this
 * process, resolve), then both again (cached). Prints JSON: wall-clock ms, and CPU ms of this process (less
 * sensitive to other load on a shared machine). argv[3], when given, is the cache folder (VS Code's global storage,
 * the CLI's OS cache folder): the host folder then comes from its compact JSON when the entry is there.
 * A host folder read from its XML parses a section's body on first use (core/schema/hostLoader.ts): `tenSections`
 * is reading ten sections after the load (what a check of a typical web.config reads), `allSections` every one
 * after that (the worst case: the cache entry's write, done after the work).
 */
import { profileSchema } from '../../src/core/schema/profiles';
import { loadSchemaFolder } from '../../src/node/schema/schemaFolder';

const dir = process.argv[2]!;
const cacheDir = process.argv[3];
const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;
let t = performance.now();
let u = process.cpuUsage();
profileSchema();
const profiles = performance.now() - t;
const profilesCpu = cpuMs(process.cpuUsage(u));
t = performance.now();
u = process.cpuUsage();
const loaded = loadSchemaFolder(dir, cacheDir ? { cacheDir } : {});
const host = performance.now() - t;
const hostCpu = cpuMs(process.cpuUsage(u));
if (!loaded.ok || loaded.problems.length) throw new Error(`schema folder: ${loaded.ok ? loaded.problems.join('; ') : loaded.reason}`);
t = performance.now();
profileSchema();
const cachedProfiles = performance.now() - t;
t = performance.now();
loadSchemaFolder(dir, cacheDir ? { cacheDir } : {});
const cachedHost = performance.now() - t;
const sections = [...loaded.schema.sections.values()];
t = performance.now();
for (const s of sections.slice(0, 10)) void s.attributes;
const tenSections = performance.now() - t;
t = performance.now();
for (const s of sections) void s.attributes;
const allSections = performance.now() - t;
process.stdout.write(JSON.stringify({ profiles, host, profilesCpu, hostCpu, cachedProfiles, cachedHost, tenSections, allSections, hostSections: loaded.schema.sections.size, source: loaded.source }));
