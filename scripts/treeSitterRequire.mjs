// esbuild plugin for the CLI bundle: tree-sitter's loader (@vscode/tree-sitter-wasm) imports two node modules with
// `await import(...)`. Code that V8 read from a code cache cannot import dynamically on node 20 ("A dynamic import
// callback was not specified"), and the CLI is loaded from one (src/cli/launcher.ts). So those two imports become
// `require`s. Not esbuild's `supported: { 'dynamic-import': false }`: the loader declares its own `var require`, which
// would shadow the one esbuild's rewrite calls. The build fails if the loader changes shape (a new version).
import { readFile } from 'node:fs/promises';

const REWRITES = [
  ['await import("fs/promises")', '__flaskIisRequire("fs/promises")'],
  ['await import("module")', '__flaskIisRequire("module")'],
];

export function treeSitterRequirePlugin() {
  return {
    name: 'tree-sitter-require',
    setup(build) {
      build.onLoad({ filter: /tree-sitter-wasm[\\/]wasm[\\/]tree-sitter\.js$/ }, async (args) => {
        let text = await readFile(args.path, 'utf8');
        for (const [from, to] of REWRITES) {
          const count = text.split(from).length - 1;
          if (count !== 1) return { errors: [{ text: `tree-sitter.js: expected one ${from}, found ${count}; update scripts/treeSitterRequire.mjs` }] };
          text = text.replace(from, to);
        }
        if (/\bimport\(/.test(text.replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, ''))) return { errors: [{ text: 'tree-sitter.js: an import() is left; update scripts/treeSitterRequire.mjs' }] };
        return { contents: `var __flaskIisRequire = require;\n${text}`, loader: 'js' };
      });
    },
  };
}
