/**
 * Messages that name a setting carry an "Open Setting" button that opens the Settings editor on that setting in
 * the scope where it takes effect: a machine-scoped setting in the remote's settings in a remote window (VS Code
 * reads machine settings there, not from the local user settings), else in the user settings; a resource or
 * window setting in the workspace settings when a folder is open.
 */
import * as vscode from 'vscode';

const SETTING = /\bflaskIis\.[A-Za-z]+(?:\.[A-Za-z]+)*/;

type Kind = 'info' | 'warning' | 'error';

/** The scope a setting is declared with in the manifest ('window' when unknown). */
function scopeOf(setting: string): string {
  const ext = vscode.extensions.all.find((e) => e.packageJSON?.name === 'flask-on-iis' && e.packageJSON?.publisher === 'flask-on-iis');
  const configuration = (ext?.packageJSON as { contributes?: { configuration?: { properties?: Record<string, { scope?: string }> }[] | { properties?: Record<string, { scope?: string }> } } } | undefined)?.contributes?.configuration;
  const groups = Array.isArray(configuration) ? configuration : configuration ? [configuration] : [];
  for (const g of groups) {
    const found = g.properties?.[setting];
    if (found) return found.scope ?? 'window';
  }
  return 'window';
}

/** The command (and its argument) that opens `setting` where it applies. */
export function openSettingCommand(setting: string): { command: string; args: unknown[] } {
  const scope = scopeOf(setting);
  if (scope === 'machine' || scope === 'application') {
    return vscode.env.remoteName ? { command: 'workbench.action.openRemoteSettings', args: [{ query: setting }] } : { command: 'workbench.action.openSettings', args: [setting] };
  }
  if (vscode.workspace.workspaceFolders?.length) return { command: 'workbench.action.openWorkspaceSettings', args: [{ query: setting }] };
  return { command: 'workbench.action.openSettings', args: [setting] };
}

/**
 * Shows `text`; when it names a flaskIis.* setting (or `setting` is given) the first button is "Open Setting".
 * Resolves to the other button picked, if any.
 */
export async function showWithSetting(kind: Kind, text: string, options: { setting?: string; buttons?: string[] } = {}): Promise<string | undefined> {
  const setting = options.setting ?? SETTING.exec(text)?.[0];
  const open = vscode.l10n.t('Open Setting');
  const buttons = [...(setting ? [open] : []), ...(options.buttons ?? [])];
  const show = kind === 'error' ? vscode.window.showErrorMessage : kind === 'warning' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  const picked = await show(text, ...buttons);
  if (picked === open && setting) {
    const { command, args } = openSettingCommand(setting);
    await vscode.commands.executeCommand(command, ...args);
    return undefined;
  }
  return picked;
}
