/**
 * "Register Site in IIS…", "Unregister Site" and "Recycle Application Pool". Arguments may answer every
 * question (`{ folder, site, port, host, pool, warmUp, confirm }`), which is how the integration tests drive them.
 */
import * as vscode from 'vscode';
import { registerLoggedCommand } from '../../platform/commands';
import { showWithSetting } from '../settingButton';
import { basename } from 'node:path';
import { checkHost, checkName, checkPort } from '../../core/host/appcmd';
import type { GrantScope } from '../../core/host/grants';
import { findPool } from '../../core/host/hostObjects';
import { dirnameHost } from '../../core/host/hostPaths';
import { rollbackReport } from '../../core/host/rollback';
import { sayWith } from '../../core/host/undo';
import { exeEnvironment } from '../../core/rules/scriptProcessorRules';
import { executePlan } from '../../node/host/executePlan';
import { applySitePlan, planRecycle, planRegister, planUnregister, type SiteOptions, type SitePlan } from '../../node/host/hostActions';
import type { Plan } from '../../core/host/plan';
import type { HostState } from '../../node/host/hostState';
import { canExecute } from '../../node/host/hostTools';
import { manifestPath, readManifestFile } from '../../node/host/manifestFile';
import { hostToolSettings } from '../../platform/config';
import { log } from '../../platform/log';
import { translate } from '../convert';
import { chooseApp, cliEntry, commandArgs, confirmPlan, failedStep, hostState, logPlan, previewPlan, requireHostTrust, runWithProgress, showProblems, type OpenApp } from './hostContext';

/** The questions register/unregister/recycle ask; a tasks.json `flask-iis` entry carries the same fields. */
export interface SiteQuestions {
  /** The application folder, relative to the workspace folder ('.' when omitted). */
  folder?: string;
  site?: string;
  port?: number;
  host?: string;
  pool?: string;
  warmUp?: boolean;
}

export interface SiteArgs extends SiteQuestions {
  /** Run without the confirmation dialog (the preview is still shown). */
  confirm?: boolean;
  /**
   * Folders outside the site folder the caller confirms for register's grants (exact paths). Not part of the
   * task definition: tasks.json comes with the project, which must never confirm a grant by itself.
   */
  grantOutside?: string[];
}

export interface SiteCommandResult {
  ok: boolean;
  steps: number;
  completed: number;
  manifest?: string;
  problems?: string[];
  /** register after a failure: the rollback's report, first line first. */
  rollback?: string[];
}

const say = sayWith(translate);

export function registerSiteCommands(extensionPath: string): vscode.Disposable {
  const cli = cliEntry(extensionPath);
  const guard = (run: (args: SiteArgs) => Promise<SiteCommandResult | undefined>) => async (arg?: unknown) => {
    try {
      return requireHostTrust() ? await run(commandArgs<SiteArgs>(arg)) : undefined;
    } catch (e) {
      log().error(`host command failed: ${e instanceof Error ? e.stack : String(e)}`);
      return undefined;
    }
  };
  const register = async (args: SiteArgs) => {
    const app = await chooseApp(args.folder);
    const state = app && hostState();
    const options = app && state && (await askSite(app, state, args));
    if (!app || !state || !options) return undefined;
    const title = vscode.l10n.t('Register {0} in IIS', options.site);
    const python = hostToolSettings().interpreterPath;
    const scope: GrantScope = { chosen: python ? exeEnvironment(python) ?? dirnameHost(python) : undefined, confirmed: [...(args.grantOutside ?? [])], declined: [] };
    let sitePlan = planRegister(app.appDir, app.model, options, state, translate, scope);
    const questions = sitePlan.planned.ok ? sitePlan.planned.plan.questions ?? [] : [];
    if (questions.length) {
      const answered = await askOutsideGrants(questions, args, scope);
      if (!answered) return undefined;
      if (answered !== true) return refused(answered);
      sitePlan = planRegister(app.appDir, app.model, options, state, translate, scope);
    }
    return runSitePlan(title, app, sitePlan, state, args, cli, true);
  };
  const unregister = async (args: SiteArgs) => {
    const app = await chooseApp(args.folder);
    const state = app && hostState(readManifestFile(app.appDir).manifest?.apphostconfig);
    if (!app || !state) return undefined;
    return runSitePlan(vscode.l10n.t('Unregister {0} from IIS', basename(app.appDir)), app, planUnregister(app.appDir, state, translate), state, args, cli);
  };
  const recycle = async (args: SiteArgs) => {
    const app = await chooseApp(args.folder);
    const state = app && hostState();
    if (!app || !state) return undefined;
    const planned = planRecycle(app.appDir, args.pool, state, translate);
    if (!planned.ok) return refused(planned.problems);
    if (!canExecute(planned.plan, state.tools.explicit)) return needsWindows(vscode.l10n.t('Recycle Application Pool'), planned.plan.steps.length);
    const result = await runWithProgress(planned.plan.steps[0]!.why, (onOutput) => executePlan(planned.plan, { explicit: state.tools.explicit, cli, onOutput }));
    const ok = result.failedAt === undefined;
    if (ok) void vscode.window.showInformationMessage(planned.plan.steps[0]!.why);
    else void vscode.window.showErrorMessage(failedStep(planned.plan, result));
    return { ok, steps: 1, completed: result.completed };
  };
  return vscode.Disposable.from(
    registerLoggedCommand('flaskIis.registerSite', guard(register)),
    registerLoggedCommand('flaskIis.unregisterSite', guard(unregister)),
    registerLoggedCommand('flaskIis.recyclePool', guard(recycle)),
  );
}

/** `rollback` (register): a failed run is rolled back at once, and the message says what was and was not. */
async function runSitePlan(title: string, app: OpenApp, sitePlan: SitePlan, state: HostState, args: SiteArgs, cli: ReturnType<typeof cliEntry>, rollback = false): Promise<SiteCommandResult | undefined> {
  if (sitePlan.manifestProblem) log().warn(sitePlan.manifestProblem);
  if (!sitePlan.planned.ok) return refused(sitePlan.planned.problems);
  const plan = sitePlan.planned.plan;
  logPlan(plan);
  await previewPlan(title, plan);
  if (!plan.steps.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0}: nothing to do.', title));
    return { ok: true, steps: 0, completed: 0 };
  }
  if (!canExecute(plan, state.tools.explicit)) return needsWindows(title, plan.steps.length);
  if (!(await confirmPlan(plan, args.confirm, title))) return undefined;
  const applied = await runWithProgress(title, (onOutput) => applySitePlan(app.appDir, sitePlan, plan, state, cli, onOutput, translate, rollback));
  if (applied.manifestProblem) {
    log().error(applied.manifestProblem);
    void showWithSetting('error', applied.manifestProblem);
  }
  const manifest = applied.manifest ? manifestPath(app.appDir) : undefined;
  const summary: SiteCommandResult = { ok: applied.result.failedAt === undefined, steps: plan.steps.length, completed: applied.result.completed, ...(manifest ? { manifest } : {}) };
  if (summary.ok) {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0}: done ({1} command(s)).', title, plan.steps.length));
    return summary;
  }
  const undo = vscode.l10n.t('Undo What Was Done');
  const report = applied.rollback ? rollbackReport(plan, applied.result.failedAt!, applied.result.completed, applied.rollback.plan, applied.rollback.result, say) : [];
  const message = report.length ? vscode.l10n.t('{0}: {1}', title, report.join(' ')) : vscode.l10n.t('{0}: {1}', title, failedStep(plan, applied.result));
  log().error(message);
  if (report.length) summary.rollback = report;
  void vscode.window.showErrorMessage(message, ...(applied.undo?.steps.length ? [undo] : [])).then((a) => {
    if (a === undo) void vscode.commands.executeCommand('flaskIis.unregisterSite', { folder: app.appDir, confirm: true });
  });
  return summary;
}

/**
 * One modal question per folder outside the site folder that web.config or pyvenv.cfg chose, naming the exact
 * folder; the answers go into `scope`. Called with `confirm` (tests, other commands) nothing is asked: what the
 * arguments did not confirm is refused. Returns true when answered, undefined when cancelled, else the refusal.
 */
async function askOutsideGrants(questions: NonNullable<Plan['questions']>, args: SiteArgs, scope: GrantScope): Promise<true | string[] | undefined> {
  if (args.confirm) return [vscode.l10n.t('Register: {0} folder(s) outside the site folder need your confirmation; nothing was changed. {1}', questions.length, questions.map((q) => q.why).join(' '))];
  const grant = vscode.l10n.t('Grant');
  const skip = vscode.l10n.t('Do Not Grant');
  for (const q of questions) {
    const right = say(q.right === 'M' ? 'doctor.right.M' : 'doctor.right.RX');
    const answer = await vscode.window.showWarningMessage(vscode.l10n.t('Grant {0} {1} access on {2}?', q.principal, right, q.path), { modal: true, detail: q.why }, grant, skip);
    if (answer === undefined) return undefined;
    (answer === grant ? scope.confirmed! : scope.declined!).push(q.path);
  }
  return true;
}

/** Asks what the arguments did not say: site name, port, host name, pool, warm-up. */
async function askSite(app: OpenApp, state: HostState, args: SiteArgs): Promise<SiteOptions | undefined> {
  const manifest = readManifestFile(app.appDir).manifest;
  const problem = (p: ReturnType<typeof checkName>) => (p ? say(p.key, p.args) : undefined);
  const site = args.site ?? (await vscode.window.showInputBox({ title: vscode.l10n.t('Register Site in IIS'), prompt: vscode.l10n.t('Site name'), value: manifest?.site ?? basename(app.appDir), validateInput: (v) => problem(checkName('site', v)) }));
  if (site === undefined) return undefined;
  const portText = args.port !== undefined ? String(args.port) : await vscode.window.showInputBox({ title: vscode.l10n.t('Register Site in IIS'), prompt: vscode.l10n.t('Port of the HTTP binding'), value: '8080', validateInput: (v) => problem(checkPort(Number(v))) });
  if (portText === undefined) return undefined;
  const host = args.host ?? (await vscode.window.showInputBox({ title: vscode.l10n.t('Register Site in IIS'), prompt: vscode.l10n.t('Host name of the binding (empty: any host name)'), value: '', validateInput: (v) => problem(checkHost(v)) }));
  if (host === undefined) return undefined;
  const pool = args.pool ?? (await pickPool(state, manifest?.pool ?? site));
  if (pool === undefined) return undefined;
  const warmUp = args.warmUp ?? (await pickWarmUp());
  if (warmUp === undefined) return undefined;
  return { site, port: Number(portText), host, pool, warmUp };
}

async function pickPool(state: HostState, suggested: string): Promise<string | undefined> {
  const items: (vscode.QuickPickItem & { pool: string })[] = [];
  if (!findPool(state.appHost.objects, suggested)) items.push({ label: suggested, description: vscode.l10n.t('new application pool (No Managed Code, integrated)'), pool: suggested });
  for (const p of state.appHost.objects.pools) items.push({ label: p.name, description: vscode.l10n.t('existing: {0}, {1}', p.managedRuntimeVersion || 'No Managed Code', p.identityType), pool: p.name });
  return (await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Application pool'), placeHolder: vscode.l10n.t('A pool of its own is recommended for each Python application') }))?.pool;
}

async function pickWarmUp(): Promise<boolean | undefined> {
  const yes = { label: vscode.l10n.t('Keep it warm'), detail: vscode.l10n.t('startMode AlwaysRunning, no idle time-out, preloadEnabled: no slow first request after idle periods'), warm: true };
  const no = { label: vscode.l10n.t('Start on demand'), detail: vscode.l10n.t('IIS defaults: the pool starts on the first request and stops after 20 idle minutes'), warm: false };
  return (await vscode.window.showQuickPick([no, yes], { title: vscode.l10n.t('Warm-up') }))?.warm;
}

function refused(problems: string[]): SiteCommandResult {
  showProblems(problems);
  return { ok: false, steps: 0, completed: 0, problems };
}

function needsWindows(title: string, steps: number): SiteCommandResult {
  void showWithSetting('warning', vscode.l10n.t('{0}: running this plan needs a Windows host with IIS (or appcmd.exe in flaskIis.tools.appcmdPath). The plan is shown; nothing was changed.', title));
  return { ok: false, steps, completed: 0 };
}
