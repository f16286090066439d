/**
 * "Enable wfastcgi" / "Disable wfastcgi": the chosen interpreter's own wfastcgi-enable/-disable (installing
 * wfastcgi with pip first when the user agrees), then an offer to write the printed value into web.config's
 * scriptProcessor as one minimal edit. Arguments: `{ python, install, folder, writeScriptProcessor, confirm }`.
 */
import * as vscode from 'vscode';
import { registerLoggedCommand } from '../../platform/commands';
import { showWithSetting } from '../settingButton';
import { scriptProcessorEdit } from '../../core/editing/scriptProcessorEdit';
import { sayWith } from '../../core/host/undo';
import { describeWfastcgiOutcome, type WfastcgiOutcome } from '../../core/host/wfastcgiOutput';
import { checkText } from '../../core/check';
import { applyWfastcgi, planWfastcgi } from '../../node/host/hostActions';
import { IS_WINDOWS } from '../../node/host/hostTools';
import { hostToolSettings } from '../../platform/config';
import { log } from '../../platform/log';
import { translate } from '../convert';
import { chooseApp, cliEntry, commandArgs, confirmPlan, failedStep, hostState, logPlan, previewPlan, requireHostTrust, runWithProgress, showProblems } from './hostContext';
import { chosenInterpreter } from '../python/pythonInterpreter';

export interface WfastcgiArgs {
  python?: string;
  install?: boolean;
  /** The application folder (or web.config) whose scriptProcessor may be updated. */
  folder?: string;
  /** true: write the printed value without asking; false: never. */
  writeScriptProcessor?: boolean;
  confirm?: boolean;
}

export interface WfastcgiResult {
  ok: boolean;
  outcome: WfastcgiOutcome['kind'] | 'not-run';
  scriptProcessor?: string;
  wroteScriptProcessor?: boolean;
}

export function registerWfastcgiCommands(extensionPath: string): vscode.Disposable {
  const command = (action: 'enable' | 'disable') => async (arg?: unknown): Promise<WfastcgiResult | undefined> => {
    try {
      return requireHostTrust() ? await run(action, commandArgs<WfastcgiArgs>(arg), extensionPath) : undefined;
    } catch (e) {
      log().error(`${action} failed: ${e instanceof Error ? e.stack : String(e)}`);
      return undefined;
    }
  };
  return vscode.Disposable.from(
    registerLoggedCommand('flaskIis.enableWfastcgi', command('enable')),
    registerLoggedCommand('flaskIis.disableWfastcgi', command('disable')),
  );
}

async function run(action: 'enable' | 'disable', args: WfastcgiArgs, extensionPath: string): Promise<WfastcgiResult | undefined> {
  const resource = vscode.window.activeTextEditor?.document.uri ?? vscode.workspace.workspaceFolders?.[0]?.uri;
  const python = args.python ?? (resource ? await chosenInterpreter(resource) : undefined);
  if (!python) {
    void showWithSetting('warning', vscode.l10n.t('No Python interpreter: set flaskIis.python.interpreterPath, or select one with the Python extension.'));
    return undefined;
  }
  const state = hostState();
  if (!state) return undefined;
  const appcmd = hostToolSettings().appcmdPath || undefined;
  let planned = planWfastcgi({ action, python, install: Boolean(args.install), appcmd }, state, translate);
  if (!planned.ok && action === 'enable' && !args.install && (await offerInstall(python))) planned = planWfastcgi({ action, python, install: true, appcmd }, state, translate);
  if (!planned.ok) {
    showProblems(planned.problems);
    return { ok: false, outcome: 'not-run' };
  }
  const title = action === 'enable' ? vscode.l10n.t('Enable wfastcgi') : vscode.l10n.t('Disable wfastcgi');
  logPlan(planned.plan);
  await previewPlan(title, planned.plan);
  if (!planned.plan.steps.length) return offerWrite(action, planned.scriptProcessor, args, { ok: true, outcome: action === 'enable' ? 'enabled' : 'disabled', scriptProcessor: planned.scriptProcessor });
  if (!IS_WINDOWS && !appcmd) {
    void showWithSetting('warning', vscode.l10n.t('{0}: running this plan needs a Windows host with IIS (or appcmd.exe in flaskIis.tools.appcmdPath). The plan is shown; nothing was changed.', title));
    return { ok: false, outcome: 'not-run' };
  }
  if (!(await confirmPlan(planned.plan, args.confirm, title))) return undefined;
  const explicit = new Set(appcmd ? planned.plan.steps.map((s) => s.argv[0]!) : []);
  const { result, outcome } = await runWithProgress(title, (onOutput) => applyWfastcgi(planned.plan, explicit, cliEntry(extensionPath), onOutput));
  const explanation = describeWfastcgiOutcome(outcome, sayWith(translate));
  log().info(explanation);
  if (outcome.kind !== 'enabled' && outcome.kind !== 'disabled') {
    void vscode.window.showErrorMessage(result.failedAt !== undefined ? `${explanation} (${failedStep(planned.plan, result)})` : explanation);
    return { ok: false, outcome: outcome.kind };
  }
  void vscode.window.showInformationMessage(explanation);
  return offerWrite(action, outcome.scriptProcessor, args, { ok: true, outcome: outcome.kind, scriptProcessor: outcome.scriptProcessor });
}

async function offerInstall(python: string): Promise<boolean> {
  const install = vscode.l10n.t('Install wfastcgi and Enable');
  const answer = await vscode.window.showWarningMessage(vscode.l10n.t('wfastcgi is not installed in {0}. Install it with pip first?', python), { modal: true }, install);
  return answer === install;
}

/** After enable: offers to put the printed value into the web.config's FastCGI handler (one minimal edit). */
async function offerWrite(action: 'enable' | 'disable', value: string, args: WfastcgiArgs, result: WfastcgiResult): Promise<WfastcgiResult> {
  if (action !== 'enable' || args.writeScriptProcessor === false) return result;
  const app = args.folder ? await chooseApp(args.folder) : undefined;
  const uri = app ? vscode.Uri.file(app.configPath) : vscode.window.activeTextEditor?.document.uri;
  if (!uri || !/(^|[\\/])web\.config$/i.test(uri.fsPath)) return result;
  const document = await vscode.workspace.openTextDocument(uri);
  const edit = scriptProcessorEdit(checkText(document.getText()).model, value);
  if (!edit) return result;
  if (args.writeScriptProcessor !== true) {
    const write = vscode.l10n.t('Write into scriptProcessor');
    const answer = await vscode.window.showInformationMessage(vscode.l10n.t('Use {0} as the scriptProcessor of {1}?', value, vscode.workspace.asRelativePath(uri)), write);
    if (answer !== write) return result;
  }
  const workspaceEdit = new vscode.WorkspaceEdit();
  workspaceEdit.replace(uri, new vscode.Range(document.positionAt(edit.start), document.positionAt(edit.end)), edit.newText);
  return { ...result, wroteScriptProcessor: await vscode.workspace.applyEdit(workspaceEdit) };
}
