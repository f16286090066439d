/** Activation only wires things up; every feature lives in its own module. */
import * as vscode from 'vscode';
import { CheckCache } from './features/checkCache';
import { registerCheckWorkspaceCommand } from './features/checkWorkspace';
import { registerCodeActions } from './features/codeActions';
import { registerCompletion } from './features/completion';
import { WebConfigDiagnostics } from './features/diagnostics';
import { EditingEnvironment } from './features/editingEnv';
import { registerHostFeatures } from './features/hostFeatures';
import { registerHover } from './features/hover';
import { registerOutline } from './features/outline';
import { registerPythonFeatures } from './features/pythonFeatures';
import { registerScaffoldFeatures } from './features/scaffoldFeatures';
import { disposeLog, log } from './platform/log';

declare const globalThis: { __flaskIisLoadStart?: number };

export interface FlaskIisApi {
  readonly activation: { readonly activateMs: number; readonly loadToActivateMs: number };
}

export function activate(context: vscode.ExtensionContext): FlaskIisApi {
  const start = performance.now();
  const cache = new CheckCache();
  const environment = new EditingEnvironment();
  const diagnostics = new WebConfigDiagnostics(cache);
  context.subscriptions.push(
    diagnostics,
    environment,
    registerCheckWorkspaceCommand(diagnostics),
    registerCompletion(cache, environment),
    registerHover(cache, environment),
    registerCodeActions(cache, environment),
    registerOutline(cache),
    { dispose: disposeLog },
  );
  registerPythonFeatures(context, diagnostics, environment);
  registerScaffoldFeatures(context, environment);
  registerHostFeatures(context);
  const end = performance.now();
  const version = (context.extension.packageJSON as { version?: string }).version ?? '?';
  log().info(`Flask on IIS ${version} activated in ${(end - start).toFixed(1)} ms (VS Code ${vscode.version}, ${process.platform}, ${vscode.env.language})`);
  return { activation: { activateMs: end - start, loadToActivateMs: end - (globalThis.__flaskIisLoadStart ?? start) } };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
