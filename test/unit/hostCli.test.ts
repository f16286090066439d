/**
 * The host commands end to end: dist/cli.js running the fake appcmd / icacls / wfastcgi-enable / pip, which
 * change a copy of the fixture applicationHost.config and an ACL file as the real tools would.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { posixTest as test } from './platform';
import { spawnSync } from 'node:child_process';
import { markerSiteId } from '../../src/core/host/marker';
import { folderMarker } from '../../src/node/host/hostMarker';
import { APPCMD, cli, fakeServer, fastCgiConfig, FIXTURE_APPHOST, ICACLS, makeVenv, tempDir, writeFiles } from './hostHelpers';


/** A project with a venv (fake python + wfastcgi), a log folder and a wfastcgi web.config pointing at them. */
function project(name: string, folder = name) {
  const server = fakeServer(name);
  const dir = join(server.dir, folder);
  const python = makeVenv(join(dir, 'venv'), true);
  const base = join(server.dir, 'Python312');
  writeFiles(server.dir, { 'Python312/python.exe': 'MZ', [`${folder}/venv/pyvenv.cfg`]: `home = ${base}\n`, [`${folder}/logs/.keep`]: '' });
  const sp = `${python}|${join(dir, 'venv', 'Lib', 'site-packages', 'wfastcgi.py')}`;
  writeFiles(dir, { 'web.config': fastCgiConfig(sp, `<add key="WSGI_HANDLER" value="app.app" /><add key="WSGI_LOG" value="${join(dir, 'logs', 'app.log')}" />`) });
  const tools = ['--appcmd', APPCMD, '--icacls', ICACLS, '--apphost', server.apphost];
  // The installation the venv was made from is outside the project: the user names it (--python) to let register grant there.
  const chosen = ['--python', join(base, 'python.exe')];
  return { ...server, project: dir, python, base, tools, chosen };
}

const fixture = readFileSync(FIXTURE_APPHOST, 'utf8');
const manifestOf = (dir: string) => join(dir, '.vscode', 'flask-iis.json');

test('register then unregister: applicationHost.config and the ACLs are byte-identical afterwards', () => {
  const p = project('roundtrip');
  const acl = readFileSync(p.aclFile, 'utf8');
  const reg = cli(['register', p.project, '--site', 'shop', '--port', '8080', ...p.tools, ...p.chosen], p.env);
  assert.equal(reg.status, 0, reg.stdout + reg.stderr);
  const after = readFileSync(p.apphost, 'utf8');
  assert.match(after, /<add name="shop" managedRuntimeVersion="" managedPipelineMode="Integrated">/);
  assert.match(after, new RegExp(`<site name="shop" id="${markerSiteId(folderMarker(p.project), 'shop')}">`));
  assert.equal(after.split(`<add name="FLASK_IIS_REGISTERED" value="${folderMarker(p.project)}" />`).length, 3, 'the pool and the FastCGI application carry the marker');
  assert.match(after, /overrideModeDefault="Allow"/);
  assert.deepEqual(Object.keys(JSON.parse(readFileSync(p.aclFile, 'utf8')).paths as object).sort(), [p.base, p.project, join(p.project, 'logs')].sort());
  const manifest = JSON.parse(readFileSync(manifestOf(p.project), 'utf8')) as { created: { kind: string }[] };
  assert.deepEqual(manifest.created.map((e) => e.kind), ['apppool', 'site', 'fastcgi', 'unlock', 'grant', 'grant', 'grant']);
  const unreg = cli(['unregister', p.project, '--yes', ...p.tools], p.env);
  assert.equal(unreg.status, 0, unreg.stdout + unreg.stderr);
  assert.equal(readFileSync(p.apphost, 'utf8'), fixture);
  assert.equal(readFileSync(p.aclFile, 'utf8'), acl);
  assert.ok(!existsSync(manifestOf(p.project)), 'nothing left to record: the manifest is removed');
});

test('registering twice changes nothing the second time (no tool is run)', () => {
  const p = project('twice');
  assert.equal(cli(['register', p.project, '--site', 'shop', '--port', '8080', '--warm-up', ...p.tools, ...p.chosen], p.env).status, 0);
  const config = readFileSync(p.apphost, 'utf8');
  const acl = readFileSync(p.aclFile, 'utf8');
  const runs = p.logged().length;
  const again = cli(['register', p.project, '--site', 'shop', '--port', '8080', '--warm-up', ...p.tools, ...p.chosen], p.env);
  assert.equal(again.status, 0, again.stderr);
  assert.match(again.stdout, /^Nothing to do\./m);
  assert.equal(readFileSync(p.apphost, 'utf8'), config);
  assert.equal(readFileSync(p.aclFile, 'utf8'), acl);
  assert.deepEqual(p.logged().slice(runs).map((l) => l.argv.length), [1, 1, 1, 1], 'only ACL listings (icacls PATH) were run');
});

test('a failure midway stops, reports what was done, and rolls it back at once: the fixture is restored, nothing recorded', () => {
  const p = project('midway');
  const r = cli(['register', p.project, '--site', 'shop', '--port', '8080', ...p.tools, ...p.chosen], { ...p.env, FLASK_IIS_FAKE_FAIL_AT: '4' });
  assert.equal(r.status, 1);
  assert.match(r.stdout, /✓ 3\/\d+ \[done\]/);
  assert.match(r.stdout, /✗ 4\/\d+ \[failed, exit 5\]/);
  assert.match(r.stderr, /stopped at step 4 of \d+; 3 step\(s\) were done/);
  assert.match(r.stderr, /Step 4 of \d+ failed, and the 3 step\(s\) before it were rolled back/);
  assert.match(r.stderr, /rolled back \(step 1, 2, 3\): .*applicationHost\.config is again byte for byte what it was before register/);
  assert.doesNotMatch(r.stderr, /flask-iis unregister/);
  assert.equal(readFileSync(p.apphost, 'utf8'), fixture);
  assert.ok(!existsSync(manifestOf(p.project)));
});

test('not elevated: the first appcmd fails with its access error, nothing changes, nothing is recorded', () => {
  const p = project('elevation');
  const r = cli(['register', p.project, '--site', 'shop', '--port', '8080', ...p.tools, ...p.chosen], { ...p.env, FLASK_IIS_FAKE_NOT_ELEVATED: '1' });
  assert.equal(r.status, 1);
  assert.match(r.stdout, /Cannot read configuration file due to insufficient permissions/);
  assert.equal(readFileSync(p.apphost, 'utf8'), fixture);
  assert.ok(!existsSync(manifestOf(p.project)));
});

test('--dry-run prints one argv per line (text) or the JSON plan, and runs nothing', () => {
  const p = project('dry run', 'my app & co');
  const text = cli(['register', p.project, '--site', 'shop', '--port', '8080', '--dry-run', ...p.tools, ...p.chosen], p.env);
  assert.equal(text.status, 0, text.stderr);
  const lines = text.stdout.trim().split('\n').map((l) => JSON.parse(l) as string[]);
  assert.deepEqual(lines[2], [APPCMD, 'add', 'site', '/name:shop', `/id:${markerSiteId(folderMarker(p.project), 'shop')}`, '/bindings:http/*:8080:', `/physicalPath:${p.project}`]);
  assert.match(text.stderr, /step\(s\) planned \(dry run/);
  const json = cli(['register', p.project, '--site', 'shop', '--port', '8080', '--dry-run', '--format', 'json', ...p.tools, ...p.chosen], p.env);
  const plan = JSON.parse(json.stdout) as { version: number; steps: { argv: string[]; why: string }[] };
  assert.equal(plan.version, 1);
  assert.deepEqual(plan.steps.map((s) => s.argv), lines);
  assert.ok(plan.steps.every((s) => typeof s.why === 'string' && s.why));
  assert.equal(p.logged().filter((l) => l.argv.length > 1).length, 0, 'only ACL listings');
});

test('without a Windows host or explicit tools the plan is shown and the command says so (exit 2)', () => {
  const p = project('no-windows');
  const r = cli(['register', p.project, '--site', 'shop', '--port', '8080', '--apphost', p.apphost], p.env);
  if (process.platform === 'win32') return;
  assert.equal(r.status, 2);
  assert.match(r.stdout, /Plan \(\d+ step\(s\)\)/);
  assert.match(r.stderr, /needs a Windows host with IIS/);
  assert.equal(readFileSync(p.apphost, 'utf8'), fixture);
});

test('the fakes fail like the real tools: unknown objects (1168), duplicates (183), unknown principals (1332)', () => {
  const p = fakeServer('fake-errors');
  const code = (n: number) => (process.platform === 'win32' ? n : n & 0xff);
  const run = (tool: string, args: string[]) => spawnSync(tool, args, { encoding: 'utf8', env: { ...process.env, ...p.env } });
  const site = run(APPCMD, ['delete', 'site', '/site.name:nope']);
  assert.deepEqual([site.status, site.stdout.trim()], [code(1168), 'ERROR ( message:Cannot find SITE object with identifier "nope". )']);
  const dup = run(APPCMD, ['add', 'apppool', '/name:DefaultAppPool']);
  assert.deepEqual([dup.status, dup.stdout.trim()], [code(183), 'ERROR ( message:Failed to add duplicate collection element "DefaultAppPool". )']);
  const principal = run(ICACLS, [p.dir, '/grant', 'IIS AppPool\\nope:(OI)(CI)RX']);
  assert.equal(principal.status, code(1332));
  assert.match(principal.stdout, /No mapping between account names and security IDs was done/);
  assert.equal(readFileSync(p.apphost, 'utf8'), fixture);
});

test('recycle: the recorded pool is recycled', () => {
  const p = project('recycle');
  assert.equal(cli(['register', p.project, '--site', 'shop', '--port', '8080', ...p.tools, ...p.chosen], p.env).status, 0);
  const r = cli(['recycle', p.project, ...p.tools], p.env);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /"shop" successfully recycled/);
});

test('enable --install: pip into the venv, then its own wfastcgi-enable (IIS Express style); disable restores the file', () => {
  const server = fakeServer('enable');
  const python = makeVenv(join(server.dir, 'My Env'), false);
  const args = ['--python', python, '--appcmd', APPCMD, '--apphostconfig', server.apphost];
  const missing = cli(['enable', ...args], server.env);
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /wfastcgi is not installed in/);
  const r = cli(['enable', ...args, '--install'], server.env);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  const value = `"${python}"|"${join(server.dir, 'My Env', 'Lib', 'site-packages', 'wfastcgi.py')}"`;
  assert.ok(r.stdout.includes(`The handler's scriptProcessor must be exactly: ${value}`), r.stdout);
  assert.match(readFileSync(server.apphost, 'utf8'), /<application fullPath="&quot;.*My Env\/Scripts\/python\.exe&quot;" arguments="&quot;.*wfastcgi\.py&quot;" signalBeforeTerminateSeconds="30" \/>/);
  const appcmdCall = server.logged().find((l) => l.tool === 'appcmd')!;
  const planned = JSON.parse(cli(['enable', ...args, '--dry-run', '--format', 'json'], server.env).stdout || '{"steps":[]}') as { steps: unknown[] };
  assert.equal(planned.steps.length, 0, 'already registered: nothing planned');
  const dry = JSON.parse(cli(['disable', ...args, '--dry-run', '--format', 'json'], server.env).stdout) as { steps: { runs: string[] }[] };
  assert.deepEqual(dry.steps[0]!.runs.slice(2), appcmdCall.argv.slice(1).map((a) => a.replace('/+[', '/-[')), 'our plan names the appcmd call wfastcgi makes');
  const off = cli(['disable', ...args], server.env);
  assert.equal(off.status, 0, off.stdout + off.stderr);
  assert.match(off.stdout, /is no longer registered/);
  assert.equal(readFileSync(server.apphost, 'utf8'), fixture);
});

test('enable not elevated: wfastcgi\'s privilege error is explained', () => {
  const server = fakeServer('enable-denied');
  const python = makeVenv(join(server.dir, 'venv'), true);
  const r = cli(['enable', '--python', python, '--appcmd', APPCMD, '--apphost', server.apphost], { ...server.env, FLASK_IIS_FAKE_NOT_ELEVATED: '1' });
  assert.equal(r.status, 1);
  assert.match(r.stdout, /Ensure your user has sufficient privileges/);
  assert.match(r.stdout, /run it elevated \(as Administrator\)/);
});

test('doctor: findings in check\'s format from the fixture host and the fake ACLs; exit 1 on errors', () => {
  const p = project('doctor');
  const before = cli(['doctor', p.project, '--apphost', p.apphost, '--icacls', ICACLS], p.env);
  assert.equal(before.status, 1);
  assert.match(before.stdout, /web\.config:\d+:\d+: error scriptprocessor-not-registered /);
  assert.match(before.stdout, /information site-not-registered /);
  assert.equal(cli(['register', p.project, '--site', 'shop', '--port', '8080', ...p.tools, ...p.chosen], p.env).status, 0);
  const json = cli(['doctor', p.project, '--apphost', p.apphost, '--icacls', ICACLS, '--format', 'json'], p.env);
  assert.equal(json.status, 0, json.stdout);
  const codes = (JSON.parse(json.stdout) as { files: { diagnostics: { code: string }[] }[] }).files[0]!.diagnostics.map((d) => d.code);
  assert.deepEqual(codes, ['cold-start-no-warmup']);
  const noHost = cli(['doctor', tempDir('doctor-none')], {});
  assert.equal(noHost.status, 2);
});

test('IIS Express: /apphostconfig: on every appcmd call, no grants; unregister uses the configuration the manifest records', () => {
  const p = project('express');
  const reg = cli(['register', p.project, '--site', 'shop', '--port', '8080', '--appcmd', APPCMD, '--apphostconfig', p.apphost], p.env);
  assert.equal(reg.status, 0, reg.stdout + reg.stderr);
  assert.ok(p.logged().filter((l) => l.tool === 'appcmd').every((l) => l.argv[l.argv.length - 1] === `/apphostconfig:${p.apphost}`));
  assert.equal(p.logged().filter((l) => l.tool === 'icacls').length, 0);
  const manifest = JSON.parse(readFileSync(manifestOf(p.project), 'utf8')) as { apphostconfig: string };
  assert.equal(manifest.apphostconfig, p.apphost);
  const unreg = cli(['unregister', p.project, '--yes', '--appcmd', APPCMD], { ...p.env, FLASK_IIS_FAKE_APPHOST: join(p.dir, 'not-this-one.config') });
  assert.equal(unreg.status, 0, unreg.stdout + unreg.stderr);
  assert.equal(readFileSync(p.apphost, 'utf8'), fixture);
});
