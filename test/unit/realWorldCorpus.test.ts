/**
 * The regression corpus of realistic web.config files (test/fixtures/real-world, issue 11): every file is checked
 * the way the CLI checks it (its folder's files, its parents' web.config files, an applicationHost.config where the
 * manifest names one) and must report exactly the codes its manifest entry lists. A false positive fails.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { checkBytes, type CheckOptions } from '../../src/core/check';
import { parseAppHost } from '../../src/core/host/appHost';
import { parentConfigs } from '../../src/node/schema/parentConfigs';
import { nodeProjectFiles } from '../../src/node/python/projectFiles';
import { testSupport } from './pythonHelpers';

const CORPUS = resolve(__dirname, '../../test/fixtures/real-world');

interface Entry {
  file: string;
  kind: string;
  codes: string[];
  why: string;
  apphost?: string;
  severity?: Record<string, string>;
  python?: { codes: string[]; sitePath?: string; why: string };
}

const manifest = JSON.parse(readFileSync(join(CORPUS, 'manifest.json'), 'utf8')) as { entries: Entry[] };

function webConfigs(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return webConfigs(full);
    return name.toLowerCase() === 'web.config' ? [relative(CORPUS, full).split('\\').join('/')] : [];
  });
}

test('the corpus has at least 30 web.config files of every kind, each listed in the manifest', () => {
  const files = webConfigs(CORPUS).sort();
  assert.ok(files.length >= 30, `${files.length} files`);
  assert.deepEqual([...new Set(manifest.entries.map((e) => e.file))].sort(), files);
  const kinds = new Set(manifest.entries.map((e) => e.kind));
  for (const k of ['on-premises wfastcgi', 'Azure wfastcgi', 'HttpPlatformHandler', 'reverse proxy', 'static-only', 'sub-folder']) assert.ok(kinds.has(k), k);
});

for (const entry of manifest.entries) {
  test(`real-world ${entry.file}${entry.apphost ? ' (with its applicationHost.config)' : ''}: ${entry.codes.join(', ') || 'no findings'}`, () => {
    const path = join(CORPUS, entry.file);
    const options: CheckOptions = { project: nodeProjectFiles(dirname(path)) };
    const parents = parentConfigs(path, { stopAt: CORPUS });
    if (parents.length) options.parents = parents;
    if (entry.apphost) options.appHost = parseAppHost(readFileSync(join(CORPUS, entry.apphost), 'utf8'), join(CORPUS, entry.apphost));
    const result = checkBytes(readFileSync(path), options);
    assert.deepEqual(result.internalErrors, []);
    const got = result.findings.map((f) => f.code).sort();
    const shown = result.findings.map((f) => `${f.code} [${f.severity}] ${JSON.stringify(result.text.slice(f.start, f.end)).slice(0, 80)}`).join('\n  ');
    assert.deepEqual(got, [...entry.codes].sort(), `${entry.file}: ${entry.why}\ngot:\n  ${shown}`);
    for (const f of result.findings) {
      const expected = entry.severity?.[f.code];
      if (expected) assert.equal(f.severity, expected, `${entry.file}: severity of ${f.code}`);
    }
  });
}

for (const entry of manifest.entries.filter((e) => e.python)) {
  test(`real-world ${entry.file} with the Python-aware checks${entry.python!.sitePath ? ` (site path ${entry.python!.sitePath})` : ''}: ${[...entry.codes, ...entry.python!.codes].join(', ') || 'no findings'}`, async () => {
    const path = join(CORPUS, entry.file);
    const options: CheckOptions = { project: nodeProjectFiles(dirname(path)), python: await testSupport(), ...(entry.python!.sitePath ? { sitePath: entry.python!.sitePath } : {}) };
    const result = checkBytes(readFileSync(path), options);
    assert.deepEqual(result.internalErrors, []);
    const shown = result.findings.map((f) => `${f.code} ${JSON.stringify(result.text.slice(f.start, f.end)).slice(0, 80)}`).join('\n  ');
    assert.deepEqual(result.findings.map((f) => f.code).sort(), [...entry.codes, ...entry.python!.codes].sort(), `${entry.file}: ${entry.python!.why}\ngot:\n  ${shown}`);
  });
}

test('the CLI reads the parent folders\' web.config for a sub-folder file (and the VS Code adapter the same helper)', async () => {
  const { runCli } = await import('./helpers');
  const r = runCli(['check', join(CORPUS, 'subfolder-01-wrong-remove', 'static', 'web.config'), '--format', 'json', '--no-python']);
  const out = JSON.parse(r.stdout) as { findings?: { code: string }[] }[] | { files: { findings: { code: string }[] }[] };
  const codes = JSON.stringify(out).match(/"code":"[^"]+"/g) ?? [];
  assert.deepEqual(codes, ['"code":"handler-remove-unmatched"']);
});
