/** The checks of the other deployment systems' files: each code fires on the mistake and stays silent on the right file. */
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { renderMessage } from '../../src/core/messages';
import type { PythonSupport } from '../../src/core/python';
import { addressKey, checkServerFiles, stdoutWrites } from '../../src/core/servers/checks';
import { parseApache } from '../../src/core/servers/parsers/apache';
import { parseIni } from '../../src/core/servers/parsers/ini';
import { allDirectives, parseNginx } from '../../src/core/servers/parsers/nginx';
import { checkServerFolder } from '../../src/node/servers/serverFiles';
import { tempDir, testSupport } from './pythonHelpers';
import { cli } from './scaffoldHelpers';
import { IS_WINDOWS } from './platform';

let support: PythonSupport;
const withPython = async () => (support ??= await testSupport());

/** Codes per file of a project written to disk (with the Python-aware analysis). */
async function codesIn(name: string, files: Record<string, string>, modes: Record<string, number> = {}): Promise<Record<string, string[]>> {
  const dir = tempDir(name);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
    chmodSync(join(dir, path), modes[path] ?? 0o644);
  }
  const out: Record<string, string[]> = {};
  for (const r of checkServerFolder(dir, await withPython())) if (r.findings.length) out[r.path.slice(dir.length + 1).split('\\').join('/')] = r.findings.map((f) => f.code);
  return out;
}

const FLASK_APP = 'from flask import Flask\n\napp = Flask(__name__)\n\n\n@app.get("/")\ndef index():\n    return "hi"\n';
const SEED_WSGI = 'import sys\nsys.path.insert(0, "/var/www/yourapplication")\n\nfrom yourapplication import app as application\n';

test('wsgi-file-no-application: a .wsgi that names its app `app` fires; the seed\'s `import app as application` is silent', async () => {
  const fired = await codesIn('wsgi-noapp', { 'yourapplication/__init__.py': FLASK_APP, 'site.wsgi': 'from yourapplication import app\n' });
  assert.deepEqual(fired, { 'site.wsgi': ['wsgi-file-no-application'] });
  assert.deepEqual(await codesIn('wsgi-ok', { 'yourapplication/__init__.py': FLASK_APP, 'site.wsgi': SEED_WSGI }), {});
  assert.deepEqual(await codesIn('wsgi-def', { 'site.wsgi': 'def application(environ, start_response):\n    start_response("200 OK", [])\n    return [b"ok"]\n' }), {});
  // Without the parser, the same verdicts from the text.
  const plain = (text: string) => checkServerFiles({ files: [{ path: 'a.wsgi', text }] })[0]!.findings.map((f) => f.code);
  assert.deepEqual(plain('from yourapplication import app\n'), ['wsgi-file-no-application']);
  assert.deepEqual(plain(SEED_WSGI), []);
  const f = checkServerFiles({ files: [{ path: 'a.wsgi', text: 'from x import app\n' }] })[0]!.findings[0]!;
  assert.match(renderMessage(f.messageKey, f.args), /^a\.wsgi defines `app`, not `application`: import it as application\..*`… import app as application`/);
});

test('app-run-at-import: app.run() in the .wsgi, or in the module it imports, fires; under __main__ it is silent', async () => {
  const running = FLASK_APP + '\napp.run(debug=True)\n';
  assert.deepEqual(await codesIn('run-module', { 'yourapplication/__init__.py': running, 'site.wsgi': SEED_WSGI }), { 'site.wsgi': ['app-run-at-import'] });
  assert.deepEqual(await codesIn('run-entry', { 'yourapplication/__init__.py': FLASK_APP, 'site.wsgi': SEED_WSGI + 'application.run()\n' }), { 'site.wsgi': ['app-run-at-import'] });
  const guarded = FLASK_APP + '\nif __name__ == "__main__":\n    app.run(debug=True)\n';
  assert.deepEqual(await codesIn('run-guarded', { 'yourapplication/__init__.py': guarded, 'site.wsgi': SEED_WSGI }), {});
});

const SEED_CGI = '#!/usr/bin/python\nfrom wsgiref.handlers import CGIHandler\nfrom yourapplication import app\n\nCGIHandler().run(app)\n';

test('cgi-writes-stdout: print in the CGI script or in the app it imports fires; set aside first, or to stderr, it is silent', async () => {
  const noisy = FLASK_APP.replace('return "hi"', 'return "hi"\n\n\nprint("loaded")');
  assert.deepEqual(await codesIn('cgi-print-module', { 'yourapplication/__init__.py': noisy, 'app.cgi': SEED_CGI }, { 'app.cgi': 0o755 }), { 'app.cgi': ['cgi-writes-stdout'] });
  assert.deepEqual(await codesIn('cgi-print-self', { 'yourapplication/__init__.py': FLASK_APP, 'app.cgi': SEED_CGI.replace('CGIHandler().run', 'print("Content-Type: text/html")\nsys.stdout.write("x")\nCGIHandler().run') }, { 'app.cgi': 0o755 }), { 'app.cgi': ['cgi-writes-stdout', 'cgi-writes-stdout'] });
  const setAside = '#!/usr/bin/python\nimport sys\nfrom wsgiref.handlers import CGIHandler\n\nhandler = CGIHandler()\nsys.stdout = sys.stderr\nfrom yourapplication import app\n\nhandler.run(app)\n';
  assert.deepEqual(await codesIn('cgi-aside', { 'yourapplication/__init__.py': noisy, 'app.cgi': setAside }, { 'app.cgi': 0o755 }), {});
  assert.deepEqual(stdoutWrites('import sys\nprint("x", file=sys.stderr)\n# print("no")\ns = "print(1)"\n'), []);
});

test('shebang-not-venv: env python, a system python next to the project\'s venv, no #! at all fire; the venv\'s python is silent', async () => {
  const venv = { '.venv/pyvenv.cfg': 'home = /usr/bin\n', 'yourapplication/__init__.py': FLASK_APP };
  const fcgi = (shebang: string) => `${shebang}from flup.server.fcgi import WSGIServer\nfrom yourapplication import app\n\nif __name__ == "__main__":\n    WSGIServer(app).run()\n`;
  assert.deepEqual(await codesIn('shebang-env', { ...venv, 'app.fcgi': fcgi('#!/usr/bin/env python3\n') }, { 'app.fcgi': 0o755 }), { 'app.fcgi': ['shebang-not-venv'] });
  assert.deepEqual(await codesIn('shebang-system', { ...venv, 'app.fcgi': fcgi('#!/usr/bin/python\n') }, { 'app.fcgi': 0o755 }), { 'app.fcgi': ['shebang-not-venv'] });
  assert.deepEqual(await codesIn('shebang-none', { ...venv, 'app.fcgi': fcgi('') }, { 'app.fcgi': 0o755 }), { 'app.fcgi': ['shebang-not-venv'] });
  assert.deepEqual(await codesIn('shebang-venv', { ...venv, 'app.fcgi': fcgi('#!/var/www/yourapplication/.venv/bin/python\n') }, { 'app.fcgi': 0o755 }), {});
});

test('script-not-executable: a .fcgi / .cgi without its execute bit fires; chmod +x silences it', async () => {
  const files = { 'yourapplication/__init__.py': FLASK_APP, 'app.cgi': SEED_CGI };
  // Windows has no execute bit to read: the check says nothing there (below), so the files on disk fire only elsewhere.
  assert.deepEqual(await codesIn('noexec', files, { 'app.cgi': 0o644 }), IS_WINDOWS ? {} : { 'app.cgi': ['script-not-executable'] });
  assert.deepEqual(await codesIn('exec', files, { 'app.cgi': 0o755 }), {});
  // Where the file system shows no bit (Windows): nothing is said.
  assert.deepEqual(checkServerFiles({ files: [{ path: 'a.cgi', text: SEED_CGI }] })[0]!.findings.map((f) => f.code), []);
});

const SEED_NGINX = 'server {\n    listen 80;\n    server_name _;\n\n    location / {\n        proxy_pass         http://127.0.0.1:8000/;\n        proxy_redirect     off;\n        proxy_set_header   Host             $host;\n        proxy_set_header   X-Forwarded-For  $proxy_add_x_forwarded_for;\n    }\n}\n';
const GUNICORN_UNIT = '[Service]\nUser=www-data\nWorkingDirectory=/var/www/app\nExecStart=/var/www/app/.venv/bin/gunicorn -w 4 -b 127.0.0.1:4000 yourapplication:app\n';
const PROXYFIX_APP = FLASK_APP + '\nfrom werkzeug.middleware.proxy_fix import ProxyFix\napp.wsgi_app = ProxyFix(app.wsgi_app, x_for=1)\n';

test('upstream-not-bound: nginx proxy_pass to a port gunicorn does not bind fires; the same port (or an upstream block) is silent', async () => {
  assert.deepEqual(await codesIn('up-port', { 'app.py': PROXYFIX_APP, 'deploy/nginx.conf': SEED_NGINX, 'deploy/app.service': GUNICORN_UNIT }), { 'deploy/nginx.conf': ['upstream-not-bound'] });
  assert.deepEqual(await codesIn('up-port-ok', { 'app.py': PROXYFIX_APP, 'deploy/nginx.conf': SEED_NGINX, 'deploy/app.service': GUNICORN_UNIT.replace('4000', '8000') }), {});
  const upstream = 'upstream backend {\n    server localhost:8000;\n}\nserver {\n    location / { proxy_pass http://backend; }\n}\n';
  assert.deepEqual(await codesIn('up-block', { 'app.py': PROXYFIX_APP, 'nginx/site.conf': upstream, 'gunicorn.conf.py': 'bind = "0.0.0.0:8000"\nworkers = 3\n' }), {});
  const uwsgiNginx = 'server {\n    location / { try_files $uri @app; }\n    location @app {\n        include uwsgi_params;\n        uwsgi_pass unix:/tmp/uwsgi.sock;\n    }\n}\n';
  assert.deepEqual(await codesIn('up-sock', { 'nginx.conf': uwsgiNginx, 'uwsgi.ini': '[uwsgi]\nmodule = myapp:app\nsocket = /tmp/myapp.sock\n' }), { 'nginx.conf': ['upstream-not-bound'] });
  assert.deepEqual(await codesIn('up-sock-ok', { 'nginx.conf': uwsgiNginx, 'uwsgi.ini': '[uwsgi]\nmodule = myapp:app\nsocket = /tmp/uwsgi.sock\n' }), {});
  // Nothing on the app side is known: nothing is said.
  assert.deepEqual(await codesIn('up-unknown', { 'nginx.conf': uwsgiNginx }), {});
});

test('ProxyFix: present without any proxy in the configs fires; absent behind nginx\'s proxy_pass fires; right in both places is silent', async () => {
  const vhost = '<VirtualHost *>\n    WSGIScriptAlias / /var/www/yourapplication/yourapplication.wsgi\n</VirtualHost>\n';
  assert.deepEqual(await codesIn('pf-noproxy', { 'yourapplication/__init__.py': PROXYFIX_APP, 'site.wsgi': SEED_WSGI, 'apache.conf': vhost }), { 'yourapplication/__init__.py': ['proxyfix-without-proxy'] });
  assert.deepEqual(await codesIn('pf-missing', { 'app.py': FLASK_APP, 'nginx.conf': SEED_NGINX, 'app.service': GUNICORN_UNIT.replace('4000', '8000') }), { 'nginx.conf': ['proxyfix-missing-behind-proxy'] });
  assert.deepEqual(await codesIn('pf-ok', { 'app.py': PROXYFIX_APP, 'nginx.conf': SEED_NGINX, 'app.service': GUNICORN_UNIT.replace('4000', '8000') }), {});
  assert.deepEqual(await codesIn('pf-mod-wsgi', { 'yourapplication/__init__.py': FLASK_APP, 'site.wsgi': SEED_WSGI, 'apache.conf': vhost }), {});
});

test('server-config-not-understood: an nginx file cut short, an Apache section never closed are said, not guessed', async () => {
  assert.deepEqual(await codesIn('nu-nginx', { 'nginx.conf': 'server {\n    location / {\n        proxy_pass http://127.0.0.1:8000;\n' }), { 'nginx.conf': ['server-config-not-understood'] });
  assert.deepEqual(await codesIn('nu-apache', { 'site.conf': '<VirtualHost *:80>\n    WSGIScriptAlias / /srv/a.wsgi\n' }), { 'site.conf': ['server-config-not-understood'] });
});

test('parsers: nginx directives with blocks, quotes and comments; Apache sections; ini values; addresses', () => {
  const n = parseNginx('# c\nserver { listen 80; location / { proxy_set_header Host "$host"; uwsgi_pass unix:/run/a.sock; } }\n');
  assert.deepEqual(n.problems, []);
  const names = [...allDirectives(n.directives)].map(({ d, parents }) => `${parents.map((p) => p.name).join('>')}>${d.name}`);
  assert.deepEqual(names, ['>server', 'server>listen', 'server>location', 'server>location>proxy_set_header', 'server>location>uwsgi_pass']);
  assert.equal(parseNginx('a "b;').problems[0]!.what, 'unterminatedString');
  assert.equal(parseNginx('}').problems[0]!.what, 'closesNoBlock');
  const a = parseApache('<VirtualHost *>\n  # x\n  ScriptAlias / "/path with/app.cgi/"\n</VirtualHost>\n</Directory>\n');
  assert.deepEqual(a.directives.map((d) => [d.name, d.args.map((x) => x.value), d.sections]), [['<VirtualHost', ['*'], []], ['ScriptAlias', ['/', '/path with/app.cgi/'], ['VirtualHost']]]);
  assert.equal(a.problems.length, 1);
  const ini = parseIni('[uwsgi]\nsocket = /tmp/a.sock\n; c\nExecStart=/x \\\n  --bind 1:2\ngarbage\n');
  assert.deepEqual(ini.entries.map((e) => [e.key, e.value]), [['socket', '/tmp/a.sock'], ['ExecStart', '/x    --bind 1:2']]);
  assert.equal(ini.problems.length, 1);
  const text = '[uwsgi]\nsocket = /tmp/a.sock\n';
  const e = parseIni(text).entries[0]!;
  assert.equal(text.slice(e.start, e.end), '/tmp/a.sock');
  assert.equal(addressKey('http://localhost:8000/'), 'loopback:8000');
  assert.equal(addressKey('0.0.0.0:8000'), '*:8000');
  assert.equal(addressKey('unix:/run/a.sock'), 'unix:/run/a.sock');
  assert.equal(addressKey('http://$backend'), undefined);
});

test('every generated target checks clean (flask-iis init --server, then flask-iis check)', () => {
  const dir = tempDir('servers-clean');
  for (const target of ['mod_wsgi', 'gunicorn-nginx', 'uwsgi-nginx', 'fastcgi-flup', 'cgi']) {
    const sub = join(dir, target);
    assert.equal(cli(['new', sub, '--server', target, '--name', 'shop', '--site-path', '/srv/shop', '--python', '/srv/shop/.venv/bin/python']).status, 0);
    mkdirSync(join(sub, '.venv'));
    writeFileSync(join(sub, '.venv/pyvenv.cfg'), 'home = /usr/bin\n');
    const r = cli(['check', sub, '--format', 'json']);
    assert.equal(r.status, 0, `${target}: ${r.stdout}${r.stderr}`);
    const json = JSON.parse(r.stdout) as { files: { path: string; diagnostics: { code: string }[] }[] };
    assert.deepEqual(json.files.flatMap((f) => f.diagnostics.map((d) => `${f.path}: ${d.code}`)), [], target);
    assert.ok(json.files.some((f) => /\.(wsgi|cgi|fcgi|conf|py)$/.test(f.path)), `${target}: its files were checked`);
  }
});

test('flask-iis check on the seed\'s own examples: the mistakes it warns about are found', () => {
  const dir = tempDir('servers-seed');
  writeFileSync(join(dir, 'yourapplication.py'), FLASK_APP + '\napp.run()\n');
  writeFileSync(join(dir, 'yourapplication.fcgi'), '#!/usr/bin/python\nfrom flup.server.fcgi import WSGIServer\nfrom yourapplication import app\n\nif __name__ == \'__main__\':\n    WSGIServer(app).run()\n', { mode: 0o644 });
  const r = cli(['check', dir]);
  assert.equal(r.status, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /yourapplication\.fcgi:\d+:\d+: warning app-run-at-import/);
  if (IS_WINDOWS) assert.doesNotMatch(r.stdout, /script-not-executable/, 'no execute bit on Windows: nothing said');
  else assert.match(r.stdout, /yourapplication\.fcgi:1:1: error script-not-executable/);
});
