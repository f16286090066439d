/**
 * The CLI as a user gets it: `npm pack`, the tarball installed into an empty folder (offline: the package has no
 * runtime dependencies), then `npx flask-iis --version`, a `check` and the zh-CN help there.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, test } from 'node:test';

const ROOT = resolve(__dirname, '../..');
const tmp = mkdtempSync(join(tmpdir(), 'flask-iis-pack-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string; bin: Record<string, string>; dependencies?: Record<string, string> };

/** npm's own CLI scripts, run by this node (no shell, also on Windows). */
function npmScript(name: 'npm' | 'npx'): string {
  const fromEnv = process.env['npm_execpath'];
  const candidates = [
    ...(fromEnv && /npm-cli\.js$/.test(fromEnv) ? [join(dirname(fromEnv), `${name}-cli.js`)] : []),
    join(dirname(process.execPath), 'node_modules', 'npm', 'bin', `${name}-cli.js`),
    join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'bin', `${name}-cli.js`),
  ];
  const found = candidates.find((c) => existsSync(c));
  assert.ok(found, `npm's ${name}-cli.js not found (looked in ${candidates.join(', ')})`);
  return found;
}

function run(tool: 'npm' | 'npx', args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [npmScript(tool), ...args], { cwd, encoding: 'utf8', timeout: 180_000, env: { ...process.env, LANG: 'C', npm_config_update_notifier: 'false', ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('the package has no runtime dependencies (the CLI is one bundle with its wasm and Python runners)', () => {
  assert.deepEqual(Object.keys(manifest.dependencies ?? {}), []);
  assert.equal(manifest.bin['flask-iis'], './dist/cli.js');
});

test('npm pack ships only the CLI bundle and its runtime files; installed from the tarball offline, npx flask-iis works', () => {
  const packed = run('npm', ['pack', '--json', '--pack-destination', tmp], ROOT);
  assert.equal(packed.status, 0, packed.stderr);
  const info = (JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[])[0]!;
  const files = info.files.map((f) => f.path).sort();
  // npm always packs README files: the Chinese one ("Choosing a bridge" in the user's language) ships with the English one.
  const allowed = /^(dist\/cli(-main)?\.js|dist\/tree-sitter(-python)?\.wasm|dist\/wfastcgi_(runner|serve|request)\.py|l10n\/bundle\.l10n\.[\w-]+\.json|package\.json|README(\.zh-CN)?\.md|CHANGELOG\.md|LICENSE)$/;
  assert.deepEqual(files.filter((f) => !allowed.test(f)), [], 'only the CLI and what it loads');
  for (const needed of ['dist/cli.js', 'dist/cli-main.js', 'dist/tree-sitter-python.wasm', 'dist/wfastcgi_runner.py', 'l10n/bundle.l10n.zh-cn.json']) assert.ok(files.includes(needed), needed);
  const tarball = join(tmp, readdirSync(tmp).find((f) => f.endsWith('.tgz'))!);

  const user = join(tmp, 'user');
  mkdirSync(user);
  writeFileSync(join(user, 'package.json'), '{ "name": "my-sites", "private": true }\n');
  const installed = run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--save-dev', tarball], user);
  assert.equal(installed.status, 0, installed.stderr);

  const version = run('npx', ['--offline', 'flask-iis', '--version'], user);
  assert.equal(version.status, 0, version.stderr);
  assert.equal(version.stdout.trim(), manifest.version);

  // A site with the mistake the blog posts warn about (module:app) and a clean one.
  const site = join(user, 'sites', 'shop');
  mkdirSync(site, { recursive: true });
  writeFileSync(join(site, 'web.config'), '<?xml version="1.0" encoding="utf-8"?>\r\n<configuration>\r\n  <appSettings>\r\n    <add key="WSGI_HANDLER" value="app:app" />\r\n  </appSettings>\r\n  <system.webServer>\r\n    <handlers>\r\n      <add name="Python FastCGI" path="*" verb="*" modules="FastCgiModule" scriptProcessor="C:\\Python312\\python.exe|C:\\Python312\\Lib\\site-packages\\wfastcgi.py" resourceType="Unspecified" />\r\n    </handlers>\r\n  </system.webServer>\r\n</configuration>\r\n');
  writeFileSync(join(site, 'app.py'), 'from flask import Flask\napp = Flask(__name__)\n');
  const check = run('npx', ['--offline', 'flask-iis', 'check', 'sites', '--format', 'json'], user);
  assert.equal(check.status, 1, check.stderr);
  const report = JSON.parse(check.stdout) as { files: { diagnostics: { code: string }[] }[] };
  assert.ok(report.files[0]!.diagnostics.some((d) => d.code === 'wsgi-handler-syntax'), check.stdout);

  const zh = run('npx', ['--offline', 'flask-iis', 'migrate', '--help'], user, { LANG: 'zh_CN.UTF-8' });
  assert.equal(zh.status, 0, zh.stderr);
  assert.match(zh.stdout, /^用法：npx flask-iis migrate|^用法： npx flask-iis migrate/);
});
