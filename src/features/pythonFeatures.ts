/** Registers the Python-aware features: parser and watcher, WSGI_HANDLER links, verify and run commands. */
import * as vscode from 'vscode';
import { registerLoggedCommand } from '../platform/commands';
import { forgetConfirmations, initConfigTrust } from './configTrust';
import type { WebConfigDiagnostics } from './diagnostics';
import type { EditingEnvironment } from './editingEnv';
import { startInstalledModules } from './installedModules';
import { pythonInsight, startPythonSupport } from './pythonSupport';
import { RunLocallyCommand } from './runLocallyCommand';
import { VerifyHandlerCommand } from './verifyHandlerCommand';
import { registerWsgiHandlerLinks } from './wsgiHandlerLinks';

export function registerPythonFeatures(context: vscode.ExtensionContext, diagnostics: WebConfigDiagnostics, environment: EditingEnvironment): void {
  environment.setPythonInsight(pythonInsight);
  initConfigTrust(context);
  context.subscriptions.push(
    registerLoggedCommand('flaskIis.forgetConfirmedPrograms', () => forgetConfirmations()),
    startPythonSupport(() => diagnostics.revalidateAll()),
    startInstalledModules(() => diagnostics.revalidateAll()),
    registerWsgiHandlerLinks(),
    new VerifyHandlerCommand(),
    new RunLocallyCommand(),
  );
}
