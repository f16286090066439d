/** The questions of the scaffold commands: quick picks and input boxes, each resolving to undefined when cancelled. */
import * as vscode from 'vscode';
import type { Interpreter } from '../core/editing/env';
import { renderMessage } from '../core/messages';
import {
  handlerProblem, logDirProblem, nameProblem, normalizeLogDir, normalizeWindowsPath, pythonProblem, windowsPathProblem,
  type AppCandidate, type Bridge, type Problem,
} from '../core/scaffold';
import { translate } from './convert';

const TITLE = 'Flask on IIS';
const message = (p: Problem | undefined): string | undefined => (p ? renderMessage(p.key, p.args, translate) : undefined);

/** The folder to work on: the only workspace folder, one picked among several, or one chosen in a dialog. */
export async function pickFolder(): Promise<string | undefined> {
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
  if (folders.length === 1) return folders[0]!.uri.fsPath;
  if (folders.length > 1) {
    const picked = await vscode.window.showQuickPick(folders.map((f) => ({ label: f.name, description: f.uri.fsPath, folder: f })), { title: TITLE, placeHolder: vscode.l10n.t('Which folder?') });
    return picked?.folder.uri.fsPath;
  }
  const chosen = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, canSelectMany: false, openLabel: vscode.l10n.t('Use This Folder') });
  return chosen?.[0]?.fsPath;
}

export async function askName(suggestion: string): Promise<string | undefined> {
  const name = await vscode.window.showInputBox({
    title: TITLE, value: suggestion, prompt: vscode.l10n.t('The application\'s name: its Python package, IIS site and application pool'),
    validateInput: (v) => message(nameProblem(v.trim())),
  });
  return name?.trim();
}

/** The bridge; `asgi`: the application is ASGI, which wfastcgi cannot serve (it is not offered). */
export async function pickBridge(asgi = false): Promise<Bridge | undefined> {
  const all: (vscode.QuickPickItem & { bridge: Bridge })[] = [
    {
      bridge: 'httpplatform', label: vscode.l10n.t('HttpPlatformHandler + waitress'), description: vscode.l10n.t('recommended by Microsoft'),
      detail: vscode.l10n.t('wfastcgi is no longer maintained; IIS starts waitress (uvicorn for ASGI apps) and proxies to it. Needs the HttpPlatformHandler module.'),
    },
    {
      bridge: 'wfastcgi', label: vscode.l10n.t('wfastcgi (FastCGI)'), description: vscode.l10n.t('unmaintained'),
      detail: vscode.l10n.t('The set-up of most guides: IIS\'s CGI feature runs wfastcgi.py, registered with wfastcgi-enable. WSGI apps only.'),
    },
    {
      bridge: 'proxy', label: vscode.l10n.t('IIS reverse proxy to a Windows service'), description: vscode.l10n.t('URL Rewrite + ARR'),
      detail: vscode.l10n.t('Python (waitress, or uvicorn for ASGI apps) runs as a Windows service on 127.0.0.1; IIS forwards requests with the X-Forwarded-* headers. Streams responses; needs URL Rewrite and ARR.'),
    },
  ];
  const items = asgi ? all.filter((i) => i.bridge !== 'wfastcgi') : all;
  return (await vscode.window.showQuickPick(items, { title: TITLE, placeHolder: vscode.l10n.t('How should IIS run Python?') }))?.bridge;
}

export async function askSitePath(suggestion: string): Promise<string | undefined> {
  const path = await vscode.window.showInputBox({
    title: TITLE, value: suggestion, prompt: vscode.l10n.t('The site\'s folder on the IIS server (its physical path)'),
    validateInput: (v) => message(windowsPathProblem(normalizeWindowsPath(v), 'scaffold.what.site')),
  });
  return path === undefined ? undefined : normalizeWindowsPath(path);
}

/** The interpreter IIS starts: `{}` for the default, `{ python }` for a chosen one, undefined when cancelled. */
export async function pickInterpreter(interpreters: Interpreter[], defaultPython: string, bridge: Bridge): Promise<{ python?: string } | undefined> {
  type Item = vscode.QuickPickItem & { python?: string; enter?: boolean };
  const usable = interpreters.filter((it) => !pythonProblem(it.python) && it.python.toLowerCase() !== defaultPython.toLowerCase());
  const items: Item[] = [
    { label: defaultPython, description: vscode.l10n.t('default'), detail: vscode.l10n.t('DEPLOY.md says how to prepare it on the server') },
    ...usable.map((it): Item => ({
      label: it.python, python: it.python, description: renderMessage(`completion.source.${it.source}`, {}, translate),
      ...(bridge === 'wfastcgi' && !it.wfastcgi && it.source !== 'template' ? { detail: renderMessage('completion.wfastcgiMissing', {}, translate) } : {}),
    })),
    { label: vscode.l10n.t('Enter the path of python.exe on the server…'), enter: true },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: TITLE, placeHolder: vscode.l10n.t('Which python.exe does IIS start?') });
  if (!picked) return undefined;
  if (!picked.enter) return picked.python ? { python: picked.python } : {};
  const typed = await vscode.window.showInputBox({ title: TITLE, prompt: vscode.l10n.t('python.exe on the IIS server'), validateInput: (v) => message(pythonProblem(normalizeWindowsPath(v))) });
  return typed === undefined ? undefined : { python: normalizeWindowsPath(typed) };
}

/** The log folder; '' when none is wanted (wfastcgi) or the default (`logs`, HttpPlatformHandler). */
export async function askLogDir(bridge: Bridge): Promise<string | undefined> {
  const dir = await vscode.window.showInputBox({
    title: TITLE, value: bridge !== 'wfastcgi' ? 'logs' : '',
    prompt: bridge !== 'wfastcgi'
      ? vscode.l10n.t('Folder for Python\'s output (stdout log): inside the site, or an absolute server path')
      : vscode.l10n.t('Folder for wfastcgi\'s debug log (WSGI_LOG, slow): empty for none'),
    validateInput: (v) => (v.trim() ? message(logDirProblem(normalizeLogDir(v))) : undefined),
  });
  return dir?.trim();
}

/** The application to deploy among several, or typed in when the analysis found none. */
export async function pickApp(candidates: AppCandidate[]): Promise<string | undefined> {
  if (candidates.length) {
    const items = candidates.map((c) => ({ label: c.handler, description: c.file, ...(c.asgi ? { detail: vscode.l10n.t('ASGI application: served by uvicorn under HttpPlatformHandler') } : {}) }));
    return (await vscode.window.showQuickPick(items, { title: TITLE, placeHolder: vscode.l10n.t('Which application does IIS serve?') }))?.label;
  }
  const typed = await vscode.window.showInputBox({
    title: TITLE, prompt: vscode.l10n.t('No WSGI application was found. Name it (module.app, or module.create_app() for a factory)'),
    validateInput: (v) => message(handlerProblem(v.trim())),
  });
  return typed?.trim();
}

/** A modal warning listing the files that would be replaced; true only for "Overwrite (keep .bak)". */
export async function confirmOverwrite(conflicts: string[]): Promise<boolean> {
  const overwrite = vscode.l10n.t('Overwrite (keep .bak)');
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('These files exist and would be replaced:'),
    { modal: true, detail: `${conflicts.join('\n')}\n\n${vscode.l10n.t('Each is first copied to a .bak file next to it.')}` },
    overwrite,
  );
  return answer === overwrite;
}
