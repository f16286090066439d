/**
 * Programs that web.config names (scriptProcessor's python.exe, an httpPlatform processPath) run on this machine
 * only when the user confirmed that exact program or command line: once, or always (remembered in the
 * extension's global state on this machine, never in the workspace). Background work never asks: it uses a
 * program only if it was confirmed before.
 */
import * as vscode from 'vscode';
import type { WebConfig } from '../core/model/webConfig';
import { chooseInterpreter, scriptProcessorPython } from '../node/python/interpreterChoice';
import { sayWith } from '../core/host/undo';
import { log } from '../platform/log';
import { translate } from './convert';
import { chosenInterpreter } from './python/pythonInterpreter';

const KEY = 'flaskIis.confirmedConfigPrograms';
let state: vscode.Memento | undefined;

export function initConfigTrust(context: vscode.ExtensionContext): void {
  state = context.globalState;
}

function remembered(): string[] {
  const v = state?.get<unknown>(KEY);
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** Whether the user confirmed this exact program or command line before ("always"). */
export function isConfirmed(exact: string): boolean {
  return remembered().includes(exact);
}

export interface ConfirmArgs {
  /** A caller (a test, a keybinding the user wrote) confirming this exact string in advance. */
  confirmConfigProgram?: string;
}

/**
 * Asks (modal) before running `exact`, which the repository's web.config chose. `what` says what it is for.
 * Returns false when the user declines or dismisses.
 */
export async function confirmConfigProgram(exact: string, what: string, args?: ConfirmArgs): Promise<boolean> {
  if (!vscode.workspace.isTrusted) return false;
  if (args?.confirmConfigProgram === exact || isConfirmed(exact)) return true;
  const once = vscode.l10n.t('Run Once');
  const always = vscode.l10n.t('Always Run This');
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('web.config asks to run a program on this machine. Run it only if you trust this repository.'),
    { modal: true, detail: vscode.l10n.t('{0} Exactly this would run: {1} It comes from the repository, not from your settings. Cancel uses the interpreter you chose instead, or stops.', what, exact) },
    once,
    always,
  );
  if (answer === always) await state?.update(KEY, [...new Set([...remembered(), exact])]);
  return answer === once || answer === always;
}

/** Forgets every confirmation (a command, for the user who clicked "always" once too often). */
export async function forgetConfirmations(): Promise<void> {
  await state?.update(KEY, undefined);
}

/** The command's optional argument: only a plain object's `confirmConfigProgram` string is read. */
export function confirmArgs(args: unknown): ConfirmArgs {
  const v = args && typeof args === 'object' && !(args instanceof vscode.Uri) ? (args as Record<string, unknown>)['confirmConfigProgram'] : undefined;
  return typeof v === 'string' ? { confirmConfigProgram: v } : {};
}

/**
 * scriptProcessor's python.exe (what IIS will start) when it exists here and the user confirms it; otherwise the
 * interpreter the user chose (setting or Python extension). Never a Python found by name in the workspace.
 */
export async function interpreterFor(document: vscode.TextDocument, model: WebConfig, args: ConfirmArgs): Promise<{ python: string } | undefined> {
  const chosen = await chosenInterpreter(document.uri);
  const configured = scriptProcessorPython(model);
  const trustConfig = !!configured && configured !== chosen && (await confirmConfigProgram(configured, vscode.l10n.t('scriptProcessor\'s python.exe: the interpreter IIS will start for this site.'), args));
  const r = chooseInterpreter(model, { explicit: trustConfig ? undefined : chosen, explicitSource: 'chosen', trustConfig, allowPath: false, say: sayWith(translate) });
  for (const note of r.notes) log().info(note);
  return r.ok ? r.choice : undefined;
}
