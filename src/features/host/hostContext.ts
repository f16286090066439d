/**
 * What the host commands share in VS Code: the trust gate, the application folder to act on, the host state
 * from the machine-scoped settings, the plan preview and confirmation, and running a plan with progress and
 * its output in the log channel.
 */
import * as vscode from 'vscode';
import { showWithSetting } from '../settingButton';
import { join } from 'node:path';
import type { Plan } from '../../core/host/plan';
import { openAppFolder, type AppFolder } from '../../node/appFolder';
import type { CliEntry } from '../../node/host/elevation';
import { loadHostState, type HostState } from '../../node/host/hostState';
import type { RunResult } from '../../node/host/planRunner';
import { hostToolSettings } from '../../platform/config';
import { log } from '../../platform/log';
import { pickWebConfig } from '../python/pythonInterpreter';

export type OpenApp = Extract<AppFolder, { ok: true }>;

export function cliEntry(extensionPath: string): CliEntry {
  return { execPath: process.execPath, cliPath: join(extensionPath, 'dist', 'cli.js') };
}

/** Command arguments: an object (tests, other commands), or the web.config a menu was opened on. */
export function commandArgs<T extends { folder?: string }>(arg: unknown): T {
  if (arg instanceof vscode.Uri) return { folder: arg.fsPath } as T;
  return arg && typeof arg === 'object' ? (arg as T) : ({} as T);
}

/** Host tasks change IIS: never in Restricted Mode (the commands are also disabled there by `enablement`). */
export function requireHostTrust(): boolean {
  if (vscode.workspace.isTrusted) return true;
  void vscode.window.showWarningMessage(vscode.l10n.t('Flask on IIS changes IIS and runs tools only in a trusted workspace.'));
  return false;
}

/** The folder named by a command argument (a folder or its web.config), else the active or a picked web.config's. */
export async function chooseApp(folder: string | undefined): Promise<OpenApp | undefined> {
  const target = folder ?? (await pickWebConfig())?.uri.fsPath;
  if (!target) return undefined;
  const app = openAppFolder(target);
  if (!app.ok) {
    void showWithSetting('error', vscode.l10n.t('Flask on IIS: {0}', app.reason));
    return undefined;
  }
  return app;
}

export function hostState(apphostconfig?: string): HostState | undefined {
  const s = hostToolSettings();
  const loaded = loadHostState({ appcmd: s.appcmdPath || undefined, icacls: s.icaclsPath || undefined, winsw: s.winswPath || undefined, apphost: s.appHostConfigPath || undefined, apphostconfig });
  if (loaded.ok) return loaded.state;
  void showWithSetting('error', vscode.l10n.t('Flask on IIS: {0}', loaded.reason));
  return undefined;
}

export function showProblems(problems: string[]): void {
  for (const p of problems) log().warn(p);
  void vscode.window.showErrorMessage(problems[0] ?? '', ...(problems.length > 1 ? [vscode.l10n.t('Show Output')] : [])).then((a) => a && log().show(true));
}

const PREVIEW_SCHEME = 'flask-iis-plan';
const previews = new Map<string, string>();
let previewCount = 0;

/** Serves the plan previews: read-only documents that are never dirty (nothing asks to save them). */
export function registerPlanPreviews(): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, { provideTextDocumentContent: (uri) => previews.get(uri.toString()) ?? '' }),
    vscode.workspace.onDidCloseTextDocument((d) => previews.delete(d.uri.toString())),
  );
}

/** Opens the plan as a read-only preview document (each step: why, then its exact argv). */
export async function previewPlan(title: string, plan: Plan): Promise<void> {
  const lines = [`# ${title}`, ''];
  plan.steps.forEach((s, i) => lines.push(`${i + 1}. ${s.why}`, '', '   ```json', `   ${JSON.stringify(s.argv)}`, '   ```', ''));
  if (!plan.steps.length) lines.push(vscode.l10n.t('Nothing to do.'), '');
  for (const note of plan.notes) lines.push(`- ${note}`);
  const uri = vscode.Uri.from({ scheme: PREVIEW_SCHEME, path: `/${++previewCount}/${title.replace(/[\\/:*?"<>|]/g, '-')}.md` });
  previews.set(uri.toString(), lines.join('\n') + '\n');
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: true, preserveFocus: false });
}

/** True when the plan may run: confirmed by the argument (tests, tasks) or in a modal dialog. */
export async function confirmPlan(plan: Plan, confirmed: boolean | undefined, action: string): Promise<boolean> {
  if (confirmed) return true;
  const run = vscode.l10n.t('Run');
  const answer = await vscode.window.showWarningMessage(vscode.l10n.t('{0}: run these {1} command(s)? Windows may ask for administrator rights once.', action, plan.steps.length), { modal: true }, run);
  return answer === run;
}

export async function runWithProgress<T>(title: string, work: (onOutput: (index: number, text: string) => void) => Promise<T>): Promise<T> {
  log().show(true);
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title }, () =>
    work((index, text) => {
      for (const line of text.split(/\r?\n/).filter((l) => l.trim())) log().info(`[${index + 1}] ${line}`);
    }));
}

export function logPlan(plan: Plan): void {
  plan.steps.forEach((s, i) => log().info(`${i + 1}. ${s.why} ${JSON.stringify(s.argv)}`));
  for (const note of plan.notes) log().info(`note: ${note}`);
}

export function failedStep(plan: Plan, result: RunResult): string {
  const i = result.failedAt ?? 0;
  const o = result.outcomes[i];
  const detail = o?.error ?? o?.output.trim().split(/\r?\n/).slice(-2).join(' ') ?? '';
  return vscode.l10n.t('step {0} of {1} failed ({2}): {3}', i + 1, plan.steps.length, plan.steps[i]?.why ?? '', detail);
}
