/// <reference types="mocha" />
// Issue 14 acceptance in the real VS Code: the schema engine's findings inside <location>, and completion that
// follows the target the document resolves to (flaskIis.iis.target is resource-scoped: set on the folder).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activatedApi, codeOf, waitForCodes, workspaceRoot } from './helper';
import { completionLabels, hoverText, openMarked, openText } from './editorHelper';

/** Sets flaskIis.iis.target on the workspace folder for `body`, restoring the folder's previous value. */
async function withFolderTarget<T>(target: string, body: () => Promise<T>): Promise<T> {
  const folder = vscode.workspace.getWorkspaceFolder(workspaceRoot());
  assert.ok(folder, 'the test workspace has a folder');
  const config = vscode.workspace.getConfiguration('flaskIis', folder.uri);
  const previous = config.inspect<string>('iis.target')?.workspaceFolderValue;
  try {
    await config.update('iis.target', target, vscode.ConfigurationTarget.WorkspaceFolder);
    assert.equal(vscode.workspace.getConfiguration('flaskIis', folder.uri).get('iis.target'), target);
    return await body();
  } finally {
    await vscode.workspace.getConfiguration('flaskIis', folder.uri).update('iis.target', previous, vscode.ConfigurationTarget.WorkspaceFolder);
  }
}

const HPH = `<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <location path="." inheritInChildApplications="false">
    <system.webServer>
      <handlers>
        <add name="PythonHandler" path="*" verb="*" modules="httpPlatformHandler" resourceType="Unspecified" />
      </handlers>
      <httpPlatform processPath="C:\\inetpub\\shop\\.venv\\Scripts\\python.exe" |
    </system.webServer>
  </location>
</configuration>
`;

suite('Schema-driven editing (issue 14)', () => {
  suiteSetup(async () => {
    await activatedApi();
  });

  test('an unknown attribute inside <location><system.webServer> is an Error diagnostic with IIS\'s wording', async function () {
    this.timeout(60_000);
    const doc = await openText(`<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <location path="." inheritInChildApplications="false">
    <system.webServer>
      <httpErrors existingResponse="PassThrough" colour="blue" />
    </system.webServer>
  </location>
</configuration>
`);
    const ds = await waitForCodes(doc.uri, ['config-attribute-unknown'], 30_000);
    const d = ds.find((x) => codeOf(x) === 'config-attribute-unknown')!;
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(doc.getText(d.range), 'colour');
    assert.match(d.message, /0x8007000d "Unrecognized attribute 'colour'"/);
  });

  test('completion inside <httpPlatform offers startupRetryCount with target hph1.2, not with hph2', async function () {
    this.timeout(60_000);
    const v1 = await withFolderTarget('iis10,rewrite2.1,hph1.2', async () => {
      const { doc, position } = await openMarked(HPH);
      return completionLabels(doc, position, ' ');
    });
    assert.ok(v1.includes('startupRetryCount'), v1.join(', '));
    assert.ok(v1.includes('stdoutLogEnabled') && !v1.includes('processPath'), v1.join(', '));
    const v2 = await withFolderTarget('hph2', async () => {
      const { doc, position } = await openMarked(HPH);
      return completionLabels(doc, position, ' ');
    });
    assert.ok(!v2.includes('startupRetryCount'), v2.join(', '));
    assert.ok(v2.includes('stdoutLogEnabled'), v2.join(', '));
  });

  test('hover on a schema attribute shows its type, default and range', async function () {
    this.timeout(60_000);
    const { doc, position } = await openMarked('<configuration>\n  <system.webServer>\n    <httpPlatform processPath="C:\\py\\python.exe" startupRetry|Count="3" />\n  </system.webServer>\n</configuration>\n');
    const text = await hoverText(doc, position);
    assert.match(text, /uint/);
    assert.match(text, /10/);
    assert.match(text, /0.*100/);
  });
});
