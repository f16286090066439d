/**
 * WSGI_HANDLER one level further (issue 12): routes registered in a module the handler's module never imports
 * (404 everywhere), project-local imports that do not resolve, factories with required parameters.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PythonSupport } from '../../src/core/python';
import { checkProject, makeProject, testSupport, wfastcgiConfig } from './pythonHelpers';

let support: PythonSupport;
const setup = testSupport().then((s) => (support = s));

const findings = (dir: string, code: string) => checkProject(dir, support).findings.filter((f) => f.code === code);

test('wsgi-handler-routes-not-imported: hello_app.app never imports views; startup.app does (and is suggested)', async () => {
  await setup;
  const dead = findings(makeProject('routes-dead', { 'web.config': wfastcgiConfig('hello_app.app') }, 'routes-entry'), 'wsgi-handler-routes-not-imported');
  assert.equal(dead.length, 1);
  assert.equal(dead[0]!.messageKey, 'py.routesNotImported');
  assert.equal(dead[0]!.args['suggestion'], 'startup.app');
  assert.equal(dead[0]!.args['modules'], 'hello_app/views.py');
  assert.equal(dead[0]!.related?.[0]?.messageKey, 'related.pyRoutes');
  for (const good of ['startup.app', 'hello_app.webapp.app', 'hello_app.views.app']) {
    assert.deepEqual(findings(makeProject(`routes-${good}`, { 'web.config': wfastcgiConfig(good) }, 'routes-entry'), 'wsgi-handler-routes-not-imported'), [], good);
  }
});

test('wsgi-handler-routes-not-imported: no entry imports them all (the fix is in the code), silent for single-file apps and factories', async () => {
  await setup;
  const none = findings(makeProject('routes-none', {
    'web.config': wfastcgiConfig('pkg.app'),
    'pkg/__init__.py': 'from flask import Flask\napp = Flask(__name__)\n',
    'pkg/views.py': 'from pkg import app\n\n@app.route("/")\ndef index():\n    return "x"\n',
    'pkg/api.py': 'from pkg import app\n\n@app.get("/api")\ndef api():\n    return {}\n',
  }), 'wsgi-handler-routes-not-imported');
  assert.equal(none[0]?.messageKey, 'py.routesNotImportedNoEntry');
  assert.equal(none[0]?.args['modules'], 'pkg/api.py, pkg/views.py');
  const single = makeProject('routes-single', { 'web.config': wfastcgiConfig('app.app'), 'app.py': 'from flask import Flask\napp = Flask(__name__)\n\n@app.route("/")\ndef i():\n    return "x"\n' });
  assert.deepEqual(findings(single, 'wsgi-handler-routes-not-imported'), []);
  const microblog = makeProject('routes-bottom-import', {
    'web.config': wfastcgiConfig('microblog.app'),
    'microblog.py': 'from app import app\n',
    'app/__init__.py': 'from flask import Flask\n\napp = Flask(__name__)\n\nfrom app import routes\n',
    'app/routes.py': 'from app import app\n\n@app.route("/")\n@app.route("/index")\ndef index():\n    return "Hello, World!"\n',
  });
  assert.deepEqual(findings(microblog, 'wsgi-handler-routes-not-imported'), []);
});

test('wsgi-handler-import-unresolved: a project import that does not resolve, one module further; try/except imports left alone', async () => {
  await setup;
  const dir = makeProject('imports-broken', {
    'web.config': wfastcgiConfig('site.app'),
    'site.py': 'from flask import Flask\nfrom helpers.text import slugify\n\ntry:\n    from local_settings import *\nexcept ImportError:\n    pass\n\napp = Flask(__name__)\n',
    'helpers/__init__.py': '',
    'helpers/text.py': 'from .format import title\n\ndef slugify(s):\n    return s\n',
    'helpers/format.py': 'def titel(s):\n    return s\n',
  });
  const f = findings(dir, 'wsgi-handler-import-unresolved');
  assert.equal(f.length, 1, JSON.stringify(f.map((x) => x.args)));
  assert.equal(f[0]!.args['file'], 'helpers/text.py');
  assert.equal(f[0]!.args['missing'], 'title');
  assert.equal(f[0]!.args['statement'], 'from .format import title');
  const missingModule = makeProject('imports-no-module', {
    'web.config': wfastcgiConfig('site.app'),
    'site.py': 'from flask import Flask\nimport helpers.texts\n\napp = Flask(__name__)\n',
    'helpers/__init__.py': '',
  });
  const g = findings(missingModule, 'wsgi-handler-import-unresolved');
  assert.equal(g[0]?.args['missing'], 'helpers.texts');
  const fine = makeProject('imports-fine', { 'web.config': wfastcgiConfig('startup.app') }, 'routes-entry');
  assert.deepEqual(findings(fine, 'wsgi-handler-import-unresolved'), []);
});

test('wsgi-handler-factory-arguments: create_app(store)() cannot be called by wfastcgi', async () => {
  await setup;
  const dir = makeProject('factory-args', { 'web.config': wfastcgiConfig('notes.create_app()') }, 'factory-args');
  const f = findings(dir, 'wsgi-handler-factory-arguments');
  assert.equal(f.length, 1);
  assert.equal(f[0]!.args['params'], 'store');
  assert.deepEqual(findings(makeProject('factory-args-ok', { 'web.config': wfastcgiConfig('wsgi.app') }, 'factory-args'), 'wsgi-handler-factory-arguments'), []);
});
