/**
 * stream-buffered, websocket-not-enabled and forwarded-for-port, firing and silent, on projects written the way
 * people write them: a Flask SSE route with stream_with_context, a generator Response, Django's
 * StreamingHttpResponse, Flask-SocketIO / flask-sock / FastAPI websockets, the Flask docs' ProxyFix line, behind the
 * generated rule or the IIS Manager "Reverse Proxy" rule, with and without the host's applicationHost.config.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { checkText } from '../../src/core/check';
import { fixesFor } from '../../src/core/editing/fixes';
import { findingMessage } from '../../src/core/findings';
import { parseAppHost } from '../../src/core/host/appHost';
import { renderProxyWebConfig } from '../../src/core/scaffold';
import { renderWsgiWrapper } from '../../src/core/scaffold/proxyApp';
import { nodeProjectFiles } from '../../src/node/python/projectFiles';
import { applyEdits } from './editingHelpers';
import { tempDir } from './pythonHelpers';

const CODES = ['stream-buffered', 'websocket-not-enabled', 'forwarded-for-port'];
const APPHOST = 'C:\\Windows\\System32\\inetsrv\\config\\applicationHost.config';

function project(name: string, files: Record<string, string>): string {
  const dir = tempDir(name);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

function findings(name: string, config: string, files: Record<string, string>, apphost?: string) {
  const dir = project(name, files);
  const r = checkText(config, { project: nodeProjectFiles(dir), ...(apphost ? { appHost: parseAppHost(apphost, APPHOST) } : {}) });
  assert.deepEqual(r.internalErrors, []);
  return r.findings.filter((f) => CODES.includes(f.code));
}
/** The text after the first quick fix of the finding with `messageKey`. */
function fixOnce(config: string, files: Record<string, string>, messageKey: string): string {
  const r = checkText(config, { project: nodeProjectFiles(project('fix', files)) });
  const finding = r.findings.find((f) => f.messageKey === messageKey)!;
  const [fix] = fixesFor(r, finding);
  assert.ok(fix, `a quick fix for ${messageKey}`);
  return applyEdits(config, fix.edits);
}
const codes = (...a: Parameters<typeof findings>) => findings(...a).map((f) => `${f.code}:${f.messageKey}`).sort();

const GENERATED = renderProxyWebConfig({ staticFolder: true, proxy: { port: 8000 } });
const MANAGER_RULE = `<?xml version="1.0" encoding="UTF-8"?>
<configuration>
  <system.webServer>
    <rewrite>
      <rules>
        <rule name="ReverseProxyInboundRule1" stopProcessing="true">
          <match url="(.*)" />
          <action type="Rewrite" url="http://localhost:5000/{R:1}" />
          <serverVariables><set name="HTTP_X_FORWARDED_PROTO" value="https" /></serverVariables>
        </rule>
      </rules>
    </rewrite>
    <urlCompression doStaticCompression="true" doDynamicCompression="true" />
  </system.webServer>
</configuration>
`;
/** A host with the given global modules and server-level system.webServer content. */
const host = (modules: string[], webServer = '') => `<?xml version="1.0" encoding="UTF-8"?>
<configuration>
  <system.webServer>
    <globalModules>
${modules.map((m) => `      <add name="${m}" image="%windir%\\System32\\inetsrv\\${m}.dll" />`).join('\n')}
    </globalModules>
    <httpCompression directory="%SystemDrive%\\inetpub\\temp\\IIS Temporary Compressed Files">
      <dynamicTypes>
        <add mimeType="text/*" enabled="true" />
        <add mimeType="application/json" enabled="true" />
        <add mimeType="*/*" enabled="false" />
      </dynamicTypes>
    </httpCompression>
${webServer}
  </system.webServer>
</configuration>
`;
const BASE_MODULES = ['HttpLoggingModule', 'StaticFileModule', 'RewriteModule', 'ApplicationRequestRouting'];

// The Flask docs' streaming pattern, as SSE.
const SSE_APP = `import time

from flask import Flask, Response, stream_with_context

app = Flask(__name__)


@app.route("/events")
def events():
    def generate():
        while True:
            yield f"data: {time.time()}\\n\\n"
            time.sleep(1)

    return Response(stream_with_context(generate()), mimetype="text/event-stream")
`;
const GENERATOR_APP = `from flask import Flask, Response

app = Flask(__name__)


def generate_csv(rows):
    for row in rows:
        yield ",".join(row) + "\\n"


@app.get("/export")
def export():
    return Response(generate_csv([["a", "b"]]), mimetype="text/csv")
`;
const DJANGO_VIEW = `from django.http import StreamingHttpResponse


def progress(request):
    return StreamingHttpResponse(run_job(), content_type="text/plain")
`;
const PLAIN_APP = 'from flask import Flask, Response\n\napp = Flask(__name__)\n\n\n@app.get("/")\ndef index():\n    # return Response(stream_with_context(gen()))\n    return Response("hi")\n';

test('stream-buffered: SSE, a generator Response and StreamingHttpResponse behind ARR buffering or dynamic compression', () => {
  assert.deepEqual(codes('sb-sse', GENERATED, { 'app.py': SSE_APP }), ['stream-buffered:proxy.streamBuffered']);
  assert.deepEqual(codes('sb-gen', GENERATED, { 'app.py': GENERATOR_APP }), ['stream-buffered:proxy.streamBuffered']);
  assert.deepEqual(codes('sb-django', GENERATED, { 'shop/views.py': DJANGO_VIEW }), ['stream-buffered:proxy.streamBuffered']);
  // The IIS Manager rule with doDynamicCompression="true": both, the compression one on the attribute.
  const both = findings('sb-manager', MANAGER_RULE, { 'app.py': SSE_APP });
  assert.deepEqual(both.map((f) => f.messageKey).sort(), ['proxy.streamBuffered', 'proxy.streamCompressed']);
  const compressed = both.find((f) => f.messageKey === 'proxy.streamCompressed')!;
  assert.equal(MANAGER_RULE.slice(compressed.start, compressed.end), 'true');
  assert.equal(compressed.related[0]?.messageKey, 'related.streamRoute');
  // Its quick fix turns dynamic compression off (the attribute only: the rest of the file is kept).
  const fixed = fixOnce(MANAGER_RULE, { 'app.py': SSE_APP }, 'proxy.streamCompressed');
  assert.equal(fixed, MANAGER_RULE.replace('doDynamicCompression="true"', 'doDynamicCompression="false"'));
  assert.deepEqual(codes('sb-fixed', fixed, { 'app.py': SSE_APP }), ['stream-buffered:proxy.streamBuffered']);
  // The host's server level: buffering off (responseBufferLimit="0") and text/event-stream excluded first: silent.
  const exclude = (h: string) => h.replace('<dynamicTypes>', '<dynamicTypes>\n        <add mimeType="text/event-stream" enabled="false" />');
  const tuned = host([...BASE_MODULES, 'DynamicCompressionModule'], '    <proxy enabled="true" responseBufferLimit="0" />');
  assert.deepEqual(codes('sb-host-tuned', GENERATED, { 'app.py': SSE_APP }, exclude(tuned)), []);
  // Without the exclusion the host compresses it (the module is installed, the default text/* covers it).
  assert.deepEqual(codes('sb-host-compress', GENERATED, { 'app.py': SSE_APP }, tuned), ['stream-buffered:proxy.streamCompressed']);
  const untuned = host([...BASE_MODULES, 'DynamicCompressionModule'], '    <proxy enabled="true" />');
  assert.deepEqual(codes('sb-host-default', GENERATED, { 'app.py': SSE_APP }, untuned), ['stream-buffered:proxy.streamBuffered', 'stream-buffered:proxy.streamCompressed']);
  // Compression off for the stream's path in web.config (httpCompression itself is AppHostOnly).
  const offForStream = GENERATED.replace('</configuration>', '  <location path="events">\n    <system.webServer>\n      <urlCompression doDynamicCompression="false" />\n    </system.webServer>\n  </location>\n</configuration>');
  assert.deepEqual(codes('sb-location-off', offForStream, { 'app.py': SSE_APP }, untuned), ['stream-buffered:proxy.streamBuffered']);
  const noModule = host(BASE_MODULES, '    <proxy enabled="true" responseBufferLimit="0" />');
  assert.deepEqual(codes('sb-no-module', GENERATED, { 'app.py': SSE_APP }, noModule), [], 'no DynamicCompressionModule: nothing compresses');
  // HttpPlatformHandler is a proxy too: compression is reported there (its own v1.2 buffering cannot be seen).
  const platform = `<configuration><system.webServer><handlers><add name="PythonHandler" path="*" verb="*" modules="httpPlatformHandler" resourceType="Unspecified" /></handlers><httpPlatform processPath="C:\\Python312\\python.exe" arguments="-m waitress --port=%HTTP_PLATFORM_PORT% app:app" /><urlCompression doDynamicCompression="true" /></system.webServer></configuration>`;
  assert.deepEqual(codes('sb-platform', platform, { 'app.py': SSE_APP }), ['stream-buffered:proxy.streamCompressed']);
  assert.deepEqual(codes('sb-platform-off', platform.replace('"true"', '"false"'), { 'app.py': SSE_APP }), []);
  // Silent: an app that does not stream (a commented-out stream does not count), and no project files.
  assert.deepEqual(codes('sb-plain', MANAGER_RULE, { 'app.py': PLAIN_APP }), []);
  assert.deepEqual(checkText(MANAGER_RULE).findings.filter((f) => CODES.includes(f.code)), []);
  // Many Response(name(...)) calls with no generator behind them: each name is looked up once, 20 at most.
  const many = `from flask import Response\n${Array.from({ length: 20000 }, (_, i) => `r${i} = Response(make${i % 500}(1))\n`).join('')}def make1(x):\n    return x\n`;
  assert.deepEqual(codes('sb-many', GENERATED, { 'app.py': many }), []);
  assert.deepEqual(codes('sb-many-gen', GENERATED, { 'app.py': many.replace('    return x', '    yield x') }), ['stream-buffered:proxy.streamBuffered']);
});

const SOCKETIO = 'from flask import Flask\nfrom flask_socketio import SocketIO, emit\n\napp = Flask(__name__)\nsocketio = SocketIO(app)\n\n\n@socketio.on("message")\ndef on_message(data):\n    emit("reply", data)\n';
const FLASK_SOCK = 'from flask import Flask\nfrom flask_sock import Sock\n\napp = Flask(__name__)\nsock = Sock(app)\n\n\n@sock.route("/echo")\ndef echo(ws):\n    while True:\n        ws.send(ws.receive())\n';
const FASTAPI = 'from fastapi import FastAPI, WebSocket\n\napp = FastAPI()\n\n\n@app.websocket("/ws")\nasync def ws_endpoint(websocket: WebSocket):\n    await websocket.accept()\n';

test('websocket-not-enabled: Flask-SocketIO, flask-sock and FastAPI behind ARR, by what is known of the server', () => {
  assert.deepEqual(codes('ws-socketio', GENERATED, { 'app.py': SOCKETIO }), ['websocket-not-enabled:proxy.websocketFeature']);
  assert.deepEqual(codes('ws-sock', GENERATED, { 'app.py': FLASK_SOCK }), ['websocket-not-enabled:proxy.websocketFeature']);
  assert.deepEqual(codes('ws-fastapi', GENERATED, { 'main.py': FASTAPI }), ['websocket-not-enabled:proxy.websocketFeature']);
  // web.config says it is on: silent without a host; off: reported on the attribute.
  const on = GENERATED.replace('</system.webServer>', '<webSocket enabled="true" /></system.webServer>');
  assert.deepEqual(codes('ws-on', on, { 'app.py': FLASK_SOCK }), []);
  const off = GENERATED.replace('</system.webServer>', '<webSocket enabled="false" /></system.webServer>');
  const offFinding = findings('ws-off', off, { 'app.py': FLASK_SOCK });
  assert.deepEqual(offFinding.map((f) => f.messageKey), ['proxy.websocketDisabled']);
  assert.equal(off.slice(offFinding[0]!.start, offFinding[0]!.end), 'false');
  assert.equal(fixOnce(off, { 'app.py': FLASK_SOCK }, 'proxy.websocketDisabled'), on);
  // The host: WebSocketModule installed → silent; missing → an error, whatever web.config says.
  assert.deepEqual(codes('ws-host-ok', GENERATED, { 'app.py': SOCKETIO }, host([...BASE_MODULES, 'WebSocketModule'])), []);
  const missing = findings('ws-host-missing', on, { 'app.py': SOCKETIO }, host(BASE_MODULES));
  assert.deepEqual(missing.map((f) => [f.messageKey, f.severity]), [['proxy.websocketMissing', 'error']]);
  assert.deepEqual(codes('ws-host-off', GENERATED, { 'app.py': SOCKETIO }, host([...BASE_MODULES, 'WebSocketModule'], '    <webSocket enabled="false" />')), ['websocket-not-enabled:proxy.websocketDisabled']);
  // Silent: no websocket in the app, or only mentioned in a comment; a rule to another host is not ours.
  assert.deepEqual(codes('ws-none', GENERATED, { 'app.py': PLAIN_APP.replace('# return', '# import flask_socketio\n    # return') }), []);
  assert.deepEqual(codes('ws-remote', GENERATED.replace('127.0.0.1:8000', '10.0.0.5:8000'), { 'app.py': SOCKETIO }), []);
});

const DOCS_PROXYFIX = 'from flask import Flask, request\nfrom werkzeug.middleware.proxy_fix import ProxyFix\n\napp = Flask(__name__)\napp.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1, x_prefix=1)\n\n\n@app.get("/")\ndef index():\n    return request.remote_addr\n';

/** What request.remote_addr is when ARR sends X-Forwarded-For "203.0.113.7:50123" to `module`:app, with the real Werkzeug. */
function remoteAddr(dir: string, module: string): string {
  const script = `from werkzeug.test import Client\nfrom ${module} import app\nr = Client(app).get("/", headers={"X-Forwarded-For": "203.0.113.7:50123"}, environ_base={"REMOTE_ADDR": "127.0.0.1"})\nprint(r.get_data(as_text=True))`;
  return execFileSync('/usr/bin/python3', ['-c', script], { cwd: dir, encoding: 'utf8' }).trim();
}

test('forwarded-for-port: the Flask docs ProxyFix line behind ARR, silent with the generated wrapper or the port off', () => {
  const f = findings('ffp-docs', GENERATED, { 'app.py': DOCS_PROXYFIX });
  assert.deepEqual(f.map((x) => x.code), ['forwarded-for-port']);
  assert.equal(f[0]!.related[0]?.messageKey, 'related.proxyFix');
  assert.match(findingMessage(f[0]!), /^ProxyFix in app\.py gets X-Forwarded-For with a port: strip it, or turn it off in ARR\./);
  // The generated wsgi_iis.py strips the port before ProxyFix reads X-Forwarded-For.
  const wrapper = renderWsgiWrapper({ app: { handler: 'app.app' }, proxy: { port: 8000, werkzeug: true } } as Parameters<typeof renderWsgiWrapper>[0]);
  assert.match(wrapper, /ProxyFix\(/);
  const plain = 'from flask import Flask, request\n\napp = Flask(__name__)\n\n\n@app.get("/")\ndef index():\n    return request.remote_addr\n';
  assert.deepEqual(codes('ffp-generated', GENERATED, { 'app.py': plain, 'wsgi_iis.py': wrapper }), []);
  // What the app really sees (Debian's Werkzeug): the port with the docs line, the address through the wrapper.
  assert.equal(remoteAddr(project('ffp-run-docs', { 'app.py': DOCS_PROXYFIX }), 'app'), '203.0.113.7:50123');
  assert.equal(remoteAddr(project('ffp-run-generated', { 'app.py': plain, 'wsgi_iis.py': wrapper }), 'wsgi_iis'), '203.0.113.7');
  // ARR told not to add the port (server level), or a ProxyFix that does not read X-Forwarded-For.
  assert.deepEqual(codes('ffp-arr', GENERATED, { 'app.py': DOCS_PROXYFIX }, host(BASE_MODULES, '    <proxy enabled="true" includePortInXForwardedFor="false" />')), []);
  assert.deepEqual(codes('ffp-host-default', GENERATED, { 'app.py': DOCS_PROXYFIX }, host(BASE_MODULES, '    <proxy enabled="true" />')), ['forwarded-for-port:proxy.forwardedPort']);
  assert.deepEqual(codes('ffp-no-for', GENERATED, { 'app.py': DOCS_PROXYFIX.replace('x_for=1', 'x_for=0') }), []);
  // A hand-written wrapper that strips it.
  const own = `${DOCS_PROXYFIX}\n\ndef strip_port(environ):\n    xff = environ.get("HTTP_X_FORWARDED_FOR", "")\n    environ["HTTP_X_FORWARDED_FOR"] = xff.rsplit(":", 1)[0]\n`;
  assert.deepEqual(codes('ffp-own', GENERATED, { 'app.py': own }), []);
  // Not behind the proxy (wfastcgi's ProxyFix is proxyfix-without-proxy's business).
  assert.deepEqual(codes('ffp-none', '<configuration><system.webServer /></configuration>', { 'app.py': DOCS_PROXYFIX }), []);
});
