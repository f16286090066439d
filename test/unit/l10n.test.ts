/** Translations are files: the English bundle lists every core template; translated bundles have no stale keys. */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { MESSAGE_PARTS, MESSAGES, renderMessage } from '../../src/core/messages';

const L10N = resolve(__dirname, '../../l10n');
const read = (f: string) => JSON.parse(readFileSync(join(L10N, f), 'utf8')) as Record<string, string>;

test('l10n/bundle.l10n.json holds every template of the core message table (run npm run l10n after editing messages)', () => {
  const bundle = read('bundle.l10n.json');
  const missing = Object.values(MESSAGES).filter((t) => !(t in bundle));
  assert.deepEqual(missing, []);
});

test('every translated bundle only has keys of the English bundle and keeps every {placeholder}', () => {
  const english = read('bundle.l10n.json');
  for (const file of readdirSync(L10N).filter((f) => /^bundle\.l10n\..+\.json$/.test(f))) {
    for (const [key, value] of Object.entries(read(file))) {
      assert.ok(key in english, `${file}: stale key ${key.slice(0, 60)}`);
      const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      assert.deepEqual(names(value), names(key), `${file}: placeholders differ in ${key.slice(0, 60)}`);
    }
  }
});

test('renderMessage fills arguments and translated @fragments', () => {
  const zh: Record<string, string> = { [MESSAGES['placeholder.hint.generic']]: '请替换。', [MESSAGES['placeholder.value']]: '{where}: {placeholder} {hint}' };
  const text = renderMessage('placeholder.value', { where: 'PYTHONPATH', placeholder: '%X%', hint: '@placeholder.hint.generic' }, (t) => zh[t] ?? t);
  assert.equal(text, 'PYTHONPATH: %X% 请替换。');
});

test('every message key is defined in exactly one part of the table', () => {
  const keys = MESSAGE_PARTS.flatMap((part) => Object.keys(part));
  assert.deepEqual(keys.filter((k, i) => keys.indexOf(k) !== i), []);
  assert.equal(keys.length, Object.keys(MESSAGES).length);
});

test('the catalogue documentation shown on hover and in completion is in the source bundle', async () => {
  const { ELEMENTS } = await import('../../src/core/catalogue/elements');
  const { SETTINGS } = await import('../../src/core/catalogue/settings');
  const bundle = read('bundle.l10n.json');
  const texts = [...Object.values(ELEMENTS).flatMap((e) => [e.summary, ...e.attributes.map((a) => a.summary)]), ...SETTINGS.map((s) => s.summary)];
  assert.deepEqual(texts.filter((t) => !(t in bundle)), []);
});

// Issue 15: zh-CN is complete, and a translation keeps every placeholder of its source.
const ROOT = resolve(__dirname, '../..');
const readRoot = (f: string) => JSON.parse(readFileSync(join(ROOT, f), 'utf8')) as Record<string, string>;
const placeholders = (s: string) => [...new Set([...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!))].sort();
const REQUIRED_LOCALES = ['zh-cn'];

function assertComplete(what: string, source: Record<string, string>, translated: Record<string, string>): void {
  const missing = Object.keys(source).filter((k) => typeof translated[k] !== 'string' || translated[k]!.trim() === '');
  assert.deepEqual(missing.map((k) => k.slice(0, 80)), [], `${what}: ${missing.length} of ${Object.keys(source).length} keys have no translation`);
  const stale = Object.keys(translated).filter((k) => !(k in source));
  assert.deepEqual(stale.map((k) => k.slice(0, 80)), [], `${what}: keys that are not in the source`);
  const differ = Object.keys(source).filter((k) => placeholders(source[k]!).join() !== placeholders(translated[k]!).join());
  assert.deepEqual(differ.map((k) => `${k.slice(0, 60)}: ${placeholders(source[k]!).join()} vs ${placeholders(translated[k]!).join()}`), [], `${what}: placeholders differ`);
}

for (const locale of REQUIRED_LOCALES) {
  test(`${locale}: every runtime string (l10n/bundle.l10n.json) is translated, with the same placeholders`, () => {
    assertComplete(`l10n/bundle.l10n.${locale}.json`, read('bundle.l10n.json'), read(`bundle.l10n.${locale}.json`));
  });

  test(`${locale}: every manifest string (package.nls.json) is translated, with the same placeholders`, () => {
    assertComplete(`package.nls.${locale}.json`, readRoot('package.nls.json'), readRoot(`package.nls.${locale}.json`));
  });

  test(`${locale}: every template of the core message table has a translation`, () => {
    const bundle = read(`bundle.l10n.${locale}.json`);
    const missing = (Object.keys(MESSAGES) as (keyof typeof MESSAGES)[]).filter((k) => !bundle[MESSAGES[k]]);
    assert.deepEqual(missing, []);
    // A translation is not the English text left in place (product names, codes and commands alone may be).
    const untranslated = Object.entries(bundle).filter(([en, t]) => en === t && /[a-z]{4,} [a-z]{4,} [a-z]{4,}/.test(en));
    assert.deepEqual(untranslated.map(([en]) => en.slice(0, 80)), []);
  });
}

test('every %key% the manifest uses is defined in package.nls.json', () => {
  const manifest = readFileSync(join(ROOT, 'package.json'), 'utf8');
  const nls = readRoot('package.nls.json');
  const used = [...new Set([...manifest.matchAll(/"%([\w.-]+)%"/g)].map((m) => m[1]!))];
  assert.deepEqual(used.filter((k) => !(k in nls)), []);
});
