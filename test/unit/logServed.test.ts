/**
 * log-in-served-folder (issue 15): WSGI_LOG or stdoutLogFile inside a folder everyone can download from (a static
 * folder IIS serves, the Flask app's static folder) fires on the value; logs outside the site, in folders the
 * Python handler serves, or at paths that cannot be placed stay silent. Fixtures follow real configs (Azure's
 * %HOME%\LogFiles, static/web.config removing the handler, <location path="static">).
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { checkText, type CheckOptions } from '../../src/core/check';
import type { Finding } from '../../src/core/findings';
import type { PythonSupport } from '../../src/core/python';
import { nodeProjectFiles } from '../../src/node/python/projectFiles';
import { FASTCGI_HANDLER, makeProject, projectOptions, testSupport, wfastcgiConfig } from './pythonHelpers';

let support: PythonSupport;
before(async () => {
  support = await testSupport();
});

const CODE = 'log-in-served-folder';
const REMOVE = (inner: string) => `<?xml version="1.0" encoding="utf-8"?>\n<configuration>\n  <system.webServer>\n    <handlers>\n      ${inner}\n    </handlers>\n  </system.webServer>\n</configuration>\n`;
const log = (value: string) => `\n    <add key="WSGI_LOG" value="${value}" />`;

function logFindings(text: string, options: CheckOptions): Finding[] {
  const result = checkText(text, options);
  assert.deepEqual(result.internalErrors, []);
  return result.findings.filter((f) => f.code === CODE);
}

function onText(text: string, f: Finding): string {
  return text.slice(f.start, f.end);
}

test('WSGI_LOG in static\\ whose web.config removes the Python handler fires on the value', () => {
  const text = wfastcgiConfig('app.app', log('static\\wfastcgi.log'));
  const dir = makeProject('log-static-config', { 'web.config': text, 'app.py': 'from flask import Flask\napp = Flask(__name__)\n', 'static/web.config': REMOVE('<remove name="Python FastCGI" />'), 'static/site.css': 'body{}' });
  const [f, ...rest] = logFindings(text, { project: nodeProjectFiles(dir) });
  assert.equal(rest.length, 0);
  assert.equal(f!.messageKey, 'log.servedConfig');
  assert.equal(f!.args['folder'], 'static');
  assert.equal(f!.severity, 'warning');
  assert.equal(onText(text, f!), 'static\\wfastcgi.log');
});

test('an absolute WSGI_LOG below the site path, in a <location path="static"> that removes the handler, fires', () => {
  const location = `\n  <location path="static">\n    <system.webServer>\n      <handlers>\n        <remove name="Python FastCGI" />\n      </handlers>\n    </system.webServer>\n  </location>`;
  const text = wfastcgiConfig('app.app', log('C:\\inetpub\\wwwroot\\shop\\static\\logs\\wfastcgi.log')).replace('</configuration>', `${location}\n</configuration>`);
  const [f] = logFindings(text, { sitePath: 'C:\\inetpub\\wwwroot\\shop' });
  assert.equal(f?.messageKey, 'log.servedLocation');
  assert.equal(f?.args['folder'], 'static');
  // Without knowing where the site is on the server, the absolute path cannot be placed: silent.
  assert.deepEqual(logFindings(text, {}), []);
});

test('HttpPlatformHandler stdoutLogFile in a folder whose web.config clears the handlers fires', () => {
  const text = `<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <system.webServer>
    <handlers>
      <add name="httpplatformhandler" path="*" verb="*" modules="httpPlatformHandler" resourceType="Unspecified" requireAccess="Script" />
    </handlers>
    <httpPlatform processPath="C:\\Python312\\python.exe" arguments="-m waitress --port=%HTTP_PLATFORM_PORT% app:app" stdoutLogEnabled="true" stdoutLogFile=".\\public\\python.log" startupTimeLimit="60" />
  </system.webServer>
</configuration>
`;
  const dir = makeProject('log-hph-clear', { 'web.config': text, 'public/web.config': REMOVE('<clear />\n      <add name="StaticFile" path="*" verb="*" modules="StaticFileModule" resourceType="Either" requireAccess="Read" />') });
  const [f] = logFindings(text, { project: nodeProjectFiles(dir) });
  assert.equal(f?.messageKey, 'log.servedConfig');
  assert.equal(f?.args['what'], 'stdoutLogFile');
  assert.equal(onText(text, f!), '.\\public\\python.log');
});

test('a log in the Flask app\'s static folder fires even when IIS sends /static/ to Python (Flask serves it)', () => {
  const text = wfastcgiConfig('app.app', log('static\\wfastcgi.log'));
  const dir = makeProject('log-flask-static', { 'web.config': text, 'app.py': 'from flask import Flask\n\napp = Flask(__name__)\n\n@app.route("/")\ndef index():\n    return "hi"\n', 'static/site.css': 'body{}' });
  const [f] = logFindings(text, projectOptions(dir, support));
  assert.equal(f?.messageKey, 'log.servedFlask');
  assert.equal(f?.args['folder'], 'static');
});

test('silent: Azure\'s LogFiles, a logs folder the Python handler serves, a path outside the site, a %VAR% path', () => {
  const files = { 'app.py': 'from flask import Flask\napp = Flask(__name__)\n', 'logs/.keep': '', 'static/web.config': REMOVE('<remove name="Python FastCGI" />') };
  for (const value of ['D:\\home\\LogFiles\\wfastcgi.log', '%HOME%\\LogFiles\\wfastcgi.log', 'logs\\wfastcgi.log', '..\\logs\\wfastcgi.log', '%LOGDIR%\\static\\wfastcgi.log', '\\\\fileserver\\logs\\static\\w.log', 'C:\\inetpub\\logs\\shop\\wfastcgi.log']) {
    const text = wfastcgiConfig('app.app', log(value));
    const dir = makeProject('log-silent', { 'web.config': text, ...files });
    assert.deepEqual(logFindings(text, { ...projectOptions(dir, support), sitePath: 'C:\\inetpub\\wwwroot\\shop' }).map((f) => f.args['path']), [], value);
  }
});

test('silent: the static folder\'s web.config removes some other handler, not the Python one', () => {
  const text = wfastcgiConfig('app.app', log('static\\wfastcgi.log'), FASTCGI_HANDLER);
  const dir = makeProject('log-other-remove', { 'web.config': text, 'static/web.config': REMOVE('<remove name="WebDAV" />') });
  assert.deepEqual(logFindings(text, { project: nodeProjectFiles(dir) }), []);
});
