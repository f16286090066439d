/**
 * Issue 15: a diagnostic's first sentence says what is wrong and what to do in about 100 characters (the
 * Problems panel shows about 110 on one line); the explanation follows. Checked for every message a check
 * can report, in English and in every translation, with realistic arguments, and on the findings of the
 * real-world fixtures.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { checkText } from '../../src/core/check';
import { findingParts } from '../../src/core/findings';
import { firstSentenceEnd, renderMessageParts, splitTemplate } from '../../src/core/messageParts';
import { MESSAGES, type Translate } from '../../src/core/messages';
import { FINDING_KEYS } from './findingKeys';
import { sampleArgs } from './messageSamples';

/** What the Problems panel shows on one line, in columns: CJK and full-width characters take two. */
const LIMIT = 100;
const ROOT = resolve(__dirname, '../..');
const L10N = join(ROOT, 'l10n');

export function displayWidth(s: string): number {
  let n = 0;
  for (const c of s) n += /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(c) ? 2 : 1;
  return n;
}

function translations(): [string, Translate][] {
  const out: [string, Translate][] = [['en', (t) => t]];
  for (const f of readdirSync(L10N).filter((f) => /^bundle\.l10n\..+\.json$/.test(f))) {
    const bundle = JSON.parse(readFileSync(join(L10N, f), 'utf8')) as Record<string, string>;
    out.push([f.slice('bundle.l10n.'.length, -'.json'.length), (t) => bundle[t] ?? t]);
  }
  return out;
}

test('the first sentence ends at the first full stop outside quotes and parentheses, or a line break', () => {
  assert.deepEqual(splitTemplate('WSGI_HANDLER "a.b. c" is wrong: fix it. Because (e.g. this. that) fails.'),
    { summary: 'WSGI_HANDLER "a.b. c" is wrong: fix it.', detail: 'Because (e.g. this. that) fails.' });
  assert.deepEqual(splitTemplate('缺少 WSGI_HANDLER：请添加。原因如下。'), { summary: '缺少 WSGI_HANDLER：请添加。', detail: '原因如下。' });
  assert.deepEqual(splitTemplate('It does not load:\n{error}'), { summary: 'It does not load:', detail: '{error}' });
  assert.equal(firstSentenceEnd('Use e.g. app.app. Then.'), 'Use e.g. app.app.'.length);
  assert.deepEqual(splitTemplate('One sentence only'), { summary: 'One sentence only', detail: '' });
});

test('a value with a full stop never moves the boundary: the split is made on the template', () => {
  const parts = renderMessageParts('py.importFailed', { python: 'C:\\Python312\\python.exe', value: 'app.app', error: 'Traceback. Line 2.' });
  assert.ok(parts.summary.startsWith('WSGI_HANDLER "app.app"'), parts.summary);
  assert.ok(parts.detail.endsWith('Traceback. Line 2.'), parts.detail);
});

test(`every finding message's first sentence fits in ${LIMIT} columns, in every language, with realistic arguments`, () => {
  assert.ok(FINDING_KEYS.length > 250, `only ${FINDING_KEYS.length} finding messages found`);
  const tooLong: string[] = [];
  for (const [lang, translate] of translations()) {
    for (const key of FINDING_KEYS) {
      const { summary, detail } = renderMessageParts(key, sampleArgs(key), translate);
      assert.ok(summary.length > 0, `${lang} ${key}: empty first sentence`);
      assert.ok(!/\{\w+\}/.test(summary + detail) || /\{R:\d\}|\{\w+\}/.test(MESSAGES[key]), `${lang} ${key}: unfilled placeholder`);
      const w = displayWidth(summary);
      if (w > LIMIT) tooLong.push(`${lang} ${key} (${w}): ${summary}`);
    }
  }
  assert.deepEqual(tooLong, []);
});

test('the findings of the real-world fixtures have short first sentences in every language', () => {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const f of readdirSync(dir)) {
      const p = join(dir, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (f.toLowerCase() === 'web.config') files.push(p);
    }
  };
  walk(join(ROOT, 'test/fixtures'));
  const tooLong: string[] = [];
  let count = 0;
  for (const file of files) {
    for (const f of checkText(readFileSync(file, 'utf8')).findings) {
      for (const [lang, translate] of translations()) {
        count++;
        const { summary } = findingParts(f, translate);
        // A path or value from the file may be long; the sentence around it must not be.
        const w = displayWidth(summary) - Object.values(f.args).reduce<number>((n, v) => n + Math.max(0, displayWidth(String(v)) - 40), 0);
        if (w > LIMIT) tooLong.push(`${lang} ${file.slice(ROOT.length)} ${f.messageKey} (${displayWidth(summary)}): ${summary}`);
      }
    }
  }
  assert.ok(count > 50, `only ${count} findings rendered`);
  assert.deepEqual(tooLong, []);
});
