/** Activation only wires things up; every feature lives in its own module. */
import * as vscode from 'vscode';
import { WebConfigDiagnostics } from './features/diagnostics';
import { registerCheckWorkspaceCommand } from './features/checkWorkspace';
import { disposeLog } from './platform/log';

declare const globalThis: { __flaskIisLoadStart?: number };

export interface FlaskIisApi {
  readonly activation: { readonly activateMs: number; readonly loadToActivateMs: number };
}

export function activate(context: vscode.ExtensionContext): FlaskIisApi {
  const start = performance.now();
  const diagnostics = new WebConfigDiagnostics();
  context.subscriptions.push(diagnostics, registerCheckWorkspaceCommand(diagnostics), { dispose: disposeLog });
  const end = performance.now();
  return { activation: { activateMs: end - start, loadToActivateMs: end - (globalThis.__flaskIisLoadStart ?? start) } };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
