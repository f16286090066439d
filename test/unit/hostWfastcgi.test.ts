/** enable/disable plans (wfastcgi's own appcmd arguments, full IIS and IIS Express) and reading wfastcgi's output. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scriptProcessorEdit } from '../../src/core/editing/scriptProcessorEdit';
import { enablePlan, type EnableRequest } from '../../src/core/host/enablePlan';
import { sayWith } from '../../src/core/host/undo';
import { describeWfastcgiOutcome, parseWfastcgiOutput } from '../../src/core/host/wfastcgiOutput';
import { fastCgiConfig, fixtureAppHost, insertInto, model } from './hostHelpers';

const DEFAULT_APPCMD = 'C:\\Windows\\system32\\inetsrv\\appcmd.exe';

function request(over: Partial<EnableRequest> = {}): EnableRequest {
  const scripts = 'C:\\Python312\\Scripts';
  const tools = { enable: `${scripts}\\wfastcgi-enable.exe`, disable: `${scripts}\\wfastcgi-disable.exe` };
  return {
    action: 'enable', python: 'C:\\Python312\\python.exe', tools, expectedTools: tools,
    wfastcgiPy: 'C:\\Python312\\Lib\\site-packages\\wfastcgi.py', install: false, defaultAppcmd: DEFAULT_APPCMD, ...over,
  };
}

function ok(p: ReturnType<typeof enablePlan>) {
  assert.ok(p.ok, p.ok ? '' : p.problems.join('\n'));
  return p;
}

test('enable (full IIS): runs wfastcgi-enable; the appcmd it runs carries exactly wfastcgi\'s own arguments', () => {
  const p = ok(enablePlan(request()));
  assert.deepEqual(p.plan.steps.map((s) => [s.argv, s.runs, s.undo]), [[
    ['C:\\Python312\\Scripts\\wfastcgi-enable.exe'],
    [DEFAULT_APPCMD, 'set', 'config', '/section:system.webServer/fastCGI', "/+[fullPath='C:\\Python312\\python.exe', arguments='C:\\Python312\\Lib\\site-packages\\wfastcgi.py', signalBeforeTerminateSeconds='30']"],
    [['C:\\Python312\\Scripts\\wfastcgi-disable.exe']],
  ]]);
  assert.equal(p.scriptProcessor, 'C:\\Python312\\python.exe|C:\\Python312\\Lib\\site-packages\\wfastcgi.py');
});

test('disable (IIS Express): the appcmd path and /apphostconfig: replace the appcmd prefix, as wfastcgi documents', () => {
  const express = 'C:\\Program Files\\IIS Express\\appcmd.exe';
  const config = 'C:\\Users\\me\\Documents\\IISExpress\\config\\applicationhost.config';
  const p = ok(enablePlan(request({ action: 'disable', appcmd: express, apphostconfig: config })));
  assert.deepEqual(p.plan.steps[0]!.argv, ['C:\\Python312\\Scripts\\wfastcgi-disable.exe', express, `/apphostconfig:${config}`]);
  assert.deepEqual(p.plan.steps[0]!.runs, [express, `/apphostconfig:${config}`, 'set', 'config', '/section:system.webServer/fastCGI', "/-[fullPath='C:\\Python312\\python.exe', arguments='C:\\Python312\\Lib\\site-packages\\wfastcgi.py', signalBeforeTerminateSeconds='30']"]);
  const configOnly = ok(enablePlan(request({ apphostconfig: config })));
  assert.deepEqual(configOnly.plan.steps[0]!.argv.slice(1), [DEFAULT_APPCMD, `/apphostconfig:${config}`]);
});

test('paths with a space are written in double quotes, as wfastcgi writes them (registration and printed value)', () => {
  const p = ok(enablePlan(request({ python: 'C:\\Program Files\\Python312\\python.exe', wfastcgiPy: 'C:\\Program Files\\Python312\\Lib\\site-packages\\wfastcgi.py' })));
  assert.equal(p.scriptProcessor, '"C:\\Program Files\\Python312\\python.exe"|"C:\\Program Files\\Python312\\Lib\\site-packages\\wfastcgi.py"');
  assert.equal(p.plan.steps[0]!.runs![4], "/+[fullPath='\"C:\\Program Files\\Python312\\python.exe\"', arguments='\"C:\\Program Files\\Python312\\Lib\\site-packages\\wfastcgi.py\"', signalBeforeTerminateSeconds='30']");
});

test('without wfastcgi in the interpreter: refused, or pip install first (as the user, not elevated) when asked', () => {
  const missing = enablePlan(request({ tools: undefined }));
  assert.ok(!missing.ok && /wfastcgi is not installed in C:\\Python312\\python.exe/.test(missing.problems[0]!));
  const install = ok(enablePlan(request({ tools: undefined, install: true })));
  assert.deepEqual(install.plan.steps.map((s) => [s.argv, s.asUser ?? false]), [
    [['C:\\Python312\\python.exe', '-m', 'pip', 'install', 'wfastcgi'], true],
    [['C:\\Python312\\Scripts\\wfastcgi-enable.exe'], false],
  ]);
  assert.ok(!enablePlan(request({ action: 'disable', tools: undefined, install: true })).ok);
});

test('already registered (enable) or not registered (disable): nothing to run; a \' in a path is refused', () => {
  const appHost = fixtureAppHost(insertInto('fastCgi', '            <application fullPath="C:\\Python312\\python.exe" arguments="C:\\Python312\\Lib\\site-packages\\wfastcgi.py" />'));
  const done = ok(enablePlan(request({ appHost })));
  assert.deepEqual(done.plan.steps, []);
  assert.match(done.plan.notes[0]!, /Already registered/);
  assert.deepEqual(ok(enablePlan(request({ action: 'disable', appHost: fixtureAppHost() }))).plan.steps, []);
  const quote = enablePlan(request({ python: "C:\\Users\\O'Neil\\venv\\Scripts\\python.exe" }));
  assert.ok(!quote.ok && /contains '/.test(quote.problems[0]!));
});

const CASES: [string, string, ReturnType<typeof parseWfastcgiOutput>][] = [
  ['success (3.0.0)', 'Applied configuration changes to section "system.webServer/fastCgi" for "MACHINE/WEBROOT/APPHOST" at configuration commit path "MACHINE/WEBROOT/APPHOST"\r\n"C:\\Python312\\python.exe|C:\\Python312\\Lib\\site-packages\\wfastcgi.py" can now be used as a FastCGI script processor\r\n',
    { kind: 'enabled', scriptProcessor: 'C:\\Python312\\python.exe|C:\\Python312\\Lib\\site-packages\\wfastcgi.py' }],
  ['success with quoted paths', '""C:\\Program Files\\python\\python.exe"|"C:\\Program Files\\python\\lib\\site-packages\\wfastcgi.py"" can now be used as a FastCGI script processor\n',
    { kind: 'enabled', scriptProcessor: '"C:\\Program Files\\python\\python.exe"|"C:\\Program Files\\python\\lib\\site-packages\\wfastcgi.py"' }],
  ['disable', '"c:\\venv\\scripts\\python.exe|c:\\venv\\lib\\site-packages\\wfastcgi.py" is no longer registered for use with FastCGI\n',
    { kind: 'disabled', scriptProcessor: 'c:\\venv\\scripts\\python.exe|c:\\venv\\lib\\site-packages\\wfastcgi.py' }],
  ['appcmd missing', "IIS configuration tool appcmd.exe was not found at ['C:\\\\Windows\\\\system32\\\\inetsrv\\\\appcmd.exe']\n",
    { kind: 'appcmd-missing', detail: "['C:\\\\Windows\\\\system32\\\\inetsrv\\\\appcmd.exe']" }],
  ['not elevated', "ERROR ( message:Cannot read configuration file due to insufficient permissions\r\n. )\r\nAn error occurred running the command:\n\n['C:\\\\Windows\\\\system32\\\\inetsrv\\\\appcmd.exe', 'set', 'config']\n\nEnsure your user has sufficient privileges and try again.\n",
    { kind: 'appcmd-failed', reason: 'privileges', appcmdMessage: 'Cannot read configuration file due to insufficient permissions' }],
  ['already registered', "ERROR ( message:New application object missing required attributes. Cannot add duplicate collection entry of type 'application' with combined key attributes 'fullPath, arguments' respectively set to 'C:\\x.exe, C:\\y.py'\r\n. )\r\nAn error occurred running the command:\n\n[...]\n\nEnsure your user has sufficient privileges and try again.\n",
    { kind: 'appcmd-failed', reason: 'duplicate', appcmdMessage: "New application object missing required attributes. Cannot add duplicate collection entry of type 'application' with combined key attributes 'fullPath, arguments' respectively set to 'C:\\x.exe, C:\\y.py'" }],
  ['CGI feature missing', 'ERROR ( message:Unknown config section "system.webServer/fastCGI". Replace with ? for help. )\nAn error occurred running the command:\n\n[...]\n\nEnsure your user has sufficient privileges and try again.\n',
    { kind: 'appcmd-failed', reason: 'cgi-missing', appcmdMessage: 'Unknown config section "system.webServer/fastCGI". Replace with ? for help.' }],
  ['disable of a missing entry', 'ERROR ( message:Cannot find requested collection element. )\nAn error occurred running the command:\n\n[...]\n\nEnsure your user has sufficient privileges and try again.\n',
    { kind: 'appcmd-failed', reason: 'not-registered', appcmdMessage: 'Cannot find requested collection element.' }],
  ['failure without appcmd text', 'An error occurred running the command:\n\n[...]\n\nEnsure your user has sufficient privileges and try again.\n', { kind: 'appcmd-failed', reason: 'privileges', appcmdMessage: '' }],
  ['something else', 'Traceback (most recent call last):\n  ImportError: ...\n', { kind: 'unknown' }],
];

test('wfastcgi\'s output: success and disable lines (quotes kept), appcmd missing, and appcmd\'s errors classified', () => {
  for (const [name, output, expected] of CASES) {
    const outcome = parseWfastcgiOutput(output);
    assert.deepEqual(outcome, expected, name);
    assert.ok(describeWfastcgiOutcome(outcome, sayWith()).length > 20, name);
  }
});

test('the printed value goes into scriptProcessor as one minimal, XML-escaped edit', () => {
  const text = fastCgiConfig('C:\\old\\python.exe|C:\\old\\wfastcgi.py');
  const value = '"C:\\Program Files\\python\\python.exe"|"C:\\Program Files\\python\\lib\\site-packages\\wfastcgi.py"';
  const edit = scriptProcessorEdit(model(text), value)!;
  const next = text.slice(0, edit.start) + edit.newText + text.slice(edit.end);
  assert.equal(next, text.replace('C:\\old\\python.exe|C:\\old\\wfastcgi.py', value.replace(/"/g, '&quot;')));
  assert.equal(scriptProcessorEdit(model(next), value), undefined, 'already there: no edit');
  const noSp = '<configuration><system.webServer><handlers><add name="P" path="*" verb="*" modules="FastCgiModule" /></handlers></system.webServer></configuration>';
  const inserted = scriptProcessorEdit(model(noSp), 'C:\\a&b\\python.exe|C:\\a&b\\wfastcgi.py')!;
  assert.equal(inserted.newText, ' scriptProcessor="C:\\a&amp;b\\python.exe|C:\\a&amp;b\\wfastcgi.py"');
  assert.equal(scriptProcessorEdit(model('<configuration />'), value), undefined);
});
