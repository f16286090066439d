/** The seed corpus in ../shared/corpus: each folder reports at least the codes expected.json lists under `foundation`. */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { checkBytes } from '../../src/core/check';

const CORPUS = resolve(__dirname, '../../../shared/corpus');

test('seed corpus: foundation codes', { skip: !existsSync(join(CORPUS, 'expected.json')) && 'shared/corpus is not beside this checkout' }, () => {
  const expected = JSON.parse(readFileSync(join(CORPUS, 'expected.json'), 'utf8')) as { foundation: Record<string, string[]> };
  for (const [folder, wanted] of Object.entries(expected.foundation)) {
    const file = readdirSync(join(CORPUS, folder)).find((f) => f.toLowerCase() === 'web.config')!;
    const got = new Set<string>(checkBytes(readFileSync(join(CORPUS, folder, file))).findings.map((f) => f.code));
    for (const code of wanted) assert.ok(got.has(code), `${folder}: expected ${code}, got ${[...got].join(', ')}`);
  }
});
