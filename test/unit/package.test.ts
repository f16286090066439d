/** The packaged extension: an allow-list of files, no node_modules, lazy activation, every setting scoped. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';

const ROOT = resolve(__dirname, '../..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  activationEvents: string[];
  contributes: { configuration: { properties: Record<string, { scope?: string }> } };
};

test('the .vsix would contain only the bundle (with its wasm parser and Python runner), l10n, manifest, docs and licence', () => {
  const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/@vscode/vsce/vsce'), 'ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 0, r.stderr);
  const files = r.stdout.split('\n').map((l) => l.trim()).filter(Boolean).sort();
  const allowed = /^(dist\/(extension|cli)\.js|dist\/tree-sitter(-python)?\.wasm|dist\/wfastcgi_(runner|serve|request)\.py|l10n\/bundle\.l10n(\.[\w-]+)?\.json|package\.json|package\.nls(\.[\w-]+)?\.json|README\.md|CHANGELOG\.md|LICENSE|media\/.+|syntaxes\/.+)$/;
  assert.deepEqual(files.filter((f) => !allowed.test(f)), []);
  assert.ok(files.includes('dist/extension.js'));
});

test('activation is lazy (never *), and every setting declares a scope; paths are machine-scoped', () => {
  assert.ok(!manifest.activationEvents.includes('*'));
  assert.ok(manifest.activationEvents.every((e) => /^(workspaceContains|onLanguage|onCommand|onTaskType|onView):/.test(e)));
  for (const [key, setting] of Object.entries(manifest.contributes.configuration.properties)) {
    assert.ok(setting.scope, `${key} has no scope`);
    // Local paths (programs, files we read) are machine-scoped; flaskIis.server.* describe the server and are never opened here.
    if (/Path$/.test(key) && !key.startsWith('flaskIis.server.')) assert.equal(setting.scope, 'machine', `${key} must be machine-scoped`);
    if (key.startsWith('flaskIis.server.')) assert.equal(setting.scope, 'resource', `${key} describes the server of one folder`);
  }
});
