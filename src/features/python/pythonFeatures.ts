/** Registers the Python-aware features: parser and watcher, WSGI_HANDLER links, verify and run commands. */
import * as vscode from 'vscode';
import { registerLoggedCommand } from '../../platform/commands';
import { forgetConfirmations, initConfigTrust } from '../configTrust';
import type { WebConfigDiagnostics } from '../editing/diagnostics';
import type { EditingEnvironment } from '../editing/editingEnv';
import { startInstalledModules } from './installedModules';
import { pythonInsight, startPythonSupport } from './pythonSupport';
import { RunLocallyCommand } from '../run/runLocallyCommand';
import { VerifyHandlerCommand } from '../run/verifyHandlerCommand';
import { registerWsgiHandlerLinks } from '../editing/wsgiHandlerLinks';

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
