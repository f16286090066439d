/**
 * The layout the developers' guide asks for, kept by a test rather than by memory:
 * - src/core is pure TypeScript: no `vscode`, no Node module (it speaks offsets; node/ and the adapters do I/O);
 * - no source file over 300 lines;
 * - the adapter layers (node/, features/, cli/) use the capability folders core has, so one capability sits in
 *   the same place in every layer (`run/` is verify/run, whose core lives in python/ and iis/);
 * - no import cycles, between two files or longer (each is reported by its files).
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';

const ROOT = resolve(__dirname, '../..');
const SRC = join(ROOT, 'src');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const FILES = walk(SRC);
const rel = (p: string) => relative(ROOT, p).split('\\').join('/');
const IMPORT = /(?:^|\n)\s*(?:import|export)\b[^'";()=]*?from\s*['"]([^'"]+)['"]|(?:^|\n)\s*import\s*['"]([^'"]+)['"]|\brequire\(\s*['"]([^'"]+)['"]\s*\)|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

/** The module specifiers a file imports (static, side-effect, require and dynamic import). */
function specifiers(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(IMPORT)].map((m) => (m[1] ?? m[2] ?? m[3] ?? m[4])!);
}

function resolveLocal(from: string, spec: string): string | undefined {
  const base = resolve(dirname(from), spec);
  return [`${base}.ts`, join(base, 'index.ts')].find((c) => existsSync(c));
}

test('src/core imports neither vscode nor any Node module', () => {
  const node = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
  const bad = walk(join(SRC, 'core')).flatMap((f) => specifiers(f).filter((s) => s === 'vscode' || node.has(s) || s.startsWith('node:')).map((s) => `${rel(f)}: ${s}`));
  assert.deepEqual(bad, []);
});

test('no source file is over 300 lines', () => {
  const long = FILES.map((f) => [rel(f), readFileSync(f, 'utf8').split('\n').length - 1] as const).filter(([, n]) => n > 300);
  assert.deepEqual(long, []);
});

test("the adapter layers' folders are core's capability folders (or run/)", () => {
  const folders = (dir: string) => readdirSync(dir).filter((f) => statSync(join(dir, f)).isDirectory());
  const capabilities = new Set([...folders(join(SRC, 'core')), 'run']);
  for (const layer of ['node', 'features', 'cli']) {
    if (!existsSync(join(SRC, layer))) continue;
    assert.deepEqual(folders(join(SRC, layer)).filter((f) => !capabilities.has(f)), [], `src/${layer}`);
  }
});

function importGraph(): Map<string, Set<string>> {
  return new Map(FILES.map((f) => [f, new Set(specifiers(f).filter((s) => s.startsWith('.')).map((s) => resolveLocal(f, s)).filter((x): x is string => !!x))]));
}

test('no import cycles between two files', () => {
  const graph = importGraph();
  const pairs: string[] = [];
  for (const [a, deps] of graph) for (const b of deps) if (a < b && graph.get(b)?.has(a)) pairs.push(`${rel(a)} <-> ${rel(b)}`);
  assert.deepEqual(pairs, [], 'a two-file import cycle: move what both need into a third module');
});

test('no longer import cycles either', () => {
  const graph = importGraph();
  const state = new Map<string, 'open' | 'done'>();
  const cycles: string[] = [];
  const visit = (f: string, path: string[]) => {
    state.set(f, 'open');
    for (const d of graph.get(f) ?? []) {
      if (state.get(d) === 'open') cycles.push([...path.slice(path.indexOf(d)), d].map(rel).join(' -> '));
      else if (!state.has(d)) visit(d, [...path, d]);
    }
    state.set(f, 'done');
  };
  for (const f of graph.keys()) if (!state.has(f)) visit(f, [f]);
  assert.deepEqual(cycles, []);
});
