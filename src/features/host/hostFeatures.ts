/** Registers the host features: the `flask-iis` task provider and the IIS commands (register, enable, check, ...). */
import * as vscode from 'vscode';
import { registerLoggedCommand } from '../../platform/commands';
import { machineSetting, SECTION } from '../../platform/config';
import { registerPlanPreviews } from './hostContext';
import { HostTaskProvider } from './hostTasks';
import { ServerCheckCommand } from '../servers/serverCheckCommand';
import { registerSiteCommands } from './siteCommands';
import { registerWfastcgiCommands } from './wfastcgiCommands';

/**
 * `flaskIis.hostToolsConfigured`: appcmd.exe is set (IIS Express, a test double), so the IIS commands work off
 * Windows too; the command palette hides them elsewhere (package.json `when` clauses).
 */
function hostToolsContext(): vscode.Disposable {
  const update = () => void vscode.commands.executeCommand('setContext', 'flaskIis.hostToolsConfigured', !!machineSetting<string>('tools.appcmdPath')?.trim());
  update();
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration(`${SECTION}.tools.appcmdPath`)) update();
  });
}

export function registerHostFeatures(context: vscode.ExtensionContext): void {
  const tasks = new HostTaskProvider(context.extensionPath);
  context.subscriptions.push(
    hostToolsContext(),
    tasks,
    vscode.tasks.registerTaskProvider(HostTaskProvider.type, tasks),
    // The provider's own answer, without VS Code's trust prompt for listing tasks (none in Restricted Mode).
    registerLoggedCommand('flaskIis.hostTasks', async () => (await tasks.provideTasks()).map((t) => ({ name: t.name, definition: t.definition }))),
    registerPlanPreviews(),
    registerSiteCommands(context.extensionPath),
    registerWfastcgiCommands(context.extensionPath),
    new ServerCheckCommand(),
  );
}
