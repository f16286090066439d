/**
 * Choosing the application IIS loads (issue 12, part 1): the module whose import registers the routes, one
 * candidate per application object, src layouts named without `src.`, factories wfastcgi cannot call skipped.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { analyseApps, type PythonSupport } from '../../src/core/python';
import { chooseApp, type AppCandidate } from '../../src/core/scaffold';
import { nodeProjectFiles } from '../../src/node/python/projectFiles';
import { appAnalysis } from '../../src/node/scaffold/scaffoldProject';
import { makeProject, PROJECTS, testSupport } from './pythonHelpers';

let support: PythonSupport;
const setup = testSupport().then((s) => (support = s));

const apps = (dir: string) => analyseApps(nodeProjectFiles(dir), support, { asgi: true });
const choose = (dir: string, handler?: string) => {
  const { candidates } = appAnalysis(dir, support);
  return chooseApp(candidates, handler, dir);
};

test('routes registered in a module only the entry imports: the entry module is chosen (hello_app/startup.py)', async () => {
  await setup;
  const { apps: found } = apps(join(PROJECTS, 'routes-entry'));
  assert.equal(found.length, 1, JSON.stringify(found));
  const app = found[0]!;
  assert.equal(app.handler, 'startup.app');
  assert.deepEqual([app.routes?.modules, app.routes?.missing, app.routes?.aliasMissing?.['hello_app.app']], [['hello_app.views'], [], ['hello_app.views']]);
  assert.ok(app.aliases?.includes('hello_app.app') && app.aliases.includes('hello_app.webapp.app'), JSON.stringify(app.aliases));
  const choice = choose(join(PROJECTS, 'routes-entry'));
  assert.ok(choice.ok && choice.app.handler === 'startup.app' && choice.notes.length === 0);
});

test('naming the module that never imports the routes: init says every URL answers 404', async () => {
  await setup;
  const choice = choose(join(PROJECTS, 'routes-entry'), 'hello_app.app');
  assert.ok(choice.ok);
  assert.equal(choice.notes[0]?.key, 'scaffold.note.routesNotImported');
  assert.equal(choice.notes[0]?.args['modules'], 'hello_app.views');
});

test('without an entry module, the route module itself serves; with two and none importing both, the left-out one is said', async () => {
  await setup;
  const one = makeProject('no-entry', {
    'hello_app/__init__.py': 'import flask\n\napp = flask.Flask(__name__)\n',
    'hello_app/views.py': 'from . import app\n\n\n@app.route("/")\ndef home():\n    return "home"\n',
  });
  const choice = choose(one);
  assert.ok(choice.ok, JSON.stringify(choice));
  assert.equal(choice.app.handler, 'hello_app.views.app');
  assert.deepEqual(choice.notes, []);
  const two = makeProject('no-entry-two', {
    'hello_app/__init__.py': 'import flask\n\napp = flask.Flask(__name__)\n',
    'hello_app/views.py': 'from . import app\n\n\n@app.route("/")\ndef home():\n    return "home"\n',
    'hello_app/api.py': 'from hello_app import app\n\n\n@app.get("/api")\ndef api():\n    return {}\n',
  });
  const partial = choose(two);
  assert.ok(partial.ok, JSON.stringify(partial));
  assert.equal(partial.notes[0]?.key, 'scaffold.note.someRoutesNotImported');
});

test('one object through two modules is one candidate: apps.app and routes.app; run.app and create_app()', async () => {
  await setup;
  const two = makeProject('apps-routes', {
    'apps.py': 'from flask import Flask\n\napp = Flask(__name__)\n',
    'routes.py': 'from apps import app\n\n\n@app.route("/")\ndef index():\n    return "routes"\n',
  });
  const found = apps(two).apps;
  assert.deepEqual(found.map((a) => a.handler), ['routes.app']);
  assert.deepEqual(found[0]!.aliases, ['apps.app']);
  const blog = makeProject('flaskblog', {
    'run.py': 'from flaskblog import create_app\n\napp = create_app()\n\nif __name__ == "__main__":\n    app.run(debug=True)\n',
    'flaskblog/__init__.py': [
      'from flask import Flask', 'from flaskblog.config import Config', '', '',
      'def create_app(config_class=Config):', '    app = Flask(__name__)', '    app.config.from_object(Config)', '',
      '    from flaskblog.main.routes import main', '    app.register_blueprint(main)', '', '    return app', '',
    ].join('\n'),
    'flaskblog/config.py': 'class Config:\n    SECRET_KEY = "x"\n',
    'flaskblog/main/__init__.py': '',
    'flaskblog/main/routes.py': 'from flask import Blueprint\n\nmain = Blueprint("main", __name__)\n\n\n@main.route("/")\ndef home():\n    return "home"\n',
  });
  const blogApps = apps(blog).apps;
  assert.equal(blogApps.length, 1, JSON.stringify(blogApps));
  assert.equal(blogApps[0]!.handler, 'run.app');
  assert.deepEqual(blogApps[0]!.aliases, ['flaskblog.create_app()']);
  assert.ok(choose(blog).ok);
});

test('a src layout is named pkg.app with src on PYTHONPATH, never src.pkg.app', async () => {
  await setup;
  const dir = makeProject('src-layout', {}, 'src-layout');
  const found = apps(dir).apps;
  assert.deepEqual(found.map((a) => [a.handler, a.pythonPath]), [['inventory.app', ['src']]]);
  assert.ok(!JSON.stringify(found).includes('src.inventory'));
});

test('a factory with a required parameter is skipped (and said); the module that calls it is chosen', async () => {
  await setup;
  const { apps: found, skipped } = apps(join(PROJECTS, 'factory-args'));
  assert.deepEqual(found.map((a) => a.handler), ['wsgi.app']);
  assert.deepEqual(skipped.map((s) => [s.handler, s.params]), [['notes.create_app()', 'store']]);
  const only = makeProject('factory-args-only', { 'notes/__init__.py': 'from flask import Flask\n\n\ndef create_app(store):\n    return Flask(__name__)\n' });
  const none = apps(only);
  assert.deepEqual(none.apps, []);
  assert.equal(none.skipped.length, 1);
});

test('an application built from others (DispatcherMiddleware) is the one candidate', async () => {
  await setup;
  const found = apps(join(PROJECTS, 'subpath')).apps;
  assert.deepEqual(found.map((a) => a.handler), ['wsgi.application']);
});

test('an app that serves beats one whose routes are all left out', () => {
  const serving: AppCandidate = { handler: 'a.app', kind: 'instance', file: 'a.py', routes: { modules: ['a'], missing: [] } };
  const dead: AppCandidate = { handler: 'b.app', kind: 'instance', file: 'b.py', routes: { modules: ['c'], missing: ['c'] } };
  const choice = chooseApp([dead, serving], undefined, '.');
  assert.ok(choice.ok && choice.app.handler === 'a.app');
});
