/** The packaged extension: an allow-list of files, no node_modules, lazy activation, every setting scoped. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { deflateRawSync } from 'node:zlib';
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
  const allowed = /^(dist\/(extension|cli|cli-main)\.js|dist\/tree-sitter(-python)?\.wasm|dist\/wfastcgi_(runner|serve|request)\.py|l10n\/bundle\.l10n(\.[\w-]+)?\.json|package\.json|package\.nls(\.[\w-]+)?\.json|README\.md|CHANGELOG\.md|LICENSE|media\/.+|syntaxes\/.+)$/;
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

interface Walkthrough {
  id: string;
  title: string;
  steps: { id: string; title: string; description: string; media: { image?: string; altText?: string; markdown?: string }; completionEvents: string[] }[];
}
const full = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown> & {
  icon: string;
  galleryBanner: { color: string; theme: string };
  contributes: { commands: { command: string }[]; walkthroughs: Walkthrough[] };
};
const nls = (file: string) => JSON.parse(readFileSync(join(ROOT, file), 'utf8')) as Record<string, string>;

test('Marketplace fields: icon (a 128x128 PNG drawn by scripts/make-icon.mjs), banner, categories, keywords, repository', () => {
  for (const key of ['icon', 'galleryBanner', 'categories', 'keywords', 'repository', 'license', 'publisher', 'displayName', 'description']) assert.ok(full[key], key);
  assert.match(full.galleryBanner.color, /^#[0-9A-Fa-f]{6}$/);
  assert.ok(['dark', 'light'].includes(full.galleryBanner.theme));
  const png = readFileSync(join(ROOT, full.icon));
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.equal(png.toString('ascii', 12, 16), 'IHDR');
  assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128]);
  const out = join(mkdtempSync(join(tmpdir(), 'flask-iis-icon-')), 'icon.png');
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts/make-icon.mjs'), out], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 0, r.stderr);
  assert.ok(readFileSync(out).equals(png), 'media/icon.png is what scripts/make-icon.mjs draws (run it after changing the script)');
});

test('the getting-started walkthrough: check, fix, create, register; every step has completion events, media and translated text', () => {
  const [walkthrough] = full.contributes.walkthroughs;
  assert.ok(walkthrough);
  assert.deepEqual(walkthrough.steps.map((s) => s.id), ['checkWebConfig', 'applyFix', 'newProject', 'registerSite']);
  const ours = new Set(full.contributes.commands.map((c) => c.command));
  // VS Code's own commands a step may wait for (the quick-fix menu, auto fix, fix all).
  const builtIn = new Set(['editor.action.quickFix', 'editor.action.autoFix', 'editor.action.fixAll']);
  const en = nls('package.nls.json');
  const zh = nls('package.nls.zh-cn.json');
  const key = (v: string) => /^%(.+)%$/.exec(v)?.[1];
  for (const step of walkthrough.steps) {
    assert.ok(step.completionEvents.length, `${step.id}: no completion event`);
    for (const event of step.completionEvents) {
      assert.match(event, /^(onCommand|onContext|onView|onSettingChanged|onLink|onStepSelected|extensionInstalled):/, event);
      const command = /^onCommand:(.+)$/.exec(event)?.[1];
      if (command) assert.ok(ours.has(command) || builtIn.has(command), `${step.id}: ${command} is not a command`);
    }
    assert.ok(step.media.image && existsSync(join(ROOT, step.media.image)), `${step.id}: media`);
    for (const text of [step.title, step.description, step.media.altText ?? '']) {
      const k = key(text);
      assert.ok(k && en[k] && zh[k], `${step.id}: ${text} must be a %key% with English and zh-CN text`);
      for (const link of en[k].matchAll(/\(command:([\w.]+)\)/g)) assert.ok(ours.has(link[1]!) || builtIn.has(link[1]!), `${step.id}: link to ${link[1]}`);
      assert.deepEqual([...zh[k].matchAll(/\(command:[\w.]+\)/g)].map((m) => m[0]), [...en[k].matchAll(/\(command:[\w.]+\)/g)].map((m) => m[0]), `${k}: the same command links`);
    }
  }
  for (const text of [walkthrough.title]) assert.ok(en[key(text)!] && zh[key(text)!]);
});

test('the .vsix stays under 1 MB (the shipped files deflated, as the zip stores them)', () => {
  const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/@vscode/vsce/vsce'), 'ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 0, r.stderr);
  const files = r.stdout.split('\n').map((l) => l.trim()).filter(Boolean);
  // The test build is not minified, so this over-estimates the production package.
  const bytes = files.reduce((n, f) => n + deflateRawSync(readFileSync(join(ROOT, f))).length + 100 + 2 * f.length, 0);
  assert.ok(bytes < 1024 * 1024, `${Math.round(bytes / 1024)} KB`);
  for (const needed of ['media/icon.png', 'media/walkthrough/check.svg', 'CHANGELOG.md', 'README.md']) assert.ok(files.includes(needed), needed);
});

test('README screenshots: each image it shows is a PNG in media/screenshots/ (at most 150 KB), none of them ships in the .vsix', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const images = [...readme.matchAll(/!\[[^\]]+\]\(([^)\s]+)\)/g)].map((m) => m[1]!);
  assert.ok(images.length >= 4, `README shows ${images.length} images`);
  for (const image of images) {
    assert.match(image, /^media\/screenshots\/[\w-]+\.png$/, `${image}: a relative path into media/screenshots/`);
    const bytes = readFileSync(join(ROOT, image));
    assert.equal(bytes.subarray(1, 4).toString('latin1'), 'PNG', image);
    assert.ok(bytes.length <= 150 * 1024, `${image}: ${Math.round(bytes.length / 1024)} KB`);
  }
  const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/@vscode/vsce/vsce'), 'ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(r.stdout.split('\n').filter((f) => f.startsWith('media/screenshots/')), []);
});

test('commands that need an IIS host or a local run are hidden elsewhere, by context keys the extension sets; New Project names the product', () => {
  const full = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { contributes: { menus: { commandPalette: { command: string; when?: string }[] }; commands: { command: string; title: string; category?: string }[] } };
  const when = new Map(full.contributes.menus.commandPalette.map((m) => [m.command, m.when]));
  for (const c of ['registerSite', 'unregisterSite', 'recyclePool', 'enableWfastcgi', 'disableWfastcgi', 'checkServer']) {
    assert.equal(when.get(`flaskIis.${c}`), 'isWindows || flaskIis.hostToolsConfigured', c);
  }
  assert.equal(when.get('flaskIis.stopLocalRun'), 'flaskIis.localRunActive');
  // The context keys exist: the extension sets them (a key nobody sets would hide the command for good).
  const sources = ['src/features/host/hostFeatures.ts', 'src/features/run/runLocallyCommand.ts'].map((f) => readFileSync(join(ROOT, f), 'utf8')).join('\n');
  for (const key of ['flaskIis.hostToolsConfigured', 'flaskIis.localRunActive']) assert.ok(sources.includes(`'setContext', '${key}'`), key);
  const nls = JSON.parse(readFileSync(join(ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>;
  const title = (command: string) => nls[full.contributes.commands.find((c) => c.command === command)!.title.replace(/%/g, '')]!;
  assert.equal(title('flaskIis.newProject'), 'New Flask on IIS Project…');
  // The others show as "Flask on IIS: …"; New Project's own title already names the product.
  assert.deepEqual(full.contributes.commands.filter((c) => c.category !== 'Flask on IIS').map((c) => c.command), ['flaskIis.newProject']);
});

test('CHANGELOG.md follows Keep a Changelog: dated versions (the package\'s among them), known section names, link references', () => {
  const log = readFileSync(join(ROOT, 'CHANGELOG.md'), 'utf8');
  const versions = [...log.matchAll(/^## \[([^\]]+)\](?: - (\d{4}-\d{2}-\d{2}))?$/gm)];
  assert.ok(versions.length, 'no "## [version] - date" heading');
  assert.ok(versions.some((v) => v[1] === (full['version'] as string) && v[2]), `the package version ${String(full['version'])} is a dated release`);
  for (const v of versions) if (v[1] !== 'Unreleased') assert.ok(v[2], `${v[1]} has a date`);
  for (const v of versions) assert.match(log, new RegExp(`^\\[${v[1]!.replace(/\./g, '\\.')}\\]: https://`, 'm'), `link reference for ${v[1]}`);
  for (const m of log.matchAll(/^### (.+)$/gm)) assert.ok(['Added', 'Changed', 'Deprecated', 'Removed', 'Fixed', 'Security'].includes(m[1]!), m[1]);
  assert.ok(!/^## .*unreleased\)/im.test(log), 'no "(unreleased)" release');
});

test('README is for users first: what it does and how to install come before the details; contributor set-up lives in CONTRIBUTING.md', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const contributing = readFileSync(join(ROOT, 'CONTRIBUTING.md'), 'utf8');
  const headings = [...readme.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
  assert.deepEqual(headings.slice(0, 2), ['What it does', 'Install']);
  assert.ok(!readme.includes('node dist/cli.js'), 'the CLI is run as npx flask-iis');
  assert.match(readme, /npx flask-iis --help/);
  for (const command of ['npm ci && npm run demo', 'npm ci && npm test']) {
    assert.ok(contributing.includes(command), `CONTRIBUTING.md: ${command}`);
    assert.ok(readme.includes(command), `README refers to ${command}`);
  }
  assert.match(readme, /CONTRIBUTING\.md/);
  assert.match(readme, /GitHub's hosted runners/);
  assert.match(contributing, /GitHub's hosted runners/);
});
