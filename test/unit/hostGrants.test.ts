/** Where register may grant: the site folder and below, the interpreter the user named, confirmed folders; never system folders' modify. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { HostFacts } from '../../src/core/host/facts';
import { grantTargets, planGrants, type GrantScope, type GrantTarget } from '../../src/core/host/grants';
import { isSystemFolder } from '../../src/core/host/hostPaths';
import { registerPlan } from '../../src/core/host/registerPlan';
import { sayWith } from '../../src/core/host/undo';
import { facts, fastCgiConfig, fixtureAppHost, model, WIN_TOOLS } from './hostHelpers';

const SITE = 'C:\\inetpub\\shop';
const I = WIN_TOOLS.icacls;
const say = sayWith();
const ACCOUNT = 'IIS AppPool\\shop';

function plan(targets: GrantTarget[], scope: GrantScope = {}, f: HostFacts = facts()) {
  return planGrants(SITE, targets, ACCOUNT, [ACCOUNT], scope, WIN_TOOLS, f, say);
}

const BASE: GrantTarget = { path: 'C:\\Python312', right: 'RX', what: 'base' };

test('inside the site folder: granted without a question; outside: a question, never a step', () => {
  const inside = plan([{ path: SITE, right: 'RX', what: 'site' }, { path: `${SITE}\\logs`, right: 'M', what: 'log' }]);
  assert.deepEqual(inside.steps.map((s) => s.argv[1]), [SITE, `${SITE}\\logs`]);
  assert.deepEqual(inside.questions, []);
  const outside = plan([BASE]);
  assert.deepEqual(outside.steps, []);
  assert.equal(outside.questions.length, 1);
  assert.equal(outside.questions[0]!.path, 'C:\\Python312');
  assert.match(outside.questions[0]!.why, /outside the site folder C:\\inetpub\\shop.*only when you confirm this exact folder/);
});

test('the confirmed folder (exactly, any case), the interpreter the user named, a declined one', () => {
  assert.deepEqual(plan([BASE], { confirmed: ['c:\\python312\\'] }).steps.map((s) => s.argv), [[I, 'C:\\Python312', '/grant', `${ACCOUNT}:(OI)(CI)RX`]]);
  assert.equal(plan([BASE], { confirmed: ['C:\\Python312\\Lib'] }).questions.length, 1, 'a folder below does not confirm its parent');
  assert.equal(plan([BASE], { chosen: 'C:\\Python312' }).steps.length, 1);
  assert.equal(plan([{ path: 'C:\\Python312', right: 'M', what: 'log' }], { chosen: 'C:\\Python312' }).questions.length, 1, 'the named interpreter allows read & execute only');
  const declined = plan([BASE], { declined: ['C:\\Python312'] });
  assert.deepEqual([declined.steps.length, declined.questions.length], [0, 0]);
  assert.ok(declined.notes.some((n) => /Not granted \(you declined\)/.test(n)));
});

test('system folders never get modify, even confirmed; read & execute there is a question', () => {
  for (const path of ['C:\\', 'D:\\', 'C:\\Windows', 'C:\\Windows\\System32', 'C:\\Windows\\Temp', 'C:\\Program Files', 'C:\\Program Files (x86)', 'C:\\ProgramData', 'C:\\Users', 'C:\\inetpub']) {
    assert.ok(isSystemFolder(path, {}), path);
    const m = plan([{ path, right: 'M', what: 'log' }], { confirmed: [path] });
    assert.deepEqual(m.steps, [], path);
    assert.ok(m.notes.some((n) => /Not granted: modify on .* a Windows system folder/.test(n)), path);
  }
  for (const path of ['C:\\Program Files\\Python312', 'C:\\Users\\me\\app', 'D:\\sites\\shop', 'C:\\inetpub\\shop']) assert.ok(!isSystemFolder(path, {}), path);
  assert.ok(isSystemFolder('E:\\WINNT\\system32', { windir: 'E:\\WINNT' }));
  assert.equal(plan([{ path: 'C:\\Windows', right: 'RX', what: 'base' }]).questions.length, 1);
});

test('network and device paths are never looked at: no exists, ACL or link look-up, no grant', () => {
  const asked: string[] = [];
  const spy: HostFacts = { ...facts(), exists: (p) => (asked.push(p), true), acl: (p) => (asked.push(p), undefined), realPath: (p) => (asked.push(p), undefined) };
  for (const path of ['\\\\evil.example\\share', '//evil.example/share', '\\\\?\\C:\\Windows', '\\\\.\\pipe\\x']) {
    const r = plan([{ path, right: 'M', what: 'log' }], { confirmed: [path] }, spy);
    assert.deepEqual([r.steps.length, r.questions.length], [0, 0], path);
    assert.ok(r.notes.some((n) => /network \(UNC\) or device path/.test(n)), path);
  }
  assert.ok(!asked.some((p) => /evil|\\\\\?\\|\\\\\.\\/.test(p)), asked.join(', '));
});

test('a folder of the project that is a link out of it is judged, and named, by its target', () => {
  const linked: HostFacts = { ...facts(), realPath: (p) => (p.toLowerCase() === `${SITE}\\logs`.toLowerCase() ? 'C:\\Windows\\Temp' : p.toLowerCase() === `${SITE}\\data`.toLowerCase() ? 'D:\\data' : p) };
  const system = plan([{ path: `${SITE}\\logs`, right: 'M', what: 'log' }], {}, linked);
  assert.deepEqual(system.steps, []);
  assert.ok(system.notes.some((n) => /modify on C:\\Windows\\Temp/.test(n)));
  const other = plan([{ path: `${SITE}\\data`, right: 'M', what: 'log' }], {}, linked);
  assert.equal(other.questions[0]?.path, 'D:\\data');
  assert.match(other.questions[0]!.why, /C:\\inetpub\\shop\\data is inside the site folder but is a link to D:\\data/);
  assert.equal(plan([{ path: `${SITE}\\data`, right: 'M', what: 'log' }], { confirmed: ['D:\\data'] }, linked).steps[0]?.argv[1], 'D:\\data');
});

test('register: a system folder is refused as the site folder; the questions are part of the plan, not its steps', () => {
  const sp = `${SITE}\\venv\\Scripts\\python.exe|${SITE}\\venv\\Lib\\site-packages\\wfastcgi.py`;
  const req = {
    appDir: SITE, site: 'shop', port: 8080, host: '', pool: 'shop', warmUp: false, model: model(fastCgiConfig(sp)),
    appHost: fixtureAppHost(), tools: WIN_TOOLS, marker: '0123456789abcdef0123456789abcdef',
    facts: facts({ files: { [`${SITE}\\venv\\pyvenv.cfg`]: 'home = C:\\Python312\r\n' } }),
  };
  const planned = registerPlan(req);
  assert.ok(planned.ok);
  assert.deepEqual(planned.plan.questions?.map((q) => q.path), ['C:\\Python312']);
  assert.ok(!planned.plan.steps.some((s) => s.argv.includes('C:\\Python312')));
  const root = registerPlan({ ...req, appDir: 'C:\\' });
  assert.ok(!root.ok && root.problems.some((p) => /Windows system folder/.test(p)));
  assert.deepEqual(grantTargets(SITE, { bridge: 'wfastcgi', logFolder: '\\\\srv\\logs' }).map((t) => t.what), ['site', 'log']);
});
