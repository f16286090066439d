/**
 * Registers the scaffolding commands: New Project, Add IIS Deployment, Migrate to HttpPlatformHandler, Add Deployment
 * Files for Another Server, Migrate fcgiext.ini (and its quick fix on an open fcgiext.ini).
 */
import type * as vscode from 'vscode';
import type { EditingEnvironment } from '../editing/editingEnv';
import { registerMigrateCommand } from './migrateCommand';
import { registerScaffoldCommands } from './scaffoldCommands';
import { registerFcgiextMigration } from '../servers/fcgiextMigrateCommand';
import { registerServerScaffoldCommand } from '../servers/serverScaffoldCommand';

export function registerScaffoldFeatures(context: vscode.ExtensionContext, environment: EditingEnvironment): void {
  context.subscriptions.push(registerScaffoldCommands(environment, context.extension.packageJSON), registerMigrateCommand(), registerServerScaffoldCommand(), registerFcgiextMigration());
}
