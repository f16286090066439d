/// <reference types="mocha" />
import * as assert from 'node:assert/strict';
import { activatedApi, codeOf, openFixture, waitForCodes, waitForDiagnostics, waitForNoDiagnostics, withSettings } from './helper';

const CODES = ['xml-declaration-malformed', 'unexpanded-placeholder', 'rewrite-module-required'];

suite('Settings', () => {
  suiteSetup(async () => {
    await activatedApi();
  });

  test('flaskIis.diagnostics.severity "off" removes that code and restoring brings it back', async () => {
    const doc = await openFixture('settings', 'web.config');
    await waitForCodes(doc.uri, CODES);
    await withSettings({ 'flaskIis.diagnostics.severity': { 'rewrite-module-required': 'off' } }, async () => {
      const ds = await waitForDiagnostics(
        doc.uri,
        (list) => list.length > 0 && !list.some((d) => codeOf(d) === 'rewrite-module-required'),
        'rewrite-module-required to disappear while other codes stay',
      );
      assert.ok(ds.some((d) => codeOf(d) === 'xml-declaration-malformed'));
    });
    await waitForCodes(doc.uri, CODES);
  });

  test('flaskIis.diagnostics.enable false clears all flask-iis diagnostics', async () => {
    const doc = await openFixture('settings', 'web.config');
    await waitForCodes(doc.uri, CODES);
    await withSettings({ 'flaskIis.diagnostics.enable': false }, async () => {
      await waitForNoDiagnostics(doc.uri);
    });
    await waitForCodes(doc.uri, CODES);
  });
});
