/// <reference types="mocha" />
// The trust rule in the real VS Code: a program that web.config names (scriptProcessor's python.exe) is never
// run in the background, and runs for a command only when the user confirmed that exact program. The program is
// planted in the workspace and leaves a marker file when it runs.
import * as assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { activatedApi, flaskDiagnostics, trustedOnly, waitForDiagnostics, withSettings, workspaceRoot } from './helper';

const PYTHON = '/usr/bin/python3';

function plantedRepo(name: string, handler: string): { dir: string; planted: string; marker: string; config: vscode.Uri } {
  const dir = join(workspaceRoot().fsPath, name);
  mkdirSync(join(dir, 'tools'), { recursive: true });
  const marker = join(dir, 'ran.txt');
  const planted = join(dir, 'tools', 'python.exe');
  writeFileSync(planted, `#!/bin/sh\necho "$0" >> "${marker}"\nexit 0\n`);
  chmodSync(planted, 0o755);
  writeFileSync(join(dir, 'app.py'), 'def app(environ, start_response):\n    start_response("200 OK", [])\n    return [b"ok"]\n');
  const config = join(dir, 'web.config');
  writeFileSync(config, `<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <appSettings>
    <add key="WSGI_HANDLER" value="${handler}" />
  </appSettings>
  <system.webServer>
    <handlers>
      <add name="Python FastCGI" path="*" verb="*" modules="FastCgiModule" scriptProcessor="${planted}|${join(dir, 'wfastcgi.py')}" resourceType="Unspecified" requireAccess="Script" />
    </handlers>
  </system.webServer>
</configuration>
`);
  return { dir, planted, marker, config: vscode.Uri.file(config) };
}

suite('Trust: programs named by web.config', () => {
  suiteSetup(async () => {
    await activatedApi();
  });

  test('the background installed-module question goes to the chosen interpreter, never to scriptProcessor\'s program', async function () {
    trustedOnly(this);
    if (!existsSync(PYTHON)) this.skip();
    const repo = plantedRepo('trust-background', 'not_a_real_vendor_pkg.app');
    await withSettings({ 'flaskIis.python.interpreterPath': PYTHON }, async () => {
      const doc = await vscode.workspace.openTextDocument(repo.config);
      await vscode.window.showTextDocument(doc);
      // The answer of the chosen interpreter names it in the message: the question was asked, of that one.
      await waitForDiagnostics(doc.uri, (ds) => ds.some((d) => d.message.includes(PYTHON) && d.message.includes('not_a_real_vendor_pkg')), `the answer of ${PYTHON}`);
      assert.ok(!existsSync(repo.marker), 'the program web.config names ran in the background');
      assert.ok(flaskDiagnostics(doc.uri).length > 0);
    });
  });

  test('Verify runs scriptProcessor\'s program only when that exact program is confirmed', async function () {
    trustedOnly(this);
    if (!existsSync(PYTHON)) this.skip();
    const repo = plantedRepo('trust-verify', 'app.app');
    await withSettings({ 'flaskIis.python.interpreterPath': PYTHON }, async () => {
      const doc = await vscode.workspace.openTextDocument(repo.config);
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('flaskIis.verifyHandler', { confirmConfigProgram: repo.planted });
      assert.ok(existsSync(repo.marker), 'the confirmed program ran');
    });
  });
});
