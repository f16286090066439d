/** Writing a scaffold: conflicts, --force backups that never overwrite a backup, and all-or-nothing on failures. */
import assert from 'node:assert/strict';
import { chmodSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import type { PlannedFile } from '../../src/core/scaffold';
import { inspectPlan, nodeFileOps, writePlan, type FileOps } from '../../src/node/scaffold/scaffoldWriter';
import { tempDir } from './pythonHelpers';

const PLAN: PlannedFile[] = [
  { path: 'web.config', content: '<configuration>new</configuration>\n' },
  { path: 'static/web.config', content: '<configuration>static</configuration>\n' },
  { path: 'pkg/sub/__init__.py', content: 'app = None\n' },
  { path: 'DEPLOY.md', content: '# steps\n' },
];

/** Every file and folder under `dir` with its content: equal snapshots mean nothing changed. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      const rel = relative(dir, full);
      if (lstatSync(full).isSymbolicLink()) out[rel] = 'link';
      else if (statSync(full).isDirectory()) {
        out[`${rel}/`] = '';
        walk(full);
      } else out[rel] = readFileSync(full, 'utf8');
    }
  };
  walk(dir);
  return out;
}

function project(name: string, files: Record<string, string> = {}): string {
  const dir = tempDir(name);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

test('new files are written with their folders; identical files are left alone and are no conflict', () => {
  const dir = project('w-new', { 'DEPLOY.md': '# steps\n' });
  const r = writePlan(dir, PLAN, { force: false });
  assert.deepEqual(r, { ok: true, written: ['web.config', 'static/web.config', 'pkg/sub/__init__.py'], backups: [], unchanged: ['DEPLOY.md'] });
  assert.equal(readFileSync(join(dir, 'pkg/sub/__init__.py'), 'utf8'), 'app = None\n');
  assert.deepEqual(writePlan(dir, PLAN, { force: false }), { ok: true, written: [], backups: [], unchanged: PLAN.map((f) => f.path) });
  assert.ok(!readdirSync(dir).some((n) => n.endsWith('.tmp')));
});

test('existing files that differ: refused with their list and nothing written; --force keeps a .bak of each', () => {
  const dir = project('w-conflict', { 'web.config': 'mine\n', 'static/web.config': 'my static\n' });
  const before = snapshot(dir);
  assert.deepEqual(writePlan(dir, PLAN, { force: false }), { ok: false, reason: 'conflicts', conflicts: ['web.config', 'static/web.config'], unchanged: [] });
  assert.deepEqual(snapshot(dir), before);
  const forced = writePlan(dir, PLAN, { force: true });
  assert.ok(forced.ok);
  assert.deepEqual(forced.backups.map((b) => [b.file, relative(dir, b.backup)]), [['web.config', 'web.config.bak'], ['static/web.config', join('static', 'web.config.bak')]]);
  assert.equal(readFileSync(join(dir, 'web.config.bak'), 'utf8'), 'mine\n');
  assert.equal(readFileSync(join(dir, 'web.config'), 'utf8'), PLAN[0]!.content);
});

test('--force never overwrites a backup: web.config.bak, then web.config.1.bak, web.config.2.bak', () => {
  const dir = project('w-baks', { 'web.config': 'v1\n', 'web.config.bak': 'older\n' });
  const plan = [PLAN[0]!];
  assert.deepEqual(writePlan(dir, plan, { force: true }).ok && readFileSync(join(dir, 'web.config.1.bak'), 'utf8'), 'v1\n');
  writeFileSync(join(dir, 'web.config'), 'v2\n');
  assert.ok(writePlan(dir, plan, { force: true }).ok);
  assert.deepEqual([readFileSync(join(dir, 'web.config.bak'), 'utf8'), readFileSync(join(dir, 'web.config.2.bak'), 'utf8')], ['older\n', 'v2\n']);
});

test('an existing Web.config (other letter case) is the file replaced, never a second web.config next to it', () => {
  const dir = project('w-case', { 'Web.config': 'mine\n' });
  const r = writePlan(dir, [PLAN[0]!], { force: true });
  assert.ok(r.ok);
  assert.deepEqual(readdirSync(dir).sort(), ['Web.config', 'Web.config.bak']);
  assert.equal(readFileSync(join(dir, 'Web.config'), 'utf8'), PLAN[0]!.content);
});

/** The node operations, with the `nth` call of `op` failing (and the operations of `also` replaced). */
function failing(op: keyof FileOps, nth: number, also: Partial<FileOps> = {}): FileOps {
  let calls = 0;
  return {
    ...nodeFileOps,
    [op]: (...args: unknown[]) => {
      if (++calls === nth) throw Object.assign(new Error('simulated'), { code: 'EACCES' });
      return (nodeFileOps[op] as (...a: unknown[]) => unknown)(...args);
    },
    ...also,
  };
}

test('a failure while renaming into place (after some files are in place) undoes everything: new files, replaced files, backups, folders', () => {
  const dir = project('w-rename', { 'DEPLOY.md': 'my notes\n', 'web.config': 'mine\n' });
  const before = snapshot(dir);
  const r = writePlan(dir, PLAN, { force: true }, failing('rename', 3));
  assert.ok(!r.ok && r.reason === 'io');
  assert.match(r.error, /pkg[\\/]sub[\\/]__init__\.py: permission denied$/);
  assert.deepEqual(r.leftBehind, []);
  assert.deepEqual(snapshot(dir), before);
});

test('a failure while writing the temporary files leaves nothing behind either', () => {
  const dir = project('w-temp', { 'web.config': 'mine\n' });
  const before = snapshot(dir);
  const r = writePlan(dir, PLAN, { force: true }, failing('writeNew', 4));
  assert.ok(!r.ok && r.reason === 'io');
  assert.deepEqual(r.leftBehind, []);
  assert.deepEqual(snapshot(dir), before);
});

test('when the undo itself fails, the result names exactly what was left', () => {
  const dir = project('w-stuck');
  const r = writePlan(dir, PLAN, { force: false }, failing('rename', 2, { unlink: () => { throw new Error('locked'); }, rmdir: () => { throw new Error('busy'); } }));
  assert.ok(!r.ok && r.reason === 'io');
  const left = r.leftBehind.map((p) => relative(dir, p).split('\\').join('/'));
  assert.equal(left[0], 'web.config', 'the file already renamed into place');
  assert.ok(left.some((p) => /^static\/\.web\.config\.flask-iis-.*\.tmp$/.test(p)), 'the temporary file not yet renamed');
  assert.ok(left.includes('static') && left.includes('pkg/sub') && left.includes('pkg'), 'the folders it created');
});

test('on disk: a file where a folder must go, or a folder where a file goes, stops before anything is written', () => {
  const dir = project('w-blocked', { static: 'a file named static\n' });
  const before = snapshot(dir);
  const r = writePlan(dir, PLAN, { force: true });
  assert.ok(!r.ok && r.reason === 'io');
  assert.match(r.error, /static: a file is in the way/);
  assert.deepEqual(snapshot(dir), before, 'no web.config, no pkg folder, no temporary file');
  const folder = project('w-folder');
  mkdirSync(join(folder, 'web.config'));
  const f = writePlan(folder, PLAN, { force: true });
  assert.ok(!f.ok && f.reason === 'io' && /web\.config: a folder/.test(f.error));
  assert.deepEqual(Object.keys(snapshot(folder)), ['web.config/']);
});

test('a link inside the target (folder on the way, or the file itself) is refused before anything is written; each named once', { skip: process.platform === 'win32' }, () => {
  const dir = project('w-links', { 'pkg/keep.py': '' });
  const outside = project('w-links-outside');
  symlinkSync(outside, join(dir, 'static'));
  symlinkSync(join(outside, 'nowhere'), join(dir, 'DEPLOY.md'));
  const before = snapshot(dir);
  const r = writePlan(dir, PLAN, { force: true });
  assert.deepEqual(r, { ok: false, reason: 'unsafe', refused: [{ path: 'static', kind: 'symlink', target: outside }, { path: 'DEPLOY.md', kind: 'symlink', target: join(outside, 'nowhere') }] });
  assert.deepEqual(snapshot(dir), before);
  assert.deepEqual(readdirSync(outside), []);
  assert.deepEqual(inspectPlan(dir, PLAN).refused.map((x) => x.path), ['static', 'DEPLOY.md'], 'the VS Code commands ask inspectPlan first');
});

test('a folder swapped for a link after the check: the write stops there and everything is undone', () => {
  const dir = project('w-swap');
  const ops: FileOps = { ...nodeFileOps, realPath: (p) => (p.endsWith('static') ? '/elsewhere/static' : nodeFileOps.realPath(p)) };
  const r = writePlan(dir, PLAN, { force: false }, ops);
  assert.ok(!r.ok && r.reason === 'io');
  assert.match(r.error, /static: is now a link to \/elsewhere\/static$/);
  assert.deepEqual(r.leftBehind, []);
  assert.deepEqual(snapshot(dir), {});
});

test('a replaced file keeps its permission bits, and so does its .bak copy; a restored one gets them back too', { skip: process.platform === 'win32' }, () => {
  const dir = project('w-mode', { 'web.config': 'mine\n', 'DEPLOY.md': 'notes\n' });
  chmodSync(join(dir, 'web.config'), 0o600);
  chmodSync(join(dir, 'DEPLOY.md'), 0o604);
  const mode = (p: string) => statSync(join(dir, p)).mode & 0o777;
  const failed = writePlan(dir, PLAN, { force: true }, failing('rename', 4));
  assert.ok(!failed.ok);
  assert.deepEqual([mode('web.config'), mode('DEPLOY.md')], [0o600, 0o604], 'restored with their modes');
  assert.ok(writePlan(dir, PLAN, { force: true }).ok);
  assert.deepEqual([mode('web.config'), mode('web.config.bak'), mode('DEPLOY.md'), mode('DEPLOY.md.bak')], [0o600, 0o600, 0o604, 0o604]);
});
