/**
 * register's automatic rollback, end to end through dist/cli.js and the fakes: for each bridge (wfastcgi,
 * HttpPlatformHandler, reverse proxy), a failure injected at every step of its register plan leaves
 * applicationHost.config, the service list and the ACLs byte-identical to before, with no manifest, and the
 * message names the step that failed and what was rolled back. A rollback that fails itself is reported, and
 * the manifest keeps what is left so unregister can finish.
 */
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { posixTest as test } from './platform';
import { createHash } from 'node:crypto';
import type { Plan } from '../../src/core/host/plan';
import { RESTORE_FILE, rollbackPlan } from '../../src/core/host/rollback';
import { sayWith } from '../../src/core/host/undo';
import { restoreFile } from '../../src/node/host/configCopy';
import { APPCMD, cli, fakeServer, FAKES, fastCgiConfig, ICACLS, makeVenv, platformConfig, writeFiles } from './hostHelpers';

const SC = join(FAKES, 'sc');
const WINSW = join(FAKES, 'winsw');
const SERVICES = JSON.stringify({ services: { W32Time: { state: 'RUNNING', displayName: 'Windows Time', description: 'Maintains date and time synchronization.' } } }, null, 2) + '\n';
const ARR_FIXTURE = resolve(__dirname, '../../test/fixtures/host/applicationHost.arr.config');

interface Bridge {
  dir: string;
  project: string;
  apphost: string;
  env: Record<string, string>;
  /** register's arguments after the folder. */
  args: string[];
  files: () => string[];
}

/** A server (fixture copies, an ACL file, a service table) and a project of the given bridge. */
function bridge(name: string, kind: 'wfastcgi' | 'httpPlatform' | 'proxy', apphostKnown = true): Bridge {
  const server = fakeServer(name);
  const services = join(server.dir, 'services.json');
  writeFileSync(services, SERVICES);
  const project = join(server.dir, 'shop');
  const env = { ...server.env, FLASK_IIS_FAKE_SERVICES: services };
  const tools = ['--appcmd', APPCMD, '--icacls', ICACLS, '--sc', SC, ...(apphostKnown ? ['--apphost', server.apphost] : [])];
  let extra: string[] = [];
  if (kind === 'proxy') {
    copyFileSync(ARR_FIXTURE, server.apphost);
    const made = cli(['new', project, '--name', 'shop', '--bridge', 'proxy', '--backend-port', '8042']);
    assert.equal(made.status, 0, made.stderr);
    extra = ['--winsw', WINSW];
  } else {
    const python = makeVenv(join(project, 'venv'), true);
    const base = join(server.dir, 'Python312');
    writeFiles(server.dir, { 'Python312/python.exe': 'MZ', 'shop/venv/pyvenv.cfg': `home = ${base}\n`, 'shop/logs/.keep': '' });
    const sp = `${python}|${join(project, 'venv', 'Lib', 'site-packages', 'wfastcgi.py')}`;
    writeFiles(project, { 'web.config': kind === 'wfastcgi' ? fastCgiConfig(sp, `<add key="WSGI_HANDLER" value="app.app" /><add key="WSGI_LOG" value="${join(project, 'logs', 'app.log')}" />`) : platformConfig(python, ` stdoutLogEnabled="true" stdoutLogFile="${join(project, 'logs', 'stdout')}"`) });
    extra = ['--python', join(base, 'python.exe'), '--warm-up'];
  }
  const files = () => [server.apphost, services, server.aclFile].map((f) => readFileSync(f, 'utf8'));
  return { dir: server.dir, project, apphost: server.apphost, env, args: ['--site', 'shop', '--port', '8080', ...tools, ...extra], files };
}

const manifestOf = (dir: string) => join(dir, '.vscode', 'flask-iis.json');

/** The step numbers the report says were rolled back. */
function rolledBack(stderr: string): number[] {
  return [...stderr.matchAll(/^flask-iis: rolled back \(step ([\d, ]+)\)/gm)].flatMap((m) => m[1]!.split(', ').map(Number)).sort((a, b) => a - b);
}

for (const [kind, known] of [['wfastcgi', true], ['httpPlatform', true], ['proxy', true], ['wfastcgi', false]] as const) {
  test(`${kind}${known ? '' : ' (no applicationHost.config read: undo commands)'}: a failure at every step of register is rolled back, every byte as before`, () => {
    const b = bridge(`rollback-${kind}-${known}`, kind, known);
    const before = b.files();
    const dry = cli(['register', b.project, ...b.args, '--dry-run', '--format', 'json'], b.env);
    assert.equal(dry.status, 0, dry.stderr);
    const plan = (JSON.parse(dry.stdout) as { steps: { argv: string[]; why: string; creates?: unknown }[] }).steps;
    assert.ok(plan.length >= (kind === 'proxy' ? 12 : 8), `${kind}: ${plan.length} steps`);
    if (kind !== 'proxy') assert.ok(plan.some((s) => s.argv[0] === ICACLS) && plan.some((s) => /startMode/.test(s.argv.join(' '))), 'grants and warm-up are in the plan');
    for (let k = 1; k <= plan.length; k++) {
      const r = cli(['register', b.project, ...b.args], { ...b.env, FLASK_IIS_FAKE_FAIL_AT: String(k), FLASK_IIS_FAKE_LOG: join(b.dir, `log-${k}.jsonl`) });
      assert.equal(r.status, 1, `step ${k}: ${r.stdout}`);
      assert.ok(r.stderr.includes(`Step ${k} of ${plan.length} failed`), `step ${k}: ${r.stderr}`);
      assert.ok(r.stderr.includes(plan[k - 1]!.why), `the message names the failed step ${k}`);
      // Every earlier step that created something is named as rolled back; no other.
      const created = plan.slice(0, k - 1).flatMap((s, i) => (s.creates ? [i + 1] : []));
      const named = rolledBack(r.stderr);
      for (const n of created) assert.ok(named.includes(n), `step ${k}: step ${n} rolled back?\n${r.stderr}`);
      assert.ok(named.every((n) => n < k), `step ${k}: only steps before it\n${r.stderr}`);
      if (known && plan.slice(0, k).some((s) => s.argv[0] === APPCMD) && k > 1) assert.match(r.stderr, /is again byte for byte what it was before register/);
      assert.doesNotMatch(r.stderr, /not rolled back|flask-iis unregister/, `step ${k}: a full rollback`);
      assert.deepEqual(b.files(), before, `step ${k}: applicationHost.config, the services and the ACLs are as before`);
      assert.ok(!existsSync(manifestOf(b.project)), `step ${k}: nothing left to record`);
    }
    // And the full run still works after all those failures: register, then unregister, byte for byte.
    assert.equal(cli(['register', b.project, ...b.args], b.env).status, 0);
    assert.notDeepEqual(b.files(), before);
    const unreg = cli(['unregister', b.project, '--yes', '--appcmd', APPCMD, '--icacls', ICACLS, '--sc', SC, '--apphost', b.apphost], b.env);
    assert.equal(unreg.status, 0, unreg.stdout + unreg.stderr);
    assert.deepEqual(b.files(), before);
  });
}

test('a rollback that fails itself: reported with its error, the rest kept in the manifest, and unregister finishes it', () => {
  const b = bridge('rollback-fails', 'proxy');
  const before = b.files();
  const plan = (JSON.parse(cli(['register', b.project, ...b.args, '--dry-run', '--format', 'json'], b.env).stdout) as { steps: { argv: string[]; why: string }[] }).steps;
  assert.equal(plan.length, 14);
  assert.equal(plan[13]!.argv[0], ICACLS, 'the last step is the pool identity\'s grant');
  assert.deepEqual(plan[12]!.argv.slice(1), ['start', 'shopBackend']);
  // Step 14 (the grant) fails; the rollback's first command (change 15: sc stop) fails too.
  const r = cli(['register', b.project, ...b.args], { ...b.env, FLASK_IIS_FAKE_FAIL_AT: '14,15' });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /Step 14 of 14 failed, and rolling back stopped too: run unregister to finish/);
  assert.match(r.stderr, /not rolled back \(step 13\): Start the service "shopBackend".*It failed \(exit 5: \[SC\] OpenService FAILED 5:\); the state there is unknown\./);
  for (const n of [1, 3, 5, 6, 7, 8, 9, 11, 12, 13]) assert.match(r.stderr, new RegExp(`still in effect, kept for unregister \\(step ${n}\\)`));
  assert.deepEqual(rolledBack(r.stderr), [], 'nothing was rolled back before the failure');
  assert.match(r.stderr, /flask-iis unregister ".*" --yes/);
  const kinds = (JSON.parse(readFileSync(manifestOf(b.project), 'utf8')) as { created: { kind: string }[] }).created.map((e) => e.kind);
  assert.deepEqual(kinds, ['apppool', 'site', 'proxy', 'serverVariable', 'serverVariable', 'serverVariable', 'service', 'grant', 'grant', 'serviceRunning']);
  assert.notDeepEqual(b.files(), before);
  const unreg = cli(['unregister', b.project, '--yes', '--appcmd', APPCMD, '--icacls', ICACLS, '--sc', SC, '--apphost', b.apphost], b.env);
  assert.equal(unreg.status, 0, unreg.stdout + unreg.stderr);
  assert.deepEqual(b.files(), before);
  assert.ok(!existsSync(manifestOf(b.project)));
});

test('the copy is written back only when the hashes prove this run alone changed the file, and the file is still as the run left it', () => {
  const b = bridge('rollback-chain', 'wfastcgi');
  const dry = JSON.parse(cli(['register', b.project, ...b.args, '--dry-run', '--format', 'json'], b.env).stdout) as Plan;
  const plan: Plan = { ...dry, steps: dry.steps.slice(0, 4) };
  const say = sayWith();
  const h = (n: number) => String(n).repeat(64).slice(0, 64);
  // Steps 1-3 ran (each changed the file: h0 -> h1 -> h2 -> h3), step 4 failed without writing.
  const chain = { path: b.apphost, copy: join(b.dir, 'copy'), before: h(0), steps: { before: [h(0), h(1), h(2), h(3)], after: [h(1), h(2), h(3), h(3)] } };
  const ok = rollbackPlan(plan, 3, 3, APPCMD, chain, say);
  assert.equal(ok.config, 'copy');
  assert.deepEqual(ok.steps.map((s) => s.argv[0] === RESTORE_FILE ? [RESTORE_FILE, s.argv[3], s.argv[4], s.undoes] : s.undoes), [[RESTORE_FILE, h(3), h(0), [0, 1, 2]]]);
  // Someone else wrote between step 2 and step 3: the copy would erase that, so each step is undone by its command.
  const broken = { ...chain, steps: { before: [h(0), h(1), h(9), h(3)], after: [h(1), h(2), h(3), h(3)] } };
  const commands = rollbackPlan(plan, 3, 3, APPCMD, broken, say);
  assert.equal(commands.config, 'commands');
  assert.deepEqual(commands.steps.map((s) => s.argv.slice(1, 3)), [['delete', 'site'], ['delete', 'apppool']]);
  // A completed config step that did not change the watched file: the file is not the one appcmd changes.
  const elsewhere = { ...chain, steps: { before: [h(0), h(0), h(0), h(0)], after: [h(0), h(0), h(0), h(0)] } };
  assert.equal(rollbackPlan(plan, 3, 3, APPCMD, elsewhere, say).config, 'commands');
  // The compare-and-swap: the copy is written only over the bytes the run left.
  const target = join(b.dir, 'target.config');
  const copy = join(b.dir, 'copy.config');
  writeFileSync(copy, 'before\r\n');
  writeFileSync(target, 'after the run\r\n');
  const sha = (t: string) => createHash('sha256').update(t).digest('hex');
  const changed = restoreFile([RESTORE_FILE, target, copy, sha('something else'), sha('before\r\n')]);
  assert.equal(changed.code, 1);
  assert.match(changed.output, /was changed since the run stopped/);
  assert.equal(readFileSync(target, 'utf8'), 'after the run\r\n');
  assert.equal(restoreFile([RESTORE_FILE, target, copy, sha('after the run\r\n'), sha('tampered')]).code, 1, 'a copy that is not the one taken');
  assert.equal(restoreFile([RESTORE_FILE, target, copy, sha('after the run\r\n'), sha('before\r\n')]).code, 0);
  assert.equal(readFileSync(target, 'utf8'), 'before\r\n');
});

test('without a usable copy, a setting changed on a pool that existed before is named as left (it has no undo); --format json carries the rollback', () => {
  const b = bridge('rollback-left', 'wfastcgi');
  const before = b.files();
  const dry = JSON.parse(cli(['register', b.project, ...b.args, '--dry-run', '--format', 'json'], b.env).stdout) as Plan;
  const setting: Plan['steps'][number] = { argv: [APPCMD, 'set', 'apppool', '/apppool.name:DefaultAppPool', '/startMode:AlwaysRunning'], why: 'Start the application pool "DefaultAppPool" with the server', noUndo: true };
  const plan: Plan = { ...dry, steps: [dry.steps[0]!, setting, dry.steps[2]!] };
  const r = rollbackPlan(plan, 2, 2, APPCMD, undefined, sayWith());
  assert.equal(r.config, 'commands');
  assert.deepEqual(r.left, [{ step: 2, why: setting.why }]);
  assert.deepEqual(r.steps.map((s) => s.argv.slice(1, 3)), [['delete', 'apppool']]);
  const json = cli(['register', b.project, ...b.args, '--format', 'json'], { ...b.env, FLASK_IIS_FAKE_FAIL_AT: '4', FLASK_IIS_FAKE_LOG: join(b.dir, 'json.jsonl') });
  assert.equal(json.status, 1);
  const out = JSON.parse(json.stdout) as { result: { failedAt: number }; rollback: { steps: { argv: string[]; undoes: number[] }[]; result: { completed: number }; report: string[] }; undo?: unknown };
  assert.equal(out.result.failedAt, 3);
  assert.deepEqual(out.rollback.steps.map((s) => [s.argv[0], s.undoes]), [[RESTORE_FILE, [1, 2, 3]]]);
  assert.equal(out.rollback.result.completed, 1);
  assert.match(out.rollback.report[0]!, /^Step 4 of \d+ failed, and the 3 step\(s\) before it were rolled back/);
  assert.equal(out.undo, undefined, 'nothing left to undo');
  assert.deepEqual(b.files(), before);
});
