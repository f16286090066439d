/// <reference types="mocha" />
// The scaffold commands in a real VS Code, their questions answered by the options object: New Project writes
// the files, a second run with overwrite: false replaces nothing, overwrite: true keeps a .bak; Add IIS
// Deployment finds the app; Migrate rewrites a wfastcgi web.config. They only write files, so they run in
// both trust modes.
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { activatedApi, codeOf, EXTENSION_ID, waitForDiagnostics } from './helper';

interface Result {
  written: string[];
  backups: string[];
  unchanged: string[];
  conflicts?: string[];
}

suite('Scaffold commands', () => {
  let root: string;
  /** .vscode/tasks.json is written when the extension contributes the flask-iis task type. */
  let tasks: string[];

  suiteSetup(async () => {
    await activatedApi();
    root = mkdtempSync(join(tmpdir(), 'flask-iis-scaffold-'));
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { taskDefinitions?: { type: string }[] } };
    tasks = manifest.contributes.taskDefinitions?.some((d) => d.type === 'flask-iis') ? ['.vscode/tasks.json'] : [];
  });

  suiteTeardown(() => rmSync(root, { recursive: true, force: true }));

  test('the commands are registered in both trust modes', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const c of ['flaskIis.newProject', 'flaskIis.initDeployment', 'flaskIis.migrateToHttpPlatform', 'flaskIis.migrateToProxy']) assert.ok(commands.includes(c), c);
  });

  test('New Project writes the files; a second run with overwrite: false replaces nothing; overwrite: true keeps a .bak', async function () {
    this.timeout(60_000);
    const folder = join(root, 'shop');
    const options = { folder, name: 'shop', bridge: 'wfastcgi', python: 'C:\\Python312\\python.exe', sitePath: 'C:\\inetpub\\shop' };
    const first = await vscode.commands.executeCommand<Result>('flaskIis.newProject', options);
    assert.ok(first, 'the command returned nothing (a prompt was shown?)');
    assert.deepEqual([...first.written].sort(), ['.gitignore', '.vscode/settings.json', ...tasks, 'DEPLOY.md', 'requirements.txt', 'shop/__init__.py', 'static/site.css', 'static/web.config', 'web.config']);
    const config = readFileSync(join(folder, 'web.config'), 'utf8');
    assert.ok(config.includes('scriptProcessor="C:\\Python312\\python.exe|C:\\Python312\\Lib\\site-packages\\wfastcgi.py"'), config);
    assert.ok(config.includes('<add key="PYTHONPATH" value="C:\\inetpub\\shop" />'));

    const mine = '<configuration><!-- edited by me --></configuration>\n';
    writeFileSync(join(folder, 'web.config'), mine);
    const second = await vscode.commands.executeCommand<Result>('flaskIis.newProject', { ...options, overwrite: false });
    assert.deepEqual(second?.conflicts, ['web.config']);
    assert.deepEqual(second?.written, []);
    assert.equal(readFileSync(join(folder, 'web.config'), 'utf8'), mine, 'the user\'s file is untouched');
    assert.ok(!existsSync(join(folder, 'web.config.bak')));

    const third = await vscode.commands.executeCommand<Result>('flaskIis.newProject', { ...options, overwrite: true });
    assert.deepEqual(third?.written, ['web.config']);
    assert.equal(readFileSync(join(folder, 'web.config.bak'), 'utf8'), mine);
    assert.equal(readFileSync(join(folder, 'web.config'), 'utf8'), config);
  });

  test('New Project from the palette asks for a parent folder and a folder name, and writes only in that new folder', async function () {
    this.timeout(60_000);
    // A folder of sites, as a workspace root often is: another site's web.config and app.
    const parent = join(root, 'sites');
    mkdirSync(join(parent, 'blog'), { recursive: true });
    const siteConfig = '<?xml version="1.0" encoding="utf-8"?>\n<configuration>\n  <system.webServer>\n    <defaultDocument enabled="true" />\n  </system.webServer>\n</configuration>\n';
    writeFileSync(join(parent, 'web.config'), siteConfig);
    writeFileSync(join(parent, 'blog', 'app.py'), 'from flask import Flask\n\napp = Flask(__name__)\n');
    const answers = { parentFolder: parent, folderName: 'shop', name: 'shop', bridge: 'wfastcgi', sitePath: 'C:\\inetpub\\shop', interpreter: 'C:\\Python312\\python.exe', logDir: '' };
    const result = await vscode.commands.executeCommand<Result & { asked: string[]; folder?: string }>('flaskIis.newProject', { answers });
    assert.deepEqual(result.asked.slice(0, 2), ['parentFolder', 'folderName'], 'the folder questions come first');
    assert.deepEqual(result.asked, ['parentFolder', 'folderName', 'name', 'bridge', 'sitePath', 'interpreter', 'logDir']);
    assert.equal(result.folder, join(parent, 'shop'));
    assert.ok(result.written.includes('web.config') && result.written.includes('DEPLOY.md'), result.written.join(', '));
    assert.deepEqual(readdirSync(parent).sort(), ['blog', 'shop', 'web.config'], 'nothing written next to the other sites');
    assert.equal(readFileSync(join(parent, 'web.config'), 'utf8'), siteConfig);
    assert.deepEqual(readdirSync(join(parent, 'blog')), ['app.py']);
    // A folder that exists and holds files is refused: nothing is written there.
    const refused = await vscode.commands.executeCommand<Result & { asked: string[] }>('flaskIis.newProject', { answers: { ...answers, folderName: 'blog' } });
    assert.deepEqual(refused.asked, ['parentFolder', 'folderName']);
    assert.deepEqual(refused.written, []);
    assert.deepEqual(readdirSync(join(parent, 'blog')), ['app.py']);
  });

  test('Add IIS Deployment finds the Flask app of the folder and writes the HttpPlatformHandler files', async function () {
    this.timeout(60_000);
    const folder = join(root, 'existing');
    mkdirSync(folder);
    writeFileSync(join(folder, 'site_app.py'), 'from flask import Flask\n\napp = Flask(__name__)\n\n\n@app.route("/")\ndef index():\n    return "hi"\n');
    const result = await vscode.commands.executeCommand<Result>('flaskIis.initDeployment', { folder, bridge: 'httpplatform', python: 'C:\\Python312\\python.exe', sitePath: 'C:\\inetpub\\existing' });
    assert.deepEqual(result?.written, ['web.config', 'DEPLOY.md', 'logs/.gitkeep', ...tasks, '.vscode/settings.json']);
    assert.match(readFileSync(join(folder, 'web.config'), 'utf8'), /arguments="-m waitress --host=127\.0\.0\.1 --port=%HTTP_PLATFORM_PORT% site_app:app"/);
  });

  test('Migrate to HttpPlatformHandler rewrites a wfastcgi web.config in place, as one edit', async function () {
    this.timeout(60_000);
    const folder = join(root, 'migrate');
    mkdirSync(folder);
    const file = join(folder, 'web.config');
    writeFileSync(file, [
      '<?xml version="1.0" encoding="utf-8"?>',
      '<configuration>',
      '  <system.webServer>',
      '    <handlers>',
      '      <add name="Python FastCGI" path="*" verb="*" modules="FastCgiModule" scriptProcessor="C:\\Py\\python.exe|C:\\Py\\Lib\\site-packages\\wfastcgi.py" resourceType="Unspecified" requireAccess="Script" />',
      '    </handlers>',
      '  </system.webServer>',
      '  <appSettings>',
      '    <add key="WSGI_HANDLER" value="app.app" />',
      '  </appSettings>',
      '</configuration>',
      '',
    ].join('\r\n'));
    const uri = vscode.Uri.file(file);
    assert.equal(await vscode.commands.executeCommand('flaskIis.migrateToHttpPlatform', { uri, asgi: false }), true);
    const doc = await vscode.workspace.openTextDocument(uri);
    const text = doc.getText();
    assert.ok(text.includes('modules="httpPlatformHandler"') && !text.includes('scriptProcessor'), text);
    assert.ok(text.includes('\r\n    <httpPlatform processPath="C:\\Py\\python.exe" arguments="-m waitress --host=127.0.0.1 --port=%HTTP_PLATFORM_PORT% app:app"'), text);
    assert.ok(!/[^\r]\n/.test(text), 'CRLF line endings kept');
    assert.ok(doc.isDirty, `the edited document is not dirty before saving (was it saved by someone else?)`);
    assert.ok(await doc.save(), 'saving the migrated web.config');
    assert.ok(existsSync(join(folder, 'logs', '.gitkeep')), 'the stdout log folder was created');
  });
  test('New Project with the reverse-proxy bridge writes the rule, the wrapper and the service definition; its web.config has no error or warning', async function () {
    this.timeout(60_000);
    const folder = join(root, 'proxied');
    const options = { folder, name: 'proxied', bridge: 'proxy', python: 'C:\\Python312\\python.exe', sitePath: 'C:\\inetpub\\proxied', backendPort: 8042, urlPrefix: '/shop' };
    const result = await vscode.commands.executeCommand<Result>('flaskIis.newProject', options);
    assert.ok(result, 'the command returned nothing (a prompt was shown?)');
    assert.deepEqual([...result.written].sort(), ['.gitignore', '.vscode/settings.json', ...tasks, 'DEPLOY.md', 'logs/.gitkeep', 'proxied/__init__.py', 'requirements.txt', 'service/proxiedBackend.xml', 'static/site.css', 'web.config', 'wsgi_iis.py']);
    const config = readFileSync(join(folder, 'web.config'), 'utf8');
    assert.ok(config.includes('<action type="Rewrite" url="http://127.0.0.1:8042/{R:1}" />'), config);
    assert.ok(config.includes('<set name="HTTP_X_FORWARDED_PREFIX" value="/shop" />'), config);
    assert.match(readFileSync(join(folder, 'service', 'proxiedBackend.xml'), 'utf8'), /<arguments>-m waitress --listen=127\.0\.0\.1:8042 wsgi_iis:app<\/arguments>/);
    if (tasks.length) assert.deepEqual((JSON.parse(readFileSync(join(folder, '.vscode', 'tasks.json'), 'utf8')) as { tasks: { action: string }[] }).tasks.map((t) => t.action), ['register', 'doctor', 'unregister']);
    const uri = vscode.Uri.file(join(folder, 'web.config'));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    // The note that URL Rewrite must be installed says the check ran; nothing else may be reported.
    const diagnostics = await waitForDiagnostics(uri, (ds) => ds.some((d) => codeOf(d) === 'rewrite-module-required'), 'the check of the generated web.config');
    const serious = diagnostics.filter((d) => d.severity === vscode.DiagnosticSeverity.Error || d.severity === vscode.DiagnosticSeverity.Warning);
    assert.deepEqual(serious.map((d) => `${codeOf(d)}: ${d.message}`), []);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  test('Migrate to the Reverse Proxy rewrites a wfastcgi web.config as one edit and adds the service definition', async function () {
    this.timeout(60_000);
    const folder = join(root, 'migrate-proxy');
    mkdirSync(folder);
    const file = join(folder, 'web.config');
    writeFileSync(file, [
      '<?xml version="1.0" encoding="utf-8"?>',
      '<configuration>',
      '  <system.webServer>',
      '    <handlers>',
      '      <add name="Python FastCGI" path="*" verb="*" modules="FastCgiModule" scriptProcessor="C:\\inetpub\\shop\\venv\\Scripts\\python.exe|C:\\inetpub\\shop\\venv\\Lib\\site-packages\\wfastcgi.py" resourceType="Unspecified" requireAccess="Script" />',
      '    </handlers>',
      '  </system.webServer>',
      '  <appSettings>',
      '    <add key="WSGI_HANDLER" value="app.app" />',
      '    <add key="PYTHONPATH" value="C:\\inetpub\\shop" />',
      '    <add key="SECRET_KEY" value="change-me" />',
      '  </appSettings>',
      '</configuration>',
      '',
    ].join('\r\n'));
    const uri = vscode.Uri.file(file);
    assert.equal(await vscode.commands.executeCommand('flaskIis.migrateToProxy', { uri, asgi: false, backendPort: 8042 }), true);
    const doc = await vscode.workspace.openTextDocument(uri);
    const text = doc.getText();
    assert.ok(!text.includes('FastCgiModule') && text.includes('<action type="Rewrite" url="http://127.0.0.1:8042/{R:1}" />'), text);
    assert.ok(text.includes('<!-- wfastcgi only, not read by the reverse-proxy bridge: <add key="WSGI_HANDLER" value="app.app" /> -->'), text);
    assert.ok(!/[^\r]\n/.test(text), 'CRLF line endings kept');
    assert.ok(await doc.save(), 'saving the migrated web.config');
    const xml = readFileSync(join(folder, 'service', 'migrateproxyBackend.xml'), 'utf8');
    assert.match(xml, /<workingdirectory>C:\\inetpub\\shop<\/workingdirectory>/);
    assert.match(xml, /<env name="SECRET_KEY" value="change-me" \/>/);
  });

  test('a repository with symlinked static/ and .vscode/, or logs/ for Migrate: refused, nothing written inside or outside', async function () {
    if (process.platform === 'win32') this.skip();
    this.timeout(60_000);
    const folder = join(root, 'hostile');
    const outside = join(root, 'outside');
    mkdirSync(folder);
    mkdirSync(outside);
    writeFileSync(join(folder, 'app.py'), 'from flask import Flask\napp = Flask(__name__)\n');
    symlinkSync(outside, join(folder, 'static'));
    symlinkSync(outside, join(folder, '.vscode'));
    const options = { folder, bridge: 'wfastcgi', python: 'C:\\Python312\\python.exe', sitePath: 'C:\\inetpub\\hostile', overwrite: true };
    assert.equal(await vscode.commands.executeCommand('flaskIis.initDeployment', options), undefined);
    assert.equal(await vscode.commands.executeCommand('flaskIis.newProject', { ...options, name: 'hostile' }), undefined);
    assert.deepEqual(readdirSync(folder).sort(), ['.vscode', 'app.py', 'static']);
    assert.deepEqual(readdirSync(outside), []);

    const migrate = join(root, 'migrate-hostile');
    mkdirSync(migrate);
    symlinkSync(outside, join(migrate, 'logs'));
    const config = '<configuration><system.webServer><handlers><add name="Python FastCGI" path="*" verb="*" modules="FastCgiModule" scriptProcessor="C:\\Py\\python.exe|C:\\Py\\Lib\\site-packages\\wfastcgi.py" /></handlers></system.webServer><appSettings><add key="WSGI_HANDLER" value="app.app" /></appSettings></configuration>\n';
    writeFileSync(join(migrate, 'web.config'), config);
    assert.equal(await vscode.commands.executeCommand('flaskIis.migrateToHttpPlatform', { uri: vscode.Uri.file(join(migrate, 'web.config')), asgi: false }), false);
    assert.equal((await vscode.workspace.openTextDocument(vscode.Uri.file(join(migrate, 'web.config')))).getText(), config, 'the document is not edited');
    assert.deepEqual(readdirSync(outside), []);
  });
});
