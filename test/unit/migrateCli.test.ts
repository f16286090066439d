/**
 * `flask-iis migrate`: the VS Code command's plan (node/migratePlan.ts) on the command line. The change is shown
 * first; web.config is replaced only with --force (a .bak copy first), byte for byte outside the edits.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';
import { checkText } from '../../src/core/check';
import { migrateToHttpPlatform } from '../../src/core/scaffold';
import { applyEdits } from '../../src/node/scaffold/migratePlan';

const ROOT = resolve(__dirname, '../..');
const CLI = join(ROOT, 'dist/cli.js');
const tmp = mkdtempSync(join(tmpdir(), 'flask-iis-migrate-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, 'migrate', ...args], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, LANG: 'C' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

// As wfastcgi's README and Visual Studio's template write it: CRLF, a comment, a factory in WSGI_HANDLER.
const WFASTCGI = [
  '<?xml version="1.0" encoding="utf-8"?>',
  '<configuration>',
  '  <appSettings>',
  '    <!-- Flask app factory -->',
  '    <add key="WSGI_HANDLER" value="shop.create_app()" />',
  '    <add key="PYTHONPATH" value="C:\\inetpub\\shop" />',
  '    <add key="WSGI_LOG" value="C:\\inetpub\\logs\\shop\\wfastcgi.log" />',
  '    <add key="DATABASE_URL" value="sqlite:///shop.db" />',
  '  </appSettings>',
  '  <system.webServer>',
  '    <handlers>',
  '      <add name="Python FastCGI" path="*" verb="*" modules="FastCgiModule"',
  '           scriptProcessor="C:\\Python312\\python.exe|C:\\Python312\\Lib\\site-packages\\wfastcgi.py"',
  '           resourceType="Unspecified" requireAccess="Script" />',
  '    </handlers>',
  '  </system.webServer>',
  '</configuration>',
  '',
].join('\r\n');

function project(name: string, config: string | Buffer, files: Record<string, string> = {}, configName = 'web.config'): string {
  const dir = join(tmp, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, configName), config);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const FLASK = { 'shop/__init__.py': 'from flask import Flask\n\ndef create_app():\n    app = Flask(__name__)\n    return app\n', 'requirements.txt': 'flask\nwaitress\n' };

test('without --force: the change is shown, nothing is written, exit 2; --dry-run: the same, exit 0', () => {
  const dir = project('show', WFASTCGI, FLASK);
  const r = cli([dir]);
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stdout, /the changes for HttpPlatformHandler \(waitress\)/);
  assert.match(r.stdout, /^- {7}<add name="Python FastCGI" path="\*" verb="\*" modules="FastCgiModule"$/m);
  assert.match(r.stdout, /^\+ .*<httpPlatform processPath="C:\\Python312\\python\.exe"/m);
  assert.match(r.stdout, /^\+ logs\/\.gitkeep$/m);
  assert.match(r.stderr, /Nothing was written: .*--force/);
  assert.equal(readFileSync(join(dir, 'web.config'), 'utf8'), WFASTCGI);
  assert.ok(!existsSync(join(dir, 'logs')) && !existsSync(join(dir, 'web.config.bak')));
  const dry = cli([join(dir, 'web.config'), '--dry-run', '--force']);
  assert.equal(dry.status, 0, dry.stderr);
  assert.match(dry.stderr, /Dry run: nothing was written/);
  assert.equal(readFileSync(join(dir, 'web.config'), 'utf8'), WFASTCGI);
});

test('--force writes exactly the core\'s edits (CRLF and comments kept), keeps web.config.bak, creates the log folder; a second run refuses', () => {
  const dir = project('force', WFASTCGI, FLASK);
  const r = cli([dir, '--force']);
  assert.equal(r.status, 0, r.stderr);
  const expected = migrateToHttpPlatform(WFASTCGI);
  assert.ok(expected.ok);
  const written = readFileSync(join(dir, 'web.config'), 'utf8');
  assert.equal(written, applyEdits(WFASTCGI, expected.edits));
  assert.ok(!/[^\r]\n/.test(written), 'CRLF kept');
  assert.match(written, /<!-- Flask app factory -->/);
  assert.match(written, /--call shop:create_app/);
  assert.equal(readFileSync(join(dir, 'web.config.bak'), 'utf8'), WFASTCGI);
  assert.ok(existsSync(join(dir, 'logs/.gitkeep')));
  assert.deepEqual(checkText(written).findings.filter((f) => f.severity === 'error').map((f) => f.code), []);
  assert.match(r.stdout, /now runs waitress under HttpPlatformHandler/);
  const again = cli([dir, '--force']);
  assert.equal(again.status, 2);
  assert.match(again.stderr, /already has an <httpPlatform> section/);
  assert.ok(!existsSync(join(dir, 'web.config.1.bak')), 'nothing written the second time');
});

test('a UTF-8 BOM and the file name\'s case are kept; JSON output lists the edits', () => {
  const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(WFASTCGI)]);
  const dir = project('bom', bom, FLASK, 'Web.config');
  const json = cli([dir, '--format', 'json', '--force']);
  assert.equal(json.status, 0, json.stderr);
  const out = JSON.parse(json.stdout) as { server: string; edits: { range: { start: { line: number } } }[]; written: boolean; backups: string[] };
  assert.equal(out.server, 'waitress');
  assert.ok(out.written);
  assert.ok(out.edits.length >= 3);
  assert.ok(out.backups[0]!.endsWith('Web.config.bak'));
  const bytes = readFileSync(join(dir, 'Web.config'));
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  assert.ok(!existsSync(join(dir, 'web.config')) || readFileSync(join(dir, 'web.config')).equals(bytes), 'no second file with another case');
});

test('an ASGI application (FastAPI) is served by uvicorn, found by the same analysis as in VS Code; --asgi forces it', () => {
  const config = WFASTCGI.replace('shop.create_app()', 'main.app');
  const dir = project('asgi', config, { 'main.py': 'from fastapi import FastAPI\n\napp = FastAPI()\n', 'requirements.txt': 'fastapi\nuvicorn\n' });
  const r = cli([dir, '--dry-run']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /\(uvicorn\)/);
  assert.match(r.stdout, /-m uvicorn/);
  const forced = cli([project('asgi-forced', WFASTCGI, FLASK), '--asgi', '--dry-run']);
  assert.match(forced.stdout, /-m uvicorn/);
});

test('refusals: a link where the log folder goes, a file that is not UTF-8, no wfastcgi handler; nothing changes', () => {
  const linked = project('linked', WFASTCGI, FLASK);
  mkdirSync(join(tmp, 'elsewhere'));
  symlinkSync(join(tmp, 'elsewhere'), join(linked, 'logs'));
  const l = cli([linked, '--force']);
  assert.equal(l.status, 2);
  assert.match(l.stderr, /logs/);
  assert.equal(readFileSync(join(linked, 'web.config'), 'utf8'), WFASTCGI);
  assert.ok(!existsSync(join(linked, 'web.config.bak')));

  const ansi = Buffer.from(WFASTCGI.replace('Flask app factory', 'Caf\u00e9 app'), 'latin1');
  const a = cli([project('ansi', ansi, FLASK), '--force']);
  assert.equal(a.status, 2);
  assert.match(a.stderr, /is not UTF-8 text/);
  assert.ok(readFileSync(join(tmp, 'ansi/web.config')).equals(ansi));

  const none = cli([project('none', '<configuration><system.webServer/></configuration>'), '--force']);
  assert.equal(none.status, 2);
  assert.match(none.stderr, /no wfastcgi handler/);
  const missing = cli([join(tmp, 'no-such-folder')]);
  assert.equal(missing.status, 2);
});
