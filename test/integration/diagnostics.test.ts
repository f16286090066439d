/// <reference types="mocha" />
import * as assert from 'node:assert/strict';
import { activatedApi, flaskCodes, openFixture, SOURCE, waitForCodes } from './helper';

suite('Diagnostics on open', () => {
  suiteSetup(async () => {
    await activatedApi();
  });

  test('a malformed declaration, unexpanded placeholders and a rewrite section are reported', async () => {
    const doc = await openFixture('broken-declaration', 'web.config');
    const ds = await waitForCodes(doc.uri, ['xml-declaration-malformed', 'unexpanded-placeholder', 'rewrite-module-required']);
    assert.ok(ds.every((d) => d.source === SOURCE));
  });

  test('typographic quotes and a misspelled appSettings section are reported', async () => {
    const doc = await openFixture('typographic', 'web.config');
    await waitForCodes(doc.uri, ['typographic-quotes', 'appsettings-misspelled']);
  });

  test('a clean wfastcgi web.config gets no flask-iis diagnostics', async () => {
    // Opening a broken file first proves the provider is live; a second broken file opened after the clean
    // one shows that the clean one has been processed by the time its diagnostics arrive.
    const before = await openFixture('broken-declaration', 'web.config');
    await waitForCodes(before.uri, ['xml-declaration-malformed']);
    const clean = await openFixture('clean', 'web.config');
    const after = await openFixture('typographic', 'web.config');
    await waitForCodes(after.uri, ['typographic-quotes']);
    assert.deepEqual(flaskCodes(clean.uri), []);
  });

  test('the check also runs for Web.config (capital W)', async () => {
    const doc = await openFixture('capital', 'Web.config');
    await waitForCodes(doc.uri, ['xml-declaration-malformed', 'unexpanded-placeholder', 'rewrite-module-required']);
  });
});
