/// <reference types="mocha" />
// Completion, hover, outline and links for web.config, through VS Code's own commands.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activatedApi } from './helper';
import { completionLabels, hoverText, openMarked, openText } from './editorHelper';

suite('Editor features', () => {
  suiteSetup(async () => {
    await activatedApi();
  });

  test('completion: child elements of <handlers> in half-typed XML', async () => {
    const { doc, position } = await openMarked('<configuration>\n  <system.webServer>\n    <handlers>\n      <|\n');
    const labels = await completionLabels(doc, position, '<');
    for (const name of ['add', 'remove', 'clear']) assert.ok(labels.includes(name), `${name} in ${labels.join(', ')}`);
    assert.ok(!labels.includes('httpPlatform'));
  });

  test('completion: appSettings keys and enumerated attribute values', async () => {
    const keys = await openMarked('<configuration>\n  <appSettings>\n    <add key="|" value="" />\n  </appSettings>\n</configuration>\n');
    const labels = await completionLabels(keys.doc, keys.position);
    for (const k of ['WSGI_HANDLER', 'PYTHONPATH', 'WSGI_RESTART_FILE_REGEX', 'DJANGO_SETTINGS_MODULE']) assert.ok(labels.includes(k), k);
    const modules = await openMarked('<configuration><system.webServer><handlers><add name="P" modules="|" /></handlers></system.webServer></configuration>');
    const values = await completionLabels(modules.doc, modules.position);
    assert.ok(values.includes('FastCgiModule') && values.includes('httpPlatformHandler'), values.join(', '));
  });

  test('completion: an appSettings that already has WSGI_HANDLER does not offer it (between tags, in key="", from a parent web.config)', async () => {
    const settings = '  <appSettings>\n    <add key="WSGI_HANDLER" value="app.app" />\n    <add key="PYTHONPATH" value="C:\\inetpub\\wwwroot\\shop" />\n';
    const between = await openMarked(`<?xml version="1.0" encoding="utf-8"?>\n<configuration>\n${settings}    |\n  </appSettings>\n</configuration>\n`);
    const labels = await completionLabels(between.doc, between.position);
    assert.ok(labels.includes('WSGI_LOG'), labels.join(', '));
    assert.ok(!labels.includes('WSGI_HANDLER') && !labels.includes('PYTHONPATH'), labels.join(', '));
    const inKey = await openMarked(`<configuration>\n${settings}    <add key="|" />\n  </appSettings>\n</configuration>\n`);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', inKey.doc.uri, inKey.position);
    const names = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(!names.includes('WSGI_HANDLER') && names.includes('WSGI_LOG'), names.join(', '));
    // Risky keys are struck through; picking a key writes value="" after it.
    assert.deepEqual(list.items.find((i) => i.label === 'WSGI_PTVSD_SECRET')?.tags, [vscode.CompletionItemTag.Deprecated]);
    const log = list.items.find((i) => i.label === 'WSGI_LOG')!;
    assert.ok(log.insertText instanceof vscode.SnippetString && /^WSGI_LOG" value="\$1$/.test(log.insertText.value), String((log.insertText as vscode.SnippetString).value));
    // A sub-folder's web.config: the parent's keys are in force there too (IIS merges them).
    const parentText = `<?xml version="1.0" encoding="utf-8"?>\n<configuration>\n${settings}  </appSettings>\n</configuration>\n`;
    const root = vscode.Uri.joinPath(inKey.doc.uri, '..', '..', `parent-${Date.now()}`);
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(root, 'web.config'), Buffer.from(parentText));
    const childText = '<?xml version="1.0" encoding="utf-8"?>\n<configuration>\n  <appSettings>\n    \n  </appSettings>\n</configuration>\n';
    const childUri = vscode.Uri.joinPath(root, 'api', 'web.config');
    await vscode.workspace.fs.writeFile(childUri, Buffer.from(childText));
    const child = await vscode.workspace.openTextDocument(childUri);
    const childLabels = await completionLabels(child, child.positionAt(childText.indexOf('    \n') + 4));
    assert.ok(childLabels.includes('WSGI_LOG') && !childLabels.includes('WSGI_HANDLER'), childLabels.join(', '));
  });

  test('completion: a negative case — nothing inside a comment', async () => {
    const { doc, position } = await openMarked('<configuration>\n  <!-- <| -->\n</configuration>\n');
    assert.deepEqual(await completionLabels(doc, position, '<'), []);
  });

  test('completion: inserting an element snippet and an attribute value changes the document as expected', async () => {
    const { doc, position } = await openMarked('<configuration>\n  <system.webServer>\n    <handlers>\n      <add name="P" resourceType="Fi|le" />\n    </handlers>\n  </system.webServer>\n</configuration>\n');
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, position);
    const item = list.items.find((i) => i.label === 'Unspecified');
    assert.ok(item, 'Unspecified offered');
    const range = item.range && 'replacing' in item.range ? item.range.replacing : (item.range as vscode.Range);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, range, String(item.insertText));
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.match(doc.getText(), /resourceType="Unspecified" \/>/);
  });

  test('hover: attribute documentation with its default; appSettings key documentation', async () => {
    const attr = await openMarked('<configuration><system.webServer><httpPlatform startup|TimeLimit="5" processPath="x" /></system.webServer></configuration>');
    const text = await hoverText(attr.doc, attr.position);
    assert.match(text, /startupTimeLimit/);
    assert.match(text, /120/); // the schema's default (HttpPlatformHandler 1.2)
    assert.match(text, /uint/);
    const key = await openMarked('<configuration><appSettings><add key="WSGI_HAN|DLER" value="app.app" /></appSettings></configuration>');
    assert.match(await hoverText(key.doc, key.position), /dotted Python name/);
  });

  test('hover: nothing on plain text (negative case)', async () => {
    const { doc, position } = await openMarked('<configuration>\n  <!-- just a comm|ent -->\n</configuration>\n');
    assert.equal(await hoverText(doc, position), '');
  });

  test('outline: appSettings keys and handlers as document symbols', async () => {
    const doc = await openText('<configuration>\n  <system.webServer>\n    <handlers>\n      <add name="Python FastCGI" path="*" verb="*" modules="FastCgiModule" scriptProcessor="C:\\P\\python.exe|C:\\P\\Lib\\site-packages\\wfastcgi.py" />\n    </handlers>\n  </system.webServer>\n  <appSettings>\n    <add key="WSGI_HANDLER" value="app.app" />\n  </appSettings>\n</configuration>\n');
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri);
    const names = symbols.flatMap((s) => [s.name, ...s.children.map((c) => `${s.name}/${c.name}`)]);
    assert.deepEqual(names, ['handlers', 'handlers/Python FastCGI', 'appSettings', 'appSettings/WSGI_HANDLER']);
  });
});
