/**
 * The EditingEnv of a document: interpreters, the app folder's sub-folders (and which of them IIS serves to
 * everyone), the appSettings keys the parents' web.config leave in force, the host's applicationHost.config
 * the schema it resolves to (host schema or its target's profiles) and, when registered, the Python-aware project insight.
 * Interpreters are for a Windows server's config: on Windows, this machine's (Python extension, workspace venvs,
 * PATH); elsewhere never a local POSIX interpreter, only the server paths the user listed
 * (flaskIis.server.interpreterPaths, machine-scoped) and the server template. One entry per real path.
 * Discovery is cached and refreshed when a pyvenv.cfg appears or disappears or the setting changes.
 */
import * as vscode from 'vscode';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { EditingEnv, Interpreter, WsgiApp } from '../../core/editing/env';
import { parentSettingKeys, servedSubFolders } from '../../node/editing/editingFacts';
import { dedupeByRealPath, findWfastcgi, listedServerInterpreters, pathInterpreters, serverTemplates, venvInterpreter } from '../../node/python/interpreters';
import { currentAppHost } from '../../platform/appHostCache';
import { diagnosticsSettings, machineSetting, SECTION } from '../../platform/config';
import { knownEnvironmentExecutables } from '../python/pythonApi';
import { schemaOptions } from '../schema/schemaSettings';
import { profileSchema } from '../../core/schema/profiles';

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

  private readonly configWatch = vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration(`${SECTION}.server.interpreterPaths`)) this.interpreters = undefined;
  });

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
    const settings = diagnosticsSettings(document.uri);
    const appHost = currentAppHost(settings.appHostConfigPath);
    if (appHost) env.appHost = appHost;
    if (settings.sitePath) env.sitePath = settings.sitePath;
    // The schema this document resolves to: flaskIis.iis.target is resource-scoped, so it is read for this URI.
    const schema = schemaOptions(settings);
    env.schema = schema.schema ?? profileSchema(schema.target);
    if (document.uri.scheme !== 'file') return env;
    const appFolder = dirname(document.uri.fsPath);
    env.appFolder = appFolder;
    env.folders = subFolders(appFolder);
    env.servedFolders = servedSubFolders(appFolder, env.folders);
    const workspaceFolder = vscode.workspace.getWorkspaceFolder(document.uri);
    if (workspaceFolder?.uri.scheme === 'file') env.inheritedSettingKeys = parentSettingKeys(document.uri.fsPath, workspaceFolder.uri.fsPath);
    const insight = this.insight;
    if (insight) {
      env.wsgiApps = insight.wsgiApps(appFolder);
      env.resolveHandler = (value) => insight.resolveHandler(appFolder, value);
    }
    return env;
  }

  dispose(): void {
    this.watcher.dispose();
    this.configWatch.dispose();
  }
}

async function discoverInterpreters(): Promise<Interpreter[]> {
  const listed = listedServerInterpreters(machineSetting<unknown[]>('server.interpreterPaths') ?? []);
  if (process.platform !== 'win32') return dedupeByRealPath([...listed, ...serverTemplates(false)]);
  const found: Interpreter[] = [...(await fromPythonExtension())];
  for (const cfg of await vscode.workspace.findFiles('**/pyvenv.cfg', '**/node_modules/**', 20)) {
    const it = venvInterpreter(dirname(cfg.fsPath));
    if (it) found.push(it);
  }
  found.push(...pathInterpreters(), ...listed);
  return dedupeByRealPath(found);
}

/** Environments the Python extension knows (through its API facade), when it is installed. */
async function fromPythonExtension(): Promise<Interpreter[]> {
  return (await knownEnvironmentExecutables())
    .filter((p) => /python(\d[\d.]*)?(\.exe)?$/i.test(p))
    .map((python) => withWfastcgi({ python, source: 'python-extension' }));
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
