/**
 * The Python-aware check on a generated project of 2,000 .py files (40 packages of 50 modules, all imported
 * from the handler's package, so resolving WSGI_HANDLER and app-run-at-import visit every file):
 *   cold: the full check with an empty parse cache and folder-listing cache (every file read and parsed);
 *   warm: the full check again after one file changed (only that file is re-parsed).
 * Targets (issue 4): < 1 s cold, < 20 ms warm. A benchmark, not a test: it prints numbers.
 *
 * `benchPython()` is exported for test/bench/bench.ts; `node out/bench/python.bench.js` runs it alone.
 */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkText } from '../../src/core/check';
import { PythonModuleCache, type PythonParser } from '../../src/core/python';
import { nodeProjectFiles } from '../../src/node/python/projectFiles';
import { prepareInit } from '../../src/node/scaffold/scaffoldRequest';
import { DirListingCache } from '../../src/node/python/pythonFiles';
import { loadPythonParser } from '../../src/node/python/pythonParser';

const PACKAGES = 40;
const MODULES = 50;
const WARM_RUNS = 30;
/** The machine's noise is a few hundred ms either way: the median of several. */
const COLD_RUNS = 7;

const WEB_CONFIG = `<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <system.webServer>
    <handlers>
      <add name="Python FastCGI" path="*" verb="*" modules="FastCgiModule" scriptProcessor="C:\\Python311\\python.exe|C:\\Python311\\Lib\\site-packages\\wfastcgi.py" resourceType="Unspecified" />
    </handlers>
  </system.webServer>
  <appSettings>
    <add key="WSGI_HANDLER" value="portal.wsgi.app" />
    <add key="PYTHONPATH" value="lib" />
  </appSettings>
</configuration>
`;

function moduleText(p: number, m: number, edit = 0): string {
  return `"""Generated module ${p}.${m}."""
import os
from . import m${(m + 1) % MODULES}
from ..pkg${(p + 1) % PACKAGES} import m${m} as neighbour

CONSTANT_${m} = ${m + edit}


def handler_${m}(request, limit=10):
    """Handle a request."""
    total = 0
    for i in range(limit):
        total += i * CONSTANT_${m}
    if request and request.get("debug"):
        return {"total": total, "env": os.environ.get("X")}
    return total


class Model${m}:
    table = "model_${p}_${m}"

    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return f"<Model${m} {self.name}>"


default = Model${m}("default")
`;
}

/** Writes the project; returns the folder and the files (2,000 modules + package and app files). */
export function generateProject(): { dir: string; modules: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'flask-iis-pybench-'));
  const modules: string[] = [];
  const write = (path: string, text: string) => {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  write('web.config', WEB_CONFIG);
  write('lib/.keep', '');
  const pkgs = Array.from({ length: PACKAGES }, (_, p) => `pkg${p}`);
  write('portal/__init__.py', `"""The application package."""\nfrom . import ${pkgs.join(', ')}\n`);
  write('portal/wsgi.py', 'from flask import Flask\n\nfrom . import pkg0\n\napp = Flask(__name__, static_folder=None)\n');
  for (let p = 0; p < PACKAGES; p++) {
    write(`portal/pkg${p}/__init__.py`, `from . import ${Array.from({ length: MODULES - 1 }, (_, m) => `m${m}`).join(', ')}\n`);
    for (let m = 0; m < MODULES; m++) {
      const path = `portal/pkg${p}/m${m}.py`;
      write(path, moduleText(p, m));
      modules.push(path);
    }
  }
  return { dir, modules };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function p95(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * 0.95))]!;
}

/** One file changed, then a full check; `changed` tells the cache as a watcher would (or not). */
function warmRuns(dir: string, modules: string[], listings: DirListingCache, cache: PythonModuleCache, changed: (path: string) => string): number[] {
  const times: number[] = [];
  for (let i = 0; i < WARM_RUNS; i++) {
    const path = modules[(i * 37) % modules.length]!;
    const [p, m] = /pkg(\d+)\/m(\d+)/.exec(path)!.slice(1).map(Number) as [number, number];
    writeFileSync(join(dir, path), moduleText(p, m, i + 1 + times.length * 100));
    utimesSync(join(dir, path), new Date(), new Date(Date.now() + (i + 1) * 1000));
    changed(path);
    const before = cache.parses;
    const t0 = performance.now();
    checkText(WEB_CONFIG, { project: nodeProjectFiles(dir, listings), python: { parser: PARSER!, cache } });
    times.push(performance.now() - t0);
    if (cache.parses !== before + 1) throw new Error(`warm run re-parsed ${cache.parses - before} files`);
  }
  return times;
}

let PARSER: PythonParser | undefined;

export async function benchPython(log: (line: string) => void = console.log): Promise<void> {
  const parser = await loadPythonParser();
  if (!parser) return log('python bench: skipped (tree-sitter did not load)');
  PARSER = parser;
  const { dir, modules } = generateProject();
  try {
    const colds: { ms: number; parses: number }[] = [];
    let cache = new PythonModuleCache();
    let listings = new DirListingCache();
    for (let i = 0; i < COLD_RUNS; i++) {
      cache = new PythonModuleCache();
      listings = new DirListingCache();
      const t0 = performance.now();
      const result = checkText(WEB_CONFIG, { project: nodeProjectFiles(dir, listings), python: { parser, cache } });
      colds.push({ ms: performance.now() - t0, parses: cache.parses });
      if (result.internalErrors.length) throw new Error(result.internalErrors.join('\n'));
    }
    const warm = warmRuns(dir, modules, listings, cache, (path) => path);
    const watchedCache = new PythonModuleCache({ watched: () => true });
    checkText(WEB_CONFIG, { project: nodeProjectFiles(dir, listings), python: { parser, cache: watchedCache } });
    const watched = warmRuns(dir, modules, listings, watchedCache, (path) => {
      watchedCache.delete(join(dir, path));
      return path;
    });
    // init: choosing the application (every module's bindings, routes, imports) and planning the files, cold.
    const inits: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      const prepared = prepareInit({ dir, name: 'portal' }, { parser, cache: new PythonModuleCache() }, { windows: false });
      inits.push(performance.now() - t0);
      if (!prepared.ok) throw new Error(`init did not choose an app: ${prepared.problem.key}`);
    }
    log(`python project, ${modules.length + PACKAGES + 2} .py files (${colds[0]!.parses} parsed per cold check):`);
    log(`  init (cold parse cache: choose the app, plan the files): median ${median(inits).toFixed(0)} ms (${inits.map((x) => x.toFixed(0)).join(' / ')}) (target < 1000 ms)`);
    log(`  cold full check: median ${median(colds.map((c) => c.ms)).toFixed(0)} ms (${colds.map((c) => c.ms.toFixed(0)).join(' / ')}) (target < 1000 ms)`);
    log(`  warm after one file changed (the extension: watcher reports the change): median ${median(watched).toFixed(1)} ms, p95 ${p95(watched).toFixed(1)} ms over ${WARM_RUNS} runs (target < 20 ms)`);
    log(`  warm after one file changed (no watcher: every file's mtime/size checked): median ${median(warm).toFixed(1)} ms, p95 ${p95(warm).toFixed(1)} ms`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) void benchPython();
