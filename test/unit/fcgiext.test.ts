/** IIS 6's fcgiext.ini (issue 17 §3): the reader (offsets, [Types], EnvironmentVars, settings) and its checks, firing and silent. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { renderMessage } from '../../src/core/messages';
import { argumentsRunner, checkServerFiles, type ServerCheckInput } from '../../src/core/servers/checks';
import { envVar, parseFcgiext } from '../../src/core/servers/parsers/fcgiext';
import { migratedWebConfigPath, planFcgiextMigration, wfastcgiPath } from '../../src/core/servers/fcgiextMigration';
import { fastCgiArgs } from '../../src/core/host/appcmd';
import { checkText } from '../../src/core/check';
import { checkServerFolder, localFileExists } from '../../src/node/servers/serverFiles';
import { tempDir } from './pythonHelpers';

/**
 * Modelled on the file the FastCGI Extension 1.5 installs in %SystemRoot%\system32\inetsrv (its comment header, a
 * PHP section) with the seed guide's step 9 for a Flask site (wildcard mapping for site 1, wfastcgi.py, WSGI_HANDLER
 * and PYTHONPATH in EnvironmentVars), CRLF line endings as Notepad writes them.
 */
const REAL = [
  '; This is the configuration file for the FastCGI handler for IIS 6.0.',
  '; The FastCGI handler will look for this file in the same directory as',
  '; fcgiext.dll. By default, the FastCGI installer will place this file into',
  '; the %windir%\\system32\\inetsrv directory.',
  ';',
  '; [Types]',
  '; abc=Application 1            ; Handle .abc files with "Application 1"',
  '; *:85358523=Application 2     ; Handle all requests for site 85358523',
  '',
  '[Types]',
  'php=PHP',
  '*:1=FlaskApp',
  '',
  '[PHP]',
  'ExePath=C:\\PHP\\php-cgi.exe',
  'Arguments=',
  'InstanceMaxRequests=10000',
  'EnvironmentVars=PHP_FCGI_MAX_REQUESTS:10000',
  '',
  '[FlaskApp]',
  'ExePath=C:\\inetpub\\flaskapp\\env\\Scripts\\python.exe',
  'Arguments=-u C:\\inetpub\\wwwroot\\wfastcgi.py',
  'EnvironmentVars=WSGI_HANDLER:flaskapp.app,PYTHONPATH:C:\\inetpub\\flaskapp;C:\\inetpub\\lib, WSGI_LOG:C:\\inetpub\\logs\\wfastcgi.log',
  'QueueLength=1000',
  'MaxInstances=4',
  'IdleTimeout=300',
  'ActivityTimeout=60',
  'RequestTimeout=90',
  'InstanceMaxRequests=10000',
  'FlushNamedPipe=1',
  '',
].join('\r\n');

const codes = (text: string, extra: Partial<ServerCheckInput> = {}, path = 'fcgiext.ini') =>
  checkServerFiles({ files: [{ path, text }], ...extra })[0]?.findings.map((f) => f.code) ?? [];

test('parseFcgiext reads [Types] (extension, site, wildcard), sections, EnvironmentVars and settings with offsets', () => {
  const ini = parseFcgiext(REAL);
  assert.deepEqual(ini.problems, []);
  assert.deepEqual(ini.types.map((t) => [t.extension, t.site, t.app]), [['php', undefined, 'PHP'], ['*', '1', 'FlaskApp']]);
  const flask = ini.apps.find((a) => a.name === 'FlaskApp')!;
  assert.equal(REAL.slice(flask.start, flask.end), 'FlaskApp');
  assert.equal(REAL.slice(flask.exePath!.start, flask.exePath!.end), 'C:\\inetpub\\flaskapp\\env\\Scripts\\python.exe');
  assert.equal(flask.arguments!.value, '-u C:\\inetpub\\wwwroot\\wfastcgi.py');
  assert.deepEqual(flask.env.map((e) => [e.name, e.value]), [
    ['WSGI_HANDLER', 'flaskapp.app'],
    ['PYTHONPATH', 'C:\\inetpub\\flaskapp;C:\\inetpub\\lib'],
    ['WSGI_LOG', 'C:\\inetpub\\logs\\wfastcgi.log'],
  ]);
  for (const e of flask.env) assert.equal(REAL.slice(e.start, e.end), `${e.name}:${e.value}`);
  assert.equal(envVar(flask, 'wsgi_handler')?.value, 'flaskapp.app');
  assert.deepEqual(flask.settings, { QueueLength: 1000, MaxInstances: 4, IdleTimeout: 300, ActivityTimeout: 60, RequestTimeout: 90, InstanceMaxRequests: 10000, FlushNamedPipe: 1 });
  const t = ini.types[1]!;
  assert.equal(REAL.slice(t.keyStart, t.end), '*:1=FlaskApp');
});

test('parseFcgiext: names are case-insensitive, the first key wins, bad lines and numbers are reported, never guessed', () => {
  const ini = parseFcgiext('[types]\n.py = python\n[Python]\nexepath=C:\\a.exe\nEXEPATH=C:\\b.exe\nMaxInstances=four\nnonsense\n[broken\n');
  assert.equal(ini.types[0]!.extension, 'py');
  assert.equal(ini.apps[0]!.exePath!.value, 'C:\\a.exe');
  assert.deepEqual(ini.problems.map((p) => [p.what, p.args]), [['notWholeNumber', { setting: 'MaxInstances' }], ['notKeyValue', undefined], ['headerNoBracket', undefined]]);
  assert.deepEqual(parseFcgiext('ExePath=x\n').problems.map((p) => p.what), ['beforeSection']);
  // Any text: no throw, offsets inside the text.
  for (const text of ['', '[', '=', '[Types]\n=x\n:=\n', 'EnvironmentVars=,,:,a', '\r\n\r\n[A]\r\nEnvironmentVars=A:1,,B\r\n']) {
    const r = parseFcgiext(text);
    for (const a of r.apps) for (const e of a.env) assert.ok(e.start >= 0 && e.end <= text.length);
  }
});

test('a real IIS 6 fcgiext.ini checked on Linux: IIS 6 out of support (once), Windows ExePaths "cannot be checked here", nothing else', () => {
  const found = checkServerFiles({ files: [{ path: 'iis6/fcgiext.ini', text: REAL }], pathExists: localFileExists })[0]!.findings;
  // The PHP section runs no Python runner: that is said too (it is not a Python application).
  assert.deepEqual(found.map((f) => f.code), ['iis6-out-of-support', 'fcgiext-exepath-unchecked', 'fcgiext-no-runner', 'fcgiext-exepath-unchecked']);
  const support = found[0]!;
  assert.match(renderMessage(support.messageKey, support.args), /long out of support: move to IIS 7 or later\..*since July 2015/);
  const unchecked = found[1]!;
  assert.equal(REAL.slice(unchecked.start, unchecked.end), 'C:\\PHP\\php-cgi.exe');
  assert.match(renderMessage(unchecked.messageKey, unchecked.args), /cannot be checked from here: make sure it exists on the IIS server\..*not judged missing/);
});

test('fcgiext-section-missing: a mapping to a section that is not there fires (case-insensitive match is silent)', () => {
  const text = '[Types]\npy=Pyhton\n*:123456=Python\n[python]\nExePath=C:\\Python27\\python.exe\nArguments=C:\\inetpub\\wwwroot\\wfastcgi.py\nEnvironmentVars=WSGI_HANDLER:app.app\n';
  const found = checkServerFiles({ files: [{ path: 'fcgiext.ini', text }] })[0]!.findings;
  const missing = found.filter((f) => f.code === 'fcgiext-section-missing');
  assert.equal(missing.length, 1);
  assert.equal(text.slice(missing[0]!.start, missing[0]!.end), 'Pyhton');
  assert.match(renderMessage(missing[0]!.messageKey, missing[0]!.args), /py=Pyhton names a section \[Pyhton\] this file lacks: add it or fix the name\./);
  assert.ok(!codes(text.replace('Pyhton', 'PYTHON')).includes('fcgiext-section-missing'));
});

test('fcgiext-exepath-missing: no ExePath, or a local absolute path that is not there, fires; an existing one is silent', () => {
  const dir = tempDir('fcgiext-exe');
  const python = join(dir, 'python3');
  writeFileSync(python, '');
  const section = (exe: string) => `[Types]\npy=Python\n[Python]\n${exe}Arguments=/srv/wfastcgi.py\nEnvironmentVars=WSGI_HANDLER:app.app\n`;
  const opts = { pathExists: localFileExists };
  assert.deepEqual(codes(section(''), opts), ['iis6-out-of-support', 'fcgiext-exepath-missing']);
  assert.deepEqual(codes(section('ExePath=\n'), opts), ['iis6-out-of-support', 'fcgiext-exepath-missing']);
  assert.deepEqual(codes(section(`ExePath=${join(dir, 'nope.exe')}\n`), opts), ['iis6-out-of-support', 'fcgiext-exepath-missing']);
  assert.deepEqual(codes(section(`ExePath=${python}\n`), opts), ['iis6-out-of-support']);
  assert.deepEqual(codes(section(`ExePath="${python}"\n`), opts), ['iis6-out-of-support']);
  // Windows, UNC, %VAR% and relative paths: unknown here, never "missing".
  for (const exe of ['C:\\Python27\\python.exe', '\\\\fileserver\\python\\python.exe', '%SystemDrive%\\Python27\\python.exe', 'python.exe']) {
    assert.deepEqual(codes(section(`ExePath=${exe}\n`), opts), ['iis6-out-of-support', 'fcgiext-exepath-unchecked'], exe);
  }
  // Without a way to look (pure core), everything is unknown.
  assert.deepEqual(codes(section(`ExePath=${python}\n`)), ['iis6-out-of-support', 'fcgiext-exepath-unchecked']);
});

test('fcgiext-no-runner: Arguments missing or naming no runner fires; wfastcgi.py, -m wfastcgi, runfcgi and a .fcgi are silent', () => {
  for (const args of ['-u "C:\\Program Files\\wfastcgi\\wfastcgi.py"', 'C:\\inetpub\\wwwroot\\wfastcgi.py', '-m wfastcgi', 'C:\\site\\manage.py runfcgi method=threaded', 'C:\\site\\app.fcgi', 'C:\\Python25\\Scripts\\django-fcgi.py --settings=x']) {
    assert.ok(argumentsRunner(args), args);
  }
  for (const args of ['', 'C:\\site\\app.py', '-u C:\\site\\wfastcgi_notes.txt', 'C:\\Python27\\Scripts\\flask.exe run']) assert.equal(argumentsRunner(args), undefined, args);
  const base = '[Types]\npy=Python\n[Python]\nExePath=C:\\Python27\\python.exe\nEnvironmentVars=WSGI_HANDLER:app.app\n';
  const found = checkServerFiles({ files: [{ path: 'fcgiext.ini', text: `${base}Arguments=C:\\site\\app.py\n` }] })[0]!.findings.find((f) => f.code === 'fcgiext-no-runner')!;
  assert.match(renderMessage(found.messageKey, found.args), /^Arguments of \[Python\] run no WSGI bridge this check knows: name wfastcgi\.py there\. "C:\\site\\app\.py"/);
  assert.ok(codes(base).includes('fcgiext-no-runner'));
  assert.ok(!codes(`${base}Arguments=C:\\inetpub\\wwwroot\\wfastcgi.py\n`).includes('fcgiext-no-runner'));
  // A section no mapping names is never started: not checked.
  assert.deepEqual(codes('[Types]\npy=Python\n[Python]\nExePath=C:\\p.exe\nArguments=-m wfastcgi\nEnvironmentVars=WSGI_HANDLER:a.app\n[Old]\nExePath=\n'), ['iis6-out-of-support', 'fcgiext-exepath-unchecked']);
});

test('fcgiext-wsgi-handler-missing: wfastcgi without WSGI_HANDLER fires; EnvironmentVars or the folder\'s web.config silence it', () => {
  const text = (env: string) => `[Types]\n*:1=Flask\n[Flask]\nExePath=C:\\Python33\\python.exe\nArguments=C:\\inetpub\\wwwroot\\wfastcgi.py\n${env}`;
  assert.ok(codes(text('')).includes('fcgiext-wsgi-handler-missing'));
  assert.ok(codes(text('EnvironmentVars=PYTHONPATH:C:\\app\n')).includes('fcgiext-wsgi-handler-missing'));
  assert.ok(codes(text('EnvironmentVars=WSGI_HANDLER:\n')).includes('fcgiext-wsgi-handler-missing'));
  assert.ok(!codes(text('EnvironmentVars=wsgi_handler:app.app\n')).includes('fcgiext-wsgi-handler-missing'));
  assert.ok(!codes(text(''), { webConfigHandler: true }).includes('fcgiext-wsgi-handler-missing'));
  // Django's runfcgi does not read WSGI_HANDLER.
  assert.ok(!codes(text('').replace('C:\\inetpub\\wwwroot\\wfastcgi.py', 'C:\\site\\manage.py runfcgi')).includes('fcgiext-wsgi-handler-missing'));
});

test('check DIR finds fcgiext.ini: the seed\'s web.config (applicationSettings, typographic quotes) supplies WSGI_HANDLER', () => {
  const write = (dir: string, files: Record<string, string>) => {
    for (const [p, t] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, p)), { recursive: true });
      writeFileSync(join(dir, p), t);
    }
  };
  const ini = '[Types]\n*:1=Flask\n[Flask]\nExePath=C:\\Python33\\python.exe\nArguments=C:\\inetpub\\wwwroot\\wfastcgi.py\n';
  const withConfig = tempDir('fcgiext-webconfig');
  write(withConfig, { 'fcgiext.ini': ini, 'Web.config': '<?xml version="1.0" encoding="UTF-8"?>\n<configuration>\n<applicationSettings>\n<add key=“PYTHONPATH” value=“”/>\n<add key=“WSGI_HANDLER” value=“module.application”/>\n</applicationSettings>\n</configuration>\n' });
  const codesOf = (dir: string) => checkServerFolder(dir, undefined).flatMap((r) => r.findings.map((f) => f.code));
  assert.deepEqual(codesOf(withConfig), ['iis6-out-of-support', 'fcgiext-exepath-unchecked']);
  const without = tempDir('fcgiext-nowebconfig');
  write(without, { 'fcgiext.ini': ini });
  assert.deepEqual(codesOf(without), ['iis6-out-of-support', 'fcgiext-exepath-unchecked', 'fcgiext-wsgi-handler-missing']);
  // Another .ini is not fcgiext.ini.
  const other = tempDir('fcgiext-other');
  write(other, { 'settings.ini': ini });
  assert.deepEqual(codesOf(other), []);
});

test('migration plan: the seed-style section becomes our wfastcgi web.config and wfastcgi-enable\'s registration, settings and env carried', () => {
  const m = planFcgiextMigration(REAL);
  assert.ok(m.ok, JSON.stringify(m));
  assert.equal(m.section, 'FlaskApp');
  assert.equal(m.handler, 'flaskapp.app');
  assert.equal(migratedWebConfigPath(m), 'C:\\inetpub\\flaskapp\\web.config');
  // The web.config: the scriptProcessor is exactly the registration's fullPath|arguments; WSGI_HANDLER and PYTHONPATH from EnvironmentVars.
  assert.match(m.webConfig, /scriptProcessor="C:\\inetpub\\flaskapp\\env\\Scripts\\python\.exe\|C:\\inetpub\\wwwroot\\wfastcgi\.py"/);
  assert.match(m.webConfig, /<add key="WSGI_HANDLER" value="flaskapp\.app" \/>/);
  assert.match(m.webConfig, /<add key="PYTHONPATH" value="C:\\inetpub\\flaskapp;C:\\inetpub\\lib" \/>/);
  assert.match(m.webConfig, /<add key="WSGI_LOG" value="C:\\inetpub\\logs\\wfastcgi\.log" \/>/);
  const full = 'C:\\inetpub\\flaskapp\\env\\Scripts\\python.exe';
  assert.deepEqual(m.commands[0], ['$appcmd', ...fastCgiArgs('+', full, 'C:\\inetpub\\wwwroot\\wfastcgi.py')]);
  const key = `[fullPath='${full}',arguments='C:\\inetpub\\wwwroot\\wfastcgi.py']`;
  assert.deepEqual(m.commands.slice(1).map((c) => c[4]), [
    `/${key}.queueLength:1000`,
    `/${key}.maxInstances:4`,
    `/${key}.instanceMaxRequests:10000`,
    `/${key}.idleTimeout:300`,
    `/${key}.activityTimeout:60`,
    `/${key}.requestTimeout:90`,
    `/${key}.flushNamedPipe:true`,
  ]);
  assert.deepEqual(m.dropped, []);
  assert.match(m.script, /^\$appcmd = Join-Path \$env:windir 'system32\\inetsrv\\appcmd\.exe'\n& \$appcmd set config \/section:system\.webServer\/fastCGI '/);
  // The web.config is one our own check passes: no error, the handler and WSGI_HANDLER read back.
  const checked = checkText(m.webConfig);
  assert.deepEqual(checked.findings.filter((f) => f.severity === 'error').map((f) => f.code), []);
});

test('migration plan: other env vars go to the FastCGI application; spaces quoted as wfastcgi does; unknown keys listed as dropped', () => {
  const text = '[Types]\n*:7=Site\n[Site]\nExePath="C:\\Program Files\\Python311\\python.exe"\nArguments=-u "C:\\Program Files\\Python311\\Lib\\site-packages\\wfastcgi.py"\nEnvironmentVars=WSGI_HANDLER:app.create_app(),DATABASE_URL:mssql://db/prod,WSGI_RESTART_FILE_REGEX:.*((\\.py)|(\\.config))$\nProtocol=NamedPipe\nUnhealthyOnQueueFull=1\n';
  const m = planFcgiextMigration(text, { sitePath: 'D:\\sites\\app\\' });
  assert.ok(m.ok, JSON.stringify(m));
  assert.equal(m.server.sitePath, 'D:\\sites\\app');
  assert.equal(m.server.wfastcgi, '"C:\\Program Files\\Python311\\Lib\\site-packages\\wfastcgi.py"');
  assert.match(m.webConfig, /<add key="PYTHONPATH" value="D:\\sites\\app" \/>/);
  assert.match(m.commands.at(-2)![4]!, /\.environmentVariables\.\[name='DATABASE_URL',value='mssql:\/\/db\/prod'\]$/);
  assert.match(m.commands.at(-1)![4]!, /name='WSGI_RESTART_FILE_REGEX',value='\.\*\(\(\\\.py\)\|\(\\\.config\)\)\$'/);
  assert.deepEqual(m.dropped, ['Protocol=NamedPipe', 'UnhealthyOnQueueFull=1']);
});

test('migration plan refuses what it cannot carry, never guessing', () => {
  const base = (args: string, env: string) => `[Types]\npy=P\n[P]\nExePath=C:\\Python27\\python.exe\nArguments=${args}\nEnvironmentVars=${env}\n`;
  const reason = (text: string, o = {}) => {
    const m = planFcgiextMigration(text, o);
    return m.ok ? 'ok' : m.reason;
  };
  assert.equal(reason(base('C:\\site\\manage.py runfcgi', 'WSGI_HANDLER:a.app')), 'no-wfastcgi-section');
  assert.equal(reason(base('-m wfastcgi', 'WSGI_HANDLER:a.app'), { section: 'p' }), 'no-wfastcgi-path');
  assert.equal(reason(base('C:\\w\\wfastcgi.py', 'PYTHONPATH:C:\\site')), 'no-handler');
  assert.equal(reason(base('C:\\w\\wfastcgi.py', 'WSGI_HANDLER:app.py')), 'bad-handler');
  assert.equal(reason(base('C:\\w\\wfastcgi.py', 'WSGI_HANDLER:a.app')), 'no-site-path');
  assert.equal(reason(base('C:\\w\\wfastcgi.py', 'WSGI_HANDLER:a.app'), { sitePath: 'C:\\site' }), 'ok');
  assert.equal(reason(base('C:\\w\\wfastcgi.py', "WSGI_HANDLER:a.app,GREETING:it's"), { sitePath: 'C:\\site' }), 'not-carried');
  assert.equal(reason(base('C:\\w\\wfastcgi.py', 'WSGI_HANDLER:a.app'), { section: 'Nope' }), 'section-not-found');
  assert.equal(wfastcgiPath('-u "C:\\a b\\wfastcgi.py" x'), 'C:\\a b\\wfastcgi.py');
});

test('CLI: migrate --from-fcgiext writes web.config in DIR (never over a different one without --force) and shows the registration', () => {
  const cli = (args: string[], env: Record<string, string> = {}) => spawnSync(process.execPath, [resolve(__dirname, '../../dist/cli.js'), 'migrate', ...args], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, LANG: 'C', FLASK_IIS_LOCALE: 'en', ...env } });
  const root = tempDir('fcgiext-cli-');
  const ini = join(root, 'fcgiext.ini');
  writeFileSync(ini, REAL);
  const site = join(root, 'site');
  mkdirSync(site);
  const dry = cli([site, '--from-fcgiext', ini, '--dry-run']);
  assert.equal(dry.status, 0, dry.stderr);
  assert.match(dry.stdout, /IIS 6 is out of support/);
  assert.match(dry.stdout, /^ {6}<add key="WSGI_HANDLER" value="flaskapp\.app" \/>/m);
  assert.match(dry.stdout, /^ {2}\$appcmd = Join-Path \$env:windir 'system32\\inetsrv\\appcmd\.exe'$/m);
  assert.match(dry.stdout, /^ {2}& \$appcmd set config \/section:system\.webServer\/fastCGI /m);
  assert.ok(!existsSync(join(site, 'web.config')), 'a dry run writes nothing');
  const first = cli([site, '--from-fcgiext', ini]);
  assert.equal(first.status, 0, first.stderr);
  const written = readFileSync(join(site, 'web.config'), 'utf8');
  const plan = planFcgiextMigration(REAL);
  assert.ok(plan.ok);
  assert.equal(written, plan.webConfig);
  // The user's own web.config is never replaced without --force; with it, a .bak copy first.
  const mine = '<configuration><!-- mine --></configuration>\n';
  writeFileSync(join(site, 'web.config'), mine);
  const refused = cli([site, '--from-fcgiext', ini]);
  assert.equal(refused.status, 2);
  assert.match(refused.stderr, /exists and differs/);
  assert.equal(readFileSync(join(site, 'web.config'), 'utf8'), mine);
  const forced = cli([site, '--from-fcgiext', ini, '--force', '--format', 'json']);
  assert.equal(forced.status, 0, forced.stderr);
  const json = JSON.parse(forced.stdout);
  assert.equal(json.section, 'FlaskApp');
  assert.equal(json.webConfig.written, true);
  assert.deepEqual(json.commands, plan.commands);
  assert.equal(readFileSync(join(site, 'web.config.bak'), 'utf8'), mine);
  // A refusal names the reason; an unknown section too.
  const missing = cli([site, '--from-fcgiext', ini, '--section', 'Nope', '--dry-run']);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /no section \[Nope\]/);
  // Options of the other form are usage errors, not ignored.
  assert.equal(cli([site, '--from-fcgiext', ini, '--asgi']).status, 2);
  assert.match(cli([site, '--section', 'FlaskApp']).stderr, /--section goes with --from-fcgiext/);
  // zh-CN: the web.config's comments and the out-of-support line in Chinese.
  const zh = cli([site, '--from-fcgiext', ini, '--dry-run'], { FLASK_IIS_LOCALE: 'zh-CN' });
  assert.match(zh.stdout, /IIS 6 早已停止支持/);
});
