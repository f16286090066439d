import assert from 'node:assert/strict';
import { test } from 'node:test';
import { complete, type Proposal } from '../../src/core/editing/completion';
import type { EditingEnv } from '../../src/core/editing/env';
import { scanXml } from '../../src/core/xml/scanner';
import { applyEdits, withCursor } from './editingHelpers';

function propose(marked: string, env: EditingEnv = {}): { labels: string[]; proposals: Proposal[]; text: string } {
  const { text, offset } = withCursor(marked);
  const proposals = complete(text, offset, scanXml(text), env);
  return { labels: proposals.map((p) => p.label), proposals, text };
}

const apply = (text: string, p: Proposal) => applyEdits(text, [{ start: p.start, end: p.end, newText: p.insertText.replace(/\$\{\d+:?([^}]*)\}|\$\d/g, '$1') }]);

test('element names where they belong, also in half-typed XML', () => {
  assert.deepEqual(propose('<configuration>\n  <system.webServer>\n    <handlers>\n      <|\n').labels, ['add', 'remove', 'clear']);
  assert.deepEqual(propose('<configuration><appSettings><a|</appSettings></configuration>').labels, ['add', 'remove', 'clear']);
  const ws = propose('<configuration><system.webServer><|</system.webServer></configuration>').labels;
  for (const name of ['handlers', 'httpPlatform', 'rewrite', 'staticContent', 'security', 'httpErrors', 'applicationInitialization']) assert.ok(ws.includes(name), name);
  assert.deepEqual(propose('<configuration><system.webServer><httpPlatform processPath="x"><|').labels, ['environmentVariables', 'recycleOnFileChange']);
  const loc = propose('<configuration><location path="."><|</location></configuration>').labels;
  assert.ok(loc.includes('system.webServer') && loc.includes('appSettings') && !loc.includes('location'), loc.join());
  // AppHostOnly sections (ARR's webFarms, fastCgi) are never proposed in a web.config.
  assert.ok(!loc.includes('webFarms'));
  assert.ok(!ws.includes('fastCgi') && !ws.includes('globalModules'));
});

test('an element proposal inserts its required attributes as a snippet', () => {
  const { proposals, text } = propose('<configuration><appSettings><|</appSettings></configuration>');
  const add = proposals.find((p) => p.label === 'add')!;
  assert.equal(add.snippet, true);
  assert.equal(apply(text, add), '<configuration><appSettings><add key="" value="" /></appSettings></configuration>');
});

test('attribute names of the element, minus those present; required first', () => {
  const { labels } = propose('<configuration><system.webServer><handlers><add name="Py" |</handlers></system.webServer></configuration>');
  assert.deepEqual(labels.slice(0, 2), ['path', 'verb']);
  assert.ok(labels.includes('scriptProcessor') && labels.includes('resourceType') && !labels.includes('name'));
  assert.deepEqual(propose('<configuration><appSettings><add k|').labels, ['key', 'value']);
});

test('enumerated values: modules, resourceType, requireAccess, booleans', () => {
  const modules = propose('<configuration><system.webServer><handlers><add modules="|" /></handlers></system.webServer></configuration>').labels;
  assert.ok(modules.includes('FastCgiModule') && modules.includes('httpPlatformHandler'));
  assert.deepEqual(propose('<configuration><system.webServer><handlers><add resourceType="Fi|le" /></handlers></system.webServer></configuration>').labels, ['Unspecified', 'File', 'Directory', 'Either']);
  assert.deepEqual(propose('<configuration><system.webServer><httpPlatform stdoutLogEnabled="|').labels, ['true', 'false']);
});

test('a value proposal replaces the whole existing value', () => {
  const { proposals, text } = propose('<configuration><system.webServer><handlers><add resourceType="Fi|le" /></handlers></system.webServer></configuration>');
  assert.equal(apply(text, proposals[0]!), '<configuration><system.webServer><handlers><add resourceType="Unspecified" /></handlers></system.webServer></configuration>');
});

test('appSettings keys with their documentation; values from the project and machine', () => {
  const keys = propose('<configuration><appSettings><add key="|" /></appSettings></configuration>');
  for (const k of ['WSGI_HANDLER', 'PYTHONPATH', 'WSGI_LOG', 'WSGI_RESTART_FILE_REGEX', 'DJANGO_SETTINGS_MODULE', 'WSGI_PTVSD_SECRET', 'APPINSIGHTS_INSTRUMENTATIONKEY', 'SCRIPT_NAME', 'AllowPathInfoForScriptMappings']) assert.ok(keys.labels.includes(k), k);
  assert.match(keys.proposals.find((p) => p.label === 'WSGI_HANDLER')!.doc!.summary, /dotted Python name/);
  const env: EditingEnv = { wsgiApps: [{ handler: 'app.app', detail: 'app.py:3' }, { handler: 'app.create_app()' }, { handler: 'main.api', asgi: true }], folders: ['src', 'logs'] };
  assert.deepEqual(propose('<configuration><appSettings><add key="WSGI_HANDLER" value="|" /></appSettings></configuration>', env).labels, ['app.app', 'app.create_app()']);
  assert.deepEqual(propose('<configuration><appSettings><add value="|" key="WSGI_HANDLER" /></appSettings></configuration>', env).labels, ['app.app', 'app.create_app()']);
  assert.deepEqual(propose('<configuration><appSettings><add key="PYTHONPATH" value="|" /></appSettings></configuration>', env).labels, ['src', 'logs']);
  assert.equal(propose('<configuration><appSettings><add key="WSGI_RESTART_FILE_REGEX" value="|" /></appSettings></configuration>').labels[0], '.*((\\.py)|(\\.config))$');
});

test('scriptProcessor and processPath from detected interpreters, each paired with its own wfastcgi.py', () => {
  const env: EditingEnv = { interpreters: [
    { python: 'C:\\app\\.venv\\Scripts\\python.exe', wfastcgi: 'C:\\app\\.venv\\Lib\\site-packages\\wfastcgi.py', source: 'venv' },
    { python: 'C:\\Python311\\python.exe', source: 'path' },
  ] };
  const sp = propose('<configuration><system.webServer><handlers><add scriptProcessor="|" /></handlers></system.webServer></configuration>', env).proposals;
  assert.equal(sp[0]!.label, 'C:\\app\\.venv\\Scripts\\python.exe|C:\\app\\.venv\\Lib\\site-packages\\wfastcgi.py');
  assert.equal(sp[1]!.label, 'C:\\Python311\\python.exe|C:\\Python311\\Lib\\site-packages\\wfastcgi.py');
  assert.equal(sp[1]!.detail!.key, 'completion.wfastcgiMissing');
  assert.deepEqual(propose('<configuration><system.webServer><httpPlatform processPath="|" /></system.webServer></configuration>', env).labels, ['C:\\app\\.venv\\Scripts\\python.exe', 'C:\\Python311\\python.exe']);
});

test('httpPlatform arguments from the project apps: waitress for WSGI (with --call for factories), uvicorn for ASGI', () => {
  const env: EditingEnv = { wsgiApps: [{ handler: 'app.app' }, { handler: 'app.create_app()' }, { handler: 'main.api', asgi: true }] };
  assert.deepEqual(propose('<configuration><system.webServer><httpPlatform arguments="|" /></system.webServer></configuration>', env).labels, [
    '-m waitress --host=127.0.0.1 --port=%HTTP_PLATFORM_PORT% app:app',
    '-m waitress --host=127.0.0.1 --port=%HTTP_PLATFORM_PORT% --call app:create_app',
    '-m uvicorn main:api --port %HTTP_PLATFORM_PORT%',
  ]);
});

test('between tags: child elements with "<", setting snippets in appSettings, skeletons in an empty file', () => {
  const inner = propose('<configuration><appSettings>\n  |\n</appSettings></configuration>');
  assert.ok(inner.labels.includes('add') && inner.labels.includes('WSGI_HANDLER'));
  assert.equal(apply(inner.text, inner.proposals.find((p) => p.label === 'WSGI_HANDLER')!), '<configuration><appSettings>\n  <add key="WSGI_HANDLER" value="app.app" />\n</appSettings></configuration>');
  assert.deepEqual(propose('|').labels, ['wfastcgi site', 'HttpPlatformHandler site (waitress)', 'static folder']);
  assert.deepEqual(propose('<?xml version="1.0"?>\n|').labels.length, 3);
});

test('nothing inside comments, end tags or unknown elements', () => {
  assert.deepEqual(propose('<configuration><!-- <| --></configuration>').labels, []);
  assert.deepEqual(propose('<configuration></conf|iguration>').labels, []);
  assert.deepEqual(propose('<configuration><foo bar="|" /></configuration>').labels, []);
});

test('without a scan of the current text, the lean pass finds the same enclosing elements', () => {
  const cases = [
    '<configuration>\n  <system.webServer>\n    <handlers>\n      <|\n',
    '<configuration><!-- <appSettings> --><appSettings><add key="a>b" value="x"/><|</appSettings></configuration>',
    '<?xml version="1.0"?><configuration><system.webServer><handlers><add name="P"/></handlers><httpPlatform processPath="x"><|',
    '<configuration><location path="."><system.webServer></system.webServer><|</location></configuration>',
  ];
  for (const marked of cases) {
    const { text, offset } = withCursor(marked);
    assert.deepEqual(complete(text, offset, undefined).map((p) => p.label), complete(text, offset, scanXml(text)).map((p) => p.label), marked);
  }
});
