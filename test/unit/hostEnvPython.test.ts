/**
 * WSGI_HANDLER, PYTHONPATH and DJANGO_SETTINGS_MODULE set in IIS Manager > FastCGI Settings (the FastCGI
 * application's environmentVariables in applicationHost.config) are judged with the project's Python files:
 * findings go on the web.config's scriptProcessor, with a related location at the environmentVariable.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { checkText } from '../../src/core/check';
import type { Finding } from '../../src/core/findings';
import type { PythonSupport } from '../../src/core/python';
import { appHost } from './helpers';
import { codesOf, makeProject, projectOptions, testSupport } from './pythonHelpers';

let support: PythonSupport;
before(async () => {
  support = await testSupport();
});

const EXE = 'C:\\Python312\\python.exe';
const WFASTCGI = 'C:\\Python312\\Lib\\site-packages\\wfastcgi.py';
const SITE = 'C:\\inetpub\\wwwroot\\inventory';
const HOST_PATH = 'C:\\Windows\\System32\\inetsrv\\config\\applicationHost.config';

/** What IIS Manager writes into the site folder when the handler mapping is added there (no appSettings). */
const IIS_MANAGER_WEB_CONFIG = `<?xml version="1.0" encoding="UTF-8"?>
<configuration>
    <system.webServer>
        <handlers>
            <add name="Python FastCGI" path="*" verb="*" modules="FastCgiModule" scriptProcessor="${EXE}|${WFASTCGI}" resourceType="Unspecified" requireAccess="Script" />
        </handlers>
    </system.webServer>
</configuration>
`;

/** applicationHost.config as IIS Manager > FastCGI Settings > Edit > Environment Variables leaves it. */
function hostWith(variables: Record<string, string>) {
  const env = Object.entries(variables).map(([k, v]) => `                    <environmentVariable name="${k}" value="${v}" />`).join('\n');
  return appHost(`    <system.webServer>
        <fastCgi>
            <application fullPath="${EXE}" arguments="${WFASTCGI}" maxInstances="4" idleTimeout="300" activityTimeout="30" requestTimeout="90" instanceMaxRequests="10000" protocol="NamedPipe" flushNamedPipe="false">
                <environmentVariables>
${env}
                </environmentVariables>
            </application>
        </fastCgi>
    </system.webServer>`, HOST_PATH);
}

/** The src-layout sample (Flask app in src/inventory) as the site folder, with `webConfig`. */
function check(name: string, webConfig: string, variables?: Record<string, string>, files: Record<string, string> = {}): { text: string; findings: Finding[] } {
  const dir = makeProject(name, { 'web.config': webConfig, ...files }, 'src-layout');
  const text = readFileSync(join(dir, 'web.config'), 'utf8');
  const options = { ...projectOptions(dir, support), sitePath: SITE, ...(variables ? { appHost: hostWith(variables) } : {}) };
  const result = checkText(text, options);
  assert.deepEqual(result.internalErrors, []);
  return { text, findings: result.findings };
}

const PYTHON_CODES = /^(wsgi-handler-(?!missing)|pythonpath-|asgi-|app-run-)/;

function one(r: { text: string; findings: Finding[] }, code: string): Finding & { covered: string } {
  const f = r.findings.find((x) => x.code === code);
  assert.ok(f, `expected ${code}, got [${codesOf(r.findings).join(', ')}]`);
  return { ...f, covered: r.text.slice(f.start, f.end) };
}

/** The related location at the applicationHost.config environmentVariable `name`. */
function hostRelated(f: Finding, name: string): void {
  const r = f.related.find((x) => x.messageKey === 'related.hostVariable');
  assert.ok(r, `no related location in applicationHost.config: ${JSON.stringify(f.related.map((x) => x.messageKey))}`);
  assert.equal(r.path, HOST_PATH);
  assert.match(r.text!.slice(r.start, r.end), new RegExp(`^<environmentVariable name="${name}" value="[^"]*" />$`));
}

test('host WSGI_HANDLER and PYTHONPATH that resolve: no Python finding, no wsgi-handler-missing', () => {
  const r = check('host-ok', IIS_MANAGER_WEB_CONFIG, { WSGI_HANDLER: 'inventory.app', PYTHONPATH: `${SITE}\\src` });
  assert.deepEqual(codesOf(r.findings).filter((c) => PYTHON_CODES.test(c) || c === 'wsgi-handler-missing'), []);
});

test('host WSGI_HANDLER naming a module that does not exist: module-not-found on scriptProcessor, related at the variable', () => {
  const r = check('host-typo', IIS_MANAGER_WEB_CONFIG, { WSGI_HANDLER: 'inventroy.app', PYTHONPATH: `${SITE}\\src` });
  const f = one(r, 'wsgi-handler-module-not-found');
  assert.equal(f.covered, `${EXE}|${WFASTCGI}`);
  assert.equal(f.args['value'], 'inventroy.app');
  hostRelated(f, 'WSGI_HANDLER');
});

test('host PYTHONPATH without src: the package is found elsewhere (src), said on scriptProcessor', () => {
  const r = check('host-no-src', IIS_MANAGER_WEB_CONFIG, { WSGI_HANDLER: 'inventory.app', PYTHONPATH: SITE });
  const f = one(r, 'wsgi-handler-module-not-found');
  assert.equal(f.messageKey, 'py.moduleNotFoundElsewhere');
  assert.equal(f.args['folder'], 'src');
  hostRelated(f, 'WSGI_HANDLER');
});

test('host WSGI_HANDLER with an attribute the module lacks, and a factory not called', () => {
  const attr = one(check('host-attr', IIS_MANAGER_WEB_CONFIG, { WSGI_HANDLER: 'inventory.application', PYTHONPATH: `${SITE}\\src` }), 'wsgi-handler-attribute-not-found');
  assert.equal(attr.args['suggestion'], 'inventory.app');
  hostRelated(attr, 'WSGI_HANDLER');
  const factory = { 'src/inventory/__init__.py': 'from flask import Flask\n\n\ndef create_app():\n    app = Flask(__name__)\n    return app\n' };
  const f = one(check('host-factory', IIS_MANAGER_WEB_CONFIG, { WSGI_HANDLER: 'inventory.create_app', PYTHONPATH: `${SITE}\\src` }, factory), 'wsgi-handler-factory-not-called');
  assert.equal(f.args['fixed'], 'inventory.create_app()');
});

test('a PYTHONPATH folder of the host missing in the project is pythonpath-not-found with the host location', () => {
  const f = one(check('host-pp-missing', IIS_MANAGER_WEB_CONFIG, { WSGI_HANDLER: 'inventory.app', PYTHONPATH: `${SITE}\\src;${SITE}\\lib` }), 'pythonpath-not-found');
  assert.equal(f.messageKey, 'py.hostPythonPathNotFound');
  assert.equal(f.args['entry'], `${SITE}\\lib`);
  hostRelated(f, 'PYTHONPATH');
});

test('a host PYTHONPATH outside the site is said once (information) and module-not-found is not claimed', () => {
  const r = check('host-pp-outside', IIS_MANAGER_WEB_CONFIG, { WSGI_HANDLER: 'vendored.app', PYTHONPATH: `${SITE}\\src;D:\\shared\\python-libs` });
  const f = one(r, 'pythonpath-not-checkable');
  assert.equal(f.severity, 'information');
  assert.equal(f.messageKey, 'py.hostPythonPathOutsideSite');
  assert.equal(r.findings.filter((x) => x.code === 'pythonpath-not-checkable').length, 1);
  assert.equal(r.findings.find((x) => x.code === 'wsgi-handler-module-not-found'), undefined);
  const rel = one(check('host-pp-relative', IIS_MANAGER_WEB_CONFIG, { WSGI_HANDLER: 'inventory.app', PYTHONPATH: 'src' }), 'pythonpath-not-checkable');
  assert.equal(rel.messageKey, 'py.hostPythonPathRelative');
});

test('the web.config appSetting wins over the host (wfastcgi copies appSettings over the process environment)', () => {
  const own = IIS_MANAGER_WEB_CONFIG.replace('</configuration>', `    <appSettings>
        <add key="WSGI_HANDLER" value="inventory.app" />
        <add key="PYTHONPATH" value="${SITE}\\src" />
    </appSettings>
</configuration>`);
  const r = check('host-overridden', own, { WSGI_HANDLER: 'legacy_site.app', PYTHONPATH: `${SITE}\\src` });
  assert.deepEqual(codesOf(r.findings).filter((c) => PYTHON_CODES.test(c)), []);
});

test('without a host configuration nothing is judged from it (wsgi-handler-missing names FastCGI Settings)', () => {
  const r = check('host-none', IIS_MANAGER_WEB_CONFIG);
  assert.deepEqual(codesOf(r.findings).filter((c) => PYTHON_CODES.test(c)), []);
  assert.equal(one(r, 'wsgi-handler-missing').messageKey, 'wsgi.handlerMissing.noSettings');
  // A FastCGI application for another interpreter says nothing about this site.
  const other = { ...projectOptions(makeProject('host-other', { 'web.config': IIS_MANAGER_WEB_CONFIG }, 'src-layout'), support), sitePath: SITE };
  const host = appHost(`<system.webServer><fastCgi><application fullPath="C:\\Python39\\python.exe" arguments="C:\\Python39\\Lib\\site-packages\\wfastcgi.py"><environmentVariables><environmentVariable name="WSGI_HANDLER" value="nothere.app" /></environmentVariables></application></fastCgi></system.webServer>`);
  const findings = checkText(IIS_MANAGER_WEB_CONFIG, { ...other, appHost: host }).findings;
  assert.equal(findings.find((x) => x.code === 'wsgi-handler-module-not-found'), undefined);
});

test('Django: DJANGO_SETTINGS_MODULE from the host finds STATIC_ROOT for the static-file advice', () => {
  const files = {
    'mysite/__init__.py': '', 'manage.py': 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")\n',
    'mysite/settings.py': 'from pathlib import Path\nBASE_DIR = Path(__file__).resolve().parent.parent\nSTATIC_URL = "static/"\nSTATIC_ROOT = BASE_DIR / "staticfiles"\nROOT_URLCONF = "mysite.urls"\n',
    'mysite/wsgi.py': 'import os\nfrom django.core.wsgi import get_wsgi_application\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")\napplication = get_wsgi_application()\n',
    'staticfiles/admin/css/base.css': 'body{}\n',
  };
  const vars = { WSGI_HANDLER: 'django.core.wsgi.get_wsgi_application()', PYTHONPATH: SITE };
  const withSettings = check('host-django', IIS_MANAGER_WEB_CONFIG, { ...vars, DJANGO_SETTINGS_MODULE: 'mysite.settings' }, files);
  assert.equal(one(withSettings, 'static-files-through-python').messageKey, 'py.staticDjango');
  const without = check('host-django-none', IIS_MANAGER_WEB_CONFIG, vars, files);
  assert.equal(without.findings.find((x) => x.code === 'static-files-through-python'), undefined);
});
