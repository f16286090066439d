/** Issue 11 §4: problems real web.config files have. Each pattern fires where it should and is silent where it is absent or right. */
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { nodeProjectFiles } from '../../src/node/python/projectFiles';
import { assertFires, assertSilent, covered, findings } from './helpers';

const wfastcgi = (sp: string, settings = '<add key="WSGI_HANDLER" value="app.app" />') => `<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <appSettings>
    ${settings}
  </appSettings>
  <system.webServer>
    <handlers>
      <add name="Python FastCGI"
           path="*"
           verb="*"
           modules="FastCgiModule"
           scriptProcessor="${sp}"
           resourceType="Unspecified"
           requireAccess="Script" />
    </handlers>
  </system.webServer>
</configuration>
`;
const SP = 'C:\\inetpub\\flaskapp\\venv\\Scripts\\python.exe|C:\\inetpub\\flaskapp\\venv\\Lib\\site-packages\\wfastcgi.py';

test('scriptProcessor wrapped over two lines (or with stray spaces) inside a half: the registration never matches', () => {
  const wrapped = wfastcgi('C:\\inetpub\\flaskapp\\venv\\Scripts\\python.exe|C:\\inetpub\\flaskapp\\venv\\Lib\\\n                 site-packages\\wfastcgi.py');
  const f = assertFires('scriptprocessor-malformed', wrapped);
  assert.equal(f.messageKey, 'sp.spaceInside');
  assert.match(covered(wrapped, f), /^\n\s+$/);
  assertFires('scriptprocessor-malformed', wfastcgi('C:\\Python311\\python.exe|C:\\Python311\\Lib\\site-packages \\wfastcgi.py'));
  assertFires('scriptprocessor-malformed', wfastcgi('C:\\Python311\\\tpython.exe|C:\\Python311\\Lib\\site-packages\\wfastcgi.py'));
  // One finding for the wrapped half, not also "not a python.exe".
  const exeWrapped = wfastcgi('C:\\Python311\\\n   python.exe|C:\\Python311\\Lib\\site-packages\\wfastcgi.py');
  assert.deepEqual(findingsOf('scriptprocessor-malformed', exeWrapped), ['sp.spaceInside']);
  assertSilent('scriptprocessor-malformed', wfastcgi(SP));
  assertSilent('scriptprocessor-malformed', wfastcgi('C:\\Program Files\\Python311\\python.exe|C:\\Program Files\\Python311\\Lib\\site-packages\\wfastcgi.py'));
});

function findingsOf(code: string, text: string): string[] {
  return findings(text).filter((f) => f.code === code).map((f) => f.messageKey);
}

test('DJANGO_SETTINGS_MODULE that is a file path or has a .py suffix', () => {
  const django = (value: string) => wfastcgi(SP, `<add key="WSGI_HANDLER" value="django.core.wsgi.get_wsgi_application()" />\n    <add key="PYTHONPATH" value="E:\\proj" />\n    <add key="DJANGO_SETTINGS_MODULE" value="${value}" />`);
  const path = django('E:\\proj\\proj\\settings.py');
  const f = assertFires('django-settings-module-invalid', path);
  assert.equal(f.args['suggestion'], 'proj.settings');
  assert.equal(covered(path, f), 'E:\\proj\\proj\\settings.py');
  assert.equal(assertFires('django-settings-module-invalid', django('proj.settings.py')).args['suggestion'], 'proj.settings');
  assertSilent('django-settings-module-invalid', django('proj.settings'));
  assertSilent('django-settings-module-invalid', django('config.settings.production'));
  const platform = `<?xml version="1.0"?>
<configuration>
  <system.webServer>
    <handlers><add name="PythonHandler" path="*" verb="*" modules="httpPlatformHandler" resourceType="Unspecified"/></handlers>
    <httpPlatform processPath="C:\\sites\\portal\\.venv\\Scripts\\python.exe" arguments="-m waitress --port=%HTTP_PLATFORM_PORT% portal.wsgi:application">
      <environmentVariables>
        <environmentVariable name="DJANGO_SETTINGS_MODULE" value="portal/settings.py" />
      </environmentVariables>
    </httpPlatform>
  </system.webServer>
</configuration>
`;
  assertFires('django-settings-module-invalid', platform);
});

test('WSGI_ALT_VIRTUALENV_* set while WSGI_HANDLER names the app: the virtual environment is never activated', () => {
  const alt = '<add key="WSGI_ALT_VIRTUALENV_HANDLER" value="FlaskWebProject1.app" />\n    <add key="WSGI_ALT_VIRTUALENV_ACTIVATE_THIS" value="D:\\home\\site\\wwwroot\\env\\Scripts\\activate_this.py" />';
  const bypass = wfastcgi('D:\\Python34\\python.exe|D:\\Python34\\Scripts\\wfastcgi.py', `${alt}\n    <add key="WSGI_HANDLER" value="FlaskWebProject1.app" />`);
  const f = assertFires('virtualenv-proxy-bypassed', bypass);
  assert.equal(covered(bypass, f), 'FlaskWebProject1.app');
  assert.equal(f.related.length, 2);
  assertSilent('virtualenv-proxy-bypassed', wfastcgi('D:\\Python34\\python.exe|D:\\Python34\\Scripts\\wfastcgi.py', `${alt}\n    <add key="WSGI_HANDLER" value="ptvs_virtualenv_proxy.get_virtualenv_handler()" />`));
  // scriptProcessor already starts the venv's own python: the settings are leftovers, the venv is in use.
  assertSilent('virtualenv-proxy-bypassed', wfastcgi('D:\\home\\site\\wwwroot\\env\\Scripts\\python.exe|D:\\home\\site\\wwwroot\\env\\Lib\\site-packages\\wfastcgi.py', `${alt}\n    <add key="WSGI_HANDLER" value="FlaskWebProject1.app" />`));
  assertSilent('virtualenv-proxy-bypassed', wfastcgi(SP));
});

function project(files: Record<string, string>): { dir: string; done: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'flask-iis-rw-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return { dir, done: () => rmSync(dir, { recursive: true, force: true }) };
}

const platform = (args: string, env = '', processPath = 'C:\\inetpub\\api\\.venv\\Scripts\\python.exe') => `<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <system.webServer>
    <handlers>
      <add name="PythonHandler" path="*" verb="*" modules="httpPlatformHandler" resourceType="Unspecified"/>
    </handlers>
    <httpPlatform processPath="${processPath}"
                  arguments="${args}"
                  stdoutLogEnabled="true"
                  stdoutLogFile=".\\logs\\python.log"
                  startupTimeLimit="60">
      <environmentVariables>${env}
      </environmentVariables>
    </httpPlatform>
  </system.webServer>
</configuration>
`;
const PORT_ENV = '\n        <environmentVariable name="PORT" value="%HTTP_PLATFORM_PORT%" />';

test('HttpPlatformHandler: the served script binds a literal port and never reads the one passed (502.3)', () => {
  const p = project({
    'main.py': 'from waitress import serve\nfrom api import app\n\nif __name__ == "__main__":\n    serve(app, host="127.0.0.1", port=8000)\n',
    'good.py': 'import os\nfrom waitress import serve\nfrom api import app\n\nserve(app, port=int(os.environ.get("PORT", 8000)))\n',
    'cli.py': 'import sys\nfrom api import app\n\nif __name__ == "__main__":\n    app.run(port=5000) if len(sys.argv) < 2 else app.run(port=int(sys.argv[1]))\n',
  });
  try {
    const options = { project: nodeProjectFiles(p.dir) };
    const text = platform('main.py', PORT_ENV);
    const f = assertFires('httpplatform-port-missing', text, options);
    assert.equal(f.messageKey, 'platform.scriptPortLiteral');
    assert.equal(f.args['port'], '8000');
    assert.equal(f.args['line'], 5);
    assertSilent('httpplatform-port-missing', platform('good.py', PORT_ENV), options);
    assertSilent('httpplatform-port-missing', platform('cli.py %HTTP_PLATFORM_PORT%'), options);
    assertSilent('httpplatform-port-missing', platform('-m waitress --port=%HTTP_PLATFORM_PORT% api:app'), options);
    // The script is not at hand: no opinion.
    assertSilent('httpplatform-port-missing', platform('main.py', PORT_ENV));
  } finally {
    p.done();
  }
});

test('flask/django development servers read as an argv: options before run', () => {
  const what = (text: string) => assertFires('dev-server-in-production', text).args['what'];
  assert.equal(what(platform('-m flask --app shop run --port %HTTP_PLATFORM_PORT%')), 'flask run');
  assert.equal(what(platform('-A shop --debug run --port %HTTP_PLATFORM_PORT%', '', 'C:\\inetpub\\shop\\venv\\Scripts\\flask.exe')), 'flask run');
  assert.equal(what(platform('-u manage.py --settings=mysite.prod runserver %HTTP_PLATFORM_PORT%')), 'manage.py runserver');
  assert.equal(what(platform('&quot;C:\\inetpub\\my site\\manage.py&quot; runserver %HTTP_PLATFORM_PORT%')), 'manage.py runserver');
  assertSilent('dev-server-in-production', platform('-m flask --app shop routes'));
  assertSilent('dev-server-in-production', platform('-m waitress --port=%HTTP_PLATFORM_PORT% shop:app'));
  assertSilent('dev-server-in-production', platform('-m uvicorn main:app --port %HTTP_PLATFORM_PORT%'));
});

test('paths under a user profile: interpreter, wfastcgi.py, PYTHONPATH, WSGI_LOG, the venv\'s base Python', () => {
  const user = 'C:\\Users\\Ayush\\AppData\\Local\\Programs\\Python\\Python313';
  const text = wfastcgi(`${user}\\python.exe|${user}\\Lib\\site-packages\\wfastcgi.py`);
  const f = assertFires('path-under-user-profile', text);
  assert.equal(f.args['path'], `${user}\\python.exe`);
  assert.equal(findings(text).filter((x) => x.code === 'path-under-user-profile').length, 1, 'one finding for the scriptProcessor');
  assertFires('path-under-user-profile', wfastcgi(SP, '<add key="WSGI_HANDLER" value="app.app" />\n    <add key="PYTHONPATH" value="C:\\inetpub\\flaskapp;C:\\Users\\dev\\Desktop\\libs" />'));
  assertFires('path-under-user-profile', wfastcgi(SP, '<add key="WSGI_HANDLER" value="app.app" />\n    <add key="WSGI_LOG" value="%LOCALAPPDATA%\\wfastcgi.log" />'));
  assertFires('path-under-user-profile', platform('-m waitress --port=%HTTP_PLATFORM_PORT% app:app', '', 'C:\\Users\\dev\\AppData\\Local\\Microsoft\\WindowsApps\\python.exe'));
  assertSilent('path-under-user-profile', wfastcgi(SP));
  assertSilent('path-under-user-profile', wfastcgi('D:\\home\\Python39\\python.exe|D:\\home\\Python39\\wfastcgi.py'));
  assertSilent('path-under-user-profile', wfastcgi(SP, '<add key="WSGI_HANDLER" value="app.app" />\n    <add key="PYTHONPATH" value="C:\\Users\\Public\\shared" />'));
  const p = project({ 'venv/pyvenv.cfg': 'home = C:\\Users\\dave\\.pyenv\\pyenv-win\\versions\\3.10.0\ninclude-system-site-packages = false\nversion = 3.10.0\n' });
  try {
    const venv = wfastcgi(SP);
    const g = assertFires('path-under-user-profile', venv, { project: nodeProjectFiles(p.dir) });
    assert.equal(g.messageKey, 'profile.venvHome');
  } finally {
    p.done();
  }
});

test('<httpErrors errorMode="Detailed">: tracebacks and paths shown to every client', () => {
  const text = wfastcgi(SP).replace('</handlers>', '</handlers>\n    <httpErrors errorMode="Detailed" />');
  assert.equal(covered(text, assertFires('http-errors-detailed', text)), 'Detailed');
  assertSilent('http-errors-detailed', text.replace('"Detailed"', '"DetailedLocalOnly"'));
  assertSilent('http-errors-detailed', text.replace(' errorMode="Detailed"', ' existingResponse="PassThrough"'));
});

test('static exclusions that do nothing: an empty <location path="static">, a rule that can never match', () => {
  const empty = wfastcgi(SP).replace('</configuration>', '  <location path="static">\n  </location>\n</configuration>');
  assert.equal(covered(empty, assertFires('static-exclusion-ineffective', empty)), 'static');
  assertFires('static-exclusion-ineffective', wfastcgi(SP).replace('</configuration>', '  <location path="static">\n    <system.webServer>\n      <handlers />\n    </system.webServer>\n  </location>\n</configuration>'));
  assertSilent('static-exclusion-ineffective', wfastcgi(SP).replace('</configuration>', '  <location path="static">\n    <system.webServer>\n      <handlers>\n        <remove name="Python FastCGI" />\n      </handlers>\n    </system.webServer>\n  </location>\n</configuration>'));
  const rule = (url: string) => wfastcgi(SP).replace('</handlers>', `</handlers>
    <rewrite>
      <rules>
        <rule name="Static Files" stopProcessing="true">
          <match url="${url}" ignoreCase="true" />
          <action type="None" />
        </rule>
      </rules>
    </rewrite>`);
  const f = assertFires('rewrite-rule-never-matches', rule('^/static/.*'));
  assert.equal(f.args['fixed'], '^static/.*');
  assertFires('rewrite-rule-never-matches', rule('^\\/static\\/(.*)'));
  assertSilent('rewrite-rule-never-matches', rule('^static/.*'));
  assertSilent('rewrite-rule-never-matches', rule('(.*)'));
});

test('quick fixes for the new codes: one replaced value, and none where the right value is not known', async () => {
  const { checkText } = await import('../../src/core/check');
  const { fixesFor } = await import('../../src/core/editing/fixes');
  const { applyEdits } = await import('./editingHelpers');
  const fixed = (text: string, code: string, options = {}) => {
    const result = checkText(text, options);
    const f = result.findings.find((x) => x.code === code)!;
    const fixes = fixesFor(result, f);
    return fixes.length ? applyEdits(text, fixes[0]!.edits) : undefined;
  };
  const detailed = wfastcgi(SP).replace('</handlers>', '</handlers>\n    <httpErrors errorMode="Detailed" />');
  assert.match(fixed(detailed, 'http-errors-detailed')!, /<httpErrors errorMode="DetailedLocalOnly" \/>/);
  const rule = wfastcgi(SP).replace('</handlers>', '</handlers>\n    <rewrite><rules><rule name="Static Files" stopProcessing="true"><match url="^/static/.*" /><action type="None" /></rule></rules></rewrite>');
  assert.match(fixed(rule, 'rewrite-rule-never-matches')!, /<match url="\^static\/\.\*" \/>/);
  const py = wfastcgi(SP, '<add key="WSGI_HANDLER" value="django.core.wsgi.get_wsgi_application()" />\n    <add key="DJANGO_SETTINGS_MODULE" value="crm.settings.py" />');
  assert.match(fixed(py, 'django-settings-module-invalid')!, /value="crm\.settings"/);
  assert.equal(fixed(py.replace('crm.settings.py', 'E:\\crm\\crm\\settings.py'), 'django-settings-module-invalid'), undefined);
  const parents = [{ path: 'C:\\inetpub\\shop\\web.config', text: wfastcgi(SP).replace('"Python FastCGI"', '"PythonHandler"') }];
  const sub = '<?xml version="1.0"?>\n<configuration>\n  <system.webServer>\n    <handlers>\n      <remove name="Python FastCGI" />\n    </handlers>\n  </system.webServer>\n</configuration>\n';
  assert.match(fixed(sub, 'handler-remove-unmatched', { parents })!, /<remove name="PythonHandler" \/>/);
});
