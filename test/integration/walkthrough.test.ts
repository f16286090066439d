/// <reference types="mocha" />
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID } from './helper';

interface Step {
  id: string;
  completionEvents: string[];
}

suite('Walkthrough', () => {
  test('the getting-started walkthrough is listed: four steps, each with a completion event, and it opens', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    const walkthroughs = (ext.packageJSON as { contributes: { walkthroughs: { id: string; steps: Step[] }[] } }).contributes.walkthroughs;
    assert.deepEqual(walkthroughs.map((w) => w.id), ['gettingStarted']);
    assert.deepEqual(walkthroughs[0]!.steps.map((s) => s.id), ['checkWebConfig', 'applyFix', 'newProject', 'registerSite']);
    for (const s of walkthroughs[0]!.steps) assert.ok(s.completionEvents.length, s.id);
    // Every command a step waits for exists in this VS Code (ours once activated, and the built-in quick-fix ones).
    await ext.activate();
    const commands = new Set(await vscode.commands.getCommands(true));
    for (const s of walkthroughs[0]!.steps) {
      for (const e of s.completionEvents) if (e.startsWith('onCommand:')) assert.ok(commands.has(e.slice('onCommand:'.length)), `${s.id}: ${e}`);
    }
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${EXTENSION_ID}#gettingStarted`, false);
    const deadline = Date.now() + 10_000;
    let label = '';
    while (Date.now() < deadline) {
      label = vscode.window.tabGroups.activeTabGroup.activeTab?.label ?? '';
      if (/welcome|get started|flask on iis/i.test(label)) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    assert.match(label, /welcome|get started|flask on iis/i, `the walkthrough opened in the Welcome editor (active tab: "${label}")`);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
