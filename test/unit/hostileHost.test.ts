/**
 * Hostile repositories against the host tasks: each case is a project folder a stranger could hand over (a
 * tampered .vscode/flask-iis.json, a pyvenv.cfg or WSGI_LOG pointing out of the project, FIFOs and links to
 * /dev/zero), run through the real CLI against the fake appcmd and icacls, which log every process they start
 * and apply every change to a copy of applicationHost.config and an ACL file. Nothing the repository chose may
 * be granted or deleted, and the user must be told why.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { posixTest as test } from './platform';
import { runCli } from './helpers';
import { APPCMD, fakeServer, fastCgiConfig, ICACLS, makeVenv, writeFiles } from './hostHelpers';

const POSIX = process.platform !== 'win32';
const WAIT = 30_000;

/**
 * A server that already serves another Python site, "blog", from its own folder, pool and FastCGI application
 * (unless `blog` is false: the fixture as it is).
 */
function server(name: string, withBlog = true) {
  const s = fakeServer(name);
  const blog = join(s.dir, 'blog');
  const blogSp = `${join(blog, 'venv', 'Scripts', 'python.exe')}|${join(blog, 'venv', 'Lib', 'site-packages', 'wfastcgi.py')}`;
  writeFiles(blog, { 'web.config': fastCgiConfig(blogSp) });
  const text = readFileSync(s.apphost, 'utf8')
    .replace('            <applicationPoolDefaults', '            <add name="blog" managedRuntimeVersion="" />\r\n            <applicationPoolDefaults')
    .replace('            <siteDefaults>', `            <site name="blog" id="2">\r\n                <application path="/" applicationPool="blog">\r\n                    <virtualDirectory path="/" physicalPath="${blog}" />\r\n                </application>\r\n                <bindings>\r\n                    <binding protocol="http" bindingInformation="*:8081:" />\r\n                </bindings>\r\n            </site>\r\n            <siteDefaults>`)
    .replace('        </fastCgi>', `            <application fullPath="${blogSp.split('|')[0]}" arguments="${blogSp.split('|')[1]}" />\r\n        </fastCgi>`);
  if (withBlog) {
    writeFileSync(s.apphost, text);
    writeFileSync(s.aclFile, JSON.stringify({ paths: { [blog]: [{ principal: 'IIS AppPool\\blog', flags: ['OI', 'CI', 'RX'] }] } }, null, 2) + '\n');
  }
  const tools = ['--appcmd', APPCMD, '--icacls', ICACLS, '--apphost', s.apphost];
  const before = { apphost: readFileSync(s.apphost, 'utf8'), acl: readFileSync(s.aclFile, 'utf8') };
  /** Every invocation that changes something (appcmd other than list, icacls other than a listing). */
  const changes = () => s.logged().filter((l) => (l.tool === 'appcmd' && !/^list$/i.test(l.argv[0] ?? '')) || (l.tool === 'icacls' && l.argv.length > 1));
  const unchanged = () => {
    assert.equal(readFileSync(s.apphost, 'utf8'), before.apphost, 'applicationHost.config is unchanged');
    assert.equal(readFileSync(s.aclFile, 'utf8'), before.acl, 'no ACL changed');
    assert.deepEqual(changes(), [], 'no tool changed anything');
  };
  return { ...s, blog, blogSp, tools, before, changes, unchanged };
}

/** A project: a venv with the fake python and wfastcgi, pyvenv.cfg home inside the project, a wfastcgi web.config. */
function repository(dir: string, settings = '', home?: string) {
  const python = makeVenv(join(dir, 'venv'), true);
  const base = home ?? join(dir, 'python-base');
  mkdirSync(base, { recursive: true });
  writeFiles(dir, { 'venv/pyvenv.cfg': `home = ${base}\n` });
  const sp = `${python}|${join(dir, 'venv', 'Lib', 'site-packages', 'wfastcgi.py')}`;
  writeFiles(dir, { 'web.config': fastCgiConfig(sp, `<add key="WSGI_HANDLER" value="app.app" />${settings}`) });
  return { dir, python, base, sp };
}

const manifestOf = (dir: string) => join(dir, '.vscode', 'flask-iis.json');
const writeManifest = (dir: string, created: unknown[]) => writeFiles(dir, { '.vscode/flask-iis.json': JSON.stringify({ version: 1, site: 'shop', pool: 'shop', created }, null, 2) });
const output = (r: { stdout: string; stderr: string }) => r.stdout + r.stderr;

test('a tampered manifest naming Default Web Site, DefaultAppPool, another site\'s FastCGI application and another pool\'s access deletes nothing', () => {
  const s = server('tampered');
  const repo = repository(join(s.dir, 'repo'));
  const [fullPath, args] = s.blogSp.split('|');
  const created = [
    { kind: 'apppool', name: 'DefaultAppPool' }, { kind: 'site', name: 'Default Web Site' },
    { kind: 'apppool', name: 'blog' }, { kind: 'site', name: 'blog' },
    { kind: 'fastcgi', fullPath, arguments: args }, { kind: 'fastcgi', fullPath: 'C:\\PHP\\php-cgi.exe', arguments: '' },
    { kind: 'unlock', section: 'system.webServer/handlers' },
    { kind: 'grant', path: s.blog, principal: 'IIS AppPool\\blog' },
    { kind: 'grant', path: 'C:\\Windows', principal: 'BUILTIN\\Administrators' },
  ];
  writeManifest(repo.dir, created);
  const manifest = readFileSync(manifestOf(repo.dir), 'utf8');
  const r = runCli(['unregister', repo.dir, '--yes', ...s.tools], WAIT, s.env);
  assert.equal(r.status, 0, output(r));
  s.unchanged();
  const out = output(r);
  assert.match(out, /Never deleted: the site "Default Web Site" belongs to IIS itself/);
  assert.match(out, /Never deleted: the application pool "DefaultAppPool" belongs to IIS itself/);
  assert.match(out, /the application pool "blog" does not carry the marker/);
  assert.match(out, /the site "blog" does not carry the marker/);
  assert.ok(out.includes(`the FastCGI application "${s.blogSp}" does not carry the marker`), out);
  assert.match(out, /IIS AppPool\\blog is not the identity of an application pool register created for this folder/);
  assert.ok(!/Already gone: (Delete|Remove)/.test(out), 'nothing that exists is called gone');
  assert.match(out, /register never writes this entry/);
  assert.equal(readFileSync(manifestOf(repo.dir), 'utf8'), manifest, 'nothing is "gone": the manifest is kept');
});

test('objects with the names and values a manifest lists but without register\'s marker are not deleted', () => {
  const s = server('unmarked');
  const repo = repository(join(s.dir, 'repo'));
  const [fullPath, args] = repo.sp.split('|');
  // Created by hand (IIS Manager or a script): same pool, site and FastCGI application as register would make.
  const text = readFileSync(s.apphost, 'utf8')
    .replace('            <applicationPoolDefaults', '            <add name="shop" managedRuntimeVersion="" managedPipelineMode="Integrated" />\r\n            <applicationPoolDefaults')
    .replace('            <siteDefaults>', `            <site name="shop" id="3">\r\n                <application path="/" applicationPool="shop">\r\n                    <virtualDirectory path="/" physicalPath="${repo.dir}" />\r\n                </application>\r\n            </site>\r\n            <siteDefaults>`)
    .replace('        </fastCgi>', `            <application fullPath="${fullPath}" arguments="${args}" signalBeforeTerminateSeconds="30" />\r\n        </fastCgi>`);
  writeFileSync(s.apphost, text);
  s.before.apphost = text;
  writeManifest(repo.dir, [{ kind: 'apppool', name: 'shop' }, { kind: 'site', name: 'shop' }, { kind: 'fastcgi', fullPath, arguments: args }]);
  const r = runCli(['unregister', repo.dir, '--yes', ...s.tools], WAIT, s.env);
  assert.equal(r.status, 0, output(r));
  s.unchanged();
  assert.equal((output(r).match(/does not carry the marker register puts on what it creates for this folder/g) ?? []).length, 3, output(r));
});

test('unregister shows the plan and changes nothing without --yes', () => {
  const s = server('needs-yes', false);
  const repo = repository(join(s.dir, 'repo'));
  const reg = runCli(['register', repo.dir, '--site', 'shop', '--port', '8080', ...s.tools], WAIT, s.env);
  assert.equal(reg.status, 0, output(reg));
  const registered = readFileSync(s.apphost, 'utf8');
  const r = runCli(['unregister', repo.dir, ...s.tools], WAIT, s.env);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /Plan \(\d+ step\(s\)\):/);
  assert.match(r.stderr, /Nothing was changed: unregister deletes only after you confirm.*--yes/);
  assert.equal(readFileSync(s.apphost, 'utf8'), registered);
  const yes = runCli(['unregister', repo.dir, '--yes', ...s.tools], WAIT, s.env);
  assert.equal(yes.status, 0, output(yes));
  assert.equal(readFileSync(s.apphost, 'utf8'), s.before.apphost, 'register → unregister is byte-identical, the marker included');
  assert.equal(readFileSync(s.aclFile, 'utf8'), s.before.acl);
});

test('pyvenv.cfg home outside the project: register grants there only on --grant-outside for that exact folder', () => {
  const s = server('venv-home');
  const outside = join(s.dir, 'SomeoneElsesPython');
  const repo = repository(join(s.dir, 'repo'), '', outside);
  const refused = runCli(['register', repo.dir, '--site', 'shop', '--port', '8080', ...s.tools], WAIT, s.env);
  assert.equal(refused.status, 1, output(refused));
  assert.ok(refused.stderr.includes(`--grant-outside ${JSON.stringify(outside)}`), refused.stderr);
  assert.match(refused.stdout, /needs your confirmation: IIS AppPool\\shop needs read & execute on .*SomeoneElsesPython .*outside the site folder/);
  s.unchanged();
  assert.ok(!existsSync(manifestOf(repo.dir)));
  const wrong = runCli(['register', repo.dir, '--site', 'shop', '--port', '8080', '--grant-outside', join(s.dir, 'other'), ...s.tools], WAIT, s.env);
  assert.equal(wrong.status, 1, 'confirming another folder confirms nothing');
  s.unchanged();
  const ok = runCli(['register', repo.dir, '--site', 'shop', '--port', '8080', '--grant-outside', outside, ...s.tools], WAIT, s.env);
  assert.equal(ok.status, 0, output(ok));
  assert.ok(s.changes().some((l) => l.tool === 'icacls' && l.argv[0] === outside && l.argv[1] === '/grant'));
});

test('WSGI_LOG in C:\\Windows\\System32 is never given modify, not even when confirmed', () => {
  const s = server('windows-log');
  const repo = repository(join(s.dir, 'repo'), '<add key="WSGI_LOG" value="C:\\Windows\\System32\\log.txt" />');
  for (const extra of [[], ['--grant-outside', 'C:\\Windows\\System32']]) {
    const r = runCli(['register', repo.dir, '--site', 'shop', '--port', '8080', ...extra, ...s.tools, '--dry-run'], WAIT, s.env);
    assert.equal(r.status, 0, output(r));
    assert.match(r.stderr, /Not granted: modify on C:\\Windows\\System32 \(the log folder .*\), a Windows system folder/);
    assert.ok(!r.stdout.includes('System32'), 'no planned command names System32');
  }
  const run = runCli(['register', repo.dir, '--site', 'shop', '--port', '8080', '--grant-outside', 'C:\\Windows\\System32', ...s.tools], WAIT, s.env);
  assert.equal(run.status, 0, output(run));
  assert.deepEqual(s.logged().filter((l) => l.argv.some((a) => /System32/i.test(a))), [], 'no tool was started with System32');
});

test('WSGI_LOG on a UNC path: never looked at, never granted, reported as not checkable here', () => {
  const s = server('unc');
  const repo = repository(join(s.dir, 'repo'), '<add key="WSGI_LOG" value="\\\\evil.example\\share\\log.txt" />');
  const r = runCli(['register', repo.dir, '--site', 'shop', '--port', '8080', ...s.tools], WAIT, s.env);
  assert.equal(r.status, 0, output(r));
  assert.match(r.stdout, /\\\\evil\.example\\share \(the log folder .*\) is a network \(UNC\) or device path: it is never checked or granted from this machine/);
  const doctor = runCli(['doctor', repo.dir, '--apphost', s.apphost, '--icacls', ICACLS], WAIT, s.env);
  assert.match(doctor.stdout, /information path-not-checkable .*\\\\evil\.example\\share/);
  assert.ok(!s.logged().some((l) => l.argv.some((a) => a.includes('evil.example'))), 'no process was started with the UNC path');
});

test('a folder of the project that is a link out of it is judged by where it leads', { skip: !POSIX }, () => {
  const s = server('link-out');
  const elsewhere = join(s.dir, 'elsewhere');
  mkdirSync(elsewhere);
  const repo = repository(join(s.dir, 'repo'), `<add key="WSGI_LOG" value="${join(s.dir, 'repo', 'logs', 'app.log')}" />`);
  symlinkSync(elsewhere, join(repo.dir, 'logs'));
  const r = runCli(['register', repo.dir, '--site', 'shop', '--port', '8080', ...s.tools], WAIT, s.env);
  assert.equal(r.status, 1, output(r));
  assert.ok(r.stderr.includes(`--grant-outside ${JSON.stringify(elsewhere)}`), r.stderr);
  assert.match(r.stdout, /is inside the site folder but is a link to .*elsewhere/);
  s.unchanged();
});

test('web.config as a FIFO or a link to /dev/zero: doctor, register, unregister and recycle refuse at once', { skip: !POSIX }, () => {
  const s = server('config-fifo');
  for (const kind of ['fifo', 'zero']) {
    const dir = join(s.dir, `repo-${kind}`);
    mkdirSync(dir);
    if (kind === 'fifo') assert.equal(spawnSync('mkfifo', [join(dir, 'web.config')]).status, 0);
    else symlinkSync('/dev/zero', join(dir, 'web.config'));
    for (const command of [['doctor', dir, '--apphost', s.apphost], ['register', dir, '--site', 'shop', '--port', '8080', ...s.tools], ['unregister', dir, '--yes', ...s.tools], ['recycle', dir, ...s.tools]]) {
      const r = runCli(command, WAIT, s.env);
      assert.equal(r.status, 2, `${kind} ${command[0]}: ${output(r)} (null: it hung and was killed)`);
      assert.match(r.stderr, /web\.config: not a regular file\. Only a regular file is read/, `${kind} ${command[0]}`);
    }
  }
  s.unchanged();
});

test('the manifest as a FIFO, a link to /dev/zero or a link out of the project: refused, never read or written through', { skip: !POSIX }, () => {
  const s = server('manifest-fifo');
  const victim = join(s.dir, 'victim.txt');
  writeFileSync(victim, 'keep me\n');
  for (const kind of ['fifo', 'zero', 'outside']) {
    const repo = repository(join(s.dir, `repo-${kind}`));
    mkdirSync(join(repo.dir, '.vscode'));
    const path = manifestOf(repo.dir);
    if (kind === 'fifo') assert.equal(spawnSync('mkfifo', [path]).status, 0);
    else symlinkSync(kind === 'zero' ? '/dev/zero' : victim, path);
    for (const command of [['register', repo.dir, '--site', 'shop', '--port', '8080', ...s.tools], ['unregister', repo.dir, '--yes', ...s.tools], ['recycle', repo.dir, ...s.tools]]) {
      const r = runCli(command, WAIT, s.env);
      assert.notEqual(r.status, null, `${kind} ${command[0]} hung`);
      assert.equal(r.status, 1, `${kind} ${command[0]}: ${output(r)}`);
      if (command[0] !== 'recycle') assert.match(r.stderr, /Cannot use .*flask-iis\.json: (it is a link|it is not a regular file)/, `${kind} ${command[0]}`);
    }
  }
  const linkedFolder = repository(join(s.dir, 'repo-linked-folder'));
  symlinkSync(join(s.dir, 'elsewhere-vscode'), join(linkedFolder.dir, '.vscode'));
  const r = runCli(['register', linkedFolder.dir, '--site', 'shop', '--port', '8080', ...s.tools], WAIT, s.env);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /\.vscode is a link \(or junction\), not a folder of the project/);
  assert.equal(readFileSync(victim, 'utf8'), 'keep me\n');
  s.unchanged();
});

test('unregister without a host configuration reports every entry as unknown and keeps the manifest', { skip: !POSIX }, () => {
  const s = server('no-host');
  const repo = repository(join(s.dir, 'repo'));
  writeManifest(repo.dir, [{ kind: 'apppool', name: 'shop' }, { kind: 'site', name: 'shop' }]);
  const manifest = readFileSync(manifestOf(repo.dir), 'utf8');
  const r = runCli(['unregister', repo.dir, '--yes', '--appcmd', APPCMD, '--icacls', ICACLS], WAIT, s.env);
  assert.equal(r.status, 1, output(r));
  assert.match(r.stderr, /Cannot unregister here: no IIS configuration was read.*unknown is not gone/);
  assert.match(r.stderr, /Unknown: the site "shop"/);
  assert.match(r.stderr, /Unknown: the application pool "shop"/);
  assert.ok(!/already gone/i.test(output(r)));
  assert.equal(readFileSync(manifestOf(repo.dir), 'utf8'), manifest);
  s.unchanged();
});
