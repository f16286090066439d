import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolve } from 'node:path';
import { loadTranslate } from '../../src/cli/l10n';
import { renderMessage } from '../../src/core/messages';
import { assertFires, assertSilent, covered } from './helpers';

const platform = (attrs: string, inner = '', settings = '') => `<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <system.webServer>
    <handlers>
      <add name="PythonHandler" path="*" verb="*" modules="httpPlatformHandler" resourceType="Unspecified" />
    </handlers>
    <httpPlatform processPath="C:\\app\\.venv\\Scripts\\python.exe" ${attrs}>${inner}</httpPlatform>
  </system.webServer>${settings}
</configuration>
`;
const project = (files: Record<string, string>) => ({ readText: (p: string) => files[p.replace(/\\/g, '/')] });

test('httpplatform-port-missing: hard-coded port, $HTTP_PLATFORM_PORT, nothing at all', () => {
  const hard = platform('arguments="-m waitress --port=8080 app:app"');
  assert.equal(covered(hard, assertFires('httpplatform-port-missing', hard)), '-m waitress --port=8080 app:app');
  const dollar = platform('arguments="-m waitress --port=$HTTP_PLATFORM_PORT app:app"');
  assert.equal(assertFires('httpplatform-port-missing', dollar).args['text'], '$HTTP_PLATFORM_PORT');
  assertFires('httpplatform-port-missing', platform(''));
  assertFires('httpplatform-port-missing', platform('arguments="run.py"'), { project: project({ 'run.py': 'app.run(port=5000)' }) });
});

test('httpplatform-port-missing: silent when the port reaches the process', () => {
  assertSilent('httpplatform-port-missing', platform('arguments="-m waitress --port=%HTTP_PLATFORM_PORT% app:app"'));
  assertSilent('httpplatform-port-missing', platform('arguments="run.py"', '<environmentVariables><environmentVariable name="PORT" value="%HTTP_PLATFORM_PORT%"/></environmentVariables>'));
  const run = "import os\nfrom waitress import serve\nfrom app import app\nserve(app, port=int(os.environ['HTTP_PLATFORM_PORT']))\n";
  assertSilent('httpplatform-port-missing', platform('arguments="run.py"'), { project: project({ 'run.py': run }) });
  assertSilent('httpplatform-port-missing', platform('arguments="C:\\inetpub\\site\\run.py"'), { project: project({ 'run.py': run }) });
});

test('httpplatform-port-missing: another program gets the port in its environment and may read it there: silent', () => {
  const other = (processPath: string, args: string) => platform(`arguments="${args}"`).replace('C:\\app\\.venv\\Scripts\\python.exe', processPath);
  // A real Azure shape (SonarQube on App Service): PowerShell runs a startup script that reads $env:HTTP_PLATFORM_PORT.
  assertSilent('httpplatform-port-missing', other('%SystemRoot%\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', '%home%\\site\\wwwroot\\HttpPlatformHandlerStartup.ps1'));
  assertSilent('httpplatform-port-missing', other('%home%\\site\\wwwroot\\startup.bat', ''));
  assertSilent('httpplatform-port-missing', other('C:\\Windows\\System32\\cmd.exe', '/c run.cmd'));
  assertSilent('httpplatform-port-missing', other('"C:\\Program Files\\nodejs\\node.exe"', 'server.js'));
  // Python's servers bind their own default port unless told: still an error.
  for (const launcher of ['C:\\app\\.venv\\Scripts\\waitress-serve.exe', 'C:\\app\\.venv\\Scripts\\uvicorn.exe', 'C:\\app\\.venv\\Scripts\\hypercorn', 'C:\\app\\.venv\\Scripts\\Flask.EXE']) {
    assertFires('httpplatform-port-missing', other(launcher, 'app:app'));
  }
  assertSilent('httpplatform-port-missing', other('C:\\app\\.venv\\Scripts\\waitress-serve.exe', '--port=%HTTP_PLATFORM_PORT% app:app'));
});

test('dev-server-in-production: flask run, runserver, FLASK_DEBUG, app.run() in the served script', () => {
  const flask = platform('arguments="-m flask run --port %HTTP_PLATFORM_PORT%"');
  assert.equal(assertFires('dev-server-in-production', flask).args['what'], 'flask run');
  assertFires('dev-server-in-production', platform('arguments="manage.py runserver %HTTP_PLATFORM_PORT%"'));
  const debug = platform('arguments="-m waitress --port=%HTTP_PLATFORM_PORT% app:app"', '<environmentVariables><environmentVariable name="FLASK_DEBUG" value="1"/></environmentVariables>');
  assert.equal(covered(debug, assertFires('dev-server-in-production', debug)), '1');
  const script = "import os\nfrom app import app\nif __name__ == '__main__':\n    app.run(port=int(os.environ['HTTP_PLATFORM_PORT']))\n";
  const inScript = assertFires('dev-server-in-production', platform('arguments="run.py"'), { project: project({ 'run.py': script }) });
  // A fragment, so zh-CN says it in Chinese (messageFragments.test.ts): not "app.run() in run.py" inside a Chinese sentence.
  assert.deepEqual([inScript.args['what'], inScript.args['script']], ['@devserver.appRunIn', 'run.py']);
  assert.match(renderMessage(inScript.messageKey, inScript.args), /^The served process is a development server: serve with waitress instead\. app\.run\(\) in run\.py is single-threaded/);
  const zh = loadTranslate('zh-cn', resolve(__dirname, '../../l10n'));
  assert.ok(renderMessage(inScript.messageKey, inScript.args, zh).includes('run.py 中的 app.run()'));
});

test('dev-server-in-production: silent for waitress and uvicorn', () => {
  assertSilent('dev-server-in-production', platform('arguments="-m waitress --port=%HTTP_PLATFORM_PORT% app:app"'));
  assertSilent('dev-server-in-production', platform('arguments="-m uvicorn main:app --port %HTTP_PLATFORM_PORT%"', '<environmentVariables><environmentVariable name="FLASK_DEBUG" value="0"/></environmentVariables>'));
});
