/** The seed corpus in ../shared/corpus: each folder reports at least the codes expected.json lists under `foundation` and `python_aware`. */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { checkBytes } from '../../src/core/check';
import { projectOptions, testSupport } from './pythonHelpers';

const CORPUS = resolve(__dirname, '../../../shared/corpus');

test('seed corpus: foundation codes', { skip: !existsSync(join(CORPUS, 'expected.json')) && 'shared/corpus is not beside this checkout' }, () => {
  const expected = JSON.parse(readFileSync(join(CORPUS, 'expected.json'), 'utf8')) as { foundation: Record<string, string[]> };
  for (const [folder, wanted] of Object.entries(expected.foundation)) {
    const file = readdirSync(join(CORPUS, folder)).find((f) => f.toLowerCase() === 'web.config')!;
    const got = new Set<string>(checkBytes(readFileSync(join(CORPUS, folder, file))).findings.map((f) => f.code));
    for (const code of wanted) assert.ok(got.has(code), `${folder}: expected ${code}, got ${[...got].join(', ')}`);
  }
});

test('seed corpus: python_aware codes (the web.config checked with its folder\'s Python files)', { skip: !existsSync(join(CORPUS, 'expected.json')) && 'shared/corpus is not beside this checkout' }, async () => {
  const expected = JSON.parse(readFileSync(join(CORPUS, 'expected.json'), 'utf8')) as { python_aware?: Record<string, string[]> };
  const support = await testSupport();
  for (const [folder, wanted] of Object.entries(expected.python_aware ?? {})) {
    const file = readdirSync(join(CORPUS, folder)).find((f) => f.toLowerCase() === 'web.config')!;
    const result = checkBytes(readFileSync(join(CORPUS, folder, file)), projectOptions(join(CORPUS, folder), support));
    const got = new Set<string>(result.findings.map((f) => f.code));
    for (const code of wanted) assert.ok(got.has(code), `${folder}: expected ${code}, got ${[...got].join(', ')}`);
  }
});
