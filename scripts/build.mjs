// Bundles the extension and the CLI (and, on request, the unit tests and the benchmark) with esbuild.
// Usage: node scripts/build.mjs [--production] [--tests] [--bench] [--watch]
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { schemaProfilesPlugin } from './schemaProfiles.mjs';
import { treeSitterRequirePlugin } from './treeSitterRequire.mjs';
import { fileURLToPath } from 'node:url';

const args = new Set(process.argv.slice(2));
const production = args.has('--production');
// A path, not a URL's pathname: right on Windows (D:\...) and with spaces or non-ASCII in the path.
const root = fileURLToPath(new URL('..', import.meta.url));

/** @type {esbuild.BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  legalComments: 'none',
  logLevel: 'warning',
  logOverride: { 'import-is-undefined': 'error' },
  absWorkingDir: root,
  // Schema profiles (schema/profiles/*.xml) are bundled as text.
  loader: { '.xml': 'text' },
  // ...and precompiled: `schema-profile-data` is them read by the loader at build time (scripts/schemaProfiles.mjs).
  plugins: [schemaProfilesPlugin(root)],
  define: { FLASK_IIS_VERSION: JSON.stringify(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version) },
};

const builds = [
  {
    ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'],
    banner: { js: 'globalThis.__flaskIisLoadStart = performance.now();' },
  },
  // The CLI: a small launcher (the `flask-iis` bin) that loads the bundle with V8's code cache (src/cli/launcher.ts).
  // No `import()` left in it: code from V8's code cache cannot import dynamically on node 20 (scripts/treeSitterRequire.mjs).
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli-main.js', plugins: [...common.plugins, treeSitterRequirePlugin()] },
  { ...common, entryPoints: ['src/cli/launcher.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
];

function testEntries(dir) {
  return readdirSync(join(root, dir)).filter((f) => f.endsWith('.test.ts')).map((f) => `${dir}/${f}`);
}

if (args.has('--tests')) {
  rmSync(join(root, 'out/unit'), { recursive: true, force: true });
  builds.push({ ...common, sourcemap: true, minify: false, entryPoints: testEntries('test/unit'), outdir: 'out/unit' });
}
if (args.has('--bench')) {
  builds.push({ ...common, sourcemap: false, minify: false, entryPoints: ['test/bench/bench.ts'], outfile: 'out/bench/bench.js' });
  builds.push({ ...common, sourcemap: false, minify: false, entryPoints: ['test/bench/python.bench.ts'], outfile: 'out/bench/python.bench.js' });
  builds.push({ ...common, sourcemap: false, minify: false, entryPoints: ['test/bench/adversarial.bench.ts'], outfile: 'out/bench/adversarial.bench.js' });
  builds.push({ ...common, sourcemap: false, minify: false, entryPoints: ['test/bench/limits.bench.ts'], outfile: 'out/bench/limits.bench.js' });
  builds.push({ ...common, sourcemap: false, minify: false, entryPoints: ['test/bench/phases.bench.ts'], outfile: 'out/bench/phases.bench.js' });
  builds.push({ ...common, sourcemap: false, minify: false, entryPoints: ['test/bench/schemaCold.ts'], outfile: 'out/bench/schemaCold.js' });
  builds.push({ ...common, sourcemap: false, minify: false, entryPoints: ['test/bench/schemaOnly.bench.ts'], outfile: 'out/bench/schemaOnly.bench.js' });
}

if (args.has('--watch')) {
  for (const b of builds) (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}

// Files loaded at run time next to the bundles: the tree-sitter runtime and Python grammar (Python-aware
// checks) and our wfastcgi start-up runner (verify / run).
const RUNTIME_FILES = [
  ['node_modules/@vscode/tree-sitter-wasm/wasm/tree-sitter.wasm', 'dist/tree-sitter.wasm'],
  ['node_modules/@vscode/tree-sitter-wasm/wasm/tree-sitter-python.wasm', 'dist/tree-sitter-python.wasm'],
  ['src/python/wfastcgi_runner.py', 'dist/wfastcgi_runner.py'],
  ['src/python/wfastcgi_serve.py', 'dist/wfastcgi_serve.py'],
  ['src/python/wfastcgi_request.py', 'dist/wfastcgi_request.py'],
];
mkdirSync(join(root, 'dist'), { recursive: true });
for (const [from, to] of RUNTIME_FILES) copyFileSync(join(root, from), join(root, to));
