/** WSGI_HANDLER resolved against the project's Python files: each code fires where wfastcgi fails, and only there. */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { PythonSupport } from '../../src/core/python';
import { checkProject, codesOf, makeProject, wfastcgiConfig, testSupport } from './pythonHelpers';
import { PROJECTS } from './pythonHelpers';
import { join } from 'node:path';

let support: PythonSupport;
before(async () => {
  support = await testSupport();
});

const SAMPLES = ['module-layout', 'package-layout', 'factory', 'django', 'fastapi', 'namespace', 'src-layout', 'httpplatform'];
const HANDLER_CODES = ['wsgi-handler-module-not-found', 'wsgi-handler-attribute-not-found', 'wsgi-handler-factory-not-called', 'wsgi-handler-instance-called'];

/** The finding of `code` in the project and the text of the web.config it covers. */
function fired(dir: string, code: string) {
  const { text, findings } = checkProject(dir, support);
  const f = findings.find((x) => x.code === code);
  assert.ok(f, `expected ${code}, got [${codesOf(findings).join(', ')}]`);
  return { f, covered: text.slice(f.start, f.end) };
}

function silent(dir: string, code: string): void {
  const { findings } = checkProject(dir, support);
  const f = findings.find((x) => x.code === code);
  assert.equal(f, undefined, `did not expect ${code}: ${f?.messageKey}`);
}

test('the sample projects resolve: no handler finding on any of them', () => {
  for (const sample of SAMPLES) {
    const { findings } = checkProject(join(PROJECTS, sample), support);
    assert.deepEqual(codesOf(findings).filter((c) => HANDLER_CODES.includes(c)), [], sample);
  }
});

test('wsgi-handler-module-not-found: no such module, one folder too deep, PYTHONPATH at the package itself', () => {
  const missing = fired(makeProject('mnf-missing', { 'web.config': wfastcgiConfig('run.app') }, 'module-layout'), 'wsgi-handler-module-not-found');
  assert.equal(missing.covered, 'run');
  assert.equal(missing.f.messageKey, 'py.moduleNotFound');
  assert.match(String(missing.f.args['candidates']), /run\.py, run\/__init__\.py/);
  const deeper = fired(makeProject('mnf-deeper', {
    'web.config': wfastcgiConfig('mysite.wsgi.application'), 'outer/mysite/__init__.py': '', 'outer/mysite/wsgi.py': 'application = None\n',
  }), 'wsgi-handler-module-not-found');
  assert.equal(deeper.covered, 'mysite');
  assert.equal(deeper.f.messageKey, 'py.moduleNotFoundElsewhere');
  assert.equal(deeper.f.args['folder'], 'outer');
  const inside = fired(makeProject('mnf-inside', { 'web.config': wfastcgiConfig('inventory.app', '\n    <add key="PYTHONPATH" value="src\\inventory" />') }, 'src-layout'), 'wsgi-handler-module-not-found');
  assert.equal(inside.f.args['folder'], 'src');
  assert.match(String(inside.f.args['searched']), /"src\/inventory"/);
});

test('wsgi-handler-module-not-found: silent for the standard library, declared and venv packages, well-known entry points, unsearchable PYTHONPATH', () => {
  const cases: Record<string, Record<string, string>> = {
    stdlib: { 'web.config': wfastcgiConfig('wsgiref.simple_server.demo_app') },
    requirements: { 'web.config': wfastcgiConfig('some_vendor_app.wsgi.app'), 'requirements.txt': '# deps\nSome-Vendor-App==1.2 ; python_version > "3"\n' },
    pyproject: { 'web.config': wfastcgiConfig('vendorapp.app'), 'pyproject.toml': '[project]\nname = "x"\ndependencies = [\n  "vendorapp[extra]>=1",\n]\n' },
    venv: { 'web.config': wfastcgiConfig('vendored.app'), '.venv/pyvenv.cfg': 'home = C:\\Python311\n', '.venv/Lib/site-packages/vendored/__init__.py': 'app = None\n' },
    django: { 'web.config': wfastcgiConfig('django.core.wsgi.get_wsgi_application()', '\n    <add key="DJANGO_SETTINGS_MODULE" value="mysite.settings" />') },
    serverVariable: { 'web.config': wfastcgiConfig('elsewhere.app', '\n    <add key="PYTHONPATH" value="%SITE_ROOT%\\lib" />') },
    windowsPath: { 'web.config': wfastcgiConfig('elsewhere.app', '\n    <add key="PYTHONPATH" value="D:\\shared\\lib" />') },
  };
  for (const [name, files] of Object.entries(cases)) silent(makeProject(`mnf-silent-${name}`, files), 'wsgi-handler-module-not-found');
});

test('wsgi-handler-attribute-not-found: a name the module does not define, the module itself, an empty module', () => {
  const wrong = fired(makeProject('anf-wrong', { 'web.config': wfastcgiConfig('app.application') }, 'module-layout'), 'wsgi-handler-attribute-not-found');
  assert.equal(wrong.covered, 'application');
  assert.equal(wrong.f.args['suggestion'], 'app.app');
  assert.match(String(wrong.f.args['defined']), /^app\b/);
  assert.match(wrong.f.related[0]?.path ?? '', /anf-wrong[\\/]app\.py$/);
  const module = fired(makeProject('anf-module', { 'web.config': wfastcgiConfig('mysite.wsgi') }, 'django'), 'wsgi-handler-attribute-not-found');
  assert.equal(module.f.messageKey, 'py.isModule');
  assert.equal(module.covered, 'wsgi');
  assert.equal(module.f.args['suggestion'], 'mysite.wsgi.application');
  const empty = fired(makeProject('anf-empty', { 'web.config': wfastcgiConfig('empty.app'), 'empty.py': '"""Nothing here."""\n' }), 'wsgi-handler-attribute-not-found');
  assert.equal(empty.f.messageKey, 'py.attributeNotFoundEmpty');
});

test('wsgi-handler-attribute-not-found: silent on re-exports, star imports, __getattr__, try/except and broken files', () => {
  const cases: Record<string, Record<string, string>> = {
    starProject: { 'web.config': wfastcgiConfig('pkg.app'), 'pkg/__init__.py': 'from .core import *\n', 'pkg/core.py': 'from flask import Flask\napp = Flask(__name__)\n' },
    starExternal: { 'web.config': wfastcgiConfig('site_app.app'), 'site_app.py': 'from somewhere_else import *\n' },
    getattr: { 'web.config': wfastcgiConfig('lazy.app'), 'lazy.py': 'def __getattr__(name):\n    return None\n' },
    tryExcept: { 'web.config': wfastcgiConfig('cond.app'), 'cond.py': 'try:\n    from fast import app\nexcept ImportError:\n    from slow import app\n' },
    syntaxError: { 'web.config': wfastcgiConfig('broken.app'), 'broken.py': 'def (:\n  app = \n' },
    annotated: { 'web.config': wfastcgiConfig('typed.app'), 'typed.py': 'from flask import Flask\napp: Flask = Flask(__name__)\n' },
    chained: { 'web.config': wfastcgiConfig('chain.application'), 'chain.py': 'from flask import Flask\napp = application = Flask(__name__)\n' },
  };
  for (const [name, files] of Object.entries(cases)) silent(makeProject(`anf-silent-${name}`, files), 'wsgi-handler-attribute-not-found');
  silent(join(PROJECTS, 'src-layout'), 'wsgi-handler-attribute-not-found');
});

test('wsgi-handler-factory-not-called: a factory named without ()', () => {
  const f = fired(makeProject('fnc-portal', { 'web.config': wfastcgiConfig('portal.create_app') }, 'factory'), 'wsgi-handler-factory-not-called');
  assert.equal(f.covered, 'create_app');
  assert.equal(f.f.args['fixed'], 'portal.create_app()');
  assert.equal(f.f.args['params'], 'config_name');
  assert.equal(f.f.related.length, 1);
  const required = fired(makeProject('fnc-required', { 'web.config': wfastcgiConfig('factory.make'), 'factory.py': 'def make(settings):\n    return object()\n' }), 'wsgi-handler-factory-not-called');
  assert.equal(required.covered, 'make');
});

test('wsgi-handler-factory-not-called: silent on called factories and real WSGI functions', () => {
  silent(join(PROJECTS, 'factory'), 'wsgi-handler-factory-not-called');
  const cases: Record<string, Record<string, string>> = {
    wsgiFunction: { 'web.config': wfastcgiConfig('hello.application'), 'hello.py': 'def application(environ, start_response):\n    start_response("200 OK", [])\n    return [b"hi"]\n' },
    decorated: { 'web.config': wfastcgiConfig('deco.app'), 'deco.py': 'import webob.dec\n\n@webob.dec.wsgify\ndef app(request):\n    return "hi"\n' },
    varargs: { 'web.config': wfastcgiConfig('va.app'), 'va.py': 'def app(*args):\n    return []\n' },
  };
  for (const [name, files] of Object.entries(cases)) silent(makeProject(`fnc-silent-${name}`, files), 'wsgi-handler-factory-not-called');
});

test('wsgi-handler-instance-called: () on a Flask app and on a Django application', () => {
  const flask = fired(makeProject('ic-flask', { 'web.config': wfastcgiConfig('app.app()') }, 'module-layout'), 'wsgi-handler-instance-called');
  assert.equal(flask.covered, 'app()');
  assert.equal(flask.f.args['fixed'], 'app.app');
  assert.equal(flask.f.args['what'], 'Flask(...)');
  const django = fired(makeProject('ic-django', { 'web.config': wfastcgiConfig('mysite.wsgi.application()') }, 'django'), 'wsgi-handler-instance-called');
  assert.equal(django.covered, 'application()');
  assert.equal(django.f.args['what'], 'get_wsgi_application()');
});

test('wsgi-handler-instance-called: silent on functions called with ()', () => {
  silent(join(PROJECTS, 'factory'), 'wsgi-handler-instance-called');
  silent(makeProject('ic-silent-django', { 'web.config': wfastcgiConfig('django.core.wsgi.get_wsgi_application()', '\n    <add key="DJANGO_SETTINGS_MODULE" value="mysite.settings" />') }, 'django'), 'wsgi-handler-instance-called');
});

test('asgi-app-under-wfastcgi: FastAPI, Starlette, Django asgi, a raw ASGI function, an ASGI factory', () => {
  const fastapi = fired(join(PROJECTS, 'fastapi'), 'asgi-app-under-wfastcgi');
  assert.equal(fastapi.covered, 'main.app');
  assert.equal(fastapi.f.args['target'], 'main:app');
  assert.match(fastapi.f.related[0]?.path ?? '', /fastapi[\\/]main\.py$/);
  const cases: Record<string, Record<string, string>> = {
    starlette: { 'web.config': wfastcgiConfig('api.app'), 'api.py': 'from starlette.applications import Starlette\napp = Starlette(routes=[])\n' },
    djangoAsgi: { 'web.config': wfastcgiConfig('mysite.asgi.application'), 'mysite/__init__.py': '', 'mysite/asgi.py': 'from django.core.asgi import get_asgi_application\napplication = get_asgi_application()\n' },
    raw: { 'web.config': wfastcgiConfig('raw.app'), 'raw.py': 'async def app(scope, receive, send):\n    pass\n' },
    factory: { 'web.config': wfastcgiConfig('svc.create()'), 'svc.py': 'import fastapi\n\ndef create():\n    api = fastapi.FastAPI()\n    return api\n' },
    quart: { 'web.config': wfastcgiConfig('q.app'), 'q.py': 'from quart import Quart\napp = Quart(__name__)\n' },
  };
  for (const [name, files] of Object.entries(cases)) fired(makeProject(`asgi-${name}`, files), 'asgi-app-under-wfastcgi');
});

test('asgi-app-under-wfastcgi: silent on WSGI apps and on an ASGI app wrapped for WSGI', () => {
  for (const sample of ['module-layout', 'package-layout', 'factory', 'django', 'namespace', 'src-layout']) silent(join(PROJECTS, sample), 'asgi-app-under-wfastcgi');
  silent(makeProject('asgi-wrapped', {
    'web.config': wfastcgiConfig('main.wsgi_app'),
    'main.py': 'from a2wsgi import ASGIMiddleware\nfrom fastapi import FastAPI\n\napi = FastAPI()\nwsgi_app = ASGIMiddleware(api)\n',
  }), 'asgi-app-under-wfastcgi');
});
