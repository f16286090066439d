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
import { activatedApi, codeOf, EXTENSION_ID, waitForCodes, waitForDiagnostics } from './helper';

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
    const result = await vscode.commands.executeCommand<Result & { asked: string[]; folder?: string; shown: { question: string; title: string; prompt: string }[] }>('flaskIis.newProject', { answers });
    assert.deepEqual(result.asked.slice(0, 2), ['parentFolder', 'folderName'], 'the folder questions come first');
    assert.deepEqual(result.asked, ['parentFolder', 'folderName', 'name', 'bridge', 'sitePath', 'interpreter', 'logDir']);
    // Each question's title carries the product's command and its place: "New Flask on IIS Project — step 2/7".
    assert.deepEqual(result.shown.map((s) => s.title), result.asked.map((_, i) => `New Flask on IIS Project — step ${i + 1}/${result.asked.length}`));
    assert.ok(result.shown.every((s) => s.prompt.length > 5), JSON.stringify(result.shown));
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

  test('Add Deployment Files for Another Server: folder and target picked, the files appear in that folder and nowhere else', async function () {
    this.timeout(60_000);
    const parent = join(root, 'servers');
    const folder = join(parent, 'shop');
    mkdirSync(join(folder, 'static'), { recursive: true });
    mkdirSync(join(parent, 'blog'));
    writeFileSync(join(parent, 'blog', 'app.py'), 'from flask import Flask\napp = Flask(__name__)\n');
    writeFileSync(join(folder, 'shop.py'), 'from flask import Flask\n\napp = Flask(__name__)\n\n\n@app.route("/")\ndef index():\n    return "shop"\n');
    writeFileSync(join(folder, 'static', 'site.css'), 'body { margin: 0 }\n');
    const listing = (dir: string): string[] => readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((p) => p.split('\\').join('/')).sort();
    const before = listing(root).filter((p) => !p.startsWith('servers/shop/'));

    const result = await vscode.commands.executeCommand<Result & { asked: string[]; target: string; folder: string }>('flaskIis.addServerDeployment', { answers: { folder, server: 'gunicorn-nginx' } });
    assert.deepEqual(result.asked, ['folder', 'server'], 'one application: no application question');
    assert.equal(result.folder, folder);
    const expected = ['deploy/gunicorn-nginx/DEPLOY.md', 'deploy/gunicorn-nginx/nginx-site.conf', 'deploy/gunicorn-nginx/shop-gunicorn.service', 'wsgi_proxied.py'];
    assert.deepEqual([...result.written].sort(), expected);
    for (const f of expected) assert.ok(existsSync(join(folder, f)), f);
    assert.match(readFileSync(join(folder, 'wsgi_proxied.py'), 'utf8'), /from shop import app/);
    assert.match(readFileSync(join(folder, 'deploy/gunicorn-nginx/nginx-site.conf'), 'utf8'), /proxy_pass\s+http:\/\/127\.0\.0\.1:8000;/);
    assert.deepEqual(listing(root).filter((p) => !p.startsWith('servers/shop/')), before, 'nothing written outside the folder');

    // The user's edit is not replaced without asking: overwrite false writes nothing; true keeps a .bak.
    const mine = '# my nginx\n';
    writeFileSync(join(folder, 'deploy/gunicorn-nginx/nginx-site.conf'), mine);
    const second = await vscode.commands.executeCommand<Result>('flaskIis.addServerDeployment', { folder, target: 'gunicorn-nginx', overwrite: false });
    assert.deepEqual(second?.conflicts, ['deploy/gunicorn-nginx/nginx-site.conf']);
    assert.deepEqual(second?.written, []);
    assert.equal(readFileSync(join(folder, 'deploy/gunicorn-nginx/nginx-site.conf'), 'utf8'), mine);
    const third = await vscode.commands.executeCommand<Result>('flaskIis.addServerDeployment', { folder: vscode.Uri.file(folder), target: 'gunicorn-nginx', overwrite: true });
    assert.deepEqual(third?.written, ['deploy/gunicorn-nginx/nginx-site.conf']);
    assert.equal(readFileSync(join(folder, 'deploy/gunicorn-nginx/nginx-site.conf.bak'), 'utf8'), mine);
  });

  test('Add Deployment Files for Another Server: several applications are a pick; the explorer offers it on folders', async function () {
    this.timeout(60_000);
    const folder = join(root, 'servers-two');
    mkdirSync(folder);
    for (const m of ['admin', 'shop']) writeFileSync(join(folder, `${m}.py`), 'from flask import Flask\napp = Flask(__name__)\n');
    const result = await vscode.commands.executeCommand<Result & { asked: string[] }>('flaskIis.addServerDeployment', { answers: { folder, server: 'mod_wsgi', app: 'shop.app' } });
    assert.deepEqual(result.asked, ['folder', 'server', 'app']);
    const wsgi = result.written.find((f) => f.endsWith('.wsgi'))!;
    assert.match(readFileSync(join(folder, wsgi), 'utf8'), /from shop import app as application/);
    assert.ok(existsSync(join(folder, 'deploy/mod_wsgi/apache-site-windows.conf')));
    assert.deepEqual(readdirSync(folder).sort(), ['admin.py', 'deploy', wsgi, 'shop.py'].sort());
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { menus: Record<string, { command?: string; when?: string }[]> } };
    const entry = manifest.contributes.menus['flaskIis.explorer']!.find((m) => m.command === 'flaskIis.addServerDeployment');
    assert.match(entry?.when ?? '', /explorerResourceIsFolder/);
  });

  test('Migrate fcgiext.ini: the quick fix on the open file, web.config written in the folder, the registration shown, never over the user\'s file', async function () {
    this.timeout(60_000);
    const folder = join(root, 'iis6');
    mkdirSync(folder);
    const ini = join(folder, 'fcgiext.ini');
    writeFileSync(ini, ['[Types]', '*:1=FlaskApp', '', '[FlaskApp]', 'ExePath=C:\\Python27\\python.exe', 'Arguments=C:\\inetpub\\wwwroot\\wfastcgi.py', 'EnvironmentVars=WSGI_HANDLER:flaskapp.app,PYTHONPATH:C:\\inetpub\\flaskapp', 'MaxInstances=4', ''].join('\r\n'));
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(ini));
    await vscode.window.showTextDocument(doc);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, new vscode.Range(0, 0, 0, 0));
    const action = actions.find((a) => a.command?.command === 'flaskIis.migrateFcgiext');
    assert.ok(action, actions.map((a) => a.title).join(', '));
    const site = join(folder, 'site');
    mkdirSync(site);
    const result = await vscode.commands.executeCommand<{ written: string[]; script: string; section: string }>('flaskIis.migrateFcgiext', { uri: doc.uri, folder: site, overwrite: false });
    assert.equal(result.section, 'FlaskApp');
    assert.deepEqual(result.written, ['web.config']);
    const written = readFileSync(join(site, 'web.config'), 'utf8');
    assert.match(written, /scriptProcessor="C:\\Python27\\python\.exe\|C:\\inetpub\\wwwroot\\wfastcgi\.py"/);
    assert.match(written, /<add key="WSGI_HANDLER" value="flaskapp\.app" \/>/);
    assert.match(result.script, /IIS 6 is out of support|IIS 6 早已停止支持/);
    assert.match(result.script, /maxInstances:4/);
    const shown = vscode.workspace.textDocuments.find((d) => d.isUntitled && d.getText() === result.script);
    assert.ok(shown, 'the registration is shown in an editor');
    assert.deepEqual(readdirSync(site), ['web.config'], 'only web.config in the folder');
    const mine = '<configuration />\n';
    writeFileSync(join(site, 'web.config'), mine);
    const again = await vscode.commands.executeCommand<{ written: string[]; conflicts?: string[] }>('flaskIis.migrateFcgiext', { uri: doc.uri, folder: site, overwrite: false });
    assert.deepEqual(again.conflicts, ['web.config']);
    assert.equal(readFileSync(join(site, 'web.config'), 'utf8'), mine);
  });

  test('the CgiModule mapping of Python is reported, and its quick fix migrates it to HttpPlatformHandler', async function () {
    this.timeout(60_000);
    const folder = join(root, 'cgi');
    mkdirSync(folder);
    writeFileSync(join(folder, 'portal.py'), 'from flask import Flask\napp = Flask(__name__)\n');
    const file = join(folder, 'web.config');
    writeFileSync(file, [
      '<?xml version="1.0" ?>',
      '<configuration>',
      '  <system.webServer>',
      '    <handlers>',
      '      <add name="Python Handler"',
      '           path="*.py"',
      '           verb="*"',
      '           modules="CgiModule"',
      '           scriptProcessor="D:\\Python\\python.exe %s %s"',
      '           resourceType="Unspecified"/>',
      '    </handlers>',
      '  </system.webServer>',
      '</configuration>',
      '',
    ].join('\n'));
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    await vscode.window.showTextDocument(doc);
    const cgi = (await waitForCodes(doc.uri, ['python-cgi-handler'])).find((x) => codeOf(x) === 'python-cgi-handler')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, cgi.range, vscode.CodeActionKind.QuickFix.value);
    const action = actions.find((a) => a.command?.command === 'flaskIis.migrateToHttpPlatform');
    assert.ok(action, actions.map((a) => a.title).join(', '));
    assert.equal(await vscode.commands.executeCommand(action.command!.command, ...(action.command!.arguments ?? [])), true);
    const text = doc.getText();
    assert.ok(text.includes('modules="httpPlatformHandler"') && !text.includes('CgiModule') && text.includes('path="*"'), text);
    assert.ok(text.includes('<httpPlatform processPath="D:\\Python\\python.exe" arguments="-m waitress --host=127.0.0.1 --port=%HTTP_PLATFORM_PORT% portal:app"'), text);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
