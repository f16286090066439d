/// <reference types="mocha" />
// Quick fixes through vscode.executeCodeActionProvider: apply and compare the whole document (CRLF stays CRLF).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activatedApi, codeOf, waitForCodes } from './helper';
import { applyAction, openText, quickFixes } from './editorHelper';

const HANDLER = '<add name="Python FastCGI" path="*" verb="*" modules="FastCgiModule" scriptProcessor="C:\\Python311\\python.exe|C:\\Python311\\Lib\\site-packages\\wfastcgi.py" resourceType="Unspecified" />';
const config = (settings: string[], eol = '\n') => ['<?xml version="1.0" encoding="utf-8"?>', '<configuration>', '  <system.webServer>', '    <handlers>', `      ${HANDLER}`,
  '    </handlers>', '  </system.webServer>', '  <!-- settings wfastcgi reads -->', '  <appSettings>', ...settings.map((s) => `    ${s}`), '  </appSettings>', '</configuration>', ''].join(eol);

async function fixAndCompare(before: string, code: string, after: string, title?: RegExp): Promise<void> {
  const doc = await openText(before);
  const diagnostics = await waitForCodes(doc.uri, [code]);
  const d = diagnostics.find((x) => codeOf(x) === code)!;
  const actions = await quickFixes(doc, d.range);
  const action = title ? actions.find((a) => title.test(a.title)) : actions.find((a) => a.isPreferred);
  assert.ok(action, `no ${title ?? 'preferred'} fix for ${code}; offered: ${actions.map((a) => a.title).join(' | ')}`);
  await applyAction(action);
  assert.equal(doc.getText(), after);
}

suite('Quick fixes', () => {
  suiteSetup(async () => {
    await activatedApi();
  });

  test('typographic quotes are straightened (CRLF file stays CRLF)', async () => {
    await fixAndCompare(config(['<add key=“WSGI_HANDLER” value="app.app" />'], '\r\n'), 'typographic-quotes', config(['<add key="WSGI_HANDLER" value="app.app" />'], '\r\n'));
  });

  test('WSGI_HANDLER colon becomes a dot', async () => {
    await fixAndCompare(config(['<add key="WSGI_HANDLER" value="app:app" />']), 'wsgi-handler-syntax', config(['<add key="WSGI_HANDLER" value="app.app" />']));
  });

  test('misspelled <AppSettings> is renamed, start and end tags', async () => {
    const before = config(['<add key="WSGI_HANDLER" value="app.app" />']).replace(/appSettings>/g, 'AppSettings>');
    await fixAndCompare(before, 'appsettings-misspelled', config(['<add key="WSGI_HANDLER" value="app.app" />']));
  });

  test('WSGI_PTVSD_* lines are removed without leaving blank lines (CRLF)', async () => {
    const before = config(['<add key="WSGI_HANDLER" value="app.app" />', '<add key="WSGI_PTVSD_SECRET" value="x" />', '<add key="WSGI_PTVSD_ADDRESS" value="0.0.0.0:5678" />'], '\r\n');
    await fixAndCompare(before, 'ptvsd-secret', config(['<add key="WSGI_HANDLER" value="app.app" />'], '\r\n'));
  });

  test('DJANGO_SETTINGS_MODULE is inserted after WSGI_HANDLER with the same indentation', async () => {
    const before = config(['<add key="WSGI_HANDLER" value="django.core.wsgi.get_wsgi_application()" />']);
    const after = config(['<add key="WSGI_HANDLER" value="django.core.wsgi.get_wsgi_application()" />', '<add key="DJANGO_SETTINGS_MODULE" value="mysite.settings" />']);
    await fixAndCompare(before, 'django-settings-missing', after);
  });

  test('a code with no fix offers none (negative case)', async () => {
    const doc = await openText(config(['<add key="WSGI_HANDLER" value="app.app" />']).replace('</system.webServer>', '<rewrite><rules /></rewrite></system.webServer>'));
    const d = (await waitForCodes(doc.uri, ['rewrite-module-required'])).find((x) => codeOf(x) === 'rewrite-module-required')!;
    const actions = await quickFixes(doc, d.range);
    assert.deepEqual(actions.filter((a) => a.diagnostics?.some((x) => codeOf(x) === 'rewrite-module-required')).map((a) => a.title), []);
  });

  test('fix all: every WSGI_HANDLER-style problem of one code in the file at once', async () => {
    const before = config(['<add key=“WSGI_HANDLER” value=“app.app” />']);
    const doc = await openText(before);
    const d = (await waitForCodes(doc.uri, ['typographic-quotes'])).find((x) => codeOf(x) === 'typographic-quotes')!;
    const all = (await quickFixes(doc, d.range)).find((a) => /Fix all/.test(a.title));
    assert.ok(all, 'a fix-all action');
    await applyAction(all);
    assert.equal(doc.getText(), config(['<add key="WSGI_HANDLER" value="app.app" />']));
    assert.ok(vscode.languages.getDiagnostics(doc.uri).length >= 0);
  });
});
