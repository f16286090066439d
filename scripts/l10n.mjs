// `npm run l10n`: writes l10n/bundle.l10n.json, the English source bundle translators start from:
// every template of the core message table, the catalogue's documentation, and every vscode.l10n.t('...')
// string in src/.
// A translation is then one file, l10n/bundle.l10n.<locale>.json, with the same keys.
import * as esbuild from 'esbuild';
import { mkdirSync, readdirSync, readFileSync, writeFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const root = new URL('..', import.meta.url).pathname;
async function load(entry) {
  const out = await esbuild.build({ entryPoints: [join(root, entry)], bundle: true, platform: 'node', format: 'cjs', write: false });
  const mod = { exports: {} };
  new Function('module', 'exports', 'require', out.outputFiles[0].text)(mod, mod.exports, createRequire(import.meta.url));
  return mod.exports;
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

const walk = (dir) => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : [join(dir, f)]));
for (const file of walk(join(root, 'src')).filter((f) => f.endsWith('.ts'))) {
  for (const m of readFileSync(file, 'utf8').matchAll(/l10n\.t\(\s*'((?:[^'\\]|\\.)*)'/g)) bundle[m[1].replace(/\\'/g, "'")] = m[1].replace(/\\'/g, "'");
}
// The CLI's help (its command table's summaries and option descriptions) and its own sentences.
for (const s of (await load('src/cli/cliMessages.ts')).cliStrings()) bundle[s] = s;
mkdirSync(join(root, 'l10n'), { recursive: true });
writeFileSync(join(root, 'l10n/bundle.l10n.json'), JSON.stringify(bundle, null, 2) + '\n');
console.log(`l10n/bundle.l10n.json: ${Object.keys(bundle).length} strings`);
