/** "Flask on IIS: Check All web.config Files": opens every web.config of the workspace so it is checked. */
import * as vscode from 'vscode';
import { registerLoggedCommand } from '../../platform/commands';
import type { WebConfigDiagnostics } from './diagnostics';

export const WEB_CONFIG_GLOB = '**/{web,Web,WEB}.config';
const EXCLUDE = '**/{node_modules,.git,.venv,venv,env,site-packages,__pycache__}/**';

export function registerCheckWorkspaceCommand(diagnostics: WebConfigDiagnostics): vscode.Disposable {
  return registerLoggedCommand('flaskIis.checkWorkspace', async () => {
    const uris = await vscode.workspace.findFiles(WEB_CONFIG_GLOB, EXCLUDE, 500);
    for (const uri of uris) diagnostics.validate(await vscode.workspace.openTextDocument(uri));
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    vscode.window.setStatusBarMessage(vscode.l10n.t('Flask on IIS: checked {0} web.config file(s)', uris.length), 5000);
  });
}
