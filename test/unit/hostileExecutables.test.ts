/**
 * Hostile repositories, rule 1 (executables) and rule 6 (UNC paths) of docs/security.md: the real CLI runs with
 * a recorder preloaded that logs every process start and every file-system call naming the attacker's host.
 * Each repository plants programs where a careless lookup would find them (scriptProcessor, the current folder,
 * a relative PATH entry, `./Scripts/`, httpPlatform processPath); each planted program leaves a marker if run.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { posixTest as test } from './platform';
import { tempDir } from './pythonHelpers';

const ROOT = resolve(__dirname, '../..');
const CLI = join(ROOT, 'dist/cli.js');
const RECORDER = join(ROOT, 'test/fakes/lib/spawnRecorder.js');
const SYSTEM_PYTHON = '/usr/bin/python3';
const hasPython = existsSync(SYSTEM_PYTHON);

interface Entry {
  kind: 'spawn' | 'fs';
  file?: string;
  args?: string[];
  path?: string;
}

interface Hostile {
  dir: string;
  markers: string;
  /** A program that records that it ran (and, as a "python", answers nothing useful). */
  plant(relPath: string): string;
  ran(): string[];
}

/** A repository folder with a markers folder outside it, where planted programs write when they run. */
function hostileRepo(name: string, files: Record<string, string>): Hostile {
  const base = tempDir(`hostile-${name}`);
  const dir = join(base, 'repo');
  const markers = join(base, 'markers');
  mkdirSync(markers, { recursive: true });
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(join(dir, rel, '..'), { recursive: true });
    writeFileSync(join(dir, rel), content);
  }
  mkdirSync(dir, { recursive: true });
  return {
    dir,
    markers,
    plant(relPath) {
      const full = join(dir, relPath);
      mkdirSync(join(full, '..'), { recursive: true });
      writeFileSync(full, `#!/bin/sh\necho "$0" >> "${join(markers, 'ran')}"\nexit 0\n`);
      chmodSync(full, 0o755);
      return full;
    },
    ran() {
      const f = join(markers, 'ran');
      return existsSync(f) ? readFileSync(f, 'utf8').trim().split('\n') : [];
    },
  };
}

/** The real CLI with the recorder, from `cwd`, with CI=true, no stdin, and the given PATH. */
function recorded(args: string[], cwd: string, pathDirs: string[], extraEnv: NodeJS.ProcessEnv = {}) {
  const logFile = join(tempDir('spawn-log'), `log-${Date.now()}-${Math.random().toString(36).slice(2)}.jsonl`);
  const r = spawnSync(process.execPath, ['-r', RECORDER, CLI, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 60_000,
    input: '',
    env: { HOME: process.env['HOME'] ?? '/root', LANG: 'C', CI: 'true', PATH: pathDirs.join(delimiter), FLASK_IIS_SPAWN_LOG: logFile, FLASK_IIS_FS_WATCH: 'attacker', ...extraEnv },
  });
  const entries: Entry[] = existsSync(logFile) ? readFileSync(logFile, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Entry) : [];
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, spawns: entries.filter((e) => e.kind === 'spawn'), fsHits: entries.filter((e) => e.kind === 'fs') };
}

const SYSTEM_PATH = ['/usr/local/bin', '/usr/bin', '/bin'];

function wfastcgiConfig(scriptProcessor: string, unc = true): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <appSettings>
    <add key="WSGI_HANDLER" value="vendored_pkg.app" />
${unc ? '    <add key="PYTHONPATH" value="\\\\attacker\\share\\libs" />\n    <add key="WSGI_LOG" value="\\\\attacker\\share\\wfastcgi.log" />\n' : ''}    <add key="WSGI_RESTART_FILE_REGEX" value=".*((\\.py)|(\\.config))$" />
  </appSettings>
  <system.webServer>
    <handlers>
      <add name="Python FastCGI" path="*" verb="*" modules="FastCgiModule" scriptProcessor="${scriptProcessor}" resourceType="Unspecified" requireAccess="Script" />
    </handlers>
  </system.webServer>
</configuration>
`;
}

test('check in CI with no flags starts no process at all, whatever the repository names (and never touches its UNC paths)', () => {
  const repo = hostileRepo('check', { 'app.py': 'import vendored_pkg\n' });
  const evil = repo.plant('tools/python.exe');
  repo.plant('python3');
  repo.plant('python');
  repo.plant('bin/python3');
  for (const sp of [`${evil}|${join(repo.dir, 'wfastcgi.py')}`, 'python.exe|wfastcgi.py', '\\\\attacker\\share\\python.exe|\\\\attacker\\share\\wfastcgi.py']) {
    writeFileSync(join(repo.dir, 'web.config'), wfastcgiConfig(sp));
    const r = recorded(['check', '.'], repo.dir, ['.', 'bin', join(repo.dir, 'bin'), ...SYSTEM_PATH]);
    assert.ok(r.status === 0 || r.status === 1, r.stderr);
    assert.deepEqual(r.spawns, [], `no process may start (scriptProcessor ${sp})`);
    assert.deepEqual(r.fsHits, [], 'no file-system call names the UNC host');
  }
  // Without the UNC entries the module question arises (and is still not asked without --python).
  for (const sp of [`${evil}|${join(repo.dir, 'wfastcgi.py')}`, 'python.exe|wfastcgi.py']) {
    writeFileSync(join(repo.dir, 'web.config'), wfastcgiConfig(sp, false));
    const r = recorded(['check', '.'], repo.dir, ['.', 'bin', join(repo.dir, 'bin'), ...SYSTEM_PATH]);
    assert.deepEqual(r.spawns, [], `no process may start (scriptProcessor ${sp})`);
    assert.match(r.stdout, /wsgi-handler-module-not-found/, 'the static verdict stands');
  }
  assert.deepEqual(repo.ran(), []);
});

test('check --python runs exactly that interpreter (absolute), never the repository\'s, even when a bare name is given', { skip: !hasPython }, () => {
  const repo = hostileRepo('check-python', { 'app.py': 'x = 1\n' });
  const evil = repo.plant('tools/python.exe');
  repo.plant('python3');
  writeFileSync(join(repo.dir, 'web.config'), wfastcgiConfig(`${evil}|${join(repo.dir, 'wfastcgi.py')}`));
  const bare = recorded(['check', '.', '--python', 'python3'], repo.dir, ['.', ...SYSTEM_PATH]);
  assert.ok(bare.status === 0 || bare.status === 1, bare.stderr);
  assert.ok(bare.spawns.length > 0, 'the named interpreter is asked');
  for (const s of bare.spawns) assert.equal(s.file, SYSTEM_PYTHON, 'resolved on PATH to an absolute path outside the repository');
  const explicitWins = recorded(['check', '.', '--python', SYSTEM_PYTHON, '--trust-config'], repo.dir, SYSTEM_PATH);
  for (const s of explicitWins.spawns) assert.equal(s.file, SYSTEM_PYTHON, 'an explicit --python wins over a trusted scriptProcessor');
  assert.deepEqual(repo.ran(), []);
});

test('check --trust-config is the opt-in that lets scriptProcessor\'s python.exe answer', () => {
  const repo = hostileRepo('check-trust', { 'app.py': 'x = 1\n' });
  const configured = repo.plant('tools/python.exe');
  writeFileSync(join(repo.dir, 'web.config'), wfastcgiConfig(`${configured}|${join(repo.dir, 'wfastcgi.py')}`, false));
  const r = recorded(['check', '.', '--trust-config'], repo.dir, SYSTEM_PATH);
  assert.deepEqual(r.spawns.map((s) => s.file), [configured]);
  assert.equal(repo.ran().length, 1);
});

test('verify: scriptProcessor, a python3 in the current folder and a relative PATH entry are all passed over', { skip: !hasPython }, () => {
  const repo = hostileRepo('verify', { 'app.py': 'def app(environ, start_response):\n    start_response("200 OK", [])\n    return [b"ok"]\n' });
  const evil = repo.plant('env/Scripts/python.exe');
  repo.plant('python3');
  repo.plant('python');
  writeFileSync(join(repo.dir, 'web.config'), wfastcgiConfig(`${evil}|${join(repo.dir, 'wfastcgi.py')}`).replace('vendored_pkg.app', 'app.app'));
  const r = recorded(['verify', '.'], repo.dir, ['.', '', ...SYSTEM_PATH]);
  assert.deepEqual(repo.ran(), [], 'nothing the repository planted ran');
  assert.match(r.stderr, /Did not run .*python\.exe, the python\.exe that web\.config's scriptProcessor names: the repository chose it, not you\. Pass --trust-config/);
  assert.ok(r.spawns.length > 0);
  for (const s of r.spawns) assert.ok(!s.file!.startsWith(repo.dir) && s.file!.startsWith('/'), `started ${s.file}`);
});

test('run: an httpPlatform processPath from the repository is refused with its exact command line; --trust-config starts it', { skip: !hasPython }, () => {
  const repo = hostileRepo('run', {});
  const evil = repo.plant('start.sh');
  writeFileSync(join(repo.dir, 'web.config'), `<configuration><system.webServer><handlers><add name="httpplatformhandler" path="*" verb="*" modules="httpPlatformHandler" resourceType="Unspecified" /></handlers>
<httpPlatform processPath=".\\start.sh" arguments="--port %HTTP_PLATFORM_PORT% &amp;calc" startupTimeLimit="2" /></system.webServer></configuration>`.replace('.\\start.sh', evil));
  const refused = recorded(['run', '.', '--timeout', '5'], repo.dir, ['.', ...SYSTEM_PATH]);
  assert.equal(refused.status, 2);
  assert.match(refused.stderr, /Did not start processPath: web\.config chose that program, not you\. To run it, confirm this exact command with --trust-config: .*start\.sh --port %HTTP_PLATFORM_PORT% &calc/);
  assert.deepEqual(repo.ran(), []);
  assert.deepEqual(refused.spawns.filter((s) => s.file === evil), []);
  const trusted = recorded(['run', '.', '--timeout', '5', '--trust-config'], repo.dir, SYSTEM_PATH);
  assert.equal(trusted.status, 1, 'it ran, and did not listen');
  assert.equal(repo.ran().length, 1);
});

test('run: a python processPath planted in the repository is replaced by the interpreter the user chose', { skip: !hasPython }, () => {
  const repo = hostileRepo('run-python', {});
  const venvPython = repo.plant('.venv/bin/python');
  writeFileSync(join(repo.dir, 'web.config'), `<configuration><system.webServer><handlers><add name="httpplatformhandler" path="*" verb="*" modules="httpPlatformHandler" resourceType="Unspecified" /></handlers>
<httpPlatform processPath="${venvPython}" arguments="-c &quot;import sys; sys.exit(0)&quot;" startupTimeLimit="2" /></system.webServer></configuration>`);
  const r = recorded(['run', '.', '--timeout', '5', '--python', SYSTEM_PYTHON], repo.dir, SYSTEM_PATH);
  assert.deepEqual(repo.ran(), []);
  assert.match(r.stderr, /Did not start .*\.venv\/bin\/python, the processPath web\.config names; using the interpreter you chose instead/);
  assert.ok(r.spawns.some((s) => s.file === SYSTEM_PYTHON));
});

test('enable without --python never runs a python or ./Scripts/wfastcgi-enable from the current folder', { skip: !hasPython }, () => {
  const repo = hostileRepo('enable', {});
  repo.plant('python3');
  repo.plant('python');
  repo.plant('Scripts/wfastcgi-enable');
  repo.plant('Scripts/wfastcgi-disable');
  const r = recorded(['enable', '--dry-run'], repo.dir, ['.', 'Scripts', ...SYSTEM_PATH]);
  assert.deepEqual(repo.ran(), []);
  for (const s of r.spawns) assert.ok(!s.file!.startsWith(repo.dir) && s.file!.startsWith('/'), `started ${s.file}`);
});

test('enable --dry-run with a Windows --python on another system plans with that Windows path, not one under the current folder', () => {
  const repo = hostileRepo('enable-win', {});
  const r = recorded(['enable', '--dry-run', '--python', 'C:\\Program Files\\Python312\\python.exe'], repo.dir, SYSTEM_PATH);
  const out = r.stdout + r.stderr;
  assert.ok(!out.includes(repo.dir), out);
  assert.match(out, /C:\\Program Files\\Python312\\Scripts\\wfastcgi-enable\.exe|C:\\Program Files\\Python312/);
  assert.deepEqual(r.spawns, []);
});
