/**
 * The EditingEnv of a document: interpreters (Python extension, workspace venvs, PATH), the app folder's
 * sub-folders, the host's applicationHost.config and, when registered, the Python-aware project insight.
 * Interpreter discovery is cached and refreshed when a pyvenv.cfg appears or disappears.
 */
import * as vscode from 'vscode';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { EditingEnv, Interpreter, WsgiApp } from '../core/editing/env';
import { findWfastcgi, pathInterpreters, serverTemplates, venvInterpreter } from '../node/interpreters';
import { currentAppHost } from '../platform/appHostCache';
import { diagnosticsSettings } from '../platform/config';

/** What the Python-aware analysis offers the editor (registered by that feature when it is available). */
export interface PythonInsight {
  wsgiApps(appFolder: string): WsgiApp[];
  resolveHandler(appFolder: string, value: string): { path: string; line: number } | undefined;
}

const SKIP = new Set(['node_modules', '__pycache__', '.git', '.vscode', '.venv', 'venv', 'env', '.tox']);

export class EditingEnvironment implements vscode.Disposable {
  private interpreters: Promise<Interpreter[]> | undefined;
  private insight: PythonInsight | undefined;
  private readonly watcher = vscode.workspace.createFileSystemWatcher('**/pyvenv.cfg', false, true, false);

  constructor() {
    this.watcher.onDidCreate(() => (this.interpreters = undefined));
    this.watcher.onDidDelete(() => (this.interpreters = undefined));
  }

  setPythonInsight(insight: PythonInsight | undefined): void {
    this.insight = insight;
  }

  /** The interpreters found on this machine and in the workspace (cached until a pyvenv.cfg comes or goes). */
  knownInterpreters(): Promise<Interpreter[]> {
    return (this.interpreters ??= discoverInterpreters());
  }

  async envFor(document: vscode.TextDocument): Promise<EditingEnv> {
    const env: EditingEnv = { interpreters: await this.knownInterpreters() };
    const appHost = currentAppHost(diagnosticsSettings(document.uri).appHostConfigPath);
    if (appHost) env.appHost = appHost;
    if (document.uri.scheme !== 'file') return env;
    const appFolder = dirname(document.uri.fsPath);
    env.folders = subFolders(appFolder);
    const insight = this.insight;
    if (insight) {
      env.wsgiApps = insight.wsgiApps(appFolder);
      env.resolveHandler = (value) => insight.resolveHandler(appFolder, value);
    }
    return env;
  }

  dispose(): void {
    this.watcher.dispose();
  }
}

async function discoverInterpreters(): Promise<Interpreter[]> {
  const found: Interpreter[] = [...(await fromPythonExtension())];
  for (const cfg of await vscode.workspace.findFiles('**/pyvenv.cfg', '**/node_modules/**', 20)) {
    const it = venvInterpreter(dirname(cfg.fsPath));
    if (it) found.push(it);
  }
  found.push(...pathInterpreters(), ...serverTemplates());
  const seen = new Set<string>();
  return found.filter((it) => !seen.has(it.python) && seen.add(it.python));
}

/** Environments the Python extension knows, read defensively from its public API when it is installed. */
async function fromPythonExtension(): Promise<Interpreter[]> {
  const ext = vscode.extensions.getExtension('ms-python.python');
  if (!ext) return [];
  try {
    const api = (ext.isActive ? ext.exports : await ext.activate()) as { environments?: { known?: { path?: string; executable?: { uri?: vscode.Uri } }[] } };
    return (api.environments?.known ?? [])
      .map((e) => e.executable?.uri?.fsPath ?? e.path)
      .filter((p): p is string => !!p && /python(\d[\d.]*)?(\.exe)?$/i.test(p))
      .map((python) => withWfastcgi({ python, source: 'python-extension' }));
  } catch {
    return [];
  }
}

function subFolders(appFolder: string): string[] {
  try {
    return readdirSync(appFolder, { withFileTypes: true })
      .filter((e) => e.isDirectory() && !SKIP.has(e.name) && !e.name.startsWith('.'))
      .map((e) => e.name)
      .filter((name) => !existsSync(join(appFolder, name, 'pyvenv.cfg')))
      .sort();
  } catch {
    return [];
  }
}

function withWfastcgi(it: Interpreter): Interpreter {
  const dir = dirname(it.python);
  const wfastcgi = findWfastcgi(/[\\/](Scripts|bin)$/i.test(dir) ? dirname(dir) : dir);
  return wfastcgi ? { ...it, wfastcgi } : it;
}
