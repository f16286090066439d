/**
 * "New Flask on IIS Project…" and "Add IIS Deployment to This Folder…". Every question can be answered in
 * advance through an options object (the first argument; the explorer passes the folder's Uri instead), which
 * is how tests skip the prompts; with an options object, the optional question (the log folder) takes its
 * default instead of being asked. With `answers` instead, the prompts themselves run, answered from there
 * (scaffoldPrompts.withAnswers), and the result lists the questions asked.
 * New Project asks for a parent folder and a new folder's name (from the explorer, the clicked folder is the
 * parent): it writes into a new or empty folder, never into a workspace root that holds other things.
 * Files are only written — nothing runs — so both work in Restricted Mode.
 */
import * as vscode from 'vscode';
import { showWithSetting } from '../settingButton';
import { registerLoggedCommand } from '../../platform/commands';
import { basename, dirname, join } from 'node:path';
import { renderMessage } from '../../core/messages';
import { PythonModuleCache, type PythonSupport } from '../../core/python';
import { confirmedWithRoutes, distinctApps, serverDefaults, suggestName, type AppCandidate, type Bridge, type HostTaskDefinition, type Layout } from '../../core/scaffold';
import { confirmApps } from '../../node/scaffold/confirmApps';
import { loadPythonParser } from '../../node/python/pythonParser';
import { appCandidates, hostTaskDefinition, machineFacts, projectVenv } from '../../node/scaffold/scaffoldProject';
import { prepareInit, prepareNew, type Prepared, type ScaffoldRequest } from '../../node/scaffold/scaffoldRequest';
import { refusalProblem } from '../../node/scaffold/scaffoldFs';
import { inspectPlan, writePlan, type Refusal } from '../../node/scaffold/scaffoldWriter';
import { log } from '../../platform/log';
import { translate } from '../convert';
import type { EditingEnvironment } from '../editing/editingEnv';
import { chosenInterpreter } from '../python/pythonInterpreter';
import { pythonSupport } from '../python/pythonSupport';
import { askLogDir, askName, askProjectFolder, askSitePath, confirmOverwrite, pickApp, pickBridge, pickFolder, pickInterpreter, Steps, withAnswers, type Question, type Shown } from './scaffoldPrompts';

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
  /** Tests: run the prompts, answered from here (see scaffoldPrompts.withAnswers). */
  answers?: Partial<Record<Question, string>>;
}

export interface ScaffoldCommandResult {
  written: string[];
  backups: string[];
  unchanged: string[];
  /** Set when existing files were not replaced (and so nothing was written). */
  conflicts?: string[];
  /** The folder written to. */
  folder?: string;
  /** With `answers`: the questions asked, in order. */
  asked?: Question[];
  /** With `answers`: the title and prompt each question would show. */
  shown?: Shown[];
}

export function registerScaffoldCommands(environment: EditingEnvironment, manifest: unknown): vscode.Disposable {
  const tasks = hostTaskDefinition(manifest);
  const run = (kind: 'new' | 'init') => async (arg?: vscode.Uri | ScaffoldCommandOptions): Promise<ScaffoldCommandResult | undefined> => {
    const options: ScaffoldCommandOptions = arg instanceof vscode.Uri ? { folder: arg } : arg ?? {};
    const interactive = arg === undefined || arg instanceof vscode.Uri || options.answers !== undefined;
    try {
      const go = async () => {
        const prepared = await (kind === 'new' ? askNew(options, environment, tasks, interactive) : askInit(options, environment, tasks, interactive));
        const result = prepared && (await write(prepared, options.overwrite));
        return result && prepared.ok ? { ...result, folder: prepared.dir } : result;
      };
      if (!options.answers) return await go();
      const { result, asked, shown } = await withAnswers(options.answers, go);
      return result ? { ...result, asked, shown } : { written: [], backups: [], unchanged: [], asked, shown };
    } catch (e) {
      log().error(`${kind} failed: ${e instanceof Error ? e.stack : String(e)}`);
      void showWithSetting('error', vscode.l10n.t('Flask on IIS: {0}', e instanceof Error ? e.message : String(e)));
      return undefined;
    }
  };
  return vscode.Disposable.from(
    registerLoggedCommand('flaskIis.newProject', run('new')),
    registerLoggedCommand('flaskIis.initDeployment', run('init')),
  );
}

/** The session's parser and parse cache (the Python-aware checks'), or a parser of our own while they load. */
export async function sessionPythonSupport(): Promise<PythonSupport | undefined> {
  const session = pythonSupport();
  if (session) return session;
  const parser = await loadPythonParser();
  return parser ? { parser, cache: new PythonModuleCache() } : undefined;
}

async function folderOf(options: ScaffoldCommandOptions, steps: Steps): Promise<string | undefined> {
  if (options.folder instanceof vscode.Uri) return options.folder.fsPath;
  return options.folder ?? (await pickFolder(steps));
}

/** New Project's folder: given (string option), or a new folder in a parent (the explorer's folder, or one chosen). */
async function newFolderOf(options: ScaffoldCommandOptions, steps: Steps): Promise<string | undefined> {
  if (typeof options.folder === 'string') return options.folder;
  const parent = options.folder instanceof vscode.Uri ? options.folder.fsPath : undefined;
  if (parent) {
    steps.skip();
    return askProjectFolder(steps, parent, true);
  }
  const first = (vscode.workspace.workspaceFolders ?? []).find((f) => f.uri.scheme === 'file')?.uri.fsPath;
  return askProjectFolder(steps, first ? dirname(first) : undefined);
}

/** The number of questions the options leave open, for "step n/m". */
function openQuestions(options: ScaffoldCommandOptions, interactive: boolean, ...more: (string | undefined)[]): number {
  return [options.sitePath, options.python, interactive ? options.logDir : '', ...more].filter((v) => v === undefined).length;
}

/** The questions shared by both commands (skipping those the options answer); undefined when one is cancelled. */
async function askServer(options: ScaffoldCommandOptions, environment: EditingEnvironment, folder: string, name: string, bridge: Bridge, interactive: boolean, steps: Steps): Promise<ScaffoldRequest | undefined> {
  const machine = machineFacts();
  const venv = projectVenv(folder);
  const base = { ...machine, projectDir: folder, name, bridge, ...(venv ? { projectVenv: venv } : {}) };
  const sitePath = options.sitePath ?? (await askSitePath(steps, machine.windows ? folder : `C:\\inetpub\\${name}`));
  if (sitePath === undefined) return undefined;
  let python = options.python;
  if (python === undefined) {
    const defaults = serverDefaults({ ...base, sitePath });
    const picked = await pickInterpreter(steps, await environment.knownInterpreters(), defaults.ok ? defaults.server.python : '', bridge);
    if (!picked) return undefined;
    python = picked.python;
  }
  const logDir = options.logDir ?? (interactive ? await askLogDir(steps, bridge) : '');
  if (logDir === undefined) return undefined;
  const proxy = { ...(options.backendPort !== undefined ? { backendPort: options.backendPort } : {}), ...(options.urlPrefix !== undefined ? { urlPrefix: options.urlPrefix } : {}) };
  return { dir: folder, name, bridge, sitePath, ...(python ? { python } : {}), ...(logDir ? { logDir } : {}), ...proxy };
}

async function askNew(options: ScaffoldCommandOptions, environment: EditingEnvironment, hostTasks: HostTaskDefinition | undefined, interactive: boolean): Promise<Prepared | undefined> {
  const folderQuestions = typeof options.folder === 'string' ? 0 : 2;
  const steps = new Steps(vscode.l10n.t('New Flask on IIS Project'), folderQuestions + openQuestions(options, interactive, options.name, options.bridge));
  const folder = await newFolderOf(options, steps);
  if (!folder) return undefined;
  const name = options.name ?? (await askName(steps, suggestName(basename(folder))));
  if (!name) return undefined;
  const bridge = options.bridge ?? (await pickBridge(steps));
  if (!bridge) return undefined;
  const request = await askServer(options, environment, folder, name, bridge, interactive, steps);
  return request && prepareNew({ ...request, ...(options.layout ? { layout: options.layout } : {}), ...(hostTasks ? { hostTasks } : {}), translate });
}

async function askInit(options: ScaffoldCommandOptions, environment: EditingEnvironment, hostTasks: HostTaskDefinition | undefined, interactive: boolean): Promise<Prepared | undefined> {
  const steps = new Steps(vscode.l10n.t('Add IIS Deployment'), openQuestions(options, interactive, options.folder as string | undefined, options.handler, options.bridge));
  const folder = await folderOf(options, steps);
  if (!folder) return undefined;
  const support = await sessionPythonSupport();
  const candidates = await confirmed(folder, support ? appCandidates(folder, support) : [], options.handler);
  const apps = distinctApps(candidates);
  const routed = confirmedWithRoutes(apps);
  const auto = apps.length === 1 ? apps[0] : routed.length === 1 ? routed[0] : undefined;
  if (options.handler === undefined && auto) steps.skip();
  const handler = options.handler ?? auto?.handler ?? (await pickApp(steps, routed.length > 1 ? routed : apps));
  if (!handler) return undefined;
  const asgi = candidates.some((c) => c.handler === handler && c.asgi);
  if (options.bridge === undefined && !interactive && asgi) steps.skip();
  const bridge = options.bridge ?? (!interactive && asgi ? 'httpplatform' : await pickBridge(steps, asgi));
  if (!bridge) return undefined;
  const name = options.name ?? suggestName(basename(folder));
  const request = await askServer(options, environment, folder, name, bridge, interactive, steps);
  return request && prepareInit({ ...request, handler, candidates, ...(hostTasks ? { hostTasks } : {}), translate }, undefined);
}

/**
 * In a trusted workspace, with the interpreter the user chose (pythonInterpreter.ts), each candidate is loaded as
 * wfastcgi would and its routes are counted, so the one that serves is preferred; init's notes say what was
 * checked. In Restricted Mode, or without a chosen interpreter, nothing runs.
 */
async function confirmed(folder: string, candidates: AppCandidate[], handler: string | undefined): Promise<AppCandidate[]> {
  if (handler !== undefined || !vscode.workspace.isTrusted || !distinctApps(candidates).some((c) => !c.asgi)) return candidates;
  const python = await chosenInterpreter(vscode.Uri.file(folder));
  if (!python) return candidates;
  const title = vscode.l10n.t('Flask on IIS: loading the application with {0} as wfastcgi would, to count its routes…', python);
  const out = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title }, () => confirmApps(python, folder, candidates));
  for (const c of distinctApps(out)) if (c.confirmed) log().info(`init: ${c.handler} with ${python}: ${c.confirmed.loads ? `loads, ${c.confirmed.routes ?? '?'} route(s)` : `does not load: ${c.confirmed.error ?? ''}`}`);
  return out;
}

async function write(prepared: Prepared, overwrite: boolean | undefined): Promise<ScaffoldCommandResult | undefined> {
  if (!prepared.ok) {
    void showWithSetting('error', vscode.l10n.t('Flask on IIS: {0}', renderMessage(prepared.problem.key, prepared.problem.args, translate)));
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
    void showWithSetting('error', vscode.l10n.t('Flask on IIS: could not write the files: {0}', detail));
    return undefined;
  }
  for (const n of prepared.notes) log().info(renderMessage(n.key, n.args, translate));
  void announce(prepared.dir, result.written.length);
  return { written: result.written, backups: result.backups.map((b) => b.backup), unchanged: result.unchanged };
}

/** A link, FIFO... inside the folder: nothing was written; each is named (one message, the first refusal first). */
function refuse(refused: Refusal[]): undefined {
  const text = refused.map((r) => renderMessage(refusalProblem(r).key, refusalProblem(r).args, translate)).join(' ');
  void showWithSetting('error', vscode.l10n.t('Flask on IIS: {0}', text));
  return undefined;
}

async function announce(dir: string, count: number): Promise<void> {
  const open = vscode.l10n.t('Open DEPLOY.md');
  // A new project folder outside the workspace: offer to open it (in a new window, the workspace stays as it is).
  const outside = !vscode.workspace.getWorkspaceFolder(vscode.Uri.file(dir));
  const openFolder = vscode.l10n.t('Open Folder');
  const answer = await vscode.window.showInformationMessage(vscode.l10n.t('Flask on IIS: wrote {0} file(s) in {1}. The steps left on the server are in DEPLOY.md.', count, basename(dir)), open, ...(outside ? [openFolder] : []));
  if (answer === open) await vscode.window.showTextDocument(vscode.Uri.file(join(dir, 'DEPLOY.md')));
  if (answer === openFolder) await vscode.commands.executeCommand('vscode.openFolder', vscode.Uri.file(dir), { forceNewWindow: true });
}
