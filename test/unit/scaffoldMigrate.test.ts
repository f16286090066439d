/** wfastcgi → HttpPlatformHandler as minimal edits: whole documents compared, comments, indentation and CRLF kept. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkText } from '../../src/core/check';
import type { TextEdit } from '../../src/core/editing/textEdits';
import { migrateToHttpPlatform, type MigrateOptions } from '../../src/core/scaffold';

function apply(text: string, edits: TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

function migrated(text: string, options?: MigrateOptions): string {
  const r = migrateToHttpPlatform(text, options);
  assert.ok(r.ok, r.ok ? '' : r.problem.key);
  const out = apply(text, r.edits);
  const serious = checkText(out).findings.filter((f) => f.severity === 'error' || f.severity === 'warning').map((f) => f.code);
  assert.deepEqual(serious, [], `the migrated file checks clean:\n${out}`);
  return out;
}

const NOTE = '<!-- HttpPlatformHandler starts this process and proxies to the port it passes in %HTTP_PLATFORM_PORT%; the former appSettings the application read are its environment variables. -->';

test('the README\'s multi-line handler: modules changed, scriptProcessor line gone, <httpPlatform> after <handlers>, settings moved or commented', () => {
  const before = `<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <system.webServer>
    <handlers>
      <!-- my handler -->
      <add name="Python FastCGI"
           path="*"
           verb="*"
           modules="FastCgiModule"
           scriptProcessor="C:\\Python36\\python.exe|C:\\Python36\\Lib\\site-packages\\wfastcgi.py"
           resourceType="Unspecified"
           requireAccess="Script" />
    </handlers>
    <defaultDocument enabled="false" />
  </system.webServer>

  <appSettings>
    <!-- Required settings -->
    <add key="WSGI_HANDLER" value="my_app.app" />
    <add key="PYTHONPATH" value="C:\\MyApp" />
    <add key="DATABASE_URL" value="postgres://u:p@h/db?a=1&amp;b=2" />
    <!-- Optional settings -->
    <add key="WSGI_LOG" value="C:\\Logs\\my_app.log" />
  </appSettings>
</configuration>
`;
  const after = `<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <system.webServer>
    <handlers>
      <!-- my handler -->
      <add name="Python FastCGI"
           path="*"
           verb="*"
           modules="httpPlatformHandler"
           resourceType="Unspecified"
           requireAccess="Script" />
    </handlers>
    ${NOTE}
    <httpPlatform processPath="C:\\Python36\\python.exe" arguments="-m waitress --host=127.0.0.1 --port=%HTTP_PLATFORM_PORT% my_app:app" stdoutLogEnabled="true" stdoutLogFile=".\\logs\\python.log" startupTimeLimit="60">
      <environmentVariables>
        <environmentVariable name="PYTHONUNBUFFERED" value="1" />
        <environmentVariable name="PYTHONPATH" value="C:\\MyApp" />
        <environmentVariable name="DATABASE_URL" value="postgres://u:p@h/db?a=1&amp;b=2" />
      </environmentVariables>
    </httpPlatform>
    <defaultDocument enabled="false" />
  </system.webServer>

  <appSettings>
    <!-- Required settings -->
    <!-- wfastcgi only, not read by HttpPlatformHandler: <add key="WSGI_HANDLER" value="my_app.app" /> -->
    <!-- Optional settings -->
    <!-- wfastcgi only, not read by HttpPlatformHandler: <add key="WSGI_LOG" value="C:\\Logs\\my_app.log" /> -->
  </appSettings>
</configuration>
`;
  assert.equal(migrated(before), after);
  const r = migrateToHttpPlatform(before);
  assert.ok(r.ok);
  assert.deepEqual(r.createFiles, [{ path: 'logs/.gitkeep', content: '' }]);
});

test('CRLF and a one-line handler (the blog form): CRLF everywhere, a factory served with --call, the restart regex commented', () => {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<configuration>',
    '\t<system.webServer>',
    '\t\t<handlers>',
    '\t\t\t<add name="XXX" path="*" verb="*" modules="FastCgiModule" scriptProcessor="d:\\python37\\python.exe|d:\\python37\\lib\\site-packages\\wfastcgi.py" resourceType="Unspecified" requireAccess="Script" />',
    '\t\t</handlers>',
    '\t</system.webServer>',
    '\t<appSettings>',
    '\t\t<add key="WSGI_HANDLER" value="server.create_app()" />',
    '\t\t<add key="WSGI_RESTART_FILE_REGEX" value=".*((\\.py)|(\\.config))$" />',
    '\t</appSettings>',
    '</configuration>',
    '',
  ];
  const expected = [
    ...lines.slice(0, 4),
    '\t\t\t<add name="XXX" path="*" verb="*" modules="httpPlatformHandler" resourceType="Unspecified" requireAccess="Script" />',
    '\t\t</handlers>',
    '\t\t<!-- HttpPlatformHandler starts this process and proxies to the port it passes in %HTTP_PLATFORM_PORT%. -->',
    '\t\t<httpPlatform processPath="d:\\python37\\python.exe" arguments="-m waitress --host=127.0.0.1 --port=%HTTP_PLATFORM_PORT% --call server:create_app" stdoutLogEnabled="true" stdoutLogFile=".\\logs\\python.log" startupTimeLimit="60">',
    '\t\t\t<environmentVariables>',
    '\t\t\t\t<environmentVariable name="PYTHONUNBUFFERED" value="1" />',
    '\t\t\t</environmentVariables>',
    '\t\t</httpPlatform>',
    '\t</system.webServer>',
    '\t<appSettings>',
    '\t\t<!-- wfastcgi only, not read by HttpPlatformHandler: <add key="WSGI_HANDLER" value="server.create_app()" /> -->',
    '\t\t<!-- wfastcgi only, not read by HttpPlatformHandler: <add key="WSGI_RESTART_FILE_REGEX" value=".*((\\.py)|(\\.config))$" /> -->',
    '\t</appSettings>',
    '</configuration>',
    '',
  ];
  assert.equal(migrated(lines.join('\r\n')), expected.join('\r\n'));
});

const compact = (settings: string, sp = 'C:\\Py\\python.exe|C:\\Py\\Lib\\site-packages\\wfastcgi.py') =>
  `<configuration><system.webServer><handlers><add name="Py" path="*" verb="*" modules="FastCgiModule" scriptProcessor="${sp}" resourceType="Unspecified" /></handlers></system.webServer><appSettings>${settings}</appSettings></configuration>`;

test('one-line documents stay well-formed; uvicorn for ASGI; Django\'s settings go along; PTVS\'s proxy serves the real app', () => {
  const asgi = migrated(compact('<add key="WSGI_HANDLER" value="main.app"/>'), { asgi: true });
  const platform = checkText(asgi).model.httpPlatforms;
  assert.equal(platform.length, 1);
  assert.equal(platform[0]!.parent?.name, 'system.webServer');
  assert.match(asgi, /arguments="-m uvicorn main:app --port %HTTP_PLATFORM_PORT%"/);
  const django = migrated(compact('<add key="WSGI_HANDLER" value="django.core.wsgi.get_wsgi_application()"/><add key="DJANGO_SETTINGS_MODULE" value="mysite.settings"/>'));
  assert.match(django, /arguments="-m waitress --host=127\.0\.0\.1 --port=%HTTP_PLATFORM_PORT% mysite\.wsgi:application"/);
  assert.match(django, /<environmentVariable name="DJANGO_SETTINGS_MODULE" value="mysite\.settings" \/>/);
  const ptvs = migrated(compact('<add key="WSGI_ALT_VIRTUALENV_HANDLER" value="TgwlDataCenter.app"/><add key="WSGI_HANDLER" value="ptvs_virtualenv_proxy.get_virtualenv_handler()"/>'));
  assert.match(ptvs, /--port=%HTTP_PLATFORM_PORT% TgwlDataCenter:app"/);
  const quoted = migrated(compact('<add key="WSGI_HANDLER" value="a.app"/>', '&quot;C:\\Program Files\\Py\\python.exe&quot;|&quot;C:\\Program Files\\Py\\Lib\\site-packages\\wfastcgi.py&quot;'));
  assert.match(quoted, /processPath="C:\\Program Files\\Py\\python\.exe"/);
});

test('a commented setting whose value holds "--" still makes a well-formed comment', () => {
  const out = migrated(compact('<add key="WSGI_HANDLER" value="a.app"/><add key="WSGI_RESTART_FILE_REGEX" value="--x-"/>'));
  assert.match(out, /<!-- wfastcgi only, not read by HttpPlatformHandler: <add key="WSGI_RESTART_FILE_REGEX" value="- -x-"\/> -->/);
});

test('what cannot be migrated says why', () => {
  const reason = (text: string) => {
    const r = migrateToHttpPlatform(text);
    return r.ok ? 'ok' : r.problem.key;
  };
  assert.equal(reason('<configuration><appSettings>'), 'migrate.malformed');
  assert.equal(reason('<configuration><system.webServer><handlers><add name="P" path="*" verb="*" modules="httpPlatformHandler"/></handlers><httpPlatform processPath="C:\\p\\python.exe"/></system.webServer></configuration>'), 'migrate.alreadyPlatform');
  assert.equal(reason('<configuration><system.webServer><handlers><add name="php" path="*.php" verb="*" modules="FastCgiModule" scriptProcessor="C:\\php\\php-cgi.exe"/></handlers></system.webServer></configuration>'), 'migrate.noHandler');
  assert.equal(reason(compact('<add key="OTHER" value="1"/>')), 'migrate.noWsgiHandler');
});
