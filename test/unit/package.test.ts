/** The packaged extension: an allow-list of files, no node_modules, lazy activation, every setting scoped. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';

const ROOT = resolve(__dirname, '../..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  activationEvents: string[];
  contributes: { configuration: { id: string; title: string; properties: Record<string, { scope?: string }> }[] };
};
const settings = Object.assign({}, ...manifest.contributes.configuration.map((c) => c.properties)) as Record<string, { scope?: string }>;

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
  for (const [key, setting] of Object.entries(settings)) {
    assert.ok(setting.scope, `${key} has no scope`);
    // Local paths (programs, files we read) are machine-scoped; flaskIis.server.* describe the server and are never opened here.
    if (/Path$/.test(key) && !key.startsWith('flaskIis.server.')) assert.equal(setting.scope, 'machine', `${key} must be machine-scoped`);
    // The server's interpreters are offered as quick fixes in every workspace: the user's list, not a repository's.
    if (key === 'flaskIis.server.interpreterPaths') assert.equal(setting.scope, 'machine');
    else if (key.startsWith('flaskIis.server.')) assert.equal(setting.scope, 'resource', `${key} describes the server of one folder`);
  }
});

/**
 * The Settings editor labels a setting "Category › Sub: Name" from its key, trimming the part its group's id
 * already says (VS Code's trimCategoryForGroup in settingsTreeModels.ts, restated here). Each configuration
 * category's id is a prefix of its keys, so no label starts with "Flask Iis ›".
 */
test('settings show under "Flask on IIS" categories, never as "Flask Iis ›"', () => {
  const trim = (category: string, groupId: string): string => {
    const attempt = (forward: boolean): string | null => {
      const parts = groupId.split('.').map((p) => (p.replace(/-/g, '').toLowerCase() === category.toLowerCase() ? p.replace(/-/g, '') : p));
      while (parts.length) {
        const re = new RegExp(`^${parts.join('\\.')}(\\.|$)`, 'i');
        if (re.test(category)) return category.replace(re, '');
        if (forward) parts.pop();
        else parts.shift();
      }
      return null;
    };
    return attempt(true) ?? attempt(false) ?? category;
  };
  const nls = JSON.parse(readFileSync(join(ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>;
  assert.ok(manifest.contributes.configuration.length > 1, 'categories (a single object is shown under the extension id)');
  for (const group of manifest.contributes.configuration) {
    assert.ok(nls[group.title.replace(/^%|%$/g, '')], `${group.id}: title ${group.title} is in package.nls.json`);
    for (const key of Object.keys(group.properties)) {
      const category = key.slice(0, key.lastIndexOf('.'));
      assert.ok(!/^flaskIis/i.test(trim(category, group.id)), `${key} would show as "Flask Iis › ..." in group ${group.id}`);
    }
  }
});
