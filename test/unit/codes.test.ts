/** Every finding code is documented where its link points (docs/codes.md) and listed in the README. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { ALL_CODES, CODES } from '../../src/core/codes';

const ROOT = resolve(__dirname, '../..');

test('docs/codes.md has a section per code with its default severity', () => {
  const docs = readFileSync(join(ROOT, 'docs/codes.md'), 'utf8');
  for (const code of ALL_CODES) {
    const section = new RegExp(`^## ${code}\\n\\nDefault severity: \\*\\*${CODES[code]}\\*\\*`, 'm');
    assert.match(docs, section, `${code} is not documented with severity ${CODES[code]}`);
  }
});

test('the README lists every code with its default severity', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  for (const code of ALL_CODES) assert.match(readme, new RegExp(`\\| \`${code}\` \\| ${CODES[code]} \\|`), code);
});
