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
