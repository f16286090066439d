/**
 * "Flask on IIS: New Project…" and "Add IIS Deployment to This Folder…". Every question can be answered in
 * advance through an options object (the first argument; the explorer passes the folder's Uri instead), which
 * is how tests skip the prompts; with an options object, the optional question (the log folder) takes its
 * default instead of being asked. Files are only written — nothing runs — so both work in Restricted Mode.
 */
import * as vscode from 'vscode';
import { basename, join } from 'node:path';
import { renderMessage } from '../core/messages';
import { PythonModuleCache, type PythonSupport } from '../core/python';
import { distinctApps, serverDefaults, suggestName, type Bridge, type HostTaskDefinition, type Layout } from '../core/scaffold';
import { loadPythonParser } from '../node/pythonParser';
import { appCandidates, hostTaskDefinition, machineFacts, projectVenv } from '../node/scaffoldProject';
import { prepareInit, prepareNew, type Prepared, type ScaffoldRequest } from '../node/scaffoldRequest';
import { refusalProblem } from '../node/scaffoldFs';
import { inspectPlan, writePlan, type Refusal } from '../node/scaffoldWriter';
import { log } from '../platform/log';
import { translate } from './convert';
import type { EditingEnvironment } from './editingEnv';
import { pythonSupport } from './pythonSupport';
import { askLogDir, askName, askSitePath, confirmOverwrite, pickApp, pickBridge, pickFolder, pickInterpreter } from './scaffoldPrompts';

export interface ScaffoldCommandOptions {
  folder?: string | vscode.Uri;
  name?: string;
  bridge?: Bridge;
  layout?: Layout;
  python?: string;
  sitePath?: string;
  logDir?: string;
  /** init: the WSGI_HANDLER value. */
  handler?: string;
  /** The proxy bridge: the service's loopback port (default 8000) and the app's URL path under the site. */
  backendPort?: number;
  urlPrefix?: string;
  /** Existing files that differ: undefined asks (modal), true replaces them keeping .bak copies, false writes nothing. */
  overwrite?: boolean;
}

export interface ScaffoldCommandResult {
  written: string[];
  backups: string[];
  unchanged: string[];
  /** Set when existing files were not replaced (and so nothing was written). */
  conflicts?: string[];
}

export function registerScaffoldCommands(environment: EditingEnvironment, manifest: unknown): vscode.Disposable {
  const tasks = hostTaskDefinition(manifest);
  const run = (kind: 'new' | 'init') => async (arg?: vscode.Uri | ScaffoldCommandOptions): Promise<ScaffoldCommandResult | undefined> => {
    const options: ScaffoldCommandOptions = arg instanceof vscode.Uri ? { folder: arg } : arg ?? {};
    const interactive = arg === undefined || arg instanceof vscode.Uri;
    try {
      const prepared = await (kind === 'new' ? askNew(options, environment, tasks, interactive) : askInit(options, environment, tasks, interactive));
      return prepared && (await write(prepared, options.overwrite));
    } catch (e) {
      log().error(`${kind} failed: ${e instanceof Error ? e.stack : String(e)}`);
      void vscode.window.showErrorMessage(vscode.l10n.t('Flask on IIS: {0}', e instanceof Error ? e.message : String(e)));
      return undefined;
    }
  };
  return vscode.Disposable.from(
    vscode.commands.registerCommand('flaskIis.newProject', run('new')),
    vscode.commands.registerCommand('flaskIis.initDeployment', run('init')),
  );
}

/** The session's parser and parse cache (the Python-aware checks'), or a parser of our own while they load. */
export async function sessionPythonSupport(): Promise<PythonSupport | undefined> {
  const session = pythonSupport();
  if (session) return session;
  const parser = await loadPythonParser();
  return parser ? { parser, cache: new PythonModuleCache() } : undefined;
}

async function folderOf(options: ScaffoldCommandOptions): Promise<string | undefined> {
  if (options.folder instanceof vscode.Uri) return options.folder.fsPath;
  return options.folder ?? (await pickFolder());
}

/** The questions shared by both commands (skipping those the options answer); undefined when one is cancelled. */
async function askServer(options: ScaffoldCommandOptions, environment: EditingEnvironment, folder: string, name: string, bridge: Bridge, interactive: boolean): Promise<ScaffoldRequest | undefined> {
  const machine = machineFacts();
  const venv = projectVenv(folder);
  const base = { ...machine, projectDir: folder, name, bridge, ...(venv ? { projectVenv: venv } : {}) };
  const sitePath = options.sitePath ?? (await askSitePath(machine.windows ? folder : `C:\\inetpub\\${name}`));
  if (sitePath === undefined) return undefined;
  let python = options.python;
  if (python === undefined) {
    const defaults = serverDefaults({ ...base, sitePath });
    const picked = await pickInterpreter(await environment.knownInterpreters(), defaults.ok ? defaults.server.python : '', bridge);
    if (!picked) return undefined;
    python = picked.python;
  }
  const logDir = options.logDir ?? (interactive ? await askLogDir(bridge) : '');
  if (logDir === undefined) return undefined;
  const proxy = { ...(options.backendPort !== undefined ? { backendPort: options.backendPort } : {}), ...(options.urlPrefix !== undefined ? { urlPrefix: options.urlPrefix } : {}) };
  return { dir: folder, name, bridge, sitePath, ...(python ? { python } : {}), ...(logDir ? { logDir } : {}), ...proxy };
}

async function askNew(options: ScaffoldCommandOptions, environment: EditingEnvironment, hostTasks: HostTaskDefinition | undefined, interactive: boolean): Promise<Prepared | undefined> {
  const folder = await folderOf(options);
  if (!folder) return undefined;
  const name = options.name ?? (await askName(suggestName(basename(folder))));
  if (!name) return undefined;
  const bridge = options.bridge ?? (await pickBridge());
  if (!bridge) return undefined;
  const request = await askServer(options, environment, folder, name, bridge, interactive);
  return request && prepareNew({ ...request, ...(options.layout ? { layout: options.layout } : {}), ...(hostTasks ? { hostTasks } : {}) });
}

async function askInit(options: ScaffoldCommandOptions, environment: EditingEnvironment, hostTasks: HostTaskDefinition | undefined, interactive: boolean): Promise<Prepared | undefined> {
  const folder = await folderOf(options);
  if (!folder) return undefined;
  const support = await sessionPythonSupport();
  const candidates = support ? appCandidates(folder, support) : [];
  const apps = distinctApps(candidates);
  const handler = options.handler ?? (apps.length === 1 ? apps[0]!.handler : await pickApp(apps));
  if (!handler) return undefined;
  const asgi = candidates.some((c) => c.handler === handler && c.asgi);
  const bridge = options.bridge ?? (interactive ? await pickBridge(asgi) : asgi ? 'httpplatform' : await pickBridge());
  if (!bridge) return undefined;
  const name = options.name ?? suggestName(basename(folder));
  const request = await askServer(options, environment, folder, name, bridge, interactive);
  return request && prepareInit({ ...request, handler, candidates, ...(hostTasks ? { hostTasks } : {}) }, undefined);
}

async function write(prepared: Prepared, overwrite: boolean | undefined): Promise<ScaffoldCommandResult | undefined> {
  if (!prepared.ok) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Flask on IIS: {0}', renderMessage(prepared.problem.key, prepared.problem.args, translate)));
    return undefined;
  }
  const { conflicts, unchanged, refused } = inspectPlan(prepared.dir, prepared.plan.files);
  if (refused.length) return refuse(refused);
  const force = conflicts.length > 0 && (overwrite ?? (await confirmOverwrite(conflicts)));
  if (conflicts.length && !force) {
    if (overwrite === undefined) void vscode.window.showInformationMessage(vscode.l10n.t('Flask on IIS: nothing was written; {0} file(s) exist.', conflicts.length));
    return { written: [], backups: [], unchanged, conflicts };
  }
  const result = writePlan(prepared.dir, prepared.plan.files, { force });
  if (!result.ok && result.reason === 'unsafe') return refuse(result.refused);
  if (!result.ok) {
    const detail = result.reason === 'io' ? `${result.error}${result.leftBehind.length ? ` (${vscode.l10n.t('left behind: {0}', result.leftBehind.join(', '))})` : ''}` : result.conflicts.join(', ');
    void vscode.window.showErrorMessage(vscode.l10n.t('Flask on IIS: could not write the files: {0}', detail));
    return undefined;
  }
  for (const n of prepared.notes) log().info(renderMessage(n.key, n.args, translate));
  void announce(prepared.dir, result.written.length);
  return { written: result.written, backups: result.backups.map((b) => b.backup), unchanged: result.unchanged };
}

/** A link, FIFO... inside the folder: nothing was written; each is named (one message, the first refusal first). */
function refuse(refused: Refusal[]): undefined {
  const text = refused.map((r) => renderMessage(refusalProblem(r).key, refusalProblem(r).args, translate)).join(' ');
  void vscode.window.showErrorMessage(vscode.l10n.t('Flask on IIS: {0}', text));
  return undefined;
}

async function announce(dir: string, count: number): Promise<void> {
  const open = vscode.l10n.t('Open DEPLOY.md');
  const answer = await vscode.window.showInformationMessage(vscode.l10n.t('Flask on IIS: wrote {0} file(s) in {1}. The steps left on the server are in DEPLOY.md.', count, basename(dir)), open);
  if (answer === open) await vscode.window.showTextDocument(vscode.Uri.file(join(dir, 'DEPLOY.md')));
}
