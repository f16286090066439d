/**
 * The local stand-in for URL Rewrite + ARR as data: which rule applies, the server variables it sets, and the
 * request headers ARR sends, on the generated rule and on rules written the way real projects write them
 * (ONLYOFFICE's {HTTPS}s trick, the {CACHE_URL} scheme capture, a static exclusion with negate, two rules per scheme).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { arrRequestHeaders, nextMaxForwards, rewriteLocation, routeRequest, type IncomingRequest } from '../../src/core/iis/arrProxy';
import { rewriteRules } from '../../src/core/iis/rewriteRules';
import { checkText } from '../../src/core/check';
import { renderProxyWebConfig } from '../../src/core/scaffold';

const rulesOf = (xml: string) => rewriteRules(checkText(xml).model);
const none = () => undefined;

function req(url: string, over: Partial<IncomingRequest> = {}): IncomingRequest {
  return { url, https: false, host: 'www.example.com', headers: { host: 'www.example.com' }, clientIp: '203.0.113.9', clientPort: 50123, serverPort: 80, ...over };
}

test('the generated rule: static files stay with IIS, the rest goes to 127.0.0.1 with Proto/Host/Prefix set', () => {
  const rules = rulesOf(renderProxyWebConfig({ staticFolder: true, proxy: { port: 8000, urlPrefix: '/sub' } }));
  assert.deepEqual(routeRequest(rules, '/sub', req('/sub/static/site.css'), none), { kind: 'file', path: 'static/site.css' });
  const d = routeRequest(rules, '/sub', req('/sub/a/b?x=1&y=2', { https: true }), none);
  assert.deepEqual(d, { kind: 'proxy', rule: 'Python backend (reverse proxy)', target: 'http://127.0.0.1:8000/a/b?x=1&y=2', headers: [['x-forwarded-proto', 'https'], ['x-forwarded-host', 'www.example.com'], ['x-forwarded-prefix', '/sub']] });
  assert.equal(routeRequest(rules, '/sub', req('/other'), none).kind, 'unknown');
  const root = rulesOf(renderProxyWebConfig({ staticFolder: false, proxy: { port: 9000 } }));
  const plain = routeRequest(root, '', req('/', { headers: { host: 'www.example.com', 'x-forwarded-prefix': '/evil', 'x-forwarded-proto': 'https', 'x-forwarded-for': '6.6.6.6', connection: 'keep-alive' } }), none);
  assert.equal(plain.kind, 'proxy');
  if (plain.kind !== 'proxy') return;
  const headers = Object.fromEntries(arrRequestHeaders(req('/', { headers: { host: 'www.example.com', 'x-forwarded-prefix': '/evil', 'x-forwarded-proto': 'https', 'x-forwarded-for': '6.6.6.6', connection: 'keep-alive' } }), plain, 'ID'));
  assert.equal(headers['x-forwarded-proto'], 'http', 'the rule replaces a forged value');
  assert.equal(headers['x-forwarded-prefix'], undefined, 'an empty value removes the header');
  assert.equal(headers['x-forwarded-for'], '6.6.6.6, 203.0.113.9:50123', 'ARR appends ip:port');
  assert.equal(headers['host'], '127.0.0.1:9000', 'preserveHostHeader is off by default');
  assert.equal(headers['connection'], undefined);
  assert.equal(headers['max-forwards'], '10');
  assert.equal(headers['x-arr-ssl'], undefined);
});

test('Max-Forwards is counted down per hop; a request that arrives with 0 is refused (ARR\'s 400.0 "reached the Max-Forwards limit")', () => {
  assert.equal(nextMaxForwards(req('/')), 10);
  assert.equal(nextMaxForwards(req('/', { headers: { host: 'h', 'max-forwards': '3' } })), 2);
  assert.equal(nextMaxForwards(req('/', { headers: { host: 'h', 'max-forwards': '1' } })), 0);
  assert.equal(nextMaxForwards(req('/', { headers: { host: 'h', 'max-forwards': '0' } })), undefined);
  assert.equal(nextMaxForwards(req('/', { headers: { host: 'h', 'max-forwards': 'many' } })), 10, 'an unreadable value is not a limit');
  const rules = rulesOf(renderProxyWebConfig({ staticFolder: false, proxy: { port: 9000 } }));
  const hop = req('/', { headers: { host: 'h', 'max-forwards': '5' } });
  const d = routeRequest(rules, '', hop, none);
  assert.ok(d.kind === 'proxy');
  assert.equal(Object.fromEntries(arrRequestHeaders(hop, d, 'ID'))['max-forwards'], '4');
});

test('rules written as real projects write them', () => {
  // ONLYOFFICE document-server-proxy's IIS web.config: {HTTPS}s with on(s)|offs, a scheme built as http{C:1}.
  const onlyoffice = rulesOf(`<configuration><system.webServer><rewrite><rules>
    <rule name="ReverseProxyInboundRule1" stopProcessing="true">
      <match url="(.*)" />
      <action type="Rewrite" url="http://127.0.0.1:8080/{R:1}" />
      <conditions><add input="{HTTPS}s" pattern="on(s)|offs" /></conditions>
      <serverVariables><set name="HTTP_X_FORWARDED_PROTO" value="http{C:1}" /><set name="HTTP_X_FORWARDED_HOST" value="{HTTP_HOST}" /></serverVariables>
    </rule></rules></rewrite></system.webServer></configuration>`);
  const https = routeRequest(onlyoffice, '', req('/x', { https: true }), none);
  assert.equal(https.kind === 'proxy' && https.headers[0]![1], 'https');
  const http = routeRequest(onlyoffice, '', req('/x'), none);
  assert.equal(http.kind === 'proxy' && http.headers[0]![1], 'http');
  // The {CACHE_URL} capture and a negated static exclusion.
  const cache = rulesOf(`<configuration><system.webServer><rewrite><rules>
    <rule name="to app" stopProcessing="true">
      <match url="^(static|media)/" negate="true" />
      <conditions logicalGrouping="MatchAll" trackAllCaptures="false"><add input="{CACHE_URL}" pattern="^(https?)://" /></conditions>
      <serverVariables><set name="HTTP_X_FORWARDED_PROTO" value="{C:1}" /></serverVariables>
      <action type="Rewrite" url="http://localhost:5000/{R:0}" />
    </rule></rules></rewrite></system.webServer></configuration>`);
  const d = routeRequest(cache, '', req('/api/x', { https: true }), none);
  assert.deepEqual(d.kind === 'proxy' && [d.target, d.headers], ['http://localhost:5000/api/x', [['x-forwarded-proto', 'https']]]);
  assert.deepEqual(routeRequest(cache, '', req('/static/a.css'), none), { kind: 'file', path: 'static/a.css' });
  // Two rules, one per scheme (the IIS Manager way): only the matching one applies.
  const two = rulesOf(`<configuration><system.webServer><rewrite><rules>
    <rule name="https" stopProcessing="true"><match url="(.*)" /><conditions><add input="{HTTPS}" pattern="^on$" /></conditions>
      <serverVariables><set name="HTTP_X_FORWARDED_PROTO" value="https" /></serverVariables><action type="Rewrite" url="http://127.0.0.1:8000/{R:1}" /></rule>
    <rule name="http" stopProcessing="true"><match url="(.*)" />
      <serverVariables><set name="HTTP_X_FORWARDED_PROTO" value="http" /></serverVariables><action type="Rewrite" url="http://127.0.0.1:8000/{R:1}" /></rule>
    </rules></rewrite></system.webServer></configuration>`);
  assert.equal(routeRequest(two, '', req('/'), none).kind === 'proxy' && (routeRequest(two, '', req('/'), none) as { rule: string }).rule, 'http');
  assert.equal((routeRequest(two, '', req('/', { https: true }), none) as { rule: string }).rule, 'https');
  // A rewrite map is not evaluated: unknown, never a guess.
  const map = rulesOf(`<configuration><system.webServer><rewrite><rules><rule name="m"><match url="(.*)" />
    <serverVariables><set name="HTTP_X_FORWARDED_PROTO" value="{Scheme:{HTTPS}}" /></serverVariables><action type="Rewrite" url="http://127.0.0.1:8000/{R:1}" /></rule></rules></rewrite></system.webServer></configuration>`);
  assert.equal(routeRequest(map, '', req('/'), none).kind, 'unknown');
});

test('ARR headers on HTTPS and IPv6, and Location rewritten to the public host', () => {
  const rules = rulesOf(renderProxyWebConfig({ staticFolder: false, proxy: { port: 8000 } }));
  const r = req('/login', { https: true, clientIp: '2001:db8::1', clientPort: 443 });
  const d = routeRequest(rules, '', r, none);
  assert.equal(d.kind, 'proxy');
  if (d.kind !== 'proxy') return;
  const h = Object.fromEntries(arrRequestHeaders(r, d, 'ID'));
  assert.equal(h['x-forwarded-for'], '[2001:db8::1]:443');
  assert.match(h['x-arr-ssl']!, /\|/);
  assert.equal(h['x-original-url'], '/login');
  assert.equal(rewriteLocation('http://127.0.0.1:8000/next?a=1', d.target, r), 'https://www.example.com/next?a=1');
  assert.equal(rewriteLocation('/relative', d.target, r), '/relative');
  assert.equal(rewriteLocation('https://elsewhere.example/x', d.target, r), 'https://elsewhere.example/x');
});
