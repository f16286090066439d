/**
 * The reverse-proxy bridge served for real: `flask-iis run` starts the service command of the generated WinSW
 * definition (Debian's waitress or uvicorn) and the local stand-in for IIS + ARR, and a request for
 * https://public-host/sub/... from 127.0.0.2 reaches the app as IIS would send it. The app reports the scheme,
 * host, URL prefix and client address it sees; headers a client forges (X-Forwarded-Proto, -Host, -For, -Prefix)
 * change nothing.
 */
import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { test } from 'node:test';
import { tempDir } from './pythonHelpers';
import { cli } from './scaffoldHelpers';
import { pythonWith, withRun } from './serving';

const PYTHON = pythonWith(['flask', 'waitress']);
const skip = !PYTHON && 'no Python with flask and waitress (run node scripts/setup-python.mjs)';
const DJANGO = PYTHON && pythonWith(['django', 'waitress']) === PYTHON;
const ASGI = PYTHON && pythonWith(['uvicorn', 'fastapi']) === PYTHON;

const FORGED = { 'X-Forwarded-Proto': 'https', 'X-Forwarded-Host': 'evil.example', 'X-Forwarded-For': '6.6.6.6', 'X-Forwarded-Prefix': '/evil' };

/** One request through the local proxy from 127.0.0.2; `target` may be an absolute https:// URL (HTTPS on IIS). */
function send(proxyUrl: string, target: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  const u = new URL(proxyUrl);
  assert.equal(u.hostname, '127.0.0.1');
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: Number(u.port), path: target, headers, localAddress: '127.0.0.2', timeout: 20_000 }, (r) => {
      let body = '';
      r.on('data', (d: Buffer) => (body += d.toString()));
      r.on('end', () => resolve({ status: r.statusCode ?? 0, body }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end();
  });
}

interface Seen { url: string; scheme: string; host: string; prefix: string; client: string }

async function whoami(t: { diagnostic(m: string): void }, label: string, proxyUrl: string, target: string, headers: Record<string, string> = {}): Promise<Seen> {
  const r = await send(proxyUrl, target, headers);
  t.diagnostic(`${label}: GET ${target} ${JSON.stringify(headers)} -> ${r.status} ${r.body}`);
  assert.equal(r.status, 200, `${label}: ${r.body}`);
  return JSON.parse(r.body) as Seen;
}

/** The same four assertions for every app: HTTPS through IIS, plain HTTP with forged headers. */
async function assertSeen(t: { diagnostic(m: string): void }, label: string, proxyUrl: string): Promise<void> {
  assert.deepEqual(await whoami(t, label, proxyUrl, 'https://public-host/sub/whoami'), { url: 'https://public-host/sub/', scheme: 'https', host: 'public-host', prefix: '/sub', client: '127.0.0.2' });
  // A client that forges every X-Forwarded-* header over plain HTTP: IIS's rule replaces Proto/Host/Prefix, and the
  // client's X-Forwarded-For is only an earlier hop; the app still sees http, the real host and 127.0.0.2.
  const port = new URL(proxyUrl).port;
  assert.deepEqual(await whoami(t, `${label} (forged)`, proxyUrl, '/sub/whoami', { ...FORGED, Host: `public-host:${port}` }), { url: `http://public-host:${port}/sub/`, scheme: 'http', host: `public-host:${port}`, prefix: '/sub', client: '127.0.0.2' });
  assert.deepEqual(await whoami(t, `${label} (https, forged)`, proxyUrl, 'https://public-host/sub/whoami', { ...FORGED, 'X-Forwarded-Proto': 'http' }), { url: 'https://public-host/sub/', scheme: 'https', host: 'public-host', prefix: '/sub', client: '127.0.0.2' });
  const outside = await send(proxyUrl, '/whoami');
  assert.equal(outside.status, 404, 'a URL outside the application is not proxied');
}

test('a new Flask project behind the local IIS + ARR (waitress, wsgi_iis.py with ProxyFix) sees the public request', { skip }, async (t) => {
  const dir = tempDir('proxy-serve-flask');
  const r = cli(['new', dir, '--name', 'shop', '--bridge', 'proxy', '--url-prefix', '/sub']);
  assert.equal(r.status, 0, r.stderr);
  appendFileSync(join(dir, 'shop', '__init__.py'), [
    '', '', 'from flask import request', '', '',
    '@app.get("/whoami")',
    'def whoami():',
    '    return {"url": url_for("index", _external=True), "scheme": request.scheme, "host": request.host, "prefix": request.script_root, "client": request.remote_addr}',
    '',
  ].join('\n'));
  await withRun(dir, PYTHON!, async (url, output) => {
    assert.match(output, /\(proxy\) on http:\/\/127\.0\.0\.1:/);
    assert.match(output, /departs from IIS \+ ARR/);
    assert.match(output, /-m waitress --listen=127\.0\.0\.1:\d+ wsgi_iis:app/);
    await assertSeen(t, 'flask/waitress', url);
    const css = await send(url, '/sub/static/site.css');
    assert.equal(css.status, 200, 'the static file is served by "IIS", not proxied');
  });
});

test('a Django project behind the local IIS + ARR (waitress --trusted-proxy, iis_settings.py) sees the public request', { skip: skip || (!DJANGO && 'no Django for this Python') }, async (t) => {
  const dir = tempDir('proxy-serve-django');
  mkdirSync(join(dir, 'mysite'));
  writeFileSync(join(dir, 'manage.py'), 'import os\nimport sys\n\nif __name__ == "__main__":\n    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")\n    from django.core.management import execute_from_command_line\n    execute_from_command_line(sys.argv)\n');
  writeFileSync(join(dir, 'mysite', '__init__.py'), '');
  writeFileSync(join(dir, 'mysite', 'settings.py'), 'SECRET_KEY = "test-only"\nDEBUG = False\nALLOWED_HOSTS = ["public-host"]\nROOT_URLCONF = "mysite.urls"\nINSTALLED_APPS = []\nMIDDLEWARE = []\nDATABASES = {}\nUSE_TZ = True\n');
  writeFileSync(join(dir, 'mysite', 'urls.py'), [
    'from django.http import HttpResponse, JsonResponse',
    'from django.urls import path, reverse',
    '',
    '',
    'def index(request):',
    '    return HttpResponse("django")',
    '',
    '',
    'def whoami(request):',
    '    return JsonResponse({"url": request.build_absolute_uri(reverse("index")), "scheme": request.scheme, "host": request.get_host(), "prefix": request.META.get("SCRIPT_NAME", ""), "client": request.META["REMOTE_ADDR"]})',
    '',
    '',
    'urlpatterns = [path("", index, name="index"), path("whoami", whoami)]',
    '',
  ].join('\n'));
  writeFileSync(join(dir, 'mysite', 'wsgi.py'), 'import os\n\nfrom django.core.wsgi import get_wsgi_application\n\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")\n\napplication = get_wsgi_application()\n');
  const r = cli(['init', dir, '--bridge', 'proxy', '--url-prefix', '/sub']);
  assert.equal(r.status, 0, r.stderr);
  await withRun(dir, PYTHON!, async (url, output) => {
    assert.match(output, /--trusted-proxy=127\.0\.0\.1/);
    // reverse() puts SCRIPT_NAME (the prefix) in front: the index is https://public-host/sub/.
    const seen = await whoami(t, 'django/waitress', url, 'https://public-host/sub/whoami');
    assert.deepEqual(seen, { url: 'https://public-host/sub/', scheme: 'https', host: 'public-host', prefix: '/sub', client: '127.0.0.2' });
    const forged = await whoami(t, 'django (forged)', url, 'https://public-host/sub/whoami', { ...FORGED, 'X-Forwarded-Proto': 'http' });
    assert.deepEqual(forged, seen);
    const plain = await send(url, '/sub/whoami', { ...FORGED, Host: 'public-host' });
    assert.equal(plain.status, 200, plain.body);
    assert.deepEqual(JSON.parse(plain.body), { url: 'http://public-host/sub/', scheme: 'http', host: 'public-host', prefix: '/sub', client: '127.0.0.2' });
  });
});

test('a FastAPI app behind the local IIS + ARR (uvicorn, asgi_iis.py) sees the public request', { skip: skip || (!ASGI && 'no uvicorn and fastapi for this Python') }, async (t) => {
  const dir = tempDir('proxy-serve-fastapi');
  writeFileSync(join(dir, 'main.py'), [
    'from fastapi import FastAPI, Request',
    '',
    'app = FastAPI()',
    '',
    '',
    '@app.get("/")',
    'async def index():',
    '    return {"hello": "world"}',
    '',
    '',
    '@app.get("/whoami")',
    'async def whoami(request: Request):',
    '    return {"url": str(request.url_for("index")), "scheme": request.url.scheme, "host": request.headers["host"], "prefix": request.scope.get("root_path", ""), "client": request.client.host}',
    '',
  ].join('\n'));
  const r = cli(['init', dir, '--bridge', 'proxy', '--url-prefix', '/sub']);
  assert.equal(r.status, 0, r.stderr);
  await withRun(dir, PYTHON!, async (url, output) => {
    assert.match(output, /-m uvicorn --host 127\.0\.0\.1 --port \d+ --no-proxy-headers/);
    await assertSeen(t, 'fastapi/uvicorn', url);
  });
});
