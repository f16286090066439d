/**
 * "Flask on IIS: Add Deployment Files for Another Server…": the files of mod_wsgi, gunicorn/uWSGI behind nginx,
 * flup FastCGI or CGI in a folder, from the same request model as `flask-iis init DIR --server S`
 * (node/servers/serverRequest.ts): the application the Python-aware analysis finds (a pick among several), the
 * static folder it reads. Existing files that differ are replaced only when the user says so (a .bak copy first);
 * the writer refuses links and never leaves the folder. Every question can be answered by the options object (tests);
 * `answers` runs the prompts answered from there (scaffoldPrompts.withAnswers).
 */
import * as vscode from 'vscode';
import { renderMessage } from '../../core/messages';
import { TARGET_LABELS, type ServerTarget } from '../../core/servers';
import { refusalProblem } from '../../node/scaffold/scaffoldFs';
import { inspectPlan, writePlan } from '../../node/scaffold/scaffoldWriter';
import { prepareServerInit } from '../../node/servers/serverRequest';
import { registerLoggedCommand } from '../../platform/commands';
import { log } from '../../platform/log';
import { translate } from '../convert';
import { sessionPythonSupport } from '../scaffold/scaffoldCommands';
import { confirmOverwrite, pickApp, pickFolder, pickServerTarget, Steps, withAnswers, type Question } from '../scaffold/scaffoldPrompts';
import { showWithSetting } from '../settingButton';

export interface ServerScaffoldOptions {
  folder?: string | vscode.Uri;
  target?: ServerTarget;
  /** The application (`module.attr`); by default the analysis's only one, else a pick. */
  handler?: string;
  name?: string;
  /** The application's folder on the Unix server (default /var/www/<name>). */
  appDir?: string;
  /** The interpreter on the server (default: a venv in appDir). */
  python?: string;
  /** Existing files that differ: undefined asks (modal), true replaces them keeping .bak copies, false writes nothing. */
  overwrite?: boolean;
  answers?: Partial<Record<Question, string>>;
}

export interface ServerScaffoldResult {
  folder?: string;
  target?: ServerTarget;
  written: string[];
  backups: string[];
  unchanged: string[];
  conflicts?: string[];
  asked?: Question[];
}

export function registerServerScaffoldCommand(): vscode.Disposable {
  return registerLoggedCommand('flaskIis.addServerDeployment', async (arg?: vscode.Uri | ServerScaffoldOptions) => {
    const options: ServerScaffoldOptions = arg instanceof vscode.Uri ? { folder: arg } : arg ?? {};
    try {
      if (!options.answers) return await addServerFiles(options);
      const { result, asked } = await withAnswers(options.answers, () => addServerFiles(options));
      return { ...(result ?? { written: [], backups: [], unchanged: [] }), asked };
    } catch (e) {
      log().error(`add server deployment failed: ${e instanceof Error ? e.stack : String(e)}`);
      void showWithSetting('error', vscode.l10n.t('Flask on IIS: {0}', e instanceof Error ? e.message : String(e)));
      return undefined;
    }
  });
}

async function addServerFiles(options: ServerScaffoldOptions): Promise<ServerScaffoldResult | undefined> {
  const open = [options.folder, options.target].filter((v) => v === undefined).length + 1;
  const steps = new Steps(vscode.l10n.t('Add Deployment Files for Another Server'), open);
  const folder = options.folder instanceof vscode.Uri ? options.folder.fsPath : options.folder ?? (await pickFolder(steps));
  if (!folder) return undefined;
  const target = options.target ?? (await pickServerTarget(steps));
  if (!target) return undefined;
  const support = await sessionPythonSupport();
  const request = {
    dir: folder, target, translate,
    ...(options.name !== undefined ? { name: options.name } : {}),
    ...(options.appDir !== undefined ? { appDir: options.appDir } : {}),
    ...(options.python !== undefined ? { python: options.python } : {}),
  };
  let prepared = prepareServerInit({ ...request, ...(options.handler !== undefined ? { handler: options.handler } : {}) }, support);
  if (!prepared.ok && options.handler === undefined && (prepared.problem.key === 'scaffold.severalApps' || prepared.problem.key === 'scaffold.noApp')) {
    const handler = await pickApp(steps, prepared.candidates ?? []);
    if (!handler) return undefined;
    prepared = prepareServerInit({ ...request, handler }, support);
  } else steps.skip();
  if (!prepared.ok) {
    void showWithSetting('error', vscode.l10n.t('Flask on IIS: {0}', renderMessage(prepared.problem.key, prepared.problem.args, translate)));
    return undefined;
  }
  const { dir, plan } = prepared;
  const { conflicts, unchanged, refused } = inspectPlan(dir, plan.files);
  const refuse = (problems: ReturnType<typeof refusalProblem>[]) => {
    void showWithSetting('error', vscode.l10n.t('Flask on IIS: {0}', problems.map((p) => renderMessage(p.key, p.args, translate)).join(' ')));
    return undefined;
  };
  if (refused.length) return refuse(refused.map(refusalProblem));
  const force = conflicts.length > 0 && (options.overwrite ?? (await confirmOverwrite(conflicts)));
  if (conflicts.length && !force) {
    if (options.overwrite === undefined) void vscode.window.showInformationMessage(vscode.l10n.t('Flask on IIS: nothing was written; {0} file(s) exist.', conflicts.length));
    return { folder: dir, target, written: [], backups: [], unchanged, conflicts };
  }
  const result = writePlan(dir, plan.files, { force });
  if (!result.ok) {
    if (result.reason === 'unsafe') return refuse(result.refused.map(refusalProblem));
    void showWithSetting('error', vscode.l10n.t('Flask on IIS: could not write the files: {0}', result.reason === 'io' ? result.error : result.conflicts.join(', ')));
    return undefined;
  }
  for (const n of prepared.notes) log().info(renderMessage(n.key, n.args, translate));
  void announce(dir, target, result.written.length);
  return { folder: dir, target, written: result.written, backups: result.backups.map((b) => b.backup), unchanged: result.unchanged };
}

async function announce(dir: string, target: ServerTarget, count: number): Promise<void> {
  const open = vscode.l10n.t('Open DEPLOY.md');
  const label = renderMessage(`deploy.server.target.${target}`, {}, translate) || TARGET_LABELS[target];
  const answer = await vscode.window.showInformationMessage(vscode.l10n.t('Flask on IIS: wrote {0} file(s) for {1}. The steps on the server are in deploy/{2}/DEPLOY.md.', count, label, target), open);
  if (answer === open) await vscode.window.showTextDocument(vscode.Uri.joinPath(vscode.Uri.file(dir), 'deploy', target, 'DEPLOY.md'));
}
