/// <reference types="mocha" />
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activatedApi, codeOf, flaskCodes, openInEditor, waitForClose, waitForCodes, waitForNoDiagnostics } from './helper';

suite('Diagnostics follow edits and closing', () => {
  suiteSetup(async () => {
    await activatedApi();
  });

  test('an edit introducing WSGI_HANDLER "app:app" reports wsgi-handler-syntax; closing clears it', async function () {
    this.timeout(240_000);
    const doc = await openInEditor('edit', 'web.config');
    const old = '<add key="WSGI_HANDLER" value="app.app" />';
    const offset = doc.getText().indexOf(old);
    assert.ok(offset >= 0, 'fixture edit/web.config lost its WSGI_HANDLER line');
    assert.ok(!flaskCodes(doc.uri).includes('wsgi-handler-syntax'));

    const edit = new vscode.WorkspaceEdit();
    const range = new vscode.Range(doc.positionAt(offset), doc.positionAt(offset + old.length));
    edit.replace(doc.uri, range, '<add key="WSGI_HANDLER" value="app:app"/>');
    assert.ok(await vscode.workspace.applyEdit(edit), 'applyEdit failed');
    const ds = await waitForCodes(doc.uri, ['wsgi-handler-syntax']);
    const line = ds.find((d) => codeOf(d) === 'wsgi-handler-syntax')!.range.start.line;
    assert.equal(line, doc.positionAt(offset).line, 'wsgi-handler-syntax should be on the edited line');

    // Save first: closing a dirty editor would open a "save changes?" dialog. The workspace is a temp copy.
    assert.ok(doc.isDirty, `the edited document is not dirty before saving (was it saved by someone else?)`);
    assert.ok(await doc.save(), 'saving the edited document failed');
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), doc.uri.toString());
    const closed = waitForClose(doc, 200_000);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await closed;
    await waitForNoDiagnostics(doc.uri);
  });
});
