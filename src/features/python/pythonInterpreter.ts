/**
 * The interpreter the user chose for running their code: the machine-scoped `flaskIis.python.interpreterPath`
 * (workspace values are ignored even if present), else the Python extension's active environment.
 * Either is made an absolute path here, a bare name looked up on PATH outside the workspace folders, so no
 * program in the workspace is ever started by name. scriptProcessor's own python.exe is used only when the user
 * confirms it (configTrust.ts).
 */
import * as vscode from 'vscode';
import { resolveUserExecutable } from '../../node/executables';
import { machineSetting } from '../../platform/config';
import { activeInterpreterPath } from './pythonApi';

export { machineSetting };

export async function chosenInterpreter(resource: vscode.Uri): Promise<string | undefined> {
  const given = await givenInterpreter(resource);
  if (!given) return undefined;
  const exclude = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
  // A relative setting means nothing stable (relative to what?): only absolute paths and bare names are taken.
  if (/[\\/]/.test(given) && !/^([A-Za-z]:)?[\\/]/.test(given)) return undefined;
  return resolveUserExecutable(given, { exclude }).found;
}

async function givenInterpreter(resource: vscode.Uri): Promise<string | undefined> {
  const configured = machineSetting<string>('python.interpreterPath')?.trim();
  if (configured) return configured;
  return activeInterpreterPath(resource);
}

/** The web.config to act on: the active editor's, else one picked from the workspace. */
export async function pickWebConfig(): Promise<vscode.TextDocument | undefined> {
  const active = vscode.window.activeTextEditor?.document;
  if (active && /(^|[\\/])web\.config$/i.test(active.uri.path) && active.uri.scheme === 'file') return active;
  const uris = await vscode.workspace.findFiles('**/{web,Web,WEB}.config', '**/{node_modules,.git,.venv,venv,site-packages}/**', 200);
  if (!uris.length) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Flask on IIS: no web.config in this workspace.'));
    return undefined;
  }
  const picked = uris.length === 1 ? uris[0] : (await vscode.window.showQuickPick(uris.map((u) => ({ label: vscode.workspace.asRelativePath(u), uri: u })), { placeHolder: vscode.l10n.t('Which web.config?') }))?.uri;
  return picked ? vscode.workspace.openTextDocument(picked) : undefined;
}

/** Commands that run user code refuse in Restricted Mode (they are also disabled there by `enablement`). */
export function requireTrust(): boolean {
  if (vscode.workspace.isTrusted) return true;
  void vscode.window.showWarningMessage(vscode.l10n.t('Flask on IIS runs your Python code only in a trusted workspace.'));
  return false;
}
