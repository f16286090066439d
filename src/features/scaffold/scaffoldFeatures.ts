/** Registers the scaffolding commands: New Project, Add IIS Deployment, Migrate to HttpPlatformHandler. */
import type * as vscode from 'vscode';
import type { EditingEnvironment } from '../editing/editingEnv';
import { registerMigrateCommand } from './migrateCommand';
import { registerScaffoldCommands } from './scaffoldCommands';

export function registerScaffoldFeatures(context: vscode.ExtensionContext, environment: EditingEnvironment): void {
  context.subscriptions.push(registerScaffoldCommands(environment, context.extension.packageJSON), registerMigrateCommand());
}
