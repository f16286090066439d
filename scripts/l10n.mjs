// `npm run l10n`: writes l10n/bundle.l10n.json, the English source bundle translators start from:
//  - every vscode.l10n.t(...) string in src/, extracted by @vscode/l10n-dev (the ecosystem's extractor, the
//    same as `npx @vscode/l10n-dev export ./src`);
//  - every template of the core message table (src/core/messages.ts) and the catalogue's documentation:
//    the core renders them through the same bundle (VS Code: vscode.l10n.bundle; CLI: src/cli/l10n.ts), but
//    they are data, not l10n.t calls, so no extractor can see them.
// A translation is then one file, l10n/bundle.l10n.<locale>.json, with the same keys
// (test/unit/l10n.test.ts checks zh-CN is complete and keeps every placeholder).
// Set FLASK_IIS_L10N_DEV to the folder of an @vscode/l10n-dev install to use one outside node_modules.
import * as esbuild from 'esbuild';
import { mkdirSync, readdirSync, readFileSync, writeFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

// A path, not a URL's pathname: right on Windows (D:\...) and with spaces or non-ASCII in the path.
const root = fileURLToPath(new URL('..', import.meta.url));
async function load(entry) {
  const out = await esbuild.build({ entryPoints: [join(root, entry)], bundle: true, platform: 'node', format: 'cjs', write: false });
  const mod = { exports: {} };
  new Function('module', 'exports', 'require', out.outputFiles[0].text)(mod, mod.exports, createRequire(import.meta.url));
  return mod.exports;
}

async function l10nDev() {
  const from = process.env.FLASK_IIS_L10N_DEV;
  try {
    return from ? await import(pathToFileURL(createRequire(join(from, 'package.json')).resolve('@vscode/l10n-dev')).href) : await import('@vscode/l10n-dev');
  } catch {
    return undefined;
  }
}

const walk = (dir) => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : [join(dir, f)]));
const sources = walk(join(root, 'src')).filter((f) => f.endsWith('.ts')).sort();

/** vscode.l10n.t strings: @vscode/l10n-dev when installed, else the single-quoted literals (what src/ uses). */
async function extracted() {
  const dev = await l10nDev();
  if (dev?.getL10nJson) {
    const json = await dev.getL10nJson(sources.map((f) => ({ extension: '.ts', contents: readFileSync(f, 'utf8') })));
    return { tool: '@vscode/l10n-dev', strings: Object.entries(json).map(([key, v]) => (typeof v === 'string' ? key : v.message ?? key)) };
  }
  const strings = [];
  for (const file of sources) {
    for (const m of readFileSync(file, 'utf8').matchAll(/l10n\.t\(\s*'((?:[^'\\]|\\.)*)'/g)) strings.push(m[1].replace(/\\'/g, "'"));
  }
  return { tool: 'built-in scan (@vscode/l10n-dev is not installed)', strings };
}

const bundle = {};
for (const template of Object.values((await load('src/core/messages.ts')).MESSAGES)) bundle[template] = template;
// The catalogue's documentation (hover and completion) is translated by its English text as well.
const { ELEMENTS } = await load('src/core/catalogue/elements.ts');
const { SETTINGS } = await load('src/core/catalogue/settings.ts');
for (const el of Object.values(ELEMENTS)) {
  bundle[el.summary] = el.summary;
  for (const a of el.attributes) bundle[a.summary] = a.summary;
}
for (const s of SETTINGS) bundle[s.summary] = s.summary;
const { tool, strings } = await extracted();
for (const s of strings) bundle[s] = s;

// The CLI's help (its command table's summaries and option descriptions) and its own sentences.
for (const s of (await load('src/cli/cliMessages.ts')).cliStrings()) bundle[s] = s;
mkdirSync(join(root, 'l10n'), { recursive: true });
writeFileSync(join(root, 'l10n/bundle.l10n.json'), JSON.stringify(bundle, null, 2) + '\n');
console.log(`l10n/bundle.l10n.json: ${Object.keys(bundle).length} strings (vscode.l10n.t calls: ${strings.length}, by ${tool})`);
