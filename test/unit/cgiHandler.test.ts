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
import { rng } from './rng';

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

/**
 * Property: over generated CGI mappings (indentation, CRLF or LF, quote style, one line or one attribute a line,
 * comments, other handlers around, appSettings or none, a quoted program with spaces), the migration gives a
 * well-formed file without a Python CGI mapping and without errors or warnings of ours, and leaves every line it did
 * not need to touch as it was: the lines outside the mapping and the settings come back in order after the edits.
 */
test('property: the migration of any CGI mapping shape keeps the rest of the file and checks clean', () => {
  const rand = rng(1717);
  const pick = <T,>(xs: T[]): T => xs[Math.floor(rand() * xs.length)]!;
  for (let i = 0; i < 300; i++) {
    const nl = pick(['\n', '\r\n']);
    const unit = pick(['  ', '    ', '\t']);
    const q = pick(['"', '\'']);
    const exe = pick(['C:\\Python27\\python.exe', 'D:\\Python\\python.exe', '&quot;C:\\Program Files\\Python312\\python.exe&quot;', 'C:\\Windows\\py.exe']);
    const sp = pick([`${exe} %s %s`, `${exe} -u &quot;%s&quot; %s`, `${exe}|C:\\inetpub\\app\\app.py`]);
    const attrs = [['name', pick(['Python', 'Python Handler', 'cgi-py'])], ['path', pick(['*.py', '*'])], ['verb', pick(['*', 'GET,HEAD,POST'])], ['modules', 'CgiModule'], ['scriptProcessor', sp], ['resourceType', pick(['File', 'Unspecified', 'Either'])]];
    if (rand() < 0.3) attrs.push(['requireAccess', 'Script']);
    const multi = rand() < 0.4;
    const d = (n: number) => unit.repeat(n);
    const attrText = attrs.map(([k, v]) => `${k}=${q}${v}${q}`).join(multi ? `${nl}${d(3)}     ` : ' ');
    const handler = `<add ${attrText} />`;
    const before = rand() < 0.5 ? [`${d(3)}<remove name=${q}WebDAV${q} />`] : [];
    const after = rand() < 0.5 ? [`${d(3)}<add name=${q}StaticFile${q} path=${q}*.css${q} verb=${q}GET${q} modules=${q}StaticFileModule${q} resourceType=${q}File${q} />`] : [];
    const comment = rand() < 0.5 ? [`${d(3)}<!-- Python scripts (${i}) -->`] : [];
    const settings = rand() < 0.5 ? [`${d(1)}<appSettings>`, `${d(2)}<add key=${q}DB_URL${q} value=${q}sqlite:///x.db${q} />`, `${d(1)}</appSettings>`] : [];
    const text = [
      '<?xml version="1.0" encoding="utf-8"?>', '<configuration>', ...settings, `${d(1)}<system.webServer>`, `${d(2)}<handlers>`,
      ...before, ...comment, `${d(3)}${handler}`, ...after, `${d(2)}</handlers>`, `${d(1)}</system.webServer>`, '</configuration>', '',
    ].join(nl);
    assertFires('python-cgi-handler', text);
    const r = migrateToHttpPlatform(text, { handler: 'app.app' });
    assert.ok(r.ok, `${i}: ${r.ok ? '' : r.problem.key}\n${text}`);
    const out = applyEdits(text, r.edits);
    const result = checkText(out);
    assert.deepEqual(result.findings.filter((f) => f.severity === 'error' || f.severity === 'warning').map((f) => f.code), [], `${i}:\n${out}`);
    assert.ok(!/CgiModule/.test(out), out);
    if (nl === '\r\n') assert.ok(!/[^\r]\n/.test(out), `${i}: CRLF kept`);
    // Every line outside the mapping and the settings is still there, in order.
    const kept = text.split(nl).filter((l) => !l.includes('CgiModule') && !/^\s*(modules|scriptProcessor|path|resourceType|verb|requireAccess)=/.test(l) && !/<add name=.(Python|cgi-py)/.test(l) && !/appSettings|DB_URL/.test(l));
    const outLines = out.split(nl);
    let at = 0;
    for (const l of kept) {
      at = outLines.indexOf(l, at);
      assert.ok(at >= 0, `${i}: line lost: ${JSON.stringify(l)}\n${out}`);
      at++;
    }
  }
});

test('handler-missing stays silent when WSGI settings sit beside a CGI mapping of Python (python-cgi-handler says it)', () => {
  const text = webConfig({
    handlers: '<add name="Python" path="*.py" verb="*" modules="CgiModule" scriptProcessor="C:\\Python312\\python.exe %s %s" resourceType="File" />',
    settings: '<add key="WSGI_HANDLER" value="app.app" />',
  });
  const codes = checkText(text).findings.map((f) => f.code);
  assert.ok(codes.includes('python-cgi-handler'), codes.join(', '));
  assert.ok(!codes.includes('handler-missing'), codes.join(', '));
  // Without any Python handler, the WSGI settings still get handler-missing.
  const none = checkText(webConfig({ handlers: '', settings: '<add key="WSGI_HANDLER" value="app.app" />' })).findings.map((f) => f.code);
  assert.ok(none.includes('handler-missing'), none.join(', '));
});
