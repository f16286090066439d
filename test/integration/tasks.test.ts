/// <reference types="mocha" />
// The host tasks in a real VS Code: `vscode.tasks.fetchTasks({ type: 'flask-iis' })` in a trusted workspace and in
// Restricted Mode, and the Register / Unregister / Check This Server / Enable wfastcgi commands run with their
// questions answered by arguments against the fake appcmd and icacls (tool paths in the machine-scoped settings,
// which the runner's user settings are), changing a copy of the fixture applicationHost.config.
import * as assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { activatedApi, EXTENSION_ID, fixtureUri, restrictedOnly, trustedOnly, withSettings, writeWorkspaceFile } from './helper';

/** tasks.json is read by VS Code when it changes: fetch until the configured task is there (no fixed sleep). */
async function waitForTask(label: string): Promise<vscode.Task> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const found = (await vscode.tasks.fetchTasks({ type: 'flask-iis' })).find((t) => t.name === label);
    if (found) return found;
    await new Promise<void>((resolve) => {
      const listener = vscode.workspace.onDidChangeConfiguration(() => {
        listener.dispose();
        resolve();
      });
      setTimeout(() => {
        listener.dispose();
        resolve();
      }, 200);
    });
  }
  throw new Error(`the tasks.json task "${label}" never appeared in fetchTasks`);
}

interface SiteResult { ok: boolean; steps: number; completed: number; manifest?: string }

const ALL = ['disable', 'doctor', 'enable', 'recycle', 'register', 'unregister'];

suite('Tasks and IIS commands', () => {
  let extensionPath: string;
  let server: string;
  let apphost: string;
  let fixture: string;
  const saved: Record<string, string | undefined> = {};

  suiteSetup(async () => {
    await activatedApi();
    extensionPath = vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath;
    server = mkdtempSync(join(tmpdir(), 'flask-iis-tasks-'));
    apphost = join(server, 'applicationHost.config');
    copyFileSync(join(extensionPath, 'test', 'fixtures', 'host', 'applicationHost.config'), apphost);
    fixture = readFileSync(apphost, 'utf8');
    writeFileSync(join(server, 'acl.json'), '{ "paths": {} }\n');
    // The fakes are started by the extension (this process): they find their files through the environment.
    const env = { FLASK_IIS_FAKE_APPHOST: apphost, FLASK_IIS_FAKE_ACL: join(server, 'acl.json'), FLASK_IIS_FAKE_LOG: join(server, 'log.jsonl') };
    for (const [k, v] of Object.entries(env)) {
      saved[k] = process.env[k];
      process.env[k] = v;
    }
  });

  suiteTeardown(() => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    rmSync(server, { recursive: true, force: true });
  });

  const tools = () => ({
    'flaskIis.tools.appcmdPath': join(extensionPath, 'test', 'fakes', 'appcmd'),
    'flaskIis.tools.icaclsPath': join(extensionPath, 'test', 'fakes', 'icacls'),
    'flaskIis.appHostConfigPath': apphost,
  });

  test('trusted: six tasks for a wfastcgi folder, four for HttpPlatformHandler, each running our CLI with an argv', async function () {
    trustedOnly(this);
    const tasks = await vscode.tasks.fetchTasks({ type: 'flask-iis' });
    const own = await vscode.commands.executeCommand<{ name: string }[]>('flaskIis.hostTasks');
    assert.deepEqual(tasks.map((t) => t.name).sort(), own.map((t) => t.name).sort());
    const actions = (folder: string) => tasks.filter((t) => t.definition['folder'] === folder).map((t) => String(t.definition['action'])).sort();
    assert.deepEqual(actions('clean'), ALL);
    assert.deepEqual(actions('host-platform'), ['doctor', 'recycle', 'register', 'unregister']);
    const register = tasks.find((t) => t.definition['folder'] === 'clean' && t.definition['action'] === 'register')!;
    assert.equal(register.source, 'flask-iis');
    assert.ok(register.execution instanceof vscode.ProcessExecution, 'a ProcessExecution, not a shell command line');
    const exec = register.execution;
    assert.equal(exec.process, process.execPath);
    assert.equal(exec.args[0], join(extensionPath, 'dist', 'cli.js'));
    assert.deepEqual(exec.args.slice(1, 7), ['register', fixtureUri('clean').fsPath, '--site', 'clean', '--port', '8080']);
    assert.equal(exec.options?.env?.['ELECTRON_RUN_AS_NODE'], '1');
  });

  test('a tasks.json entry is resolved (resolveTask) into the same ProcessExecution of our CLI', async function () {
    trustedOnly(this);
    const entry = { label: 'Register the shop', type: 'flask-iis', action: 'register', folder: 'host-platform', site: 'shop', port: 8097, warmUp: true };
    const uri = await writeWorkspaceFile(JSON.stringify({ version: '2.0.0', tasks: [entry] }, null, 2), '.vscode', 'tasks.json');
    try {
      const tasks = await waitForTask('Register the shop');
      const exec = tasks.execution as vscode.ProcessExecution;
      assert.ok(exec instanceof vscode.ProcessExecution);
      assert.deepEqual(exec.args.slice(1, 8), ['register', fixtureUri('host-platform').fsPath, '--site', 'shop', '--port', '8097', '--warm-up']);
    } finally {
      await vscode.workspace.fs.delete(uri);
    }
  });

  test('restricted: the provider offers no flask-iis task, and the IIS commands refuse', async function () {
    restrictedOnly(this);
    assert.equal(vscode.workspace.isTrusted, false);
    // vscode.tasks.fetchTasks itself first asks the user to trust the workspace ("Listing and running tasks
    // requires ...", a modal dialog nobody answers here): the provider's own answer is read through its command.
    assert.deepEqual(await vscode.commands.executeCommand('flaskIis.hostTasks'), []);
    const folder = fixtureUri('host-platform').fsPath;
    const result = await vscode.commands.executeCommand('flaskIis.registerSite', { folder, site: 'x', port: 8098, host: '', pool: 'x', warmUp: false, confirm: true });
    assert.equal(result, undefined);
    assert.equal(await vscode.commands.executeCommand('flaskIis.checkServer', { folder }), undefined);
    assert.ok(!existsSync(join(folder, '.vscode', 'flask-iis.json')));
  });

  test('Register Site with arguments runs against the fakes and records the manifest; Unregister restores the file', async function () {
    trustedOnly(this);
    this.timeout(90_000);
    const folder = fixtureUri('host-platform').fsPath;
    await withSettings(tools(), async () => {
      const result = await vscode.commands.executeCommand<SiteResult>('flaskIis.registerSite', { folder, site: 'inttest', port: 8099, host: '', pool: 'inttest', warmUp: false, confirm: true });
      assert.ok(result?.ok, JSON.stringify(result));
      assert.equal(result.completed, result.steps);
      assert.equal(result.manifest, join(folder, '.vscode', 'flask-iis.json'));
      const manifest = JSON.parse(readFileSync(result.manifest, 'utf8')) as { site: string; created: { kind: string }[] };
      assert.equal(manifest.site, 'inttest');
      assert.deepEqual(manifest.created.map((e) => e.kind), ['apppool', 'site', 'unlock', 'grant']);
      assert.match(readFileSync(apphost, 'utf8'), /<site name="inttest" id="1\d{9}">/, 'the site id is the marker of this folder');
      const check = await vscode.commands.executeCommand<{ codes: string[] }>('flaskIis.checkServer', { folder });
      assert.ok(check?.codes.includes('interpreter-not-found'), JSON.stringify(check));
      assert.ok(!check.codes.includes('site-not-registered'));
      const back = await vscode.commands.executeCommand<SiteResult>('flaskIis.unregisterSite', { folder, confirm: true });
      assert.ok(back?.ok, JSON.stringify(back));
      assert.equal(readFileSync(apphost, 'utf8'), fixture);
      assert.ok(!existsSync(join(folder, '.vscode', 'flask-iis.json')));
    });
  });

  test('Register Site that fails midway rolls back at once: the file and the ACLs as before, no manifest, and it says what was rolled back', async function () {
    trustedOnly(this);
    this.timeout(90_000);
    const folder = fixtureUri('host-platform').fsPath;
    const acl = readFileSync(join(server, 'acl.json'), 'utf8');
    const log = join(server, 'rollback-log.jsonl');
    const saved = [process.env['FLASK_IIS_FAKE_FAIL_AT'], process.env['FLASK_IIS_FAKE_LOG']];
    // The fakes count the changes in a fresh log: step 4 (the site's pool) fails after the pool, its marker and the site.
    process.env['FLASK_IIS_FAKE_FAIL_AT'] = '4';
    process.env['FLASK_IIS_FAKE_LOG'] = log;
    try {
      await withSettings(tools(), async () => {
        const result = await vscode.commands.executeCommand<SiteResult & { rollback?: string[] }>('flaskIis.registerSite', { folder, site: 'rolltest', port: 8098, host: '', pool: 'rolltest', warmUp: false, confirm: true });
        assert.ok(result && !result.ok, JSON.stringify(result));
        assert.equal(result.completed, 3);
        assert.match(result.rollback?.[0] ?? '', /^Step 4 of \d+ failed, and the 3 step\(s\) before it were rolled back\./);
        assert.ok(result.rollback!.some((l) => /^rolled back \(step 1, 2, 3\): .*byte for byte/.test(l)), JSON.stringify(result.rollback));
        assert.equal(readFileSync(apphost, 'utf8'), fixture);
        assert.equal(readFileSync(join(server, 'acl.json'), 'utf8'), acl);
        assert.ok(!existsSync(join(folder, '.vscode', 'flask-iis.json')));
        assert.equal(result.manifest, undefined);
      });
    } finally {
      for (const [k, v] of [['FLASK_IIS_FAKE_FAIL_AT', saved[0]], ['FLASK_IIS_FAKE_LOG', saved[1]]] as const) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });

  test('Enable wfastcgi runs the interpreter\'s own wfastcgi-enable and writes the printed value into scriptProcessor', async function () {
    trustedOnly(this);
    this.timeout(90_000);
    const fakes = createRequire(__filename)(join(extensionPath, 'test', 'fakes', 'lib', 'wfastcgi.js')) as { makeVenv(prefix: string, withWfastcgi: boolean): string };
    const python = fakes.makeVenv(join(server, 'Py Env'), true);
    const config = '<?xml version="1.0" encoding="utf-8"?>\n<configuration>\n  <system.webServer>\n    <handlers>\n      <add name="Python FastCGI" path="*" verb="*" modules="FastCgiModule" scriptProcessor="C:\\old\\python.exe|C:\\old\\wfastcgi.py" resourceType="Unspecified" />\n    </handlers>\n  </system.webServer>\n</configuration>\n';
    const uri = await writeWorkspaceFile(config, 'enable-app', 'web.config');
    await withSettings(tools(), async () => {
      const result = await vscode.commands.executeCommand<{ ok: boolean; scriptProcessor?: string; wroteScriptProcessor?: boolean }>('flaskIis.enableWfastcgi', { python, folder: uri.fsPath, writeScriptProcessor: true, confirm: true });
      const value = `"${python}"|"${join(server, 'Py Env', 'Lib', 'site-packages', 'wfastcgi.py')}"`;
      assert.deepEqual([result?.ok, result?.scriptProcessor, result?.wroteScriptProcessor], [true, value, true]);
      const document = await vscode.workspace.openTextDocument(uri);
      assert.equal(document.getText(), config.replace('C:\\old\\python.exe|C:\\old\\wfastcgi.py', value.replace(/"/g, '&quot;')));
      await document.save();
      const off = await vscode.commands.executeCommand<{ ok: boolean }>('flaskIis.disableWfastcgi', { python, confirm: true });
      assert.ok(off?.ok);
      assert.equal(readFileSync(apphost, 'utf8'), fixture);
    });
  });
});
