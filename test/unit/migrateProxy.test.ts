/**
 * Migrating a wfastcgi or HttpPlatformHandler web.config to the reverse-proxy bridge: minimal edits. Property test
 * over generated shapes (the README's multi-line handler, the blog's one-line tabbed form, single quotes, CRLF,
 * comments, an existing HTTPS redirect rule, extra settings): the result is well-formed, `check` finds nothing
 * wfastcgi or HttpPlatformHandler related in it, every line outside the elements that had to change is still
 * there byte for byte and in order, and the file keeps one line-ending style. Then the CLI end to end.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { checkText } from '../../src/core/check';
import { migrateToProxy } from '../../src/core/scaffold/migrateProxy';
import { parseWinswXml } from '../../src/core/host/services';
import { applyEdits } from '../../src/node/scaffold/migratePlan';
import { scanXml } from '../../src/core/xml/scanner';
import { cli } from './hostHelpers';
import { rng } from './rng';

/** Codes about the bridge the file had: none may be left after the migration. */
const BRIDGE_CODES = new Set([
  'handler-missing', 'wsgi-handler-missing', 'wsgi-handler-syntax', 'scriptprocessor-malformed', 'scriptprocessor-env-mismatch', 'handler-resource-type',
  'fastcgi-section-in-webconfig', 'mixed-bridge-config', 'pythonpath-separator', 'restart-regex-invalid', 'restart-regex-ineffective', 'ptvsd-secret',
  'httpplatform-port-missing', 'dev-server-in-production', 'handler-unreachable', 'handler-remove-unmatched', 'unexpanded-placeholder',
  'proxy-forwarded-proto-missing', 'proxy-target-not-loopback', 'asgi-app-under-wfastcgi',
]);

interface Shape { text: string; changeable: RegExp[] }

function wfastcgiShape(r: () => number): Shape {
  const nl = r() < 0.5 ? '\r\n' : '\n';
  const unit = ['  ', '    ', '\t'][Math.floor(r() * 3)]!;
  const q = r() < 0.3 ? "'" : '"';
  const i = (n: number) => unit.repeat(n);
  const a = (k: string, v: string) => `${k}=${q}${v}${q}`;
  const multi = r() < 0.5;
  const handler = multi
    ? [`${i(3)}<add ${a('name', 'Python FastCGI')}`, `${i(3)}     ${a('path', '*')}`, `${i(3)}     ${a('verb', '*')}`, `${i(3)}     ${a('modules', 'FastCgiModule')}`,
      `${i(3)}     ${a('scriptProcessor', 'C:\\inetpub\\shop\\venv\\Scripts\\python.exe|C:\\inetpub\\shop\\venv\\Lib\\site-packages\\wfastcgi.py')}`, `${i(3)}     ${a('resourceType', 'Unspecified')} />`]
    : [`${i(3)}<add ${a('name', 'XXX')} ${a('path', '*')} ${a('verb', '*')} ${a('modules', 'FastCgiModule')} ${a('scriptProcessor', 'd:\\python37\\python.exe|d:\\python37\\lib\\site-packages\\wfastcgi.py')} ${a('resourceType', 'Unspecified')} ${a('requireAccess', 'Script')} />`];
  const comment = r() < 0.5;
  const redirect = r() < 0.4;
  const extra = r() < 0.6;
  const lines = [
    `<?xml version=${q}1.0${q} encoding=${q}utf-8${q}?>`,
    '<configuration>',
    `${i(1)}<system.webServer>`,
    ...(r() < 0.5 ? [`${i(2)}<defaultDocument ${a('enabled', 'false')} />`] : []),
    `${i(2)}<handlers>`,
    ...(comment ? [`${i(3)}<!-- the Python handler -->`] : []),
    ...handler,
    `${i(2)}</handlers>`,
    ...(redirect ? [`${i(2)}<rewrite>`, `${i(3)}<rules>`, `${i(4)}<rule ${a('name', 'HTTPS')} ${a('stopProcessing', 'true')}>`, `${i(5)}<match ${a('url', '(.*)')} />`,
      `${i(5)}<conditions><add ${a('input', '{HTTPS}')} ${a('pattern', 'off')} /></conditions>`, `${i(5)}<action ${a('type', 'Redirect')} ${a('url', 'https://{HTTP_HOST}/{R:1}')} />`, `${i(4)}</rule>`, `${i(3)}</rules>`, `${i(2)}</rewrite>`] : []),
    `${i(1)}</system.webServer>`,
    '',
    `${i(1)}<appSettings>`,
    ...(r() < 0.5 ? [`${i(2)}<!-- Required settings -->`] : []),
    `${i(2)}<add ${a('key', 'WSGI_HANDLER')} ${a('value', r() < 0.5 ? 'shop.app' : 'shop.create_app()')} />`,
    `${i(2)}<add ${a('key', 'PYTHONPATH')} ${a('value', 'C:\\inetpub\\shop')} />`,
    ...(extra ? [`${i(2)}<add ${a('key', 'DATABASE_URL')} ${a('value', 'postgres://u:p@h/db?a=1&amp;b=2')} />`] : []),
    `${i(2)}<add ${a('key', 'WSGI_LOG')} ${a('value', 'C:\\inetpub\\shop\\logs\\wfastcgi.log')} />`,
    `${i(1)}</appSettings>`,
    '</configuration>',
    '',
  ];
  return { text: lines.join(nl), changeable: [/<add name=.(Python FastCGI|XXX)|^\s+(path|verb|modules|scriptProcessor|resourceType)=/, /<add key=/, /<\/handlers>|<handlers>|<\/rules>|<\/system\.webServer>|<\/rewrite>/] };
}

function platformShape(r: () => number): Shape {
  const nl = r() < 0.5 ? '\r\n' : '\n';
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>', '<configuration>', '  <system.webServer>', '    <handlers>',
    '      <add name="PythonHandler" path="*" verb="*" modules="httpPlatformHandler" resourceType="Unspecified" />', '    </handlers>',
    '    <!-- waitress behind HttpPlatformHandler -->',
    `    <httpPlatform processPath="${r() < 0.5 ? '.\\venv\\Scripts\\python.exe' : 'C:\\inetpub\\shop\\venv\\Scripts\\python.exe'}" arguments="-m waitress --host=127.0.0.1 --port=%HTTP_PLATFORM_PORT% ${r() < 0.5 ? '--call shop:create_app' : 'shop:app'}" stdoutLogEnabled="true" stdoutLogFile=".\\logs\\python.log" startupTimeLimit="60">`,
    '      <environmentVariables>', '        <environmentVariable name="PYTHONUNBUFFERED" value="1" />', '        <environmentVariable name="SECRET_KEY" value="s3cr&quot;t" />',
    '      </environmentVariables>', '    </httpPlatform>', '  </system.webServer>', '</configuration>', '',
  ];
  return { text: lines.join(nl), changeable: [/<add name="PythonHandler"|<\/?handlers>/, /httpPlatform|environmentVariable/, /<\/system\.webServer>/] };
}

/** Every line that no changeable pattern matches is in the output, byte for byte and in order. */
function untouchedKept(before: string, after: string, changeable: RegExp[]): void {
  const nl = before.includes('\r\n') ? '\r\n' : '\n';
  const out = after.split(nl);
  let j = 0;
  for (const line of before.split(nl)) {
    if (changeable.some((re) => re.test(line))) continue;
    while (j < out.length && out[j] !== line) j++;
    assert.ok(j < out.length, `kept line missing or out of order: ${JSON.stringify(line)}\n${after}`);
    j++;
  }
  if (nl === '\r\n') assert.doesNotMatch(after.replace(/\r\n/g, ''), /\n/, 'CRLF kept everywhere');
  else assert.doesNotMatch(after, /\r/, 'LF kept everywhere');
}

test('property: migrate to the proxy bridge, then check is clean of wfastcgi/HttpPlatformHandler findings and the rest is untouched', () => {
  const r = rng(16);
  for (let n = 0; n < 60; n++) {
    const shape = n % 3 === 2 ? platformShape(r) : wfastcgiShape(r);
    const result = migrateToProxy(shape.text, { name: 'shop', port: 8042, staticFolder: r() < 0.5 });
    assert.ok(result.ok, `case ${n}: ${JSON.stringify(result)}`);
    const after = applyEdits(shape.text, result.edits);
    assert.deepEqual(scanXml(after).problems, [], `case ${n} is well-formed:\n${after}`);
    const codes = checkText(after).findings.map((f) => f.code);
    assert.deepEqual(codes.filter((c) => BRIDGE_CODES.has(c)), [], `case ${n}:\n${after}`);
    assert.ok(codes.includes('rewrite-module-required'), 'the rewrite rules are recognised');
    untouchedKept(shape.text, after, shape.changeable);
    // The application and its settings now live in the service definition.
    const xml = result.createFiles.find((f) => f.path === 'service/shopBackend.xml')!;
    const def = parseWinswXml('service/shopBackend.xml', xml.content)!;
    assert.match(def.arguments, /--listen=127\.0\.0\.1:8042/);
    assert.match(def.executable, /^[A-Za-z]:\\.*python\.exe$/);
    if (/DATABASE_URL/.test(shape.text)) assert.match(xml.content, /<env name="DATABASE_URL" value="postgres:\/\/u:p@h\/db\?a=1&amp;b=2" \/>/);
    if (/SECRET_KEY/.test(shape.text)) assert.match(xml.content, /<env name="SECRET_KEY" value="s3cr&quot;t" \/>/);
    assert.ok(result.createFiles.some((f) => f.path === 'wsgi_iis.py'));
  }
});

test('an existing <rewrite><rules> gets the proxy rule after its own rules; the handler\'s comment stays with <handlers>', () => {
  const r = rng(3);
  let shape = wfastcgiShape(r);
  while (!/HTTPS/.test(shape.text) || !/the Python handler/.test(shape.text)) shape = wfastcgiShape(r);
  const result = migrateToProxy(shape.text, { name: 'shop', port: 8042 });
  assert.ok(result.ok);
  const after = applyEdits(shape.text, result.edits);
  assert.ok(after.indexOf('name="HTTPS"'.replace(/"/g, after.includes("name='HTTPS'") ? "'" : '"')) < after.indexOf('Python backend (reverse proxy)'));
  assert.equal(after.match(/<rewrite>/g)?.length, 1);
  assert.match(after, /<handlers>\s*<!-- the Python handler -->\s*<\/handlers>/);
});

test('what cannot be migrated says why', () => {
  const proxied = migrateToProxy(readFileSync(join(__dirname, '../../test/fixtures/host/applicationHost.config'), 'utf8').replace(/[\s\S]*/, '<configuration><system.webServer><rewrite><rules><rule name="p"><match url="(.*)" /><action type="Rewrite" url="http://127.0.0.1:8000/{R:1}" /></rule></rules></rewrite></system.webServer></configuration>'), { name: 's', port: 8000 });
  assert.deepEqual(proxied, { ok: false, problem: { key: 'migrate.alreadyProxy', args: {} } });
  assert.deepEqual(migrateToProxy('<configuration><system.webServer /></configuration>', { name: 's', port: 8000 }), { ok: false, problem: { key: 'migrate.noBridge', args: {} } });
  assert.deepEqual(migrateToProxy('<configuration><system.webServer>', { name: 's', port: 8000 }), { ok: false, problem: { key: 'migrate.malformed', args: {} } });
});

test('flask-iis migrate --bridge proxy: the wfastcgi project of `new` becomes a proxy project whose check is clean', () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'flask-iis-migrate-proxy-')), 'shop');
  assert.equal(cli(['new', dir, '--name', 'shop', '--bridge', 'wfastcgi']).status, 0);
  const before = readFileSync(join(dir, 'web.config'), 'utf8');
  writeFileSync(join(dir, 'web.config'), before.replace('</appSettings>', '  <add key="FEATURE_FLAG" value="on" />\n  </appSettings>'));
  const dry = cli(['migrate', dir, '--bridge', 'proxy', '--backend-port', '8042', '--dry-run']);
  assert.equal(dry.status, 0, dry.stderr);
  assert.match(dry.stdout, /changes for the reverse-proxy bridge \(waitress as a Windows service\)/);
  assert.match(dry.stdout, /^\+ service\/shopBackend\.xml$/m);
  const run = cli(['migrate', dir, '--bridge', 'proxy', '--backend-port', '8042', '--force']);
  assert.equal(run.status, 0, run.stderr);
  const xml = readFileSync(join(dir, 'service', 'shopBackend.xml'), 'utf8');
  assert.match(xml, /<env name="FEATURE_FLAG" value="on" \/>/);
  assert.match(readFileSync(join(dir, 'wsgi_iis.py'), 'utf8'), /ProxyFix\(/, 'a Flask app gets ProxyFix');
  const check = cli(['check', dir, '--format', 'json']);
  const findings = (JSON.parse(check.stdout) as { files: { diagnostics: { code: string; severity: string }[] }[] }).files.flatMap((f) => f.diagnostics);
  assert.deepEqual(findings.filter((f) => f.severity === 'error' || f.severity === 'warning'), [], check.stdout);
  assert.equal(cli(['migrate', dir, '--bridge', 'proxy', '--dry-run']).status, 2, 'a proxy web.config is not migrated again');
  assert.match(cli(['migrate', dir, '--bridge', 'proxy', '--backend-port', '80']).stderr, /backend port 80 cannot be used/);
});
