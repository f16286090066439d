/**
 * The reverse-proxy checks, firing and silent, on web.configs written the way real projects write them (an IIS
 * Manager "Reverse Proxy" rule to localhost with nothing else, the generated rule, rules to another host) and on
 * projects whose Python code does or does not read the proxy headers.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { checkText } from '../../src/core/check';
import { parseAppHost } from '../../src/core/host/appHost';
import { renderProxyWebConfig } from '../../src/core/scaffold';
import { nodeProjectFiles } from '../../src/node/python/projectFiles';
import { tempDir } from './pythonHelpers';

const PROXY_CODES = ['proxy-forwarded-proto-missing', 'server-variable-not-allowed', 'proxy-target-not-loopback', 'proxy-headers-not-trusted', 'proxyfix-too-many-hops', 'proxyfix-without-proxy'];

/** The proxy codes a web.config gets in a project made of `files` (path → text), with an optional host. */
function codes(name: string, config: string, files: Record<string, string> = {}, apphost?: string): string[] {
  const dir = tempDir(name);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const r = checkText(config, { project: nodeProjectFiles(dir), ...(apphost ? { appHost: parseAppHost(apphost, 'C:\\Windows\\System32\\inetsrv\\config\\applicationHost.config') } : {}) });
  assert.deepEqual(r.internalErrors, []);
  return r.findings.map((f) => f.code).filter((c) => PROXY_CODES.includes(c)).sort();
}

// The IIS Manager "Reverse Proxy" template as people commit it (cf. a SonarQube-behind-IIS web.config): no server variables.
const MANAGER_RULE = `<?xml version="1.0" encoding="UTF-8"?>
<configuration>
  <system.webServer>
    <rewrite>
      <rules>
        <clear />
        <rule name="ReverseProxyInboundRule1" stopProcessing="true">
          <match url="(.*)" />
          <conditions logicalGrouping="MatchAll" trackAllCaptures="false" />
          <action type="Rewrite" url="http://localhost:5000/{R:1}" />
        </rule>
      </rules>
    </rewrite>
  </system.webServer>
</configuration>
`;
const GENERATED = renderProxyWebConfig({ staticFolder: true, proxy: { port: 8000 } });
const FLASK_APP = 'from flask import Flask\n\napp = Flask(__name__)\n\n\n@app.get("/")\ndef index():\n    return "hi"\n';
const SERVICE = '<service><id>shopBackend</id><name>shop</name><description>d</description><executable>C:\\inetpub\\shop\\.venv\\Scripts\\python.exe</executable><arguments>-m waitress --listen=127.0.0.1:8000 app:app</arguments></service>\n';
const WFASTCGI = `<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <system.webServer>
    <handlers>
      <add name="Python FastCGI" path="*" verb="*" modules="FastCgiModule" scriptProcessor="C:\\Python312\\python.exe|C:\\Python312\\Lib\\site-packages\\wfastcgi.py" resourceType="Unspecified" requireAccess="Script" />
    </handlers>
  </system.webServer>
  <appSettings>
    <add key="WSGI_HANDLER" value="app.app" />
    <add key="PYTHONPATH" value="C:\\inetpub\\wwwroot\\app" />
  </appSettings>
</configuration>
`;

test('proxy-forwarded-proto-missing and proxy-headers-not-trusted: the IIS Manager rule in front of a plain Flask app', () => {
  assert.deepEqual(codes('pr-manager', MANAGER_RULE, { 'app.py': FLASK_APP }), ['proxy-forwarded-proto-missing', 'proxy-headers-not-trusted']);
  // The generated rule and wrapper: silent.
  const wrapper = 'from werkzeug.middleware.proxy_fix import ProxyFix\n\nfrom app import app as _application\n\napp = ProxyFix(_application, x_for=1, x_proto=1, x_host=1, x_prefix=1)\n';
  assert.deepEqual(codes('pr-generated', GENERATED, { 'app.py': FLASK_APP, 'wsgi_iis.py': wrapper, 'service/shopBackend.xml': SERVICE }), []);
  // Trust given by the server instead: waitress --trusted-proxy in the service, or Django's setting.
  assert.deepEqual(codes('pr-waitress', GENERATED, { 'app.py': FLASK_APP, 'service/a.xml': SERVICE.replace('--listen=127.0.0.1:8000', '--listen=127.0.0.1:8000 --trusted-proxy=127.0.0.1') }), []);
  assert.deepEqual(codes('pr-django', GENERATED, { 'mysite/settings.py': 'SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")\n' }), []);
  // Without project files nothing is said about the app side.
  assert.deepEqual(checkText(MANAGER_RULE).findings.map((f) => f.code).filter((c) => PROXY_CODES.includes(c)), ['proxy-forwarded-proto-missing']);
});

test('server-variable-not-allowed: only with the host configuration, per variable', () => {
  const host = (vars: string[], where = '') => `<?xml version="1.0"?><configuration>${where ? `<location path="${where}">` : ''}<system.webServer><rewrite><allowedServerVariables>${vars.map((v) => `<add name="${v}" />`).join('')}</allowedServerVariables></rewrite></system.webServer>${where ? '</location>' : ''}</configuration>`;
  const only = codes('pr-vars', GENERATED, {}, host(['HTTP_X_FORWARDED_PROTO']));
  assert.deepEqual(only.filter((c) => c === 'server-variable-not-allowed').length, 2, 'HOST and PREFIX are not allowed');
  assert.ok(!codes('pr-vars-all', GENERATED, {}, host(['HTTP_X_FORWARDED_PROTO', 'HTTP_X_FORWARDED_HOST', 'http_x_forwarded_prefix'], 'shop')).includes('server-variable-not-allowed'));
  assert.ok(!codes('pr-vars-none', GENERATED, {}).includes('server-variable-not-allowed'), 'no host configuration: silent');
});

test('proxy-target-not-loopback: a Python service reached over the network', () => {
  const remote = GENERATED.replace('http://127.0.0.1:8000/{R:1}', 'http://10.0.0.5:8000/{R:1}');
  assert.deepEqual(codes('pr-remote', remote, { 'service/shopBackend.xml': SERVICE, 'wsgi_iis.py': 'from werkzeug.middleware.proxy_fix import ProxyFix\n' }), ['proxy-target-not-loopback']);
  // A reverse proxy to another kind of server (no Python service here): not ours to judge.
  assert.deepEqual(codes('pr-remote-other', remote, {}), []);
  assert.deepEqual(codes('pr-local', GENERATED, { 'service/shopBackend.xml': SERVICE, 'wsgi_iis.py': 'ProxyFix(a)\n' }), []);
});

test('proxyfix-too-many-hops and proxyfix-without-proxy', () => {
  const twoHops = `${FLASK_APP}\nfrom werkzeug.middleware.proxy_fix import ProxyFix\napp.wsgi_app = ProxyFix(app.wsgi_app, x_for=2, x_proto=1)\n`;
  assert.deepEqual(codes('pr-hops', GENERATED, { 'app.py': twoHops }), ['proxyfix-too-many-hops']);
  assert.deepEqual(codes('pr-hops-ok', GENERATED, { 'app.py': twoHops.replace('x_for=2', 'x_for=1') }), []);
  // The Flask docs' line, under wfastcgi: nobody sets the headers but the client.
  const docs = `${FLASK_APP}\nfrom werkzeug.middleware.proxy_fix import ProxyFix\napp.wsgi_app = ProxyFix(app.wsgi_app)\n`;
  assert.deepEqual(codes('pr-noproxy', WFASTCGI, { 'app.py': docs }), ['proxyfix-without-proxy']);
  assert.deepEqual(codes('pr-noproxy-clean', WFASTCGI, { 'app.py': FLASK_APP }), []);
  const platform = WFASTCGI.replace(/<handlers>[\s\S]*<\/handlers>/, '<handlers><add name="PythonHandler" path="*" verb="*" modules="httpPlatformHandler" resourceType="Unspecified" /></handlers><httpPlatform processPath="C:\\Python312\\python.exe" arguments="-m waitress --port=%HTTP_PLATFORM_PORT% app:app" />');
  assert.deepEqual(codes('pr-platform', platform, { 'app.py': docs }), [], 'HttpPlatformHandler is a proxy: ProxyFix belongs there');
});
