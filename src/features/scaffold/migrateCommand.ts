/**
 * "Flask on IIS: Migrate to HttpPlatformHandler" (and "... to the Reverse Proxy": wfastcgi or HttpPlatformHandler to
 * URL Rewrite + ARR, with the WinSW service definition and the wrapper module as new files): rewrites the open wfastcgi web.config (or the one given) with
 * the core's minimal edits, as one undoable WorkspaceEdit, and creates the stdout log folder when missing.
 * An ASGI application (found by the Python-aware analysis) gets uvicorn instead of waitress. A link (or a FIFO...)
 * where the log folder goes stops it before anything changes.
 */
import * as vscode from 'vscode';
import { showWithSetting } from '../settingButton';
import { registerLoggedCommand } from '../../platform/commands';
import { dirname, join } from 'node:path';
import { renderMessage } from '../../core/messages';
import { planMigration, planProxyMigration } from '../../node/scaffold/migratePlan';
import { backendPortProblem, normalizeUrlPrefix, urlPrefixProblem } from '../../core/scaffold/options';
import { log } from '../../platform/log';
import { translate } from '../convert';
import { pickWebConfig } from '../python/pythonInterpreter';
import { sessionPythonSupport } from './scaffoldCommands';

export interface MigrateCommandOptions {
  uri?: vscode.Uri | string;
  /** Serve with uvicorn; undefined: decided by the analysis of the project. */
  asgi?: boolean;
  /** The application a CgiModule mapping should serve (`module.attr`); undefined: the analysis, then a pick. */
  handler?: string;
  /** The reverse-proxy bridge (flaskIis.migrateToProxy): the service's loopback port and the app's URL prefix. */
  backendPort?: number;
  urlPrefix?: string;
}

export function registerMigrateCommand(): vscode.Disposable {
  return vscode.Disposable.from(registerMigrate('flaskIis.migrateToHttpPlatform', false), registerMigrate('flaskIis.migrateToProxy', true));
}

function registerMigrate(id: string, proxy: boolean): vscode.Disposable {
  return registerLoggedCommand(id, async (arg?: vscode.Uri | MigrateCommandOptions) => {
    try {
      return await migrate(arg instanceof vscode.Uri ? { uri: arg } : arg ?? {}, proxy);
    } catch (e) {
      log().error(`migrate failed: ${e instanceof Error ? e.stack : String(e)}`);
      return false;
    }
  });
}

async function migrate(options: MigrateCommandOptions, proxy: boolean): Promise<boolean> {
  const uri = typeof options.uri === 'string' ? vscode.Uri.file(options.uri) : options.uri;
  const document = uri ? await vscode.workspace.openTextDocument(uri) : await pickWebConfig();
  if (!document) return false;
  const local = document.uri.scheme === 'file' ? dirname(document.uri.fsPath) : undefined;
  // The log folder is created next to web.config: never through a link (logs -> elsewhere) or onto a FIFO.
  const prefix = options.urlPrefix !== undefined ? normalizeUrlPrefix(options.urlPrefix) : undefined;
  const invalid = (options.backendPort !== undefined ? backendPortProblem(options.backendPort) : undefined) ?? (prefix ? urlPrefixProblem(prefix) : undefined);
  const choices = { ...(options.asgi !== undefined ? { asgi: options.asgi } : {}), ...(options.handler ? { handler: options.handler } : {}) };
  let result = invalid
    ? { ok: false as const, problems: [invalid] }
    : proxy
      ? await planProxyMigration(document.getText(), local, { ...(options.backendPort !== undefined ? { port: options.backendPort } : {}), ...(prefix ? { urlPrefix: prefix } : {}), ...(options.asgi !== undefined ? { asgi: options.asgi } : {}), translate }, sessionPythonSupport)
      : await planMigration(document.getText(), local, choices, sessionPythonSupport, translate);
  if (!proxy && !result.ok && 'candidates' in result && result.candidates && result.candidates.length > 1) {
    // A CGI mapping names a script, not an application, and the project has several: the user picks one.
    const handler = await vscode.window.showQuickPick(result.candidates, { placeHolder: vscode.l10n.t('The application HttpPlatformHandler should serve') });
    if (!handler) return false;
    result = await planMigration(document.getText(), local, { ...choices, handler }, sessionPythonSupport, translate);
  }
  if (!result.ok) {
    const text = result.problems.map((p) => renderMessage(p.key, p.args, translate)).join(' ');
    void showWithSetting('error', vscode.l10n.t('Flask on IIS: {0}', text));
    return false;
  }
  const asgi = result.asgi;
  const edit = new vscode.WorkspaceEdit();
  for (const e of result.edits) edit.replace(document.uri, new vscode.Range(document.positionAt(e.start), document.positionAt(e.end)), e.newText);
  if (local !== undefined) {
    for (const f of result.createFiles) edit.createFile(vscode.Uri.file(join(local, ...f.path.split('/'))), { ignoreIfExists: true, contents: new TextEncoder().encode(f.content) });
  }
  if (!(await vscode.workspace.applyEdit(edit))) return false;
  const where = vscode.workspace.asRelativePath(document.uri);
  const server = asgi ? 'uvicorn' : 'waitress';
  if (proxy) void vscode.window.showInformationMessage(vscode.l10n.t('Flask on IIS: {0} now proxies to {1} running as a Windows service (service/). Save it, then register the site with WinSW set in flaskIis.tools.winswPath.', where, server));
  else if (result.from === 'cgi' && !result.handler) void vscode.window.showInformationMessage(vscode.l10n.t('Flask on IIS: {0} no longer runs Python as CGI: HttpPlatformHandler serves every URL. Save to keep the change.', where));
  else void vscode.window.showInformationMessage(vscode.l10n.t('Flask on IIS: {0} now runs {1} under HttpPlatformHandler. Install HttpPlatformHandler and {1} on the server, then save.', where, server));
  return true;
}
