/**
 * init confirms its choice by loading each candidate the way wfastcgi would and counting its routes (issue 12
 * §1), only with a local interpreter the user names for it (`--confirm-with`); the candidate with routes wins
 * and the notes say what was checked. Real /usr/bin/python3 with Debian's Flask and Django.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { chooseApp, type AppCandidate } from '../../src/core/scaffold';
import { confirmOne } from '../../src/node/scaffold/confirmApps';
import { runCli } from './helpers';
import { PROJECTS, tempDir } from './pythonHelpers';

const REAL_PYTHON = '/usr/bin/python3';
const has = (mod: string) => existsSync(REAL_PYTHON) && spawnSync(REAL_PYTHON, ['-c', `import ${mod}`], { timeout: 20_000 }).status === 0;
const flask = has('flask');
const django = has('django');

function sample(name: string, as: string): string {
  const dir = join(tempDir(as), name);
  cpSync(join(PROJECTS, name), dir, { recursive: true });
  return dir;
}

const handlerOf = (dir: string) => /key="WSGI_HANDLER" value="([^"]*)"/.exec(readFileSync(join(dir, 'web.config'), 'utf8'))?.[1];

test('chooseApp: the one confirmed candidate with routes is chosen among several, and every check is a note', () => {
  const base = { kind: 'instance' as const, framework: 'flask' };
  const candidates: AppCandidate[] = [
    { ...base, handler: 'wsgi.application', file: 'wsgi.py', confirmed: { python: '/usr/bin/python3', loads: true, routes: 3 } },
    { ...base, handler: 'worker.app', file: 'worker.py', confirmed: { python: '/usr/bin/python3', loads: true, routes: 0 } },
    { ...base, handler: 'legacy.app', file: 'legacy.py', confirmed: { python: '/usr/bin/python3', loads: false, routes: null, error: "ModuleNotFoundError: No module named 'flask_sqlalchemy'" } },
  ];
  const c = chooseApp(candidates, undefined, '/srv/portal');
  assert.ok(c.ok);
  assert.equal(c.app.handler, 'wsgi.application');
  assert.deepEqual(c.notes.map((n) => n.key), ['scaffold.note.confirmRoutes', 'scaffold.note.confirmNoRoutes', 'scaffold.note.confirmFailed']);
  // Without a confirmation the same candidates are a question (nothing ran).
  const unconfirmed = chooseApp(candidates.map(({ confirmed: _c, ...rest }) => rest), undefined, '/srv/portal');
  assert.equal(unconfirmed.ok, false);
  // Two with routes: still a question, among those two only.
  const two = chooseApp(candidates.map((x) => (x.handler === 'worker.app' ? { ...x, confirmed: { ...x.confirmed!, routes: 1 } } : x)), undefined, '/srv/portal');
  assert.ok(!two.ok && two.candidates.map((x) => x.handler).join() === 'wsgi.application,worker.app');
  // An app that loads but that wfastcgi cannot call (ASGI) is no confirmed choice.
  const asgi = chooseApp([{ ...candidates[0]!, confirmed: { python: 'p', loads: true, routes: 2, error: 'FastAPI is an ASGI application' } }, candidates[1]!], undefined, '/srv');
  assert.equal(asgi.ok, false);
});

test('init without --confirm-with runs nothing: the static question stands', { skip: !flask && 'no Flask for /usr/bin/python3' }, () => {
  const dir = sample('confirm-routes', 'cf-static');
  const r = runCli(['init', dir], 60_000);
  assert.equal(r.status, 2, r.stdout + r.stderr);
  assert.match(r.stderr, /Several applications .*wsgi\.application, worker\.app/);
  assert.doesNotMatch(r.stdout + r.stderr, /Checked with/);
  assert.ok(!existsSync(join(dir, 'web.config')));
});

test('init --confirm-with /usr/bin/python3: routes registered from a table are counted; the app with routes is chosen', { skip: !flask && 'no Flask for /usr/bin/python3' }, () => {
  const dir = sample('confirm-routes', 'cf-real');
  const r = runCli(['init', dir, '--confirm-with', REAL_PYTHON, '--python', 'C:\\Program Files\\Python312\\python.exe'], 120_000);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.equal(handlerOf(dir), 'wsgi.application');
  assert.match(r.stdout, /Checked with \/usr\/bin\/python3: wsgi\.application loads as wfastcgi would load it and has 3 route\(s\)/);
  assert.match(r.stdout, /worker\.app loads .*but has no routes: every URL would answer 404/);
  // --python stays the server's interpreter, written into web.config; the local one is never written.
  const config = readFileSync(join(dir, 'web.config'), 'utf8');
  assert.match(config, /scriptProcessor="C:\\Program Files\\Python312\\python\.exe\|/);
  assert.doesNotMatch(config, /\/usr\/bin\/python3/);
});

test('init --confirm-with on the sample projects agrees with the static choice and says what it checked', { skip: !flask && 'no Flask for /usr/bin/python3' }, () => {
  const expected: Record<string, [string, RegExp]> = {
    'routes-entry': ['startup.app', /startup\.app loads .* has 4 route\(s\)/],
    flaskr: ['flaskr.create_app()', /flaskr\.create_app\(\) loads .* has \d+ route\(s\)/],
    'src-layout': ['inventory.app', /inventory\.app loads .* has 1 route\(s\)/],
    ...(django ? { django: ['django.core.wsgi.get_wsgi_application()', /get_wsgi_application\(\) loads .* has [1-9]\d* route\(s\)/] as [string, RegExp] } : {}),
  };
  for (const [name, [handler, note]] of Object.entries(expected)) {
    const dir = sample(name, `cf-${name}`);
    const r = runCli(['init', dir, '--confirm-with', REAL_PYTHON, '--force'], 120_000);
    assert.equal(r.status, 0, `${name}: ${r.stdout}${r.stderr}`);
    assert.equal(handlerOf(dir), handler, name);
    assert.match(r.stdout, note, name);
  }
});

test('a candidate that does not load is said with the error; one that hangs is killed', { skip: !existsSync(REAL_PYTHON) && 'no /usr/bin/python3' }, async () => {
  const dir = tempDir('cf-broken');
  writeFileSync(join(dir, 'app.py'), 'import flask_sqlalchemy_not_installed_4713\nfrom flask import Flask\napp = Flask(__name__)\n');
  const broken = await confirmOne(REAL_PYTHON, dir, { handler: 'app.app' });
  assert.equal(broken.loads, false);
  assert.match(broken.error ?? '', /could not be imported|ModuleNotFoundError|No module named/);
  writeFileSync(join(dir, 'slow.py'), 'import time\ntime.sleep(60)\napp = None\n');
  const hung = await confirmOne(REAL_PYTHON, dir, { handler: 'slow.app' }, 1500);
  assert.equal(hung.loads, false);
  assert.match(hung.error ?? '', /did not finish within 2 s|did not finish within 1 s/);
});

test('--confirm-with: relative paths are refused, a bare name is never found in the project', () => {
  const dir = sample('confirm-routes', 'cf-trust');
  const relative = runCli(['init', dir, '--confirm-with', './venv/bin/python'], 30_000);
  assert.equal(relative.status, 2);
  assert.match(relative.stderr, /--confirm-with must be an absolute path or a program name on PATH/);
  const planted = join(dir, 'python3-planted');
  writeFileSync(planted, '#!/bin/sh\ntouch "$0.ran"\n');
  chmodSync(planted, 0o755);
  const r = runCli(['init', dir, '--confirm-with', 'python3-planted'], 30_000, { PATH: `${dir}:/usr/bin:/bin` });
  assert.equal(r.status, 2, r.stdout + r.stderr);
  assert.match(r.stderr, /no executable "python3-planted"/);
  assert.ok(!existsSync(`${planted}.ran`), 'the planted program never ran');
});
