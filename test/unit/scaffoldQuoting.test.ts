/**
 * What the scaffold writes for a shell or an XML parser says literally what it means: DEPLOY.md's PowerShell
 * commands give every value back as one literal argument (checked by tokenising them the way PowerShell does,
 * psTokenizer.ts), for arbitrary values too; web.config attributes give every value back through our scanner
 * and Python's minidom. Values no quoting can carry are refused before anything is rendered.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkText } from '../../src/core/check';
import { psLiteral } from '../../src/core/host/quoting';
import { attrValue } from '../../src/core/model/webConfig';
import { planDeployment, planNewProject, serverDefaults, type Bridge, type ServerPaths } from '../../src/core/scaffold';
import { psArg, psCommand } from '../../src/core/scaffold/powershell';
import { renderHttpPlatformWebConfig, renderWfastcgiWebConfig } from '../../src/core/scaffold/webConfigTemplates';
import { escapeAttribute } from '../../src/core/xml/escape';
import { hostileString, powershellLines, psArgv, rng, tokenizePs } from './psTokenizer';
import { readWithMinidom } from './scaffoldHelpers';

const CONTROL = /[\u0000-\u001f]/;

test('the tokenizer follows PowerShell: doubled quotes of any kind, typographic quotes, numbers, and what it refuses', () => {
  assert.deepEqual(psArgv("icacls 'C:\\a''b' /grant 'x:(OI)(CI)RX'"), ['icacls', "C:\\a'b", '/grant', 'x:(OI)(CI)RX']);
  assert.deepEqual(psArgv('py \u2018a\u2019\u2019b\u201b'), ['py', 'a\u2019b'], 'any single quote opens, doubles and closes');
  assert.deepEqual(tokenizePs("$appcmd = Join-Path $env:windir 'x'"), { assign: 'appcmd', call: false, tokens: [{ kind: 'word', text: 'Join-Path' }, { kind: 'variable', name: 'env:windir' }, { kind: 'string', text: 'x' }] });
  assert.equal(tokenizePs("& 'C:\\p y\\python.exe' -m pip").call, true);
  for (const bad of ['py -3 -m venv zz&calc', 'echo $(calc)', 'echo x;calc', 'echo a`b', 'echo 1kb', 'echo 0x10', 'echo 007', "echo 'a'b", "echo 'open", 'echo --%', 'echo "x"', 'echo a\u00a0b', 'echo \u2013x']) {
    assert.throws(() => tokenizePs(bad), Error, bad);
  }
});

test('property: psArg and psCommand give any value without control characters back as exactly one literal argument', () => {
  const next = rng(20261210);
  let checked = 0;
  for (let i = 0; i < 3000; i++) {
    const value = hostileString(next);
    if (CONTROL.test(value)) {
      assert.throws(() => psArg(value), /control character/, JSON.stringify(value));
      continue;
    }
    assert.deepEqual(psArgv(psCommand('icacls', value, '/grant', value)), ['icacls', value, '/grant', value], JSON.stringify(value));
    const call = tokenizePs(psCommand(value, value));
    assert.deepEqual(call.tokens.map((t) => (t.kind === 'variable' ? `$${t.name}` : t.text)), [value, value], JSON.stringify(value));
    assert.equal(call.call, psArg(value) !== value, 'a quoted program is started with &');
    checked++;
  }
  assert.ok(checked > 2000, `${checked} values checked`);
  assert.equal(psLiteral("a'b"), "'a''b'");
});

/** Every line of every PowerShell block of DEPLOY.md, tokenised (each must be literal through and through). */
function deployLines(text: string): string[][] {
  return powershellLines(text).map((l) => psArgv(l));
}

const guideOf = (bridge: Bridge, server: ServerPaths) => planNewProject({ name: 'shop', bridge, layout: 'package', server }).files.find((f) => f.path === 'DEPLOY.md')!.content;

test('DEPLOY.md: PowerShell (as administrator), each command an exact argv, the same appcmd and icacls arguments as the host plans', () => {
  const server: ServerPaths = { sitePath: 'C:\\inetpub\\shop', python: 'C:\\inetpub\\shop\\.venv\\Scripts\\python.exe', wfastcgi: 'C:\\inetpub\\shop\\.venv\\Lib\\site-packages\\wfastcgi.py', venv: '.venv', logDir: 'logs' };
  const text = guideOf('wfastcgi', server);
  assert.match(text, /\*\*The commands are for Windows PowerShell, run as administrator\*\*/);
  assert.ok(!text.includes('```bat'), 'no cmd.exe blocks');
  const lines = deployLines(text);
  const has = (argv: string[]) => assert.ok(lines.some((l) => JSON.stringify(l) === JSON.stringify(argv)), `DEPLOY.md lacks ${JSON.stringify(argv)}:\n${powershellLines(text).join('\n')}`);
  has(['dism', '/online', '/enable-feature', '/featurename:IIS-CGI', '/all']);
  has(['Set-Location', '-LiteralPath', 'C:\\inetpub\\shop']);
  has(['py', '-3', '-m', 'venv', 'C:\\inetpub\\shop\\.venv']);
  has([server.python, '-m', 'pip', 'install', '-r', 'requirements.txt', 'wfastcgi']);
  has(['C:\\inetpub\\shop\\.venv\\Scripts\\wfastcgi-enable.exe']);
  has(['Join-Path', '$env:windir', 'system32\\inetsrv\\appcmd.exe']);
  has(['$appcmd', 'add', 'apppool', '/name:shop', '/managedRuntimeVersion:', '/managedPipelineMode:Integrated']);
  has(['$appcmd', 'add', 'site', '/name:shop', '/bindings:http/*:8080:', '/physicalPath:C:\\inetpub\\shop']);
  has(['$appcmd', 'set', 'app', '/app.name:shop/', '/applicationPool:shop']);
  has(['icacls', 'C:\\inetpub\\shop', '/grant', 'IIS AppPool\\shop:(OI)(CI)RX']);
  has(['New-Item', '-ItemType', 'Directory', '-Force', '-Path', 'C:\\inetpub\\shop\\logs']);
  has(['icacls', 'C:\\inetpub\\shop\\logs', '/grant', 'IIS AppPool\\shop:(OI)(CI)M']);
  has(['$appcmd', 'set', 'apppool', '/apppool.name:shop', '/startMode:AlwaysRunning']);
  has(['$appcmd', 'set', 'apppool', '/apppool.name:shop', '/processModel.idleTimeout:00:00:00']);
  has(['$appcmd', 'set', 'app', '/app.name:shop/', '/preloadEnabled:true']);
  const platform = deployLines(guideOf('httpplatform', { sitePath: 'C:\\sites\\shop', python: 'C:\\Python312\\python.exe', wfastcgi: '' }));
  assert.ok(platform.some((l) => l.join(' ') === 'icacls C:\\Python312 /grant IIS AppPool\\shop:(OI)(CI)RX'), 'the interpreter\'s own folder');
  assert.ok(!platform.some((l) => l[0]!.endsWith('wfastcgi-enable.exe')));
});

const HOSTILE_FOLDERS = ['zz&calc', "a'b", '$(calc)', 'x;calc', '`whoami`', 'a b ‘c’', '日本 & Co', '```\n# x'.replace('\n', ''), '````'];

test('DEPLOY.md: a hostile folder name (venv or site) comes back from PowerShell as one literal argument in every command', () => {
  for (const folder of HOSTILE_FOLDERS) {
    const site = `D:\\Sites\\${folder}`;
    const venvServer: ServerPaths = { sitePath: 'C:\\inetpub\\shop', python: `C:\\inetpub\\shop\\${folder}\\Scripts\\python.exe`, wfastcgi: `C:\\inetpub\\shop\\${folder}\\Lib\\site-packages\\wfastcgi.py`, venv: folder, logDir: 'logs' };
    const siteServer: ServerPaths = { sitePath: site, python: 'C:\\Python312\\python.exe', wfastcgi: 'C:\\Python312\\Lib\\site-packages\\wfastcgi.py', logDir: 'logs' };
    for (const [server, expected] of [[venvServer, `C:\\inetpub\\shop\\${folder}`], [siteServer, site]] as const) {
      const text = guideOf('httpplatform', server);
      assert.equal(text.match(/^`{3,}powershell$/gm)?.length, 4, `${folder}: every block is still there, none closed early`);
      const lines = deployLines(text);
      const args = lines.flat();
      assert.ok(args.includes(expected), `${folder}: ${expected} is one argument`);
      for (const a of args) if (a.includes(folder)) assert.ok(a.startsWith('C:\\') || a.startsWith('D:\\') || a.startsWith('/physicalPath:'), `${folder}: ${a} is a whole path`);
    }
  }
});

test('values the tools cannot carry are refused up front: a venv folder Windows refuses, \' in a path wfastcgi-enable registers', () => {
  const base = { windows: false, projectDir: '/tmp/x', name: 'shop' } as const;
  for (const venv of ['zz"calc', 'a|b', '-m', '%PATH%', 'tab\there', 'a:b', '..']) {
    const d = serverDefaults({ ...base, bridge: 'httpplatform', projectVenv: venv });
    assert.ok(!d.ok && d.problem.key === 'scaffold.venv.invalid', venv);
  }
  const quoted = serverDefaults({ ...base, bridge: 'wfastcgi', projectVenv: "a'b" });
  assert.ok(!quoted.ok && quoted.problem.key === 'scaffold.path.quote', 'wfastcgi-enable cannot register a path with \'');
  assert.ok(serverDefaults({ ...base, bridge: 'httpplatform', projectVenv: "a'b" }).ok, 'HttpPlatformHandler has no such limit');
  const site = serverDefaults({ ...base, bridge: 'wfastcgi', sitePath: "D:\\a'b" });
  assert.ok(!site.ok && site.problem.key === 'scaffold.path.quote', 'the default venv inside that site');
  assert.ok(serverDefaults({ ...base, bridge: 'wfastcgi', sitePath: "D:\\a'b", python: 'C:\\Python312\\python.exe' }).ok, 'the site path itself is not in wfastcgi-enable\'s arguments');
});

test('property: escapeAttribute gives any value back through our scanner, for both quote characters', () => {
  const next = rng(777);
  for (let i = 0; i < 1500; i++) {
    const value = hostileString(next).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
    for (const quote of ['"', "'"] as const) {
      const text = `<configuration><appSettings><add key=${quote}K${quote} value=${quote}${escapeAttribute(value, quote)}${quote} /></appSettings></configuration>`;
      const { model, findings } = checkText(text);
      assert.deepEqual(findings.filter((f) => f.code === 'xml-malformed'), [], text);
      assert.equal(model.appSettings[0]?.value, value, JSON.stringify(value));
    }
  }
});

test('hostile values in web.config survive XML for Python\'s minidom (what wfastcgi reads)', () => {
  const server: ServerPaths = { sitePath: "D:\\Sites\\zz&calc $(calc) a'b \"q\" <x>", python: 'D:\\Sites\\x;calc\\python.exe', wfastcgi: 'D:\\Sites\\x;calc\\wfastcgi.py', logDir: 'logs' };
  const wfastcgi = renderWfastcgiWebConfig({ app: { handler: 'shop.app' }, server });
  const platform = renderHttpPlatformWebConfig({ app: { handler: 'shop.app' }, server });
  assert.equal(attrValue(checkText(platform).model.httpPlatforms[0]!, 'processPath'), server.python);
  const minidom = readWithMinidom(wfastcgi);
  if (minidom) {
    assert.equal(minidom['PYTHONPATH'], server.sitePath);
    assert.equal(readWithMinidom(platform)!['environmentVariable.PYTHONPATH.value'], server.sitePath);
  }
  const plan = planDeployment({ name: 'shop', bridge: 'httpplatform', app: { handler: 'shop.app' }, server, staticFolder: false }, { requirements: false });
  assert.ok(powershellLines(plan.files.find((f) => f.path === 'DEPLOY.md')!.content).length > 5);
});
