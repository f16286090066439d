/**
 * `flask-iis new` and `init` on hostile repositories, through the real CLI in a child process (with a time-out,
 * so a hang fails the test instead of stalling it): symlinked static/, .vscode/, logs/ and web.config, FIFOs and
 * /dev/zero where a file is read, folder names made to break a shell command. Each fixture lives in a temp
 * folder next to an "outside" folder; both are snapshotted (without following links or opening FIFOs) before
 * and after: a refusal is exit 2 with a message naming the culprit, and then nothing changed anywhere.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from './helpers';
import { powershellLines, psArgv } from './psTokenizer';
import { tempDir } from './pythonHelpers';

const POSIX = process.platform !== 'win32';
const TIMEOUT = 60_000;
const APP = 'from flask import Flask\napp = Flask(__name__)\n';

/** Runs the CLI; a hang is a failure (killed by the time-out: status null). */
function cli(args: string[]) {
  const r = runCli(args, TIMEOUT);
  assert.notEqual(r.status, null, `flask-iis ${args.join(' ')} did not finish (hang?)\n${r.stderr}`);
  return r;
}

/** Every entry under `dir` by lstat: files with mode and content, links with their target, FIFOs as such. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      const rel = full.slice(dir.length + 1);
      const st = lstatSync(full);
      if (st.isSymbolicLink()) out[rel] = `link -> ${readlinkSync(full)}`;
      else if (st.isDirectory()) {
        out[`${rel}/`] = (st.mode & 0o777).toString(8);
        walk(full);
      } else if (st.isFile()) out[rel] = `${(st.mode & 0o777).toString(8)} ${readFileSync(full, 'utf8')}`;
      else out[rel] = 'special';
    }
  };
  walk(dir);
  return out;
}

interface Fixture {
  root: string;
  project: string;
  outside: string;
}

/** A project (a Flask app unless `files` says otherwise) and an outside folder with a file of its own. */
function fixture(name: string, files: Record<string, string> = { 'app.py': APP }): Fixture {
  const root = tempDir(`hostile-${name}`);
  const project = join(root, 'project');
  const outside = join(root, 'outside');
  mkdirSync(project);
  mkdirSync(outside);
  writeFileSync(join(outside, 'precious.txt'), 'do not touch\n');
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(project, path, '..'), { recursive: true });
    writeFileSync(join(project, path), content);
  }
  return { root, project, outside };
}

function mkfifo(path: string): void {
  const r = spawnSync('mkfifo', [path]);
  assert.equal(r.status, 0, `mkfifo: ${r.stderr}`);
}

/** Runs a scaffold expected to be refused: exit 2, the message, and nothing changed inside or outside. */
function assertRefused(f: Fixture, args: string[], message: RegExp): void {
  const before = snapshot(f.root);
  const r = cli(args);
  assert.equal(r.status, 2, `${args.join(' ')}\n${r.stdout}${r.stderr}`);
  assert.match(r.stderr, message);
  assert.equal(r.stdout, '');
  assert.deepEqual(snapshot(f.root), before, 'nothing written, inside the project or outside it');
}

test('a symlinked static/ (new, init) or logs/ pointing outside: refused by name, nothing written anywhere', { skip: !POSIX }, () => {
  const s = fixture('static', {});
  symlinkSync(s.outside, join(s.project, 'static'));
  assertRefused(s, ['new', s.project, '--name', 'shop'], /flask-iis: static is a symbolic link, and flask-iis never writes through a link: nothing was written\. It points to .*outside\./);
  const i = fixture('static-init');
  symlinkSync(i.outside, join(i.project, 'static'));
  assertRefused(i, ['init', i.project, '--force'], /static is a symbolic link/);
  const l = fixture('logs');
  symlinkSync(l.outside, join(l.project, 'logs'));
  assertRefused(l, ['init', l.project, '--bridge', 'httpplatform', '--log-dir', 'logs'], /logs is a symbolic link/);
  const relative = fixture('relative-link');
  symlinkSync('../outside', join(relative.project, 'static'));
  assertRefused(relative, ['new', relative.project, '--name', 'shop', '--force'], /static is a symbolic link[^\n]*It points to \.\.\/outside\./);
});

test('a symlinked .vscode/ (the host tasks go there): refused, even when tasks.json exists behind the link', { skip: !POSIX }, () => {
  const f = fixture('vscode');
  symlinkSync(f.outside, join(f.project, '.vscode'));
  assertRefused(f, ['init', f.project], /\.vscode is a symbolic link/);
  writeFileSync(join(f.outside, 'tasks.json'), '{"version": "2.0.0", "tasks": []}\n');
  assertRefused(f, ['init', f.project, '--force'], /\.vscode is a symbolic link/);
});

test('web.config as a symlink (to a file outside, to /dev/zero): refused, never followed, never backed up', { skip: !POSIX }, () => {
  const f = fixture('webconfig-link');
  writeFileSync(join(f.outside, 'web.config'), '<configuration />\n');
  symlinkSync(join(f.outside, 'web.config'), join(f.project, 'web.config'));
  assertRefused(f, ['init', f.project, '--force'], /web\.config is a symbolic link[^\n]*It points to .*outside\/web\.config\./);
  const z = fixture('webconfig-zero');
  symlinkSync('/dev/zero', join(z.project, 'web.config'));
  assertRefused(z, ['init', z.project, '--force'], /web\.config is a symbolic link[^\n]*It points to \/dev\/zero\./);
  const r = fixture('requirements-zero', {});
  symlinkSync('/dev/zero', join(r.project, 'requirements.txt'));
  assertRefused(r, ['new', r.project, '--name', 'shop', '--force'], /requirements\.txt is a symbolic link/);
});

test('a FIFO where a file is read (requirements.txt for new, web.config for init): refused at once, no hang', { skip: !POSIX }, () => {
  const n = fixture('fifo-requirements', {});
  mkfifo(join(n.project, 'requirements.txt'));
  assertRefused(n, ['new', n.project, '--name', 'shop', '--force'], /requirements\.txt is a named pipe \(FIFO\), not a regular file: nothing was written\./);
  const i = fixture('fifo-webconfig');
  mkfifo(join(i.project, 'web.config'));
  assertRefused(i, ['init', i.project, '--force'], /web\.config is a named pipe \(FIFO\)/);
});

test('init reads the project without hanging on FIFOs or /dev/zero among its files (requirements.txt, a module, pyproject.toml)', { skip: !POSIX }, () => {
  const f = fixture('fifo-sources');
  mkfifo(join(f.project, 'requirements.txt'));
  mkfifo(join(f.project, 'helpers.py'));
  symlinkSync('/dev/zero', join(f.project, 'pyproject.toml'));
  symlinkSync('/dev/zero', join(f.project, 'more.py'));
  const outside = snapshot(f.outside);
  const r = cli(['init', f.project]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(readFileSync(join(f.project, 'web.config'), 'utf8'), /value="app\.app"/);
  assert.ok(lstatSync(join(f.project, 'requirements.txt')).isFIFO(), 'left as it was');
  assert.deepEqual(snapshot(f.outside), outside);
});

test('--force keeps the replaced file\'s mode: web.config 0600 stays 0600, and so does its .bak copy', { skip: !POSIX }, () => {
  const f = fixture('mode');
  writeFileSync(join(f.project, 'web.config'), '<configuration><!-- secret --></configuration>\n');
  chmodSync(join(f.project, 'web.config'), 0o600);
  writeFileSync(join(f.project, 'DEPLOY.md'), 'mine\n');
  chmodSync(join(f.project, 'DEPLOY.md'), 0o640);
  const r = cli(['init', f.project, '--force']);
  assert.equal(r.status, 0, r.stderr);
  const mode = (p: string) => (statSync(join(f.project, p)).mode & 0o777).toString(8);
  assert.deepEqual([mode('web.config'), mode('web.config.bak'), mode('DEPLOY.md'), mode('DEPLOY.md.bak')], ['600', '600', '640', '640']);
  assert.equal(readFileSync(join(f.project, 'web.config.bak'), 'utf8'), '<configuration><!-- secret --></configuration>\n');
});

test('a symlinked target folder given on the command line is the user\'s choice: written into its real folder', { skip: !POSIX }, () => {
  const f = fixture('target-link');
  const link = join(f.root, 'link');
  symlinkSync(f.project, link);
  const r = cli(['init', link]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, new RegExp(`Added the IIS deployment files in ${f.project.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} `));
  assert.ok(lstatSync(join(f.project, 'web.config')).isFile());
  assert.ok(lstatSync(link).isSymbolicLink(), 'the link itself is left alone');
});

const HOSTILE = ['zz&calc', "a'b", '$(calc)', 'x;calc'];

test('a venv folder named zz&calc, a\'b, $(calc), x;calc: DEPLOY.md\'s PowerShell commands give the folder back as one literal argument', () => {
  for (const [i, venv] of HOSTILE.entries()) {
    const f = fixture(`venv-${i}`);
    mkdirSync(join(f.project, venv));
    writeFileSync(join(f.project, venv, 'pyvenv.cfg'), 'home = C:\\Python312\n');
    const r = cli(['init', f.project, '--bridge', 'httpplatform', '--name', 'shop']);
    assert.equal(r.status, 0, `${venv}: ${r.stderr}`);
    const lines = powershellLines(readFileSync(join(f.project, 'DEPLOY.md'), 'utf8')).map(psArgv);
    const venvPath = `C:\\inetpub\\shop\\${venv}`;
    const python = `${venvPath}\\Scripts\\python.exe`;
    assert.ok(lines.some((l) => l.join('\n') === ['py', '-3', '-m', 'venv', venvPath].join('\n')), `${venv}: py -3 -m venv <one argument>`);
    assert.ok(lines.some((l) => l[0] === python && l[1] === '-m'), `${venv}: the interpreter is one argument`);
    for (const arg of lines.flat()) if (arg.includes(venv)) assert.ok(arg.startsWith(venvPath), `${venv}: ${arg}`);
    assert.match(readFileSync(join(f.project, 'web.config'), 'utf8'), new RegExp(`processPath="${python.replace(/[\\$()]/g, '\\$&').replace(/&/g, '&amp;')}"`));
  }
  const f = fixture('venv-quote-wfastcgi');
  mkdirSync(join(f.project, "a'b"));
  writeFileSync(join(f.project, "a'b", 'pyvenv.cfg'), 'home = C:\\Python312\n');
  assertRefused(f, ['init', f.project, '--bridge', 'wfastcgi'], /The interpreter path "C:\\inetpub\\project\\a'b\\Scripts\\python\.exe" contains ', which wfastcgi-enable cannot register: use a folder without ', or HttpPlatformHandler/);
  const bad = fixture('venv-dquote');
  mkdirSync(join(bad.project, 'zz"calc'));
  writeFileSync(join(bad.project, 'zz"calc', 'pyvenv.cfg'), 'home = C:\\Python312\n');
  assertRefused(bad, ['init', bad.project], /The virtual environment folder "zz"calc" cannot be named in the server commands/);
});

test('a hostile --site-path and project folder name: quoted in DEPLOY.md, never a second command', () => {
  for (const [i, folder] of HOSTILE.entries()) {
    const root = tempDir(`hostile-site-${i}`);
    const dir = join(root, folder);
    const site = `D:\\Sites\\${folder}`;
    const r = cli(['new', dir, '--bridge', 'httpplatform', '--site-path', site, '--python', 'C:\\Python312\\python.exe']);
    assert.equal(r.status, 0, `${folder}: ${r.stderr}`);
    const args = powershellLines(readFileSync(join(dir, 'DEPLOY.md'), 'utf8')).flatMap(psArgv);
    assert.ok(args.includes(site) && args.includes(`/physicalPath:${site}`), folder);
    for (const arg of args) if (arg.includes(folder)) assert.ok(arg.startsWith(site) || arg === `/physicalPath:${site}`, `${folder}: ${arg}`);
  }
});
