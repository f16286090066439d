/** The flask-iis CLI as a user runs it: dist/cli.js in a child process (built by the test build). */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';
import { POSIX_ONLY } from './platform';
import { CLEAN_HANDLER, webConfig } from './helpers';

const ROOT = resolve(__dirname, '../..');
const CLI = join(ROOT, 'dist/cli.js');
const tmp = mkdtempSync(join(tmpdir(), 'flask-iis-cli-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 30_000, env: { ...process.env, LANG: 'C', ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function project(name: string, files: Record<string, string>): string {
  const dir = join(tmp, name);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

test('exit 0 and no output lines for a clean file; exit 1 with gcc-style lines for errors', () => {
  // Named as on the server (PYTHONPATH C:\inetpub\app): the entry maps to this folder, so nothing is said.
  const clean = project('clean/app', { 'web.config': webConfig(), 'app.py': 'from flask import Flask\napp = Flask(__name__)\n', 'requirements.txt': 'flask\n' });
  const ok = cli(['check', clean]);
  assert.equal(ok.status, 0, ok.stderr);
  assert.equal(ok.stdout, '');
  const broken = project('broken', { 'web.config': webConfig({ settings: '<add key="WSGI_HANDLER" value="app:app" />' }) });
  const bad = cli(['check', broken]);
  assert.equal(bad.status, 1);
  assert.match(bad.stdout, /^.*web\.config:9:36: error wsgi-handler-syntax WSGI_HANDLER "app:app" uses ":"/m);
});

test('--format json prints the documented shape with zero-based LSP positions', () => {
  const dir = project('json', { 'web.config': webConfig({ settings: '<add key="WSGI_HANDLER" value="app:app" />' }) });
  const r = cli(['check', dir, '--format', 'json']);
  assert.equal(r.status, 1);
  const json = JSON.parse(r.stdout) as { version: number; files: { path: string; diagnostics: { code: string; severity: string; message: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }[] }[] };
  assert.equal(json.version, 1);
  assert.equal(json.files.length, 1);
  const d = json.files[0]!.diagnostics[0]!;
  assert.deepEqual({ code: d.code, severity: d.severity, range: d.range }, {
    code: 'wsgi-handler-syntax', severity: 'error', range: { start: { line: 8, character: 35 }, end: { line: 8, character: 42 } },
  });
  assert.match(d.message, /could not be imported/);
});

test('a folder is searched for web.config in any case, skipping node_modules, .git and virtual environments', () => {
  const bad = webConfig({ settings: '<add key="WSGI_HANDLER" value="app:app" />' });
  const dir = project('tree', {
    'Web.config': webConfig(), 'static/WEB.CONFIG': webConfig(), 'sub/web.config': bad,
    'node_modules/x/web.config': bad, '.git/web.config': bad, 'venv/pyvenv.cfg': 'home = C:\\Python311', 'venv/web.config': bad,
  });
  mkdirSync(join(dir, 'loop'));
  symlinkSync(dir, join(dir, 'loop', 'again'));
  const r = cli(['check', dir, '--format', 'json']);
  const paths = (JSON.parse(r.stdout) as { files: { path: string }[] }).files.map((f) => f.path.slice(dir.length + 1).split('\\').join('/')).sort();
  assert.deepEqual(paths, ['Web.config', 'static/WEB.CONFIG', 'sub/web.config']);
  assert.equal(r.status, 1);
});

test('--apphost FILE adds the host checks; an unreadable --apphost is exit 2 with a reason', () => {
  const dir = project('host', { 'web.config': webConfig() });
  const host = join(tmp, 'applicationHost.config');
  writeFileSync(host, '<configuration><system.webServer><globalModules><add name="StaticFileModule"/></globalModules></system.webServer></configuration>');
  const r = cli(['check', dir, '--apphost', host]);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /scriptprocessor-not-registered/);
  assert.match(r.stdout, /cgi-feature-missing/);
  const missing = cli(['check', dir, '--apphost', join(tmp, 'nope.config')]);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr.trim(), /^flask-iis: cannot read .*nope\.config: no such file or directory$/);
});

test('messages follow the locale through the l10n bundles (zh-CN), codes stay the same', () => {
  const dir = project('zh', { 'web.config': `?xml version="1.0"?>\n<configuration><system.webServer><handlers>${CLEAN_HANDLER}</handlers></system.webServer><appSettings><add key="WSGI_HANDLER" value="app.app"/></appSettings></configuration>` });
  const r = cli(['check', dir], { LANG: 'zh_CN.UTF-8' });
  assert.match(r.stdout, /error xml-declaration-malformed XML 声明/);
  const en = cli(['check', dir]);
  assert.match(en.stdout, /error xml-declaration-malformed Broken XML declaration/);
});

test('--help, --version, unknown command', () => {
  assert.equal(cli(['--help']).status, 0);
  assert.match(cli(['--version']).stdout, /^\d+\.\d+\.\d+/);
  const r = cli(['frobnicate']);
  assert.equal(r.status, 2);
  assert.equal(r.stderr.trim().split('\n').length, 1);
});

test('WSGI_RESTART_FILE_REGEX is judged by a Python only when --python names one; a failing --python is exit 2', { skip: POSIX_ONLY }, () => {
  const dir = project('regex', { 'web.config': webConfig() });
  const fake = join(tmp, 'fake-python');
  writeFileSync(fake, '#!/bin/sh\ncat >/dev/null\necho \'[["judged by the fake python", 3]]\'\n', { mode: 0o755 });
  const judged = cli(['check', dir, '--python', fake]);
  assert.equal(judged.status, 1);
  assert.match(judged.stdout, /restart-regex-invalid .*judged by the fake python at position 3/);
  assert.equal(cli(['check', dir, '--no-python']).status, 0);
  assert.equal(cli(['check', dir]).status, 0, 'without --python the built-in checker judges (no process is started)');
  const broken = cli(['check', dir, '--python', join(tmp, 'no-such-python')]);
  assert.equal(broken.status, 2);
  assert.match(broken.stderr, /--python .*no-such-python: no such executable\./);
  const failing = join(tmp, 'failing-python');
  writeFileSync(failing, '#!/bin/sh\nexit 1\n', { mode: 0o755 });
  const cannot = cli(['check', dir, '--python', failing]);
  assert.equal(cannot.status, 2);
  assert.match(cannot.stderr, /cannot run .*failing-python/);
});
