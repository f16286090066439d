/// <reference types="mocha" />
// Quick fixes through vscode.executeCodeActionProvider: apply and compare the whole document (CRLF stays CRLF).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { checkText } from '../../src/core/check';
import { fixAll } from '../../src/core/editing/fixAll';
import { fixesFor } from '../../src/core/editing/fixes';
import { renderMessage } from '../../src/core/messages';
import { mutations, SEEDS } from '../unit/fixCorpus';
import { applyEdits, wellFormedError } from '../unit/fixOracle';
import { activatedApi, codeOf, waitForCodes, writeWorkspaceFile, openFixture } from './helper';
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

// The property harness (test/unit/fixProperties.test.ts) on a sample, through the real adapter: every action
// VS Code offers whose title matches a core fix (or "Fix all") is applied as a WorkspaceEdit, and the document
// must equal the core's edits applied to the text. Fixes whose value depends on the machine (a detected
// interpreter or app) have other titles and are skipped; the count compared is asserted.
const SAMPLE_SEEDS = ['typographic', 'typographicMixed', 'typographicEntity', 'syntaxApos', 'misspelledEntries', 'misspelledBoth', 'handlerMissingTwo',
  'handlerMissingSelfClosing', 'handlerMissingEmpty', 'pythonPathDollar', 'ptvsd', 'fastCgiSection', 'duplicates', 'restartAnchored', 'declCase', 'portNoArguments', 'devServer'];
const SAMPLE_VARIANTS = /^[^[]*( \[bom\+crlf\+comments\])?$/;
/** Codes whose fixes never depend on the machine: their "Fix all" is compared too. */
const MACHINE_FREE = new Set(['typographic-quotes', 'appsettings-misspelled', 'wsgi-handler-syntax', 'duplicate-collection-entry', 'pythonpath-separator', 'restart-regex-invalid',
  'restart-regex-ineffective', 'xml-declaration-malformed', 'handler-resource-type', 'fastcgi-section-in-webconfig', 'ptvsd-secret']);

let sampleCounter = 0;
const SAMPLE_SIZE = 30;

/** Reverts (the samples are never saved) and closes the active editor, so the run does not pile up documents. */
async function closeActive(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.files.revert');
  await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
}

/** Writes the input (with its BOM when it has one) to a fresh web.config and opens it. */
async function openSample(text: string, bom: boolean): Promise<vscode.TextDocument> {
  const folder = `fixsample/case${++sampleCounter}`;
  await writeWorkspaceFile(bom ? `\ufeff${text}` : text, ...folder.split('/'), 'web.config');
  return openFixture(...folder.split('/'), 'web.config');
}

suite('Quick fixes: the property harness through WorkspaceEdit (sample)', () => {
  suiteSetup(async () => {
    await activatedApi();
  });

  test('each sampled action gives the text the core fix gives; well-formed stays well-formed', async function () {
    this.timeout(600_000);
    const inputs = SAMPLE_SEEDS.flatMap((name) => mutations({ name, text: SEEDS[name]! })).filter((i) => SAMPLE_VARIANTS.test(i.name));
    let compared = 0;
    const failures: string[] = [];
    for (const input of inputs) {
      if (compared >= SAMPLE_SIZE) break;
      const result = checkText(input.text, input.bom ? { encoding: 'utf-8-bom' } : {});
      const fixable = result.findings.filter((f) => fixesFor(result, f).length);
      if (!fixable.length) continue;
      const codes = [...new Set(fixable.map((f) => f.code))];
      // One look at the offered actions, then one fresh document per action to apply.
      const probe = await openSample(input.text, !!input.bom);
      const ds = await waitForCodes(probe.uri, codes);
      const plan: { code: string; start: number; end: number; title: string; expected: string }[] = [];
      for (const d of ds) {
        const code = codeOf(d) ?? '';
        const start = probe.offsetAt(d.range.start);
        const end = probe.offsetAt(d.range.end);
        const finding = result.findings.find((f) => f.code === code && f.start === start && f.end === end);
        if (!finding) continue;
        const titles = (await quickFixes(probe, d.range)).map((a) => a.title);
        for (const fix of fixesFor(result, finding)) {
          const title = renderMessage(fix.title.key, fix.title.args);
          if (titles.includes(title) && fix.edits.length) plan.push({ code, start, end, title, expected: applyEdits(input.text, fix.edits) });
        }
        const all = fixAll(result, code);
        const allTitle = renderMessage('fix.all', { code });
        if (all && MACHINE_FREE.has(code) && titles.includes(allTitle) && !plan.some((p) => p.title === allTitle)) plan.push({ code, start, end, title: allTitle, expected: applyEdits(input.text, all.edits) });
      }
      await closeActive();
      // A sample: at most two actions an input and SAMPLE_SIZE in all (each opens a document; the full set is the unit property test's).
      for (const p of plan.slice(0, 2)) {
        if (compared >= SAMPLE_SIZE) break;
        const doc = await openSample(input.text, !!input.bom);
        const d = (await waitForCodes(doc.uri, [p.code])).find((x) => codeOf(x) === p.code && doc.offsetAt(x.range.start) === p.start && doc.offsetAt(x.range.end) === p.end);
        const action = d && (await quickFixes(doc, d.range)).find((a) => a.title === p.title);
        if (!action) {
          failures.push(`${input.name}: "${p.title}" no longer offered`);
          continue;
        }
        await applyAction(action);
        compared++;
        if (doc.getText() !== p.expected) failures.push(`${input.name}: "${p.title}" gave\n${doc.getText()}\nexpected\n${p.expected}`);
        if (!wellFormedError(input.text) && wellFormedError(doc.getText())) failures.push(`${input.name}: "${p.title}" made the file malformed: ${wellFormedError(doc.getText())}`);
        await closeActive();
      }
    }
    console.log(`quick fixes through WorkspaceEdit: ${inputs.length} inputs, ${compared} actions applied and compared, ${failures.length} failures`);
    assert.deepEqual(failures.slice(0, 10), []);
    assert.ok(compared >= 25, `only ${compared} actions compared`);
  });
});

