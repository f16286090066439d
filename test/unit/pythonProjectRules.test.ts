/** The project around the handler: pythonpath-not-found, venv-not-used, static-files-through-python, app-run-at-import. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, test } from 'node:test';
import type { PythonSupport } from '../../src/core/python';
import { checkProject, codesOf, makeProject, PROJECTS, testSupport, wfastcgiConfig } from './pythonHelpers';

let support: PythonSupport;
before(async () => {
  support = await testSupport();
});

function all(dir: string, code: string) {
  const { text, findings } = checkProject(dir, support);
  return findings.filter((f) => f.code === code).map((f) => ({ f, covered: text.slice(f.start, f.end) }));
}

const pythonPath = (value: string) => `\n    <add key="PYTHONPATH" value="${value}" />`;

test('pythonpath-not-found: each missing relative entry, after %VAR% expansion from other appSettings', () => {
  const dir = makeProject('pp-missing', {
    'web.config': wfastcgiConfig('app.app', `${pythonPath('src;%LIBDIR%;missing;  spaced')}\n    <add key="LIBDIR" value="lib" />`), 'src/.keep': '',
  }, 'module-layout');
  const found = all(dir, 'pythonpath-not-found');
  // "  spaced" is pythonpath-separator's (surrounding space): one problem, one finding.
  assert.deepEqual(found.map((x) => x.covered), ['%LIBDIR%', 'missing']);
  assert.equal(all(dir, 'pythonpath-separator').length, 1);
  assert.match(String(found[1]!.f.args['resolved']), /pp-missing[\\/]missing"$/);
});

test('pythonpath-not-found: silent on existing folders, server variables and (off Windows) absolute Windows paths', () => {
  const dir = makeProject('pp-ok', { 'web.config': wfastcgiConfig('app.app', pythonPath('.;src;..;%SYSTEMDRIVE%\\python;C:\\inetpub\\lib;\\\\server\\share;;')), 'src/x.py': '' }, 'module-layout');
  assert.deepEqual(all(dir, 'pythonpath-not-found'), []);
  assert.deepEqual(all(join(PROJECTS, 'src-layout'), 'pythonpath-not-found'), []);
});

const VENV = { '.venv/pyvenv.cfg': 'home = C:\\Python311\ninclude-system-site-packages = false\nversion = 3.11.7\n' };

test('venv-not-used: the project has a venv but scriptProcessor / processPath start another interpreter', () => {
  const fastcgi = all(makeProject('venv-fastcgi', VENV, 'module-layout'), 'venv-not-used');
  assert.equal(fastcgi.length, 1);
  assert.equal(fastcgi[0]!.covered, 'C:\\Python311\\python.exe');
  assert.equal(fastcgi[0]!.f.args['base'], '@py.venvNotUsed.base');
  assert.match(fastcgi[0]!.f.related[0]?.path ?? '', /\.venv[\\/]pyvenv\.cfg$/);
  const platform = all(makeProject('venv-platform', VENV, 'httpplatform'), 'venv-not-used');
  assert.equal(platform[0]?.covered, 'C:\\Python311\\python.exe');
  assert.equal(platform[0]?.f.args['attribute'], 'processPath');
});

test('venv-not-used: silent when the venv\'s interpreter is used, or there is no venv', () => {
  const handler = '<add name="Python FastCGI" path="*" verb="*" modules="FastCgiModule" scriptProcessor="C:\\inetpub\\site\\.venv\\Scripts\\python.exe|C:\\inetpub\\site\\.venv\\Lib\\site-packages\\wfastcgi.py" resourceType="Unspecified" />';
  assert.deepEqual(all(makeProject('venv-used', { ...VENV, 'web.config': wfastcgiConfig('app.app', '', handler) }, 'module-layout'), 'venv-not-used'), []);
  assert.deepEqual(all(join(PROJECTS, 'module-layout'), 'venv-not-used'), []);
});

test('static-files-through-python: Flask static folder without an exclusion, or removed under another name', () => {
  const bare = all(makeProject('static-bare', { 'static/web.config': '<configuration/>\n' }, 'module-layout'), 'static-files-through-python');
  assert.equal(bare.length, 1);
  assert.equal(bare[0]!.covered, 'Python FastCGI');
  assert.equal(bare[0]!.f.args['url'], 'static');
  const wrong = all(makeProject('static-wrong', {
    'static/web.config': '<configuration><system.webServer><handlers><remove name="PythonHandler" /></handlers></system.webServer></configuration>',
  }, 'module-layout'), 'static-files-through-python');
  assert.equal(wrong[0]?.f.messageKey, 'py.staticWrongName');
  assert.equal(wrong[0]?.f.args['removed'], 'PythonHandler');
  assert.equal(wrong[0]?.f.related.length, 1);
  const custom = all(makeProject('static-custom', {
    'web.config': wfastcgiConfig('site.app'), 'site.py': 'from flask import Flask\napp = Flask(__name__, static_folder="assets", static_url_path="/files")\n', 'assets/a.js': '',
  }), 'static-files-through-python');
  assert.deepEqual([custom[0]?.f.args['folder'], custom[0]?.f.args['url']], ['assets', 'files']);
});

test('static-files-through-python: silent with a static web.config, a <location>, or no static folder; a rewrite rule with action None is no exclusion', () => {
  assert.deepEqual(all(join(PROJECTS, 'module-layout'), 'static-files-through-python'), []);
  const location = '\n  <location path="static">\n    <system.webServer>\n      <handlers>\n        <clear />\n      </handlers>\n    </system.webServer>\n  </location>';
  const withLocation = wfastcgiConfig('app.app').replace('</configuration>', `${location}\n</configuration>`);
  assert.deepEqual(all(makeProject('static-location', { 'web.config': withLocation, 'static/web.config': '<configuration/>' }, 'module-layout'), 'static-files-through-python'), []);
  const rewrite = wfastcgiConfig('app.app').replace('</handlers>', '</handlers>\n    <rewrite><rules><rule name="static" stopProcessing="true"><match url="^static/.*" /><action type="None" /></rule></rules></rewrite>');
  // A rule that only stops rewriting (action None) leaves the handler mapping as it is: path="*" still sends /static/ to Python.
  assert.equal(all(makeProject('static-rewrite', { 'web.config': rewrite, 'static/web.config': '<configuration/>' }, 'module-layout'), 'static-files-through-python').length, 1);
  for (const sample of ['package-layout', 'factory', 'src-layout']) assert.deepEqual(all(join(PROJECTS, sample), 'static-files-through-python'), [], sample);
});

test('app-run-at-import: .run( at module level in the handler module, its package or what it imports', () => {
  const direct = all(makeProject('run-direct', { 'app.py': 'from flask import Flask\napp = Flask(__name__)\napp.run(host="0.0.0.0", port=5000)\n' }, 'module-layout'), 'app-run-at-import');
  assert.equal(direct.length, 1);
  assert.equal(direct[0]!.covered, 'app');
  assert.equal(direct[0]!.f.args['line'], 3);
  assert.equal(direct[0]!.f.args['callee'], 'app.run');
  const imported = all(makeProject('run-imported', { 'shop/views.py': 'from . import app\nfrom .sockets import socketio\n', 'shop/sockets.py': 'socketio = object()\nsocketio.run(app)\n' }, 'package-layout'), 'app-run-at-import');
  assert.equal(imported[0]?.f.args['file'], 'shop/sockets.py');
  const serve = all(makeProject('run-serve', { 'web.config': wfastcgiConfig('srv.app'), 'srv.py': 'from waitress import serve\nfrom flask import Flask\napp = Flask(__name__)\nif True:\n    serve(app)\n' }), 'app-run-at-import');
  assert.equal(serve.length, 1);
});

test('app-run-at-import: silent under if __name__ == "__main__", inside functions, and for subprocess.run', () => {
  assert.deepEqual(all(join(PROJECTS, 'module-layout'), 'app-run-at-import'), []);
  const dir = makeProject('run-silent', {
    'web.config': wfastcgiConfig('quiet.app'),
    'quiet.py': 'import subprocess\nfrom flask import Flask\napp = Flask(__name__)\nsubprocess.run(["true"])\n\ndef main():\n    app.run()\n\nif "__main__" == __name__:\n    app.run()\n',
  });
  assert.deepEqual(all(dir, 'app-run-at-import'), []);
  assert.deepEqual(codesOf(checkProject(dir, support).findings).filter((c) => c.startsWith('wsgi-handler')), []);
});
