/**
 * Messages never mention CLI flags inside VS Code (issue 15): every message the editor can show is rendered
 * through its VS Code wording (core/hostVariants.ts), and none of them names one of the CLI's own flags. The
 * CLI keeps its wording. Keys under cli.* are CLI output only; deploy.* is DEPLOY.md, a page of command lines
 * to run on the server (`npx flask-iis run . --port 8000` is meant to be typed).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { VSCODE_VARIANTS, vscodeTemplateVariants } from '../../src/core/hostVariants';
import { MESSAGES, renderMessage, type MessageKey } from '../../src/core/messages';

const SRC = resolve(__dirname, '../../src');
const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));

/** The CLI's own flags, read from its sources ('--apphost', '--site-path', ...). */
const FLAGS = [...new Set(walk(join(SRC, 'cli')).filter((f) => f.endsWith('.ts')).flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/'--([a-z][a-z-]+)'/g)].map((m) => m[1]!)))];
// A server's own argument (waitress/uvicorn --port=%HTTP_PLATFORM_PORT%, --port %HTTP_PLATFORM_PORT%) is not one of ours.
const FLAG = new RegExp(`(^|[\\s("'])--(${FLAGS.join('|')})(?![\\w=-]|\\s+%HTTP_PLATFORM_PORT%)`);

const variants = vscodeTemplateVariants(MESSAGES);
const inVsCode = (key: MessageKey) => renderMessage(key, {}, (t) => variants.get(t) ?? t);

test('the CLI has flags to look for', () => {
  for (const f of ['apphost', 'python', 'site-path']) assert.ok(FLAGS.includes(f), f);
});

test('no message the editor shows names a CLI flag', () => {
  const offending = (Object.keys(MESSAGES) as MessageKey[]).filter((k) => !k.startsWith('cli.') && !k.startsWith('deploy.') && FLAG.test(inVsCode(k)));
  assert.deepEqual(offending, []);
});

test('the CLI keeps its own wording; each variant keeps the placeholders of its original', () => {
  for (const [key, variant] of Object.entries(VSCODE_VARIANTS) as [MessageKey, MessageKey][]) {
    assert.equal(renderMessage(key), MESSAGES[key]);
    const names = (s: string) => [...new Set([...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();
    assert.deepEqual(names(MESSAGES[variant]), names(MESSAGES[key]), `${key} → ${variant}`);
  }
  assert.match(inVsCode('py.pythonPathOutsideSite'), /flaskIis\.server\.sitePath/);
});
