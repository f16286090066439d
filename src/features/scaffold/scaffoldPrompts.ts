/**
 * The questions of the scaffold commands: quick picks and input boxes, each resolving to undefined when
 * cancelled. Each shows "step n/m" of its command. Tests answer them through `withAnswers` (the commands'
 * `answers` option): every question then takes its answer from there, is validated as typed input would be,
 * and is recorded as asked with the title and prompt it would show, so the interactive path itself runs.
 */
import * as vscode from 'vscode';
import type { ServerTarget } from '../../core/servers';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Interpreter } from '../../core/editing/env';
import { renderMessage } from '../../core/messages';
import {
  handlerProblem, logDirProblem, nameProblem, normalizeLogDir, normalizeWindowsPath, pythonProblem, windowsPathProblem,
  type AppCandidate, type Bridge, type Problem,
} from '../../core/scaffold';
import { projectFolderProblem, type FolderProblem } from '../../core/scaffold/projectFolder';
import { translate } from '../convert';

const TITLE = 'Flask on IIS';
const message = (p: Problem | FolderProblem | undefined): string | undefined => (p ? renderMessage(p.key, p.args, translate) : undefined);

/** The questions a command will ask, for the "step n/m" in each title. */
export class Steps {
  private done = 0;
  constructor(private readonly command: string, private total: number) {}
  /** The next question's title. */
  next(): string {
    this.done++;
    if (this.done > this.total) this.total = this.done;
    return vscode.l10n.t('{0} — step {1}/{2}', this.command, this.done, this.total);
  }
  /** A planned question turned out not to be needed. */
  skip(): void {
    this.total = Math.max(this.done, this.total - 1);
  }
}

export type Question = 'parentFolder' | 'folderName' | 'folder' | 'name' | 'bridge' | 'sitePath' | 'interpreter' | 'logDir' | 'app' | 'server';

/** What a question would have shown: its title ("… — step n/m") and its prompt or placeholder. */
export interface Shown {
  question: Question;
  title: string;
  prompt: string;
}

let scripted: { answers: Partial<Record<Question, string>>; asked: Question[]; shown: Shown[] } | undefined;

/** Records what question `q` would show (tests). */
function show(q: Question, title: string, prompt: string | undefined): void {
  scripted?.shown.push({ question: q, title, prompt: prompt ?? '' });
}

/** Runs `fn` with the questions answered from `answers` (tests); returns its result, the questions asked in order, and what they would show. */
export async function withAnswers<T>(answers: Partial<Record<Question, string>>, fn: () => Promise<T>): Promise<{ result: T; asked: Question[]; shown: Shown[] }> {
  const previous = scripted;
  scripted = { answers, asked: [], shown: [] };
  const mine = scripted;
  try {
    return { result: await fn(), asked: mine.asked, shown: mine.shown };
  } finally {
    scripted = previous;
  }
}

/** The scripted answer of `q` (validated like typed input), or undefined to show the real prompt; null: cancelled. */
function answer(q: Question, validate?: (v: string) => string | undefined): { value: string | undefined } | undefined {
  if (!scripted) return undefined;
  scripted.asked.push(q);
  const value = scripted.answers[q];
  if (value === undefined || validate?.(value)) return { value: undefined };
  return { value };
}

/**
 * New Project's first questions: the parent folder (an open dialog) and the new project folder's name. The
 * project is always a folder of its own, new or empty, never a workspace root that holds other things.
 */
export async function askProjectFolder(steps: Steps, parentHint: string | undefined, parentGiven = false): Promise<string | undefined> {
  let parent = parentGiven ? parentHint : undefined;
  if (!parentGiven) {
    const scriptedParent = answer('parentFolder');
    const parentTitle = steps.next();
    show('parentFolder', parentTitle, vscode.l10n.t('Create the Project in This Folder'));
    parent = scriptedParent ? scriptedParent.value : await openParentDialog(parentTitle, parentHint);
  }
  if (!parent) return undefined;
  const validate = (v: string): string | undefined => message(projectFolderProblem(v)) ?? notEmpty(join(parent, v.trim()));
  const scriptedName = answer('folderName', validate);
  const title = steps.next();
  const prompt = vscode.l10n.t('Name of the new project folder, created in {0}', parent);
  show('folderName', title, prompt);
  const name = scriptedName ? scriptedName.value : await vscode.window.showInputBox({ title, value: 'webapp', prompt, validateInput: validate });
  return name?.trim() ? join(parent, name.trim()) : undefined;
}

async function openParentDialog(title: string, hint: string | undefined): Promise<string | undefined> {
  const chosen = await vscode.window.showOpenDialog({
    title, canSelectFolders: true, canSelectFiles: false, canSelectMany: false, openLabel: vscode.l10n.t('Create the Project in This Folder'),
    ...(hint ? { defaultUri: vscode.Uri.file(hint) } : {}),
  });
  return chosen?.[0]?.fsPath;
}

/** A message when `path` exists and is not an empty folder. */
function notEmpty(path: string): string | undefined {
  try {
    if (!existsSync(path)) return undefined;
    if (statSync(path).isDirectory() && readdirSync(path).length === 0) return undefined;
  } catch {
    // unreadable: refuse below
  }
  return renderMessage('scaffold.folder.notEmpty', { path }, translate);
}

/** The folder to work on: the only workspace folder, one picked among several, or one chosen in a dialog. */
export async function pickFolder(steps: Steps): Promise<string | undefined> {
  const scriptedFolder = answer('folder');
  const title = steps.next();
  if (scriptedFolder) return scriptedFolder.value;
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
  if (folders.length === 1) return folders[0]!.uri.fsPath;
  if (folders.length > 1) {
    const picked = await vscode.window.showQuickPick(folders.map((f) => ({ label: f.name, description: f.uri.fsPath, folder: f })), { title, placeHolder: vscode.l10n.t('Which folder?') });
    return picked?.folder.uri.fsPath;
  }
  const chosen = await vscode.window.showOpenDialog({ title, canSelectFolders: true, canSelectFiles: false, canSelectMany: false, openLabel: vscode.l10n.t('Use This Folder') });
  return chosen?.[0]?.fsPath;
}

/** An input box, or its scripted answer. */
async function input(q: Question, steps: Steps, options: vscode.InputBoxOptions & { validateInput?: (v: string) => string | undefined }): Promise<string | undefined> {
  const scriptedValue = answer(q, options.validateInput);
  const title = steps.next();
  show(q, title, options.prompt);
  return scriptedValue ? scriptedValue.value : vscode.window.showInputBox({ ...options, title });
}

/** A quick pick, or the item whose `key` is the scripted answer. */
async function pick<T extends vscode.QuickPickItem>(q: Question, steps: Steps, items: T[], key: (item: T) => string, placeHolder: string): Promise<T | undefined> {
  const scriptedValue = answer(q);
  const title = steps.next();
  show(q, title, placeHolder);
  if (scriptedValue) return items.find((i) => key(i) === scriptedValue.value);
  return vscode.window.showQuickPick(items, { title, placeHolder, matchOnDescription: true, matchOnDetail: true });
}

export async function askName(steps: Steps, suggestion: string): Promise<string | undefined> {
  const name = await input('name', steps, {
    value: suggestion, prompt: vscode.l10n.t('The application\'s name: its Python package, IIS site and application pool'),
    validateInput: (v) => message(nameProblem(v.trim())),
  });
  return name?.trim();
}

/** The bridge; `asgi`: the application is ASGI, which wfastcgi cannot serve (it is not offered). */
export async function pickBridge(steps: Steps, asgi = false): Promise<Bridge | undefined> {
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
  return (await pick('bridge', steps, items, (i) => i.bridge, vscode.l10n.t('How should IIS run Python?')))?.bridge;
}

/** Another deployment system (Apache, nginx, uWSGI, FastCGI, CGI), with what each is for. */
export async function pickServerTarget(steps: Steps): Promise<ServerTarget | undefined> {
  const items: (vscode.QuickPickItem & { target: ServerTarget })[] = [
    { target: 'mod_wsgi', label: vscode.l10n.t('Apache + mod_wsgi'), description: 'mod_wsgi', detail: vscode.l10n.t('Apache runs the app in its own daemon processes (a Windows variant without them too). A .wsgi file and a virtual host.') },
    { target: 'gunicorn-nginx', label: vscode.l10n.t('gunicorn behind nginx'), description: 'gunicorn-nginx', detail: vscode.l10n.t('The common Linux set-up: gunicorn on 127.0.0.1 as a systemd service, nginx proxies to it (ProxyFix) and serves the static files.') },
    { target: 'uwsgi-nginx', label: vscode.l10n.t('uWSGI behind nginx'), description: 'uwsgi-nginx', detail: vscode.l10n.t('uWSGI on a Unix socket nginx shares (uwsgi_pass), started by systemd.') },
    { target: 'fastcgi-flup', label: vscode.l10n.t('FastCGI with flup'), description: 'fastcgi-flup', detail: vscode.l10n.t('An executable .fcgi behind lighttpd, nginx or Apache mod_fcgid, for hosts that only offer FastCGI.') },
    { target: 'cgi', label: vscode.l10n.t('CGI under Apache'), description: 'cgi', detail: vscode.l10n.t('A .cgi script that starts Python for every request: slow, for shared hosting that offers nothing else.') },
  ];
  return (await pick('server', steps, items, (i) => i.target, vscode.l10n.t('Which server will run the application?')))?.target;
}

export async function askSitePath(steps: Steps, suggestion: string): Promise<string | undefined> {
  const path = await input('sitePath', steps, {
    value: suggestion, prompt: vscode.l10n.t('The site\'s folder on the IIS server (its physical path)'),
    validateInput: (v) => message(windowsPathProblem(normalizeWindowsPath(v), 'scaffold.what.site')),
  });
  return path === undefined ? undefined : normalizeWindowsPath(path);
}

/** The interpreter IIS starts: `{}` for the default, `{ python }` for a chosen one, undefined when cancelled. */
export async function pickInterpreter(steps: Steps, interpreters: Interpreter[], defaultPython: string, bridge: Bridge): Promise<{ python?: string } | undefined> {
  type Item = vscode.QuickPickItem & { python?: string; enter?: boolean };
  const usable = interpreters.filter((it) => !pythonProblem(it.python) && it.python.toLowerCase() !== defaultPython.toLowerCase());
  const wfastcgiDetail = (it: Interpreter): string | undefined => {
    if (bridge !== 'wfastcgi') return undefined;
    if (it.wfastcgi) return `wfastcgi.py: ${it.wfastcgi}`;
    return it.source === 'template' || it.source === 'server' ? undefined : renderMessage('completion.wfastcgiMissing', {}, translate);
  };
  const items: Item[] = [
    { label: defaultPython, python: '', description: vscode.l10n.t('default'), detail: vscode.l10n.t('DEPLOY.md says how to prepare it on the server') },
    ...usable.map((it): Item => {
      const detail = wfastcgiDetail(it);
      return { label: it.python, python: it.python, description: renderMessage(`completion.source.${it.source}`, {}, translate), ...(detail ? { detail } : {}) };
    }),
    { label: vscode.l10n.t('Enter the path of python.exe on the server…'), enter: true },
  ];
  const scriptedValue = scripted?.answers.interpreter;
  if (scriptedValue !== undefined && !items.some((i) => i.python === scriptedValue)) {
    // A typed path: as if "Enter the path..." had been picked.
    answer('interpreter');
    show('interpreter', steps.next(), vscode.l10n.t('Which python.exe does IIS start?'));
    return pythonProblem(normalizeWindowsPath(scriptedValue)) ? undefined : { python: normalizeWindowsPath(scriptedValue) };
  }
  const picked = await pick('interpreter', steps, items, (i) => i.python ?? '', vscode.l10n.t('Which python.exe does IIS start?'));
  if (!picked) return undefined;
  if (!picked.enter) return picked.python ? { python: picked.python } : {};
  const typed = await vscode.window.showInputBox({ title: TITLE, prompt: vscode.l10n.t('python.exe on the IIS server'), validateInput: (v) => message(pythonProblem(normalizeWindowsPath(v))) });
  return typed === undefined ? undefined : { python: normalizeWindowsPath(typed) };
}

/** The log folder; '' when none is wanted (wfastcgi) or the default (`logs`, HttpPlatformHandler). */
export async function askLogDir(steps: Steps, bridge: Bridge): Promise<string | undefined> {
  const dir = await input('logDir', steps, {
    value: bridge !== 'wfastcgi' ? 'logs' : '',
    prompt: bridge !== 'wfastcgi'
      ? vscode.l10n.t('Folder for Python\'s output (stdout log): inside the site, or an absolute server path')
      : vscode.l10n.t('Folder for wfastcgi\'s debug log (WSGI_LOG, slow): empty for none'),
    validateInput: (v) => (v.trim() ? message(logDirProblem(normalizeLogDir(v))) : undefined),
  });
  return dir?.trim();
}

/** The application to deploy among several, or typed in when the analysis found none. */
export async function pickApp(steps: Steps, candidates: AppCandidate[]): Promise<string | undefined> {
  if (candidates.length) {
    const items = candidates.map((c) => ({ label: c.handler, description: c.file, ...(c.asgi ? { detail: vscode.l10n.t('ASGI application: served by uvicorn under HttpPlatformHandler') } : {}) }));
    return (await pick('app', steps, items, (i) => i.label, vscode.l10n.t('Which application does IIS serve?')))?.label;
  }
  const typed = await input('app', steps, {
    prompt: vscode.l10n.t('No WSGI application was found. Name it (module.app, or module.create_app() for a factory)'),
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
