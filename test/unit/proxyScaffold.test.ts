/**
 * The reverse-proxy bridge's scaffold: the WinSW service definition parsed back (XML well-formedness, WinSW's
 * element rules from its xmlConfigFile.md), the command lines of WinSW / NSSM / Servy read back through a
 * CommandLineToArgvW implementation written here (not the product's), the generated files of new/init, and
 * the Python wrapper modules compiled by a real Python.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { decodeEntities } from '../../src/core/xml/entities';
import { scanXml } from '../../src/core/xml/scanner';
import type { XmlElement } from '../../src/core/xml/types';
import { backendCommand, nssmCommands, renderWinswXml, servyCommand, serviceId, windowsCommandLine, type DeployOptions } from '../../src/core/scaffold';
import { rng } from './rng';
import { cli, fixtureWithoutConfig, listFiles, problemsIn } from './scaffoldHelpers';
import { tempDir, testSupport } from './pythonHelpers';

/** CommandLineToArgvW's rules for the arguments after the program (2n backslashes + " → n and a quote toggle, 2n+1 → n and a literal "; "" inside quotes → "). */
function commandLineToArgv(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < line.length) {
    while (line[i] === ' ' || line[i] === '\t') i++;
    if (i >= line.length) break;
    let arg = '';
    let quoted = false;
    for (; i < line.length; i++) {
      const c = line[i]!;
      if (!quoted && (c === ' ' || c === '\t')) break;
      if (c === '\\') {
        let n = 0;
        while (line[i + n] === '\\') n++;
        if (line[i + n] === '"') {
          arg += '\\'.repeat(n >> 1);
          i += n;
          if (n % 2 === 1) arg += '"';
          else if (quoted && line[i + 1] === '"') { arg += '"'; i++; } else quoted = !quoted;
        } else {
          arg += '\\'.repeat(n);
          i += n - 1;
        }
      } else if (c === '"') {
        if (quoted && line[i + 1] === '"') { arg += '"'; i++; } else quoted = !quoted;
      } else arg += c;
    }
    out.push(arg);
  }
  return out;
}

const text = (doc: string, el: XmlElement) => decodeEntities(doc.slice(el.openEnd, doc.lastIndexOf('</', el.end))).value;

/** WinSW's elements (xmlConfigFile.md, v2 and v3) and which may repeat. */
const WINSW_ELEMENTS = new Set(['id', 'name', 'description', 'executable', 'arguments', 'startarguments', 'stopexecutable', 'stoparguments', 'workingdirectory', 'env', 'logpath', 'log', 'logmode', 'onfailure', 'resetfailure', 'startmode', 'delayedAutoStart', 'depend', 'stoptimeout', 'serviceaccount', 'priority', 'interactive', 'beeponshutdown', 'download', 'stopparentprocessfirst', 'securityDescriptor', 'hidewindow', 'preshutdown', 'sharedDirectoryMapping', 'extensions']);
const REPEATABLE = new Set(['env', 'onfailure', 'depend', 'download', 'argument', 'startargument', 'stopargument']);
const DURATION = /^\d+(\.\d+)?\s*(ms|sec|secs|min|mins|hour|hours|day|days)?$/;

function winswProblems(xml: string): string[] {
  const doc = scanXml(xml);
  const problems = doc.problems.map((p) => `xml: ${p.message}`);
  const root = doc.root;
  if (!root || root.name !== 'service') return [...problems, 'root is not <service>'];
  const seen = new Map<string, number>();
  for (const c of root.children) {
    seen.set(c.name, (seen.get(c.name) ?? 0) + 1);
    if (!WINSW_ELEMENTS.has(c.name)) problems.push(`unknown element <${c.name}>`);
  }
  for (const [name, n] of seen) if (n > 1 && !REPEATABLE.has(name)) problems.push(`<${name}> repeated`);
  for (const required of ['id', 'executable', 'name', 'description']) if (!seen.has(required)) problems.push(`<${required}> missing`);
  const child = (name: string) => root.children.find((c) => c.name === name);
  if (child('id') && !/^[A-Za-z0-9]+$/.test(text(xml, child('id')!))) problems.push('<id> is not alphanumeric');
  for (const f of root.children.filter((c) => c.name === 'onfailure')) {
    const attrs = Object.fromEntries(f.attributes.map((a) => [a.name, a.value]));
    if (!['restart', 'reboot', 'none'].includes(attrs['action'] ?? '')) problems.push(`onfailure action ${attrs['action']}`);
    if (attrs['delay'] !== undefined && !DURATION.test(attrs['delay'])) problems.push(`onfailure delay ${attrs['delay']}`);
  }
  for (const name of ['resetfailure', 'stoptimeout']) if (child(name) && !DURATION.test(text(xml, child(name)!))) problems.push(`<${name}> duration`);
  if (child('startmode') && !['Boot', 'System', 'Automatic', 'Manual'].includes(text(xml, child('startmode')!))) problems.push('startmode');
  const log = child('log');
  if (log) {
    const mode = log.attributes.find((a) => a.name === 'mode')?.value;
    if (!['append', 'reset', 'ignore', 'roll', 'roll-by-time', 'roll-by-size', 'roll-by-size-time', 'none'].includes(mode ?? '')) problems.push(`log mode ${mode}`);
    for (const c of log.children) if (!['sizeThreshold', 'keepFiles', 'pattern', 'autoRollAtTime', 'zipOlderThanNumDays', 'zipDateFormat', 'period'].includes(c.name)) problems.push(`log <${c.name}>`);
    for (const c of log.children) if (!/^\d+$/.test(text(xml, c))) problems.push(`log <${c.name}> not a number`);
  }
  for (const e of root.children.filter((c) => c.name === 'env')) if (!e.attributes.some((a) => a.name === 'name') || !e.attributes.some((a) => a.name === 'value')) problems.push('env without name/value');
  const account = child('serviceaccount');
  if (account) for (const c of account.children) if (!['domain', 'user', 'username', 'password', 'allowservicelogon', 'prompt'].includes(c.name)) problems.push(`serviceaccount <${c.name}>`);
  return problems;
}

function options(over: Partial<DeployOptions> & { site?: string; python?: string } = {}): DeployOptions {
  const site = over.site ?? 'C:\\inetpub\\shop';
  return {
    name: 'shop', bridge: 'proxy', app: { handler: 'shop.app' }, staticFolder: true,
    server: { sitePath: site, python: over.python ?? `${site}\\.venv\\Scripts\\python.exe`, wfastcgi: '', venv: '.venv', logDir: 'logs' },
    proxy: { port: 8000, werkzeug: true },
    ...over,
  };
}

test('CommandLineToArgvW (the test\'s own) reads the documented examples', () => {
  assert.deepEqual(commandLineToArgv('"abc" d e'), ['abc', 'd', 'e']);
  assert.deepEqual(commandLineToArgv('a\\\\\\b d"e f"g h'), ['a\\\\\\b', 'de fg', 'h']);
  assert.deepEqual(commandLineToArgv('a\\\\\\"b c d'), ['a\\"b', 'c', 'd']);
  assert.deepEqual(commandLineToArgv('a\\\\\\\\"b c" d e'), ['a\\\\b c', 'd', 'e']);
  assert.deepEqual(commandLineToArgv('"" x'), ['', 'x']);
});

test('windowsCommandLine round-trips any argument list through CommandLineToArgvW (property)', () => {
  const next = rng(16);
  const alphabet = ['a', 'Z', '0', ' ', '\t', '"', '\\', '\\\\', '=', '-', '%', 'é', '中', ':', ';'];
  for (let n = 0; n < 2000; n++) {
    const argv = Array.from({ length: 1 + Math.floor(next() * 5) }, () => Array.from({ length: Math.floor(next() * 8) }, () => alphabet[Math.floor(next() * alphabet.length)]).join(''));
    assert.deepEqual(commandLineToArgv(windowsCommandLine(argv)), argv, JSON.stringify(argv));
  }
});

test('the WinSW definition follows WinSW\'s element rules and runs the venv python in the site folder on 127.0.0.1', () => {
  const cases = [
    options(),
    options({ app: { handler: 'django.core.wsgi.get_wsgi_application()', djangoSettings: 'mysite.settings' }, proxy: { port: 8123 } }),
    options({ app: { handler: 'main.app', asgi: true }, proxy: { port: 9000 } }),
    options({ site: 'D:\\Sites\\Café & Crème <1>', name: 'creme_2', proxy: { port: 8000, urlPrefix: '/sub', werkzeug: true } }),
    options({ python: 'C:\\Program Files\\Python312\\python.exe', app: { handler: 'pkg.create_app()', pythonPath: ['src'] } }),
  ];
  for (const o of cases) {
    const xml = renderWinswXml(o);
    assert.deepEqual(winswProblems(xml), [], xml);
    const doc = scanXml(xml);
    const get = (name: string) => text(xml, doc.root!.children.find((c) => c.name === name)!);
    const c = backendCommand(o);
    assert.deepEqual(commandLineToArgv(get('arguments')), c.args);
    assert.equal(get('executable'), o.server.python);
    assert.equal(get('workingdirectory'), o.server.sitePath);
    assert.equal(get('id'), serviceId(o.name));
    assert.ok(c.args.some((a) => a === '--listen=127.0.0.1:' + o.proxy!.port) || c.args.join(' ').includes(`--host 127.0.0.1 --port ${o.proxy!.port}`), c.args.join(' '));
    const env = Object.fromEntries(doc.root!.children.filter((e) => e.name === 'env').map((e) => [e.attributes[0]!.value, e.attributes[1]!.value]));
    assert.equal(env['PYTHONUNBUFFERED'], '1');
    assert.ok(env['PYTHONPATH']!.startsWith(o.server.sitePath));
    if (o.app.djangoSettings) assert.equal(env['DJANGO_SETTINGS_MODULE'], 'iis_settings');
    assert.ok(get('logpath').startsWith(o.server.sitePath));
  }
  assert.deepEqual(winswProblems('<service><id>a b</id><executable>x</executable><log mode="daily"/><onfailure action="retry"/></service>').sort(),
    ['<description> missing', '<id> is not alphanumeric', '<name> missing', 'log mode daily', 'onfailure action retry'], 'the rules can fail');
});

test('NSSM and Servy get the same program, folder, arguments and environment', () => {
  for (const o of [options(), options({ site: 'C:\\My Sites\\a;b=c%d', app: { handler: 'django.core.wsgi.get_wsgi_application()', djangoSettings: 'mysite.settings' } })]) {
    const c = backendCommand(o);
    const nssm = nssmCommands(o);
    const setting = (name: string) => nssm.find((a) => a[1] === 'set' && a[3] === name)!.slice(4);
    assert.deepEqual(nssm[0], ['nssm', 'install', serviceId(o.name), o.server.python]);
    assert.deepEqual(commandLineToArgv(setting('AppParameters')[0]!), c.args);
    assert.deepEqual(setting('AppDirectory'), [o.server.sitePath]);
    assert.deepEqual(setting('AppEnvironmentExtra'), c.env.map(([k, v]) => `${k}=${v}`));
    assert.deepEqual(setting('AppExit'), ['Default', 'Restart']);
    assert.equal(setting('AppRotateFiles')[0], '1');
    const servy = servyCommand(o);
    const flag = (name: string) => servy.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
    assert.deepEqual(commandLineToArgv(flag('params')!), c.args);
    assert.equal(flag('path'), o.server.python);
    assert.equal(flag('startupDir'), o.server.sitePath);
    // Servy's --envVars: `;` separates, `\` escapes \ = " ;, %% is %.
    const decoded: [string, string][] = [];
    let cur = '';
    let pair: string[] = [];
    const raw = flag('envVars')!;
    for (let i = 0; i < raw.length; i++) {
      const ch = raw[i]!;
      if (ch === '\\') cur += raw[++i];
      else if (ch === '%' && raw[i + 1] === '%') { cur += '%'; i++; } else if (ch === '=' && !pair.length) { pair = [cur]; cur = ''; } else if (ch === ';') { decoded.push([pair[0]!, cur]); pair = []; cur = ''; } else cur += ch;
    }
    decoded.push([pair[0]!, cur]);
    assert.deepEqual(decoded, c.env);
  }
});

test('new --bridge proxy: web.config rule, wsgi_iis.py with ProxyFix, the WinSW definition; check is clean', async () => {
  const dir = tempDir('proxy-new');
  const r = cli(['new', dir, '--name', 'shop', '--bridge', 'proxy', '--url-prefix', 'sub/', '--backend-port', '8042']);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(listFiles(dir), ['.gitignore', '.vscode/settings.json', '.vscode/tasks.json', 'DEPLOY.md', 'logs/.gitkeep', 'requirements.txt', 'service/shopBackend.xml', 'shop/__init__.py', 'static/site.css', 'web.config', 'wsgi_iis.py']);
  const config = readFileSync(join(dir, 'web.config'), 'utf8');
  assert.match(config, /<action type="Rewrite" url="http:\/\/127\.0\.0\.1:8042\/\{R:1\}" \/>/);
  assert.match(config, /<set name="HTTP_X_FORWARDED_PROTO" value="http\{C:1\}" \/>/);
  assert.match(config, /<set name="HTTP_X_FORWARDED_PREFIX" value="\/sub" \/>/);
  assert.match(config, /<match url="\^static\/" \/>\s*<action type="None" \/>/);
  assert.match(readFileSync(join(dir, 'wsgi_iis.py'), 'utf8'), /ProxyFix\(_application, x_for=1, x_proto=1, x_host=1, x_prefix=1\)/);
  assert.match(readFileSync(join(dir, 'DEPLOY.md'), 'utf8'), /allowedServerVariables/);
  assert.deepEqual(problemsIn(dir, await testSupport()), []);
});

test('init --bridge proxy: Django gets iis_settings.py and waitress\'s trusted-proxy flags; FastAPI gets asgi_iis.py and uvicorn', async () => {
  const django = fixtureWithoutConfig('django', 'proxy-init-django');
  assert.equal(cli(['init', django, '--bridge', 'proxy']).status, 0);
  assert.match(readFileSync(join(django, 'iis_settings.py'), 'utf8'), /from mysite\.settings import \*/);
  const xml = readFileSync(join(django, 'service', 'proxyinitdjangoBackend.xml'), 'utf8');
  assert.match(xml, /--trusted-proxy=127\.0\.0\.1 &quot;--trusted-proxy-headers=x-forwarded-for x-forwarded-proto x-forwarded-host&quot; --clear-untrusted-proxy-headers wsgi_iis:app/);
  const fastapi = fixtureWithoutConfig('fastapi', 'proxy-init-fastapi');
  assert.equal(cli(['init', fastapi, '--bridge', 'proxy']).status, 0);
  assert.ok(listFiles(fastapi).includes('asgi_iis.py'));
  const support = await testSupport();
  assert.deepEqual([...problemsIn(django, support), ...problemsIn(fastapi, support)], []);
  const python = ['/usr/bin/python3', 'python3'].find((p) => spawnSync(p, ['-c', ''], { stdio: 'ignore' }).status === 0);
  if (python) {
    const cases: [string, string[]][] = [[django, ['wsgi_iis.py', 'iis_settings.py']], [fastapi, ['asgi_iis.py']]];
    for (const [dir, files] of cases) {
      const compiled: { status: number | null; stderr: string } = spawnSync(python, ['-m', 'py_compile', ...files], { cwd: dir, encoding: 'utf8' });
      assert.equal(compiled.status, 0, compiled.stderr);
    }
  }
});

test('proxy options are refused where they do not apply or cannot work', () => {
  const dir = tempDir('proxy-bad');
  const low = cli(['new', dir, '--bridge', 'proxy', '--backend-port', '80']);
  assert.equal(low.status, 2);
  assert.match(low.stderr, /backend port 80 cannot be used/);
  assert.match(cli(['new', dir, '--bridge', 'proxy', '--url-prefix', '/a b']).stderr, /URL prefix "\/a b"/);
  assert.match(cli(['new', dir, '--bridge', 'httpplatform', '--url-prefix', '/a']).stderr, /for --bridge proxy only/);
  assert.match(cli(['new', dir, '--bridge', 'proxy', '--backend-port', 'x']).stderr, /--backend-port must be a port number/);
});
