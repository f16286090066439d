/**
 * Loads the tree-sitter Python parser (@vscode/tree-sitter-wasm, the grammar VS Code itself ships) for the
 * core's Python-aware checks. Asynchronous and once per process; the wasm files sit next to the bundle
 * (dist/, copied by scripts/build.mjs) or in node_modules when running from source (tests).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PythonParser, PyTree } from '../../core/python';

/** A parse taking longer than this is cancelled; the module is then treated as unknown, never as wrong. */
const PARSE_TIMEOUT_MS = 2000;

export const WASM_FILES = ['tree-sitter.wasm', 'tree-sitter-python.wasm'];

let loading: Promise<PythonParser | undefined> | undefined;
let lastError: string | undefined;

/**
 * The folders searched for the wasm files, first match wins: all relative to this bundle, never to the current
 * folder (a workspace's node_modules must not choose the parser we run).
 */
export function wasmDirs(): string[] {
  const pkg = ['node_modules', '@vscode', 'tree-sitter-wasm', 'wasm'];
  return [__dirname, join(__dirname, '..', ...pkg), join(__dirname, '..', '..', ...pkg)];
}

function wasmDir(): string | undefined {
  return wasmDirs().find((d) => WASM_FILES.every((f) => existsSync(join(d, f))));
}

/** The parser, or undefined (with `parserLoadError()` saying why) when the wasm cannot be loaded. */
export function loadPythonParser(): Promise<PythonParser | undefined> {
  loading ??= load().catch((e: unknown) => {
    lastError = e instanceof Error ? e.message : String(e);
    return undefined;
  });
  return loading;
}

export function parserLoadError(): string | undefined {
  return lastError;
}

async function load(): Promise<PythonParser | undefined> {
  const dir = wasmDir();
  if (!dir) {
    lastError = `tree-sitter wasm files not found (looked in ${wasmDirs().join(', ')})`;
    return undefined;
  }
  const { Parser, Language } = await import('@vscode/tree-sitter-wasm');
  await Parser.init({ locateFile: (file: string) => join(dir, file) });
  const language = await Language.load(readFileSync(join(dir, 'tree-sitter-python.wasm')));
  const parser = new Parser();
  parser.setLanguage(language);
  return {
    parse(text: string): PyTree | null {
      const deadline = performance.now() + PARSE_TIMEOUT_MS;
      const tree = parser.parse(text, null, { progressCallback: () => performance.now() > deadline });
      if (!tree) parser.reset();
      return tree;
    },
  };
}
