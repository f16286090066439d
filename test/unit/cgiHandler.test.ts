/**
 * The legacy CgiModule mapping of Python (python-cgi-handler) and its migration to HttpPlatformHandler: the shapes
 * real projects write (a multi-line *.py mapping with `%s %s`, a one-line `resourceType="File"` one, an `exe|script`
 * one copied from FastCGI, one left in front of an HttpPlatformHandler site), the CLI end to end.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';
import { checkText } from '../../src/core/check';
import { migrateToHttpPlatform } from '../../src/core/scaffold';
import { cgiScript } from '../../src/core/scaffold/migrateCgi';
import { cgiExecutable } from '../../src/core/rules/cgiHandlerRules';
import { applyEdits } from '../../src/node/scaffold/migratePlan';
import { assertFires, assertSilent, covered, webConfig } from './helpers';

// The shape of a site that ran .py scripts as CGI (multi-line, WebDAV removed, a request limit, a rewrite to a script).
const MULTI_LINE = `<?xml version="1.0" ?>
<configuration>
  <system.webServer>
    <modules>
      <remove name="WebDAVModule"/>
    </modules>
    <handlers>
      <remove name="WebDAV"/>
      <add name="Python Handler"
           path="*.py"
           verb="*"
           modules="CgiModule"
           scriptProcessor="D:\\Python\\python.exe %s %s"
           resourceType="Unspecified"/>
    </handlers>
    <security>
      <requestFiltering>
        <requestLimits maxAllowedContentLength="150000000"/>
      </requestFiltering>
    </security>
  </system.webServer>
</configuration>
`;
const ONE_LINE = (sp: string, extra = '') => webConfig({
  handlers: `<add name="Python" path="*.py" verb="*" modules="CgiModule" scriptProcessor="${sp}" resourceType="File"${extra} />`,
  settings: '<add key="APP_ENV" value="production" />',
});
// A mapping left behind when the site moved to HttpPlatformHandler: *.py requests still start python.exe as CGI.
const LEFTOVER = `<?xml version="1.0" encoding="UTF-8"?>
<configuration>
    <system.webServer>
        <httpPlatform processPath="C:\\Python\\python.exe" arguments="-m waitress --port=%HTTP_PLATFORM_PORT% app:app" stdoutLogEnabled="true" stdoutLogFile=".\\logs\\python.log" />
        <handlers>
            <add name="Python" path="*.py" verb="*" modules="CgiModule" scriptProcessor="C:\\Python\\python.exe %s %s" resourceType="File" />
            <add name="handler-python" path="*" verb="*" modules="httpPlatformHandler" resourceType="Unspecified" requireAccess="Script" />
        </handlers>
    </system.webServer>
</configuration>
`;

test('python-cgi-handler fires on the CGI mappings of Python, on scriptProcessor', () => {
  const f = assertFires('python-cgi-handler', MULTI_LINE);
  assert.equal(covered(MULTI_LINE, f), 'D:\\Python\\python.exe %s %s');
  assert.equal(f.args['exe'], 'D:\\Python\\python.exe');
  assert.equal(f.args['pipe'], '');
  const pipe = ONE_LINE('C:\\Python311\\python.exe|C:\\inetpub\\portal\\portal_app.py');
  assert.equal(assertFires('python-cgi-handler', pipe).args['pipe'], '@cgi.pythonHandler.pipe');
  assertFires('python-cgi-handler', ONE_LINE('&quot;C:\\Program Files\\Python312\\python.exe&quot; %s %s'));
  assertFires('python-cgi-handler', ONE_LINE('C:\\Windows\\py.exe -3 %s %s'));
  assertFires('python-cgi-handler', LEFTOVER);
  // No scriptProcessor, but a *.py path: IIS would try to execute the script itself.
  assertFires('python-cgi-handler', webConfig({ handlers: '<add name="py" path="*.py" verb="GET,POST" modules="CgiModule" resourceType="File" />' }));
});

test('python-cgi-handler is silent on other CGI programs, on FastCGI and on a shadowed mapping', () => {
  assertSilent('python-cgi-handler', webConfig());
  assertSilent('python-cgi-handler', webConfig({ handlers: '<add name="Perl" path="*.pl" verb="*" modules="CgiModule" scriptProcessor="C:\\Perl\\bin\\perl.exe &quot;%s&quot; %s" resourceType="File" />' }));
  assertSilent('python-cgi-handler', webConfig({ handlers: '<add name="CGI-exe" path="*.exe" verb="*" modules="CgiModule" resourceType="File" />' }));
  assertSilent('python-cgi-handler', webConfig({ handlers: '<add name="Python FastCGI" path="*" verb="*" modules="FastCgiModule" scriptProcessor="C:\\Python312\\python.exe|C:\\Python312\\Lib\\site-packages\\wfastcgi.py" resourceType="Unspecified" />' }));
  // A removed mapping is not in force.
  assertSilent('python-cgi-handler', webConfig({ handlers: '<remove name="Python" />' }));
});

test('the program and script of a CGI scriptProcessor', () => {
  assert.equal(cgiExecutable('C:\\Python27\\python.exe %s %s'), 'C:\\Python27\\python.exe');
  assert.equal(cgiExecutable('"C:\\Program Files\\Python312\\python.exe" %s %s'), 'C:\\Program Files\\Python312\\python.exe');
  assert.equal(cgiExecutable('C:\\Program Files\\Python312\\python.exe -u "%s" %s'), 'C:\\Program Files\\Python312\\python.exe');
  assert.equal(cgiExecutable('C:\\Python311\\python.exe|C:\\app\\portal_app.py'), 'C:\\Python311\\python.exe');
  assert.equal(cgiExecutable(''), undefined);
  assert.equal(cgiScript('C:\\Python27\\python.exe %s %s'), undefined);
  assert.equal(cgiScript('C:\\Python311\\python.exe|C:\\app\\portal_app.py'), 'C:\\app\\portal_app.py');
  assert.equal(cgiScript('"C:\\Program Files\\Python\\python.exe" "C:\\my app\\run.py" %s'), 'C:\\my app\\run.py');
});

function migrate(text: string, handler?: string): string {
  const r = migrateToHttpPlatform(text, handler ? { handler } : {});
  assert.ok(r.ok, r.ok ? '' : r.problem.key);
  assert.equal(r.from, 'cgi');
  return applyEdits(text, r.edits);
}

test('migration: the mapping becomes the HttpPlatformHandler one, everything else byte for byte', () => {
  const refused = migrateToHttpPlatform(MULTI_LINE);
  assert.ok(!refused.ok && refused.problem.key === 'migrate.cgiNoApp');
  const out = migrate(MULTI_LINE, 'portal.app');
  assert.equal(out, MULTI_LINE.replace(`      <add name="Python Handler"
           path="*.py"
           verb="*"
           modules="CgiModule"
           scriptProcessor="D:\\Python\\python.exe %s %s"
           resourceType="Unspecified"/>
    </handlers>
`, `      <add name="Python Handler"
           path="*"
           verb="*"
           modules="httpPlatformHandler"
           resourceType="Unspecified"/>
    </handlers>
    <!-- HttpPlatformHandler starts this process and proxies to the port it passes in %HTTP_PLATFORM_PORT%. -->
    <httpPlatform processPath="D:\\Python\\python.exe" arguments="-m waitress --host=127.0.0.1 --port=%HTTP_PLATFORM_PORT% portal:app" stdoutLogEnabled="true" stdoutLogFile=".\\logs\\python.log" startupTimeLimit="60">
      <environmentVariables>
        <environmentVariable name="PYTHONUNBUFFERED" value="1" />
      </environmentVariables>
    </httpPlatform>
`));
  const codes = checkText(out).findings.filter((f) => f.severity !== 'information' && f.severity !== 'hint').map((f) => f.code);
  assert.deepEqual(codes, [], out);
});

test('migration: resourceType="File" opened to every URL, appSettings become environment variables, CRLF kept', () => {
  const crlf = ONE_LINE('C:\\Python39\\python.exe %s %s').replace(/\n/g, '\r\n');
  const out = migrate(crlf, 'app.app');
  assert.match(out, /<add name="Python" path="\*" verb="\*" modules="httpPlatformHandler" resourceType="Unspecified" \/>/);
  assert.match(out, /<environmentVariable name="APP_ENV" value="production" \/>/);
  assert.doesNotMatch(out, /CgiModule|<appSettings>/);
  assert.doesNotMatch(out.replace(/\r\n/g, ''), /\n/, 'only CRLF line endings');
  // WSGI_HANDLER in the file names the application: no choice needed.
  const named = ONE_LINE('C:\\Python39\\python.exe %s %s').replace('<add key="APP_ENV" value="production" />', '<add key="WSGI_HANDLER" value="shop.app" />');
  assert.match(migrate(named), /arguments="-m waitress --host=127.0.0.1 --port=%HTTP_PLATFORM_PORT% shop:app"/);
});

test('migration: a leftover mapping in front of HttpPlatformHandler is only removed', () => {
  const r = migrateToHttpPlatform(LEFTOVER);
  assert.ok(r.ok && r.handler === '' && r.createFiles.length === 0);
  const out = applyEdits(LEFTOVER, r.edits);
  assert.equal(out, LEFTOVER.replace(/ {12}<add name="Python" [^\n]*\n/, ''));
  assertSilent('python-cgi-handler', out);
});

test('migration refuses what it cannot carry: no program, a %VARIABLE% program, a bad handler', () => {
  const noExe = webConfig({ handlers: '<add name="py" path="*.py" verb="*" modules="CgiModule" resourceType="File" />' });
  const a = migrateToHttpPlatform(noExe, { handler: 'app.app' });
  assert.ok(!a.ok && a.problem.key === 'migrate.cgiNoExe');
  const b = migrateToHttpPlatform(ONE_LINE('%SystemDrive%\\Python27\\python.exe %s %s'), { handler: 'app.app' });
  assert.ok(!b.ok && b.problem.key === 'migrate.cgiNoExe');
  const c = migrateToHttpPlatform(ONE_LINE('C:\\Python39\\python.exe %s %s'), { handler: 'app.py' });
  assert.ok(!c.ok && c.problem.key === 'scaffold.handler.invalid');
});

const CLI = join(resolve(__dirname, '../..'), 'dist/cli.js');
const tmp = mkdtempSync(join(tmpdir(), 'flask-iis-cgi-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
const cli = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, LANG: 'C', FLASK_IIS_LOCALE: 'en' } });

test('CLI: check reports the mapping; migrate finds the project\'s only application, shows the change, writes with --force', () => {
  const dir = join(tmp, 'one');
  mkdirSync(dir);
  writeFileSync(join(dir, 'web.config'), MULTI_LINE);
  writeFileSync(join(dir, 'portal.py'), 'from flask import Flask\napp = Flask(__name__)\n\n@app.route("/")\ndef index():\n    return "ok"\n');
  const checked = cli(['check', dir, '--format', 'json', '--no-python']);
  assert.match(checked.stdout, /"python-cgi-handler"/);
  const dry = cli(['migrate', dir, '--dry-run']);
  assert.equal(dry.status, 0, dry.stderr);
  assert.match(dry.stdout, /CGI mapping of Python .* waitress \(portal\.app\)/);
  assert.match(dry.stdout, /^\+ {5}<httpPlatform processPath="D:\\Python\\python.exe"/m);
  assert.equal(readFileSync(join(dir, 'web.config'), 'utf8'), MULTI_LINE, 'a dry run writes nothing');
  const plain = cli(['migrate', dir]);
  assert.equal(plain.status, 2);
  assert.equal(readFileSync(join(dir, 'web.config'), 'utf8'), MULTI_LINE, 'nothing without --force');
  const forced = cli(['migrate', dir, '--force']);
  assert.equal(forced.status, 0, forced.stderr);
  assert.match(readFileSync(join(dir, 'web.config'), 'utf8'), /portal:app/);
  assert.equal(readFileSync(join(dir, 'web.config.bak'), 'utf8'), MULTI_LINE);
});

test('CLI: several applications and no --handler: refused with the candidates; --handler chooses', () => {
  const dir = join(tmp, 'two');
  mkdirSync(dir);
  writeFileSync(join(dir, 'web.config'), MULTI_LINE);
  for (const m of ['admin', 'shop']) writeFileSync(join(dir, `${m}.py`), 'from flask import Flask\napp = Flask(__name__)\n');
  const refused = cli(['migrate', dir, '--dry-run']);
  assert.equal(refused.status, 2);
  assert.match(refused.stderr, /--handler/);
  assert.match(refused.stderr, /admin\.app, shop\.app|shop\.app, admin\.app/);
  const chosen = cli(['migrate', dir, '--dry-run', '--handler', 'shop.app']);
  assert.equal(chosen.status, 0, chosen.stderr);
  assert.match(chosen.stdout, /shop:app/);
});
