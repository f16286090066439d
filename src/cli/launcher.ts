/**
 * `flask-iis`'s entry point (dist/cli.js): loads the CLI bundle (dist/cli-main.js) with V8's code cache, then runs
 * it. Compiling the 1.2 MB bundle took about half of every run's own time (100 of 160 ms on a 2-core machine); with
 * the cache it is read, not compiled.
 *
 * - Node 22.1 and later: node's own compile cache (`module.enableCompileCache`).
 * - Node 20 and 21: the bundle is compiled with `vm.Script` and the code cache V8 produced after the first run
 *   (so it holds every function that run compiled). V8 checks the cache against the source and its own version
 *   and flags, and rejects a cache that does not match: then it is compiled as usual and the cache rewritten.
 *
 * The cache lives in the user's cache folder (never in a workspace), one file per bundle version and Node version.
 * V8 does not verify a code cache's integrity outside debug builds: a flipped byte is a fatal error, not a
 * rejection. So the file is the SHA-256 of the data followed by the data, and data whose hash differs is never
 * given to V8. Anything that goes wrong with the cache (absent, unreadable, not a regular file, damaged, rejected,
 * not writable) only means a normal compile. `NODE_DISABLE_COMPILE_CACHE=1` turns it off, as it does node's own.
 */
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { osCacheFolder } from '../node/cacheFolder';

declare const FLASK_IIS_VERSION: string;

interface CliBundle { start(): void }

const MAX_CACHE_BYTES = 16 * 1024 * 1024;
const CACHE_PREFIX = 'cli-code-';

export function launch(bundle: string): void {
  const cacheDir = process.env['NODE_DISABLE_COMPILE_CACHE'] ? undefined : osCacheFolder();
  const nodeCache = (Module as unknown as { enableCompileCache?: (dir?: string) => unknown }).enableCompileCache;
  if (cacheDir && nodeCache) {
    try {
      nodeCache(join(cacheDir, 'node-compile-cache'));
    } catch {
      // no cache: a normal compile
    }
  }
  const loaded = cacheDir && !nodeCache ? loadWithCodeCache(bundle, cacheDir) : undefined;
  (loaded ?? (require(bundle) as CliBundle)).start();
}

/**
 * The bundle compiled with the code cache. The bundle has no `import()` (scripts/build.mjs), because code read from
 * a code cache cannot import dynamically on node 20 ("A dynamic import callback was not specified").
 */
function loadWithCodeCache(bundle: string, cacheDir: string): CliBundle {
  const source = readFileSync(bundle, 'utf8');
  const stat = lstatSync(bundle);
  const name = `${CACHE_PREFIX}${FLASK_IIS_VERSION}-${process.version}-${process.arch}-${stat.size}-${Math.floor(stat.mtimeMs)}.bin`;
  const cacheFile = join(cacheDir, name);
  const cachedData = readCache(cacheFile);
  const script = new Script(Module.wrap(source), { filename: bundle, cachedData });
  const wrapper = script.runInThisContext() as (exports: object, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;
  const mod = new Module(bundle, require.main);
  mod.filename = bundle;
  const req = createRequire(bundle);
  wrapper.call(mod.exports, mod.exports, req, mod, bundle, dirname(bundle));
  mod.loaded = true;
  if (!cachedData || script.cachedDataRejected) process.once('exit', () => writeCache(cacheDir, name, () => script.createCachedData()));
  return mod.exports as CliBundle;
}

const DIGEST_BYTES = 32;
const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest();

/** The cached data, only when the file is a regular file whose data has the SHA-256 it starts with. */
function readCache(file: string): Buffer | undefined {
  try {
    const stat = lstatSync(file);
    if (!stat.isFile() || stat.size <= DIGEST_BYTES || stat.size > MAX_CACHE_BYTES) return undefined;
    const bytes = readFileSync(file);
    const data = bytes.subarray(DIGEST_BYTES);
    return sha256(data).equals(bytes.subarray(0, DIGEST_BYTES)) ? data : undefined;
  } catch {
    return undefined;
  }
}

/** Writes the cache atomically (a private temporary file renamed into place) and drops older entries. */
function writeCache(cacheDir: string, name: string, data: () => Buffer): void {
  try {
    mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
    const temp = join(cacheDir, `${name}.${process.pid}.tmp`);
    const bytes = data();
    writeFileSync(temp, Buffer.concat([sha256(bytes), bytes]), { mode: 0o600, flag: 'wx' });
    renameSync(temp, join(cacheDir, name));
    for (const old of readdirSync(cacheDir)) {
      if (old.startsWith(CACHE_PREFIX) && old.endsWith('.bin') && old !== name) rmSync(join(cacheDir, old), { force: true });
    }
  } catch {
    // no cache next time either: a normal compile
  }
}

if (require.main === module) launch(join(__dirname, 'cli-main.js'));
