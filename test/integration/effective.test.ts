/// <reference types="mocha" />
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activatedApi, fixtureUri } from './helper';

suite('Effective configuration', () => {
  suiteSetup(async () => {
    await activatedApi();
  });

  test('Show Effective Configuration on a sub-folder: the parent web.config\'s values with their file:line, clickable', async () => {
    const result = await vscode.commands.executeCommand<{ uri: string } | undefined>('flaskIis.showEffectiveConfiguration', fixtureUri('effective', 'api'));
    assert.ok(result, 'the command returned no document');
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === result.uri);
    assert.ok(doc, 'the effective configuration document is not open');
    assert.equal(doc.languageId, 'markdown');
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), result.uri);
    const text = doc.getText();
    // The parent's appSettings and header, the parent's <location path="api"> header, the child's removal.
    assert.match(text, /`<add key="WSGI_HANDLER" value="shop\.app"\/>` ← \[effective\/web\.config:14\]/);
    assert.match(text, /`<add name="Access-Control-Allow-Origin" value="https:\/\/shop\.example\.com"\/>` ← \[effective\/web\.config:21\]/);
    assert.match(text, /`name="Python FastCGI"` removed at \[effective\/api\/web\.config:5\]/);
    assert.doesNotMatch(text, /Duplicate entries/);
    const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', doc.uri);
    const parent = fixtureUri('effective', 'web.config');
    const toParent = links.filter((l) => l.target?.scheme === 'file' && l.target.fsPath === parent.fsPath);
    assert.ok(toParent.some((l) => l.target?.fragment === 'L14,6'), `no link to the parent's line 14: ${toParent.map((l) => l.target?.toString()).join(', ')}`);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  test('the command takes a web.config too: the site root\'s view has no <location path="api"> values', async () => {
    const result = await vscode.commands.executeCommand<{ uri: string } | undefined>('flaskIis.showEffectiveConfiguration', fixtureUri('effective', 'web.config'));
    assert.ok(result);
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(result.uri));
    assert.match(doc.getText(), /^# Effective configuration of effective\n/);
    assert.doesNotMatch(doc.getText(), /Access-Control-Allow-Origin/, 'the site root does not get <location path="api">');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  test('the site register created (.vscode/flask-iis.json) names the folder\'s IIS path; an inheritInChildApplications="false" block is said to apply', async () => {
    const result = await vscode.commands.executeCommand<{ uri: string } | undefined>('flaskIis.showEffectiveConfiguration', fixtureUri('effective-site', 'app'));
    assert.ok(result);
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(result.uri));
    const text = doc.getText();
    assert.match(text, /IIS configuration path: `Shop\/app`\. From the site register created, from \.vscode\/flask-iis\.json/);
    assert.match(text, /<location inheritInChildApplications="false"> at \[effective-site\/web\.config:3\]\([^)]*\) applied: taken as the same application\./);
    assert.match(text, /`<add name="X-Frame-Options" value="DENY"\/>` ← \[effective-site\/web\.config:7\]/);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
