/// <reference types="mocha" />
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activatedApi, expectedTrustMode, openFixture, restrictedOnly, trustedOnly, waitForCodes } from './helper';

suite('Workspace trust', () => {
  test('VS Code runs in the trust mode the runner asked for', () => {
    assert.equal(vscode.workspace.isTrusted, expectedTrustMode() === 'trusted');
  });

  test('restricted mode: the extension activates and diagnostics still appear', async function () {
    restrictedOnly(this);
    await activatedApi();
    const doc = await openFixture('restricted', 'web.config');
    await waitForCodes(doc.uri, ['xml-declaration-malformed', 'unexpanded-placeholder', 'rewrite-module-required']);
  });

  test('trusted workspace: the extension activates and its commands are registered', async function () {
    trustedOnly(this);
    await activatedApi();
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('flaskIis.checkWorkspace'), 'flaskIis.checkWorkspace is not registered');
  });
});
