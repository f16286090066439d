/**
 * Issue 15: with the locale zh-CN, the CLI speaks Chinese on every command's usual path. dist/cli.js runs with
 * FLASK_IIS_LOCALE=zh-CN over fixtures (check, new for each bridge and another server, init, migrate, enable,
 * register, recycle, unregister, doctor, verify) and no line it prints may be English prose. Allowed: codes,
 * paths, quoted texts, XML, argv arrays, product names and numbers, the gcc-style "path:line:col: error code"
 * prefix of check (a format problem matchers parse), and the output of the IIS tools themselves (quoted under
 * each run step).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { APPCMD, CLI, fakeServer, FIXTURE_APPHOST, ICACLS, makeVenv, ROOT, tempDir, writeFiles } from './hostHelpers';
import { POSIX_ONLY, pythonWith } from './platform';
import { CJK, englishProse } from './zhProse';

const ZH = { FLASK_IIS_LOCALE: 'zh-CN', LANG: 'C', LC_ALL: '', LC_MESSAGES: '' };
function zh(args: string[], env: Record<string, string> = {}, input?: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 120_000, input, env: { ...process.env, ...env, ...ZH } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, lines: `${r.stdout}\n${r.stderr}`.split(/\r?\n/).filter((l) => l.trim()) };
}

/** The lines with English prose; a run step's indented tool output is the tool's, not ours. */
function englishLines(lines: string[]): string[] {
  const out: string[] = [];
  let inToolOutput = false;
  for (const line of lines) {
    if (/^[✓✗] /.test(line)) inToolOutput = true;
    else if (!/^ {5}/.test(line)) inToolOutput = false;
    if (inToolOutput && /^ {5}/.test(line)) continue;
    const prose = englishProse(line);
    if (prose) out.push(`${line}\n    English: ${prose}`);
  }
  return out;
}

function assertChinese(what: string, r: { status: number | null; lines: string[]; stderr: string }, status: number | number[]): void {
  assert.ok(([] as number[]).concat(status).includes(r.status ?? -1), `${what}: exit ${r.status}\n${r.lines.join('\n')}`);
  assert.ok(r.lines.length > 0, `${what}: printed nothing`);
  assert.ok(r.lines.some((l) => CJK.test(l)), `${what}: no Chinese at all\n${r.lines.join('\n')}`);
  assert.deepEqual(englishLines(r.lines), [], `${what}: English prose in the zh-CN output`);
}

test('the detector: English sentences are found, Chinese lines with names, codes, paths and quoted texts pass', () => {
  for (const english of ['1 web.config file(s): 0 error(s), 0 warning(s), 0 note(s)', 'Created a Flask project in /tmp/x (site and pool "shop", wfastcgi):',
    '  wrote      web.config', 'Note: 服务器上的站点文件夹是 C:\\inetpub\\shop。', 'Next: the steps on the server are in DEPLOY.md.', 'flask-iis: 3 step(s) planned (dry run: nothing was changed)',
    '+     <!-- wfastcgi only, not read by HttpPlatformHandler: <add key="WSGI_HANDLER" value="shop.app" /> -->', 'Plan (3 step(s)):']) {
    assert.notEqual(englishProse(english), '', english);
  }
  for (const chinese of ['examples/a/web.config:6:51: error scriptprocessor-malformed scriptProcessor 中 "|" 两侧有空白：请删除。', '["C:\\\\Python312\\\\Scripts\\\\wfastcgi-enable.exe"]',
    '  已写入    shop/__init__.py', '-       <add name="Python FastCGI" path="*" verb="*" modules="FastCgiModule"', '@@ 第 8 行 @@', '+ logs/.gitkeep',
    'wfastcgi 只按点号拆分，会报 ValueError: "app:app" could not be imported。', '✓ 1/7 [完成] 创建应用程序池 "shop"', 'scriptProcessor="C:\\Python312\\python.exe|C:\\x\\wfastcgi.py"']) {
    assert.equal(englishProse(chinese), '', chinese);
  }
});

test('zh-CN: check on the examples and on a clean project, text output and summary', () => {
  assertChinese('check examples', zh(['check', join(ROOT, 'examples')]), 1);
  const dir = join(tempDir('zh-check'), 'shop');
  assert.equal(zh(['new', dir, '--python', 'C:\\Python312\\python.exe']).status, 0);
  assertChinese('check (clean)', zh(['check', dir]), 0);
  assertChinese('check (no web.config)', zh(['check', tempDir('zh-empty')]), 0);
  // Bad input: a path that does not exist, a folder without web.config for the commands that need one.
  assertChinese('check (no such path)', zh(['check', join(tempDir('zh-empty'), 'nope')]), 2);
  assertChinese('doctor (no web.config)', zh(['doctor', tempDir('zh-empty')]), 2);
  assertChinese('migrate (no such folder)', zh(['migrate', join(tempDir('zh-empty'), 'nope')]), 2);
  assertChinese('register (usage)', zh(['register', dir]), 2);
});

test('zh-CN: new with each bridge and for another server, init on an existing app, and the refusal to overwrite', () => {
  const root = tempDir('zh-new');
  for (const bridge of ['wfastcgi', 'httpplatform', 'proxy']) assertChinese(`new --bridge ${bridge}`, zh(['new', join(root, bridge), '--bridge', bridge, '--python', 'C:\\Python312\\python.exe']), 0);
  assertChinese('new --server gunicorn-nginx', zh(['new', join(root, 'nginx'), '--server', 'gunicorn-nginx']), 0);
  writeFileSync(join(root, 'wfastcgi', 'web.config'), '<configuration><!-- mine --></configuration>\n');
  assertChinese('new over changed files', zh(['new', join(root, 'wfastcgi'), '--bridge', 'wfastcgi', '--python', 'C:\\Python312\\python.exe']), 2);
  assertChinese('new --force', zh(['new', join(root, 'wfastcgi'), '--bridge', 'wfastcgi', '--python', 'C:\\Python312\\python.exe', '--force']), 0);
  const app = join(root, 'flaskr');
  cpSync(join(ROOT, 'test/fixtures/projects/flaskr'), app, { recursive: true, filter: (src) => !/web\.config$|DEPLOY\.md$/i.test(src) });
  assertChinese('init', zh(['init', app, '--python', 'C:\\Python312\\python.exe']), 0);
});

test('zh-CN: migrate shows the change, refuses without --force, and writes with it', () => {
  const dir = join(tempDir('zh-migrate'), 'shop');
  assert.equal(zh(['new', dir, '--python', 'C:\\Python312\\python.exe']).status, 0);
  assertChinese('migrate --dry-run', zh(['migrate', dir, '--dry-run']), 0);
  assertChinese('migrate', zh(['migrate', dir]), 2);
  assertChinese('migrate --force', zh(['migrate', dir, '--force']), 0);
});

test('zh-CN: enable, register, recycle, unregister and doctor with the fake IIS tools, and their dry runs', { skip: POSIX_ONLY }, () => {
  const server = fakeServer('zh-host');
  const dir = join(server.dir, 'shop');
  const python = makeVenv(join(dir, 'venv'), true);
  const base = join(server.dir, 'Python312');
  writeFiles(server.dir, { 'Python312/python.exe': 'MZ', 'shop/venv/pyvenv.cfg': `home = ${base}\n`, 'shop/logs/.keep': '' });
  const sp = `${python}|${join(dir, 'venv', 'Lib', 'site-packages', 'wfastcgi.py')}`;
  writeFiles(dir, { 'web.config': `<?xml version="1.0" encoding="utf-8"?>\n<configuration>\n  <system.webServer>\n    <handlers>\n      <add name="Python FastCGI" path="*" verb="*" modules="FastCgiModule" scriptProcessor="${sp}" resourceType="Unspecified" requireAccess="Script" />\n    </handlers>\n  </system.webServer>\n  <appSettings>\n    <add key="WSGI_HANDLER" value="app.app" />\n    <add key="WSGI_LOG" value="${join(dir, 'logs', 'app.log')}" />\n  </appSettings>\n</configuration>\n` });
  const tools = ['--appcmd', APPCMD, '--icacls', ICACLS, '--apphost', server.apphost];
  assertChinese('enable --dry-run', zh(['enable', '--python', 'C:\\Python312\\python.exe', '--dry-run']), 0);
  assertChinese('enable', zh(['enable', '--python', python, '--appcmd', APPCMD], server.env), [0, 1]);
  assertChinese('register --dry-run', zh(['register', dir, '--site', 'shop', '--port', '8080', ...tools, '--dry-run'], server.env), 0);
  assertChinese('register (unconfirmed grant)', zh(['register', dir, '--site', 'shop', '--port', '8080', ...tools], server.env), 1);
  assertChinese('register', zh(['register', dir, '--site', 'shop', '--port', '8080', ...tools, '--python', join(base, 'python.exe')], server.env), 0);
  assertChinese('register again', zh(['register', dir, '--site', 'shop', '--port', '8080', ...tools, '--python', join(base, 'python.exe')], server.env), 0);
  assertChinese('recycle', zh(['recycle', dir, ...tools], server.env), 0);
  assertChinese('doctor', zh(['doctor', dir, '--apphost', server.apphost, '--icacls', ICACLS], server.env), [0, 1]);
  assertChinese('unregister (unconfirmed)', zh(['unregister', dir, ...tools], server.env), 1);
  assertChinese('unregister --yes', zh(['unregister', dir, '--yes', ...tools], server.env), 0);
  assertChinese('doctor without a host', zh(['doctor', dir]), 2);
  assert.ok(existsSync(FIXTURE_APPHOST));
});

const PYTHON = pythonWith(['flask']);

test('zh-CN: verify loads the handler with a real Python and Flask, and says so in Chinese', { skip: !PYTHON && 'needs a Python with Flask (Debian: python3-flask; elsewhere FLASK_IIS_PYTHON)' }, () => {
  const dir = join(tempDir('zh-verify'), 'shop');
  assert.equal(zh(['new', dir, '--python', 'C:\\Python312\\python.exe']).status, 0);
  assertChinese('verify', zh(['verify', dir, '--python', PYTHON!]), 0);
  assertChinese('usage error', zh(['verify', dir, '--timeout', 'soon']), 2);
});
