/**
 * The reverse-proxy bridge's host tasks end to end: dist/cli.js `new --bridge proxy`, then register/unregister
 * running the fake appcmd (ARR's proxy section, allowedServerVariables), sc.exe and WinSW (a service table), which
 * change copies of an applicationHost.config with URL Rewrite + ARR installed and of a service list as the real
 * tools would. Undo must give back both files byte for byte, after a full run and after a failure at any step.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { parseManifest } from '../../src/core/host/manifest';
import { folderMarker } from '../../src/node/host/hostMarker';
import { APPCMD, cli, fakeServer, FAKES, ICACLS } from './hostHelpers';

const ARR_FIXTURE = resolve(__dirname, '../../test/fixtures/host/applicationHost.arr.config');
const SC = join(FAKES, 'sc');
const WINSW = join(FAKES, 'winsw');
const EMPTY_SERVICES = JSON.stringify({ services: { W32Time: { state: 'RUNNING', displayName: 'Windows Time', description: 'Maintains date and time synchronization.' } } }, null, 2) + '\n';

/** A server with ARR (a copy of the fixture), a service table, and a project made by `new --bridge proxy`. */
function proxyProject(name: string, fixture = ARR_FIXTURE, services = EMPTY_SERVICES) {
  const server = fakeServer(name);
  copyFileSync(fixture, server.apphost);
  const servicesFile = join(server.dir, 'services.json');
  writeFileSync(servicesFile, services);
  const project = join(server.dir, 'shop');
  const made = cli(['new', project, '--name', 'shop', '--bridge', 'proxy', '--backend-port', '8042']);
  assert.equal(made.status, 0, made.stderr);
  const env = { ...server.env, FLASK_IIS_FAKE_SERVICES: servicesFile };
  const tools = ['--appcmd', APPCMD, '--icacls', ICACLS, '--sc', SC, '--apphost', server.apphost];
  const original = { apphost: readFileSync(server.apphost, 'utf8'), services: readFileSync(servicesFile, 'utf8'), acl: readFileSync(server.aclFile, 'utf8') };
  const same = () => {
    assert.equal(readFileSync(server.apphost, 'utf8'), original.apphost, 'applicationHost.config is byte-identical');
    assert.equal(readFileSync(servicesFile, 'utf8'), original.services, 'the service list is as before');
    assert.equal(readFileSync(server.aclFile, 'utf8'), original.acl, 'the ACLs are as before');
  };
  const register = (extra: string[] = [], more: Record<string, string> = {}) => cli(['register', project, '--site', 'shop', '--port', '8080', '--winsw', WINSW, ...tools, ...extra], { ...env, ...more });
  const unregister = () => cli(['unregister', project, '--yes', ...tools], env);
  return { ...server, project, servicesFile, env, tools, original, same, register, unregister, services: () => JSON.parse(readFileSync(servicesFile, 'utf8')) as { services: Record<string, { state: string; description: string }> } };
}

const manifestKinds = (dir: string) => (JSON.parse(readFileSync(join(dir, '.vscode', 'flask-iis.json'), 'utf8')) as { created: { kind: string }[] }).created.map((e) => e.kind);

test('register a proxy site: ARR on, the three server variables allowed, the service installed, marked and running; unregister restores every byte', () => {
  const p = proxyProject('proxy-roundtrip');
  const reg = p.register();
  assert.equal(reg.status, 0, reg.stdout + reg.stderr);
  const config = readFileSync(p.apphost, 'utf8');
  assert.match(config, /\r\n {8}<proxy enabled="true" \/>\r\n/);
  for (const v of ['HTTP_X_FORWARDED_PROTO', 'HTTP_X_FORWARDED_HOST', 'HTTP_X_FORWARDED_PREFIX']) assert.match(config, new RegExp(`<allowedServerVariables>[\\s\\S]*<add name="${v}" />[\\s\\S]*</allowedServerVariables>`));
  const service = p.services().services['shopBackend'];
  assert.equal(service?.state, 'RUNNING');
  assert.ok(service.description.endsWith(`[flask-iis ${folderMarker(p.project)}]`), service.description);
  // The service was installed by the WinSW named on the command line, with the generated definition.
  assert.ok(p.logged().some((l) => l.tool === 'winsw' && l.argv[0] === 'install' && l.argv[1] === join(p.project, 'service', 'shopBackend.xml')));
  assert.deepEqual(manifestKinds(p.project), ['apppool', 'site', 'proxy', 'serverVariable', 'serverVariable', 'serverVariable', 'service', 'grant', 'grant', 'serviceRunning', 'grant']);
  // The service's account (LocalService, as the WinSW definition says) may read the site and write its logs, granted
  // by SID before the service starts; icacls lists it by name.
  const acl = JSON.parse(readFileSync(p.aclFile, 'utf8')) as { paths: Record<string, { principal: string; flags: string[] }[]> };
  assert.deepEqual(acl.paths[p.project]!.map((a) => [a.principal, a.flags.join('')]), [['NT AUTHORITY\\LOCAL SERVICE', 'OICIRX'], ['IIS AppPool\\shop', 'OICIRX']]);
  assert.deepEqual(acl.paths[join(p.project, 'logs')]!.map((a) => [a.principal, a.flags.join('')]), [['NT AUTHORITY\\LOCAL SERVICE', 'OICIM']]);
  const order = p.logged().filter((l) => l.argv.length > 1 && (l.tool === 'icacls' || l.argv[0] === 'start')).map((l) => `${l.tool} ${l.argv[1]}`);
  assert.deepEqual(order.slice(0, 3), ['icacls /grant', 'icacls /grant', 'sc shopBackend'], 'granted before the start');
  const unreg = p.unregister();
  assert.equal(unreg.status, 0, unreg.stdout + unreg.stderr);
  assert.match(unreg.stdout, /Stop the Windows service "shopBackend"[\s\S]*Delete the Windows service "shopBackend"[\s\S]*Turn ARR's proxy off/);
  p.same();
  assert.ok(!existsSync(join(p.project, '.vscode', 'flask-iis.json')));
});

test('registering twice runs nothing the second time (no appcmd, sc or WinSW change)', () => {
  const p = proxyProject('proxy-twice');
  assert.equal(p.register().status, 0);
  const before = p.logged().length;
  const again = p.register();
  assert.equal(again.status, 0, again.stderr);
  assert.match(again.stdout, /^Nothing to do\./m);
  assert.match(again.stdout, /ARR's proxy is already on/);
  assert.match(again.stdout, /"shopBackend" of this folder is installed and running/);
  assert.deepEqual(p.logged().slice(before).filter((l) => !['query', 'qdescription'].includes(l.argv[0]!) && l.argv.length > 1).map((l) => l.tool), []);
});

test('a failure at any step is rolled back at once: both files byte for byte, nothing recorded (hostRollback.test.ts covers every bridge)', () => {
  const p = proxyProject('proxy-midway');
  const plan = (JSON.parse(p.register(['--dry-run', '--format', 'json']).stdout) as { steps: { why: string }[] }).steps;
  assert.equal(plan.length, 14);
  for (let k = 1; k <= plan.length; k++) {
    // The fakes count the changes in their log: a fresh log makes step k the k-th change.
    const r = p.register([], { FLASK_IIS_FAKE_FAIL_AT: String(k), FLASK_IIS_FAKE_LOG: join(p.dir, `log-${k}.jsonl`) });
    assert.equal(r.status, 1, `step ${k}: ${r.stdout}`);
    assert.match(r.stderr, new RegExp(`stopped at step ${k} of ${plan.length}; ${k - 1} step\\(s\\) were done`));
    assert.doesNotMatch(r.stderr, /flask-iis unregister ".*" --yes/);
    p.same();
    assert.ok(!existsSync(join(p.project, '.vscode', 'flask-iis.json')), `nothing left recorded after step ${k}`);
  }
});

test('what existed before register is never undone: ARR already on, variables already allowed, a service of the same name not ours', () => {
  const pre = readFileSync(ARR_FIXTURE, 'utf8')
    .replace('    </system.webServer>\r\n    <webFarms>', '        <proxy enabled="true" timeout="00:05:00" />\r\n        <rewrite>\r\n            <allowedServerVariables>\r\n                <add name="HTTP_X_FORWARDED_PROTO" />\r\n            </allowedServerVariables>\r\n        </rewrite>\r\n    </system.webServer>\r\n    <webFarms>');
  const fixture = join(fakeServer('proxy-pre-fixture').dir, 'pre.config');
  writeFileSync(fixture, pre);
  const theirs = JSON.stringify({ services: { shopBackend: { state: 'RUNNING', displayName: 'Someone else', description: 'Not installed by flask-iis.' } } }, null, 2) + '\n';
  const p = proxyProject('proxy-pre', fixture, theirs);
  const reg = p.register();
  assert.equal(reg.status, 0, reg.stdout + reg.stderr);
  assert.match(reg.stdout, /A service "shopBackend" exists and carries no marker of this folder/);
  assert.doesNotMatch(reg.stdout, /HTTP_X_FORWARDED_PROTO/);
  assert.deepEqual(manifestKinds(p.project), ['apppool', 'site', 'serverVariable', 'serverVariable', 'grant']);
  assert.equal(p.unregister().status, 0);
  p.same();
});

test('without --winsw the service is not installed (and a WinSW in the project folder is never used)', () => {
  const p = proxyProject('proxy-nowrapper');
  writeFileSync(join(p.project, 'service', 'shopBackend.exe'), 'MZ');
  const r = cli(['register', p.project, '--site', 'shop', '--port', '8080', ...p.tools, '--dry-run', '--format', 'json'], p.env);
  assert.equal(r.status, 0, r.stderr);
  const plan = JSON.parse(r.stdout) as { steps: { argv: string[] }[]; notes: string[] };
  assert.ok(plan.notes.some((n) => /name the WinSW executable with --winsw PATH/.test(n)), plan.notes.join('\n'));
  assert.ok(plan.steps.every((s) => !s.argv.some((a) => /shopBackend\.exe|winsw/i.test(a))), JSON.stringify(plan.steps));
});

test('ARR not installed: register refuses before anything runs', () => {
  const p = proxyProject('proxy-noarr', resolve(__dirname, '../../test/fixtures/host/applicationHost.config'));
  const r = p.register();
  assert.equal(r.status, 1);
  assert.match(r.stderr + r.stdout, /URL Rewrite and Application Request Routing are not both installed here/);
  assert.deepEqual(p.logged().filter((l) => l.argv.length > 1 && l.tool !== 'sc'), []);
  p.same();
});

test('doctor on the registered proxy site: sc and netstat answer through the fakes; a stopped service and an exposed port are found', () => {
  const p = proxyProject('proxy-doctor');
  assert.equal(p.register().status, 0);
  const netstat = resolve(__dirname, '../../test/fixtures/host/netstat-ano.txt');
  const doctor = (env: Record<string, string> = {}) => cli(['doctor', p.project, '--apphost', p.apphost, '--icacls', ICACLS, '--sc', SC, '--netstat', join(FAKES, 'netstat'), '--format', 'json'], { ...p.env, FLASK_IIS_FAKE_NETSTAT: netstat, ...env });
  const codes = (r: { stdout: string }) => (JSON.parse(r.stdout) as { files: { diagnostics: { code: string }[] }[] }).files.flatMap((f) => f.diagnostics.map((d) => d.code));
  const ok = doctor();
  assert.deepEqual(codes(ok).filter((c) => /arr|service|backend|server-variable/.test(c)), [], ok.stdout);
  const stopped = spawnSync(SC, ['stop', 'shopBackend'], { env: { ...process.env, ...p.env }, encoding: 'utf8' });
  assert.equal(stopped.status, 0, stopped.stdout);
  assert.deepEqual(codes(doctor()).filter((c) => /service|backend/.test(c)), ['service-not-running']);
  spawnSync(SC, ['start', 'shopBackend'], { env: { ...process.env, ...p.env } });
  const exposed = join(p.dir, 'netstat-exposed.txt');
  writeFileSync(exposed, readFileSync(netstat, 'utf8').replace('127.0.0.1:8042         0.0.0.0:0', '0.0.0.0:8042           0.0.0.0:0'));
  assert.deepEqual(codes(doctor({ FLASK_IIS_FAKE_NETSTAT: exposed })).filter((c) => /service|backend/.test(c)), ['backend-port-exposed']);
  assert.equal(p.unregister().status, 0);
  p.same();
});

test('the manifest is evidence: proxy entries are validated, implausible ones are dropped', () => {
  const parsed = parseManifest(JSON.stringify({
    version: 1, site: 's', pool: 's', created: [
      { kind: 'proxy', previous: 'absent' }, { kind: 'proxy', previous: 'maybe' },
      { kind: 'serverVariable', name: 'HTTP_X_FORWARDED_HOST' }, { kind: 'serverVariable', name: "X'];rm" },
      { kind: 'service', name: 'shopBackend' }, { kind: 'service', name: 'Windows Update & more' }, { kind: 'serviceRunning', name: '' },
    ],
  }));
  assert.ok(parsed.ok);
  assert.deepEqual(parsed.manifest.created, [{ kind: 'proxy', previous: 'absent' }, { kind: 'serverVariable', name: 'HTTP_X_FORWARDED_HOST' }, { kind: 'service', name: 'shopBackend' }]);
  assert.equal(parsed.dropped.length, 4);
});

test('the WinSW definition\'s comment, DEPLOY.md and the register plan agree on WinSW 3\'s command line (install PATH.xml), and say what WinSW 2 needs', () => {
  const p = proxyProject('proxy-winsw-version');
  const xmlPath = join(p.project, 'service', 'shopBackend.xml');
  const xml = readFileSync(xmlPath, 'utf8');
  const header = /^<\?xml[^>]*>\n<!--([\s\S]*?)-->/.exec(xml)![1]!;
  assert.match(header, /"WinSW-x64\.exe install shopBackend\.xml", then "WinSW-x64\.exe start shopBackend\.xml"/);
  assert.match(header, /WinSW 2 takes no file argument: save its exe as shopBackend\.exe next to this file/);
  // Both versions' forms of the account (WinSW 3: <username>; 2: <domain> + <user>), naming the same LocalService.
  assert.match(xml, /<serviceaccount>\n {4}<username>NT AUTHORITY\\LocalService<\/username>\n {4}<domain>NT AUTHORITY<\/domain>\n {4}<user>LocalService<\/user>\n {2}<\/serviceaccount>/);
  const deploy = readFileSync(join(p.project, 'DEPLOY.md'), 'utf8');
  assert.match(deploy, /& 'C:\\Tools\\WinSW-x64\.exe' install '[^']*\\service\\shopBackend\.xml'/);
  assert.match(deploy, /& 'C:\\Tools\\WinSW-x64\.exe' start '[^']*\\service\\shopBackend\.xml'/);
  assert.match(deploy, /WinSW 2 takes no file argument/);
  assert.doesNotMatch(deploy, /shopBackend\.exe' install/, 'no v2-only command presented as the way');
  const plan = JSON.parse(p.register(['--dry-run', '--format', 'json']).stdout) as { steps: { argv: string[] }[] };
  const install = plan.steps.find((s) => s.argv[0] === WINSW)!;
  assert.deepEqual(install.argv, [WINSW, 'install', xmlPath]);
});

test('the service\'s venv installation outside the site: asked, granted to LocalService only when chosen, and left by unregister (shared account)', () => {
  const p = proxyProject('proxy-service-base');
  const base = join(p.dir, 'Python312');
  for (const d of [base, join(p.project, '.venv', 'Scripts')]) mkdirSync(d, { recursive: true });
  writeFileSync(join(base, 'python.exe'), 'MZ');
  writeFileSync(join(p.project, '.venv', 'Scripts', 'python.exe'), 'MZ');
  writeFileSync(join(p.project, '.venv', 'pyvenv.cfg'), `home = ${base}\n`);
  // The definition names C:\inetpub\shop\.venv\...: below its working directory, so it maps onto this site folder.
  const asked = p.register();
  assert.equal(asked.status, 1);
  assert.ok(asked.stderr.includes(`--grant-outside ${JSON.stringify(base)}`), asked.stderr);
  assert.match(asked.stdout, /LocalService \(\*S-1-5-19\) needs read & execute on/);
  assert.deepEqual(p.logged().filter((l) => l.argv.length > 1 && !['query', 'qdescription'].includes(l.argv[0]!)), [], 'nothing ran');
  const reg = p.register(['--python', join(base, 'python.exe')]);
  assert.equal(reg.status, 0, reg.stdout + reg.stderr);
  const acl = () => JSON.parse(readFileSync(p.aclFile, 'utf8')) as { paths: Record<string, { principal: string }[]> };
  assert.deepEqual(acl().paths[base]!.map((a) => a.principal), ['NT AUTHORITY\\LOCAL SERVICE']);
  const unreg = p.unregister();
  assert.equal(unreg.status, 0, unreg.stdout + unreg.stderr);
  assert.match(unreg.stdout, /LocalService is shared by every service that runs as it/);
  assert.deepEqual(Object.keys(acl().paths), [base], 'only the shared account\'s access outside the site is left');
  assert.equal(readFileSync(p.apphost, 'utf8'), p.original.apphost);
  assert.equal(readFileSync(p.servicesFile, 'utf8'), p.original.services);
});
