/// <reference types="mocha" />
// "Verify WSGI Handler" in the real VS Code: the handler is loaded by a real Python as wfastcgi would, and the
// failure becomes a wsgi-handler-import-failed diagnostic on the WSGI_HANDLER value.
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import { activatedApi, codeOf, openFixture, trustedOnly, waitForCodes, withSettings } from './helper';

const PYTHON = '/usr/bin/python3';

suite('Verify', () => {
  suiteSetup(async () => {
    await activatedApi();
  });

  test('Verify WSGI Handler reports the traceback of a module that fails on import', async function () {
    trustedOnly(this);
    if (!existsSync(PYTHON)) this.skip();
    const doc = await openFixture('verify', 'web.config');
    await withSettings({ 'flaskIis.python.interpreterPath': PYTHON }, async () => {
      await vscode.commands.executeCommand('flaskIis.verifyHandler');
      const ds = await waitForCodes(doc.uri, ['wsgi-handler-import-failed']);
      const d = ds.find((x) => codeOf(x) === 'wsgi-handler-import-failed')!;
      assert.equal(doc.getText(d.range), 'app.app');
      assert.match(d.message, /configuration missing on this server/);
    });
  });
});
