/** Activation only wires things up; every feature lives in its own module. */
import * as vscode from 'vscode';
import { CheckCache } from './features/editing/checkCache';
import { registerCheckWorkspaceCommand } from './features/editing/checkWorkspace';
import { registerCodeActions } from './features/editing/codeActions';
import { registerCompletion } from './features/editing/completion';
import { WebConfigDiagnostics } from './features/editing/diagnostics';
import { EditingEnvironment } from './features/editing/editingEnv';
import { registerHostFeatures } from './features/host/hostFeatures';
import { registerHover } from './features/editing/hover';
import { registerOutline } from './features/editing/outline';
import { registerPythonFeatures } from './features/python/pythonFeatures';
import { registerScaffoldFeatures } from './features/scaffold/scaffoldFeatures';
import { registerEffectiveCommand } from './features/schema/effectiveCommand';
import { useSchemaCacheFolder } from './features/schema/schemaSettings';
import { disposeLog, log } from './platform/log';

declare const globalThis: { __flaskIisLoadStart?: number };

export interface FlaskIisApi {
  readonly activation: { readonly activateMs: number; readonly loadToActivateMs: number; readonly steps: Readonly<Record<string, number>> };
}

export function activate(context: vscode.ExtensionContext): FlaskIisApi {
  const start = performance.now();
  const steps: Record<string, number> = {};
  let last = start;
  const step = <T>(name: string, f: () => T): T => {
    const value = f();
    const now = performance.now();
    steps[name] = now - last;
    last = now;
    return value;
  };
  if (context.globalStorageUri.scheme === 'file') useSchemaCacheFolder(vscode.Uri.joinPath(context.globalStorageUri, 'schema-cache').fsPath);
  const cache = new CheckCache();
  const environment = step('environment', () => new EditingEnvironment());
  const diagnostics = step('diagnostics', () => new WebConfigDiagnostics(cache));
  context.subscriptions.push(
    diagnostics,
    environment,
    step('checkWorkspace', () => registerCheckWorkspaceCommand(diagnostics)),
    step('completion', () => registerCompletion(cache, environment)),
    step('hover', () => registerHover(cache, environment)),
    step('codeActions', () => registerCodeActions(cache, environment)),
    step('outline', () => registerOutline(cache)),
    step('effective', () => registerEffectiveCommand()),
    { dispose: disposeLog },
  );
  step('python', () => registerPythonFeatures(context, diagnostics, environment));
  step('scaffold', () => registerScaffoldFeatures(context, environment));
  step('host', () => registerHostFeatures(context));
  const end = performance.now();
  const version = (context.extension.packageJSON as { version?: string }).version ?? '?';
  log().info(`Flask on IIS ${version} activated in ${(end - start).toFixed(1)} ms (VS Code ${vscode.version}, ${process.platform}, ${vscode.env.language})`);
  return { activation: { activateMs: end - start, loadToActivateMs: end - (globalThis.__flaskIisLoadStart ?? start), steps } };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
