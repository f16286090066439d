/// <reference types="mocha" />
// Issue 15: with the display language zh-CN (the runner's zh-cn pass, FLASK_IIS_TEST_LOCALES=zh-cn, or the
// zh-CN sessions of `npm run bench`), the Problems panel, quick-fix titles, completion documentation and
// prompts are Chinese. Skipped in the English passes.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { openMarked, openText, quickFixes } from './editorHelper';
import { waitForCodes } from './helper';

const LOCALE = process.env.FLASK_IIS_LOCALE_UNDER_TEST;
const CJK = /[\u4e00-\u9fff]/;
const HANDLER = '<add name="Python FastCGI" path="*" verb="*" modules="FastCgiModule" scriptProcessor="C:\\Python311\\python.exe|C:\\Python311\\Lib\\site-packages\\wfastcgi.py" resourceType="Unspecified" />';
const CONFIG = `<?xml version="1.0" encoding="utf-8"?>\n<configuration>\n  <system.webServer>\n    <handlers>\n      ${HANDLER}\n    </handlers>\n  </system.webServer>\n  <appSettings>\n    <add key="WSGI_HANDLER" value="app:app" />\n  </appSettings>\n</configuration>\n`;
const width = (s: string): number => [...s].reduce((n, c) => n + (/[\u2e80-\u9fff\uff00-\uff60]/.test(c) ? 2 : 1), 0);

suite('Localization (zh-CN)', () => {
  suiteSetup(function () {
    if (LOCALE !== 'zh-cn') this.skip();
  });

  test('the display language is zh-cn and the extension runs with its zh-CN bundle', () => {
    assert.equal(vscode.env.language, 'zh-cn');
    assert.ok(vscode.l10n.bundle, 'no l10n bundle loaded for the extension');
  });

  test('a diagnostic in the Problems panel is Chinese: its first line says what is wrong and what to do', async () => {
    const doc = await openText(CONFIG);
    const ds = await waitForCodes(doc.uri, ['wsgi-handler-syntax']);
    const d = ds.find((x) => (typeof x.code === 'object' ? x.code.value : x.code) === 'wsgi-handler-syntax')!;
    const [first, ...rest] = d.message.split('\n');
    assert.match(first!, CJK, d.message);
    assert.match(first!, /app\.app/, 'the first line names the fix');
    assert.ok(width(first!) <= 100, `first line is ${width(first!)} columns: ${first}`);
    assert.ok(rest.join('\n').includes('ValueError'), 'the explanation follows on the next lines');
  });

  test('a quick-fix title is Chinese', async () => {
    const doc = await openText(CONFIG);
    const ds = await waitForCodes(doc.uri, ['wsgi-handler-syntax']);
    const d = ds.find((x) => (typeof x.code === 'object' ? x.code.value : x.code) === 'wsgi-handler-syntax')!;
    const titles = (await quickFixes(doc, d.range)).map((a) => a.title);
    assert.ok(titles.some((t) => CJK.test(t) && t.includes('app.app')), titles.join(' | '));
  });

  test("a completion item's documentation is Chinese", async () => {
    const { doc, position } = await openMarked('<configuration>\n  <appSettings>\n    <add key="|" value="" />\n  </appSettings>\n</configuration>\n');
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, position, undefined, 50);
    const item = list.items.find((i) => (typeof i.label === 'string' ? i.label : i.label.label) === 'PYTHONPATH');
    assert.ok(item, 'PYTHONPATH is offered');
    const docs = typeof item.documentation === 'string' ? item.documentation : item.documentation?.value ?? '';
    assert.match(docs, CJK, docs);
    assert.ok(docs.includes('sys.path'), 'names stay as they are');
  });

  test('prompts are Chinese: the strings the prompts show come from the zh-CN bundle', () => {
    // The suite runs inside the extension's folder, so vscode.l10n here is the extension's own bundle.
    for (const prompt of ['Site name', 'Port of the HTTP binding', 'How should IIS run Python?', 'Which python.exe does IIS start?']) {
      const shown = vscode.l10n.t(prompt);
      assert.notEqual(shown, prompt, `untranslated prompt: ${prompt}`);
      assert.match(shown, CJK, shown);
    }
  });

  test('New Project\'s questions, as the command shows them, are Chinese: every title (with its step) and every prompt', async function () {
    this.timeout(60_000);
    const parent = mkdtempSync(join(tmpdir(), 'flask-iis-zh-'));
    try {
      const answers = { parentFolder: parent, folderName: 'shop', name: 'shop', bridge: 'wfastcgi', sitePath: 'C:\\inetpub\\shop', interpreter: 'C:\\Python312\\python.exe', logDir: '' };
      const result = await vscode.commands.executeCommand<{ asked: string[]; shown: { question: string; title: string; prompt: string }[] }>('flaskIis.newProject', { answers });
      assert.equal(result.shown.length, result.asked.length, JSON.stringify(result));
      result.shown.forEach((s, i) => {
        assert.match(s.title, CJK, s.title);
        assert.ok(s.title.includes(`${i + 1}/${result.shown.length}`), `the step in the title: ${s.title}`);
        assert.match(s.prompt, CJK, `${s.question}: ${s.prompt}`);
      });
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });
});
