/// <reference types="mocha" />
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, type ExtensionApi, openFixture } from './helper';

suite('Activation', () => {
  test('the extension is present, activates on a web.config and returns its activation timing', async () => {
    const ext = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not installed in the extension host`);
    const doc = await openFixture('clean', 'web.config');
    assert.equal(doc.languageId, 'xml', 'web.config should open as XML');
    const api = await ext.activate();
    assert.ok(ext.isActive, 'extension is not active after activate()');
    assert.equal(typeof api?.activation?.activateMs, 'number', 'activate() must return { activation: { activateMs: number } }');
    assert.ok(Number.isFinite(api.activation.activateMs) && api.activation.activateMs >= 0, `activateMs = ${api.activation.activateMs}`);
  });
});
