/**
 * Tasks of type `flask-iis` (enable, disable, register, unregister, recycle, doctor) for every folder with a
 * Python web.config: ProcessExecution of our own CLI (dist/cli.js run by VS Code's runtime as node) with an
 * argv, so tasks and commands run the same code. Found lazily in provideTasks and cached per workspace folder;
 * none in Restricted Mode.
 */
import * as vscode from 'vscode';
import { basename, dirname, join, relative } from 'node:path';
import { checkBytes } from '../../core/check';
import { suggestName } from '../../core/host/appcmd';
import { isHttpPlatformHandler, isPythonFastCgiHandler } from '../../core/model/webConfig';
import type { CliEntry } from '../../node/host/elevation';
import { readManifestFile } from '../../node/host/manifestFile';
import { proxyNeeds } from '../../core/host/proxyHost';
import { MAX_CONFIG_BYTES, readRegularFile } from '../../node/safeRead';
import { affectsHostTools, hostToolSettings } from '../../platform/config';
import { log } from '../../platform/log';
import { cliEntry } from './hostContext';
import { chosenInterpreter } from '../python/pythonInterpreter';
import type { SiteQuestions } from './siteCommands';

export const ACTIONS = ['enable', 'disable', 'register', 'unregister', 'recycle', 'doctor'] as const;
export type HostAction = (typeof ACTIONS)[number];

export interface FlaskIisTaskDefinition extends vscode.TaskDefinition, SiteQuestions {
  type: 'flask-iis';
  action: HostAction;
  install?: boolean;
  dryRun?: boolean;
}

export function isFlaskIisDefinition(d: vscode.TaskDefinition): d is FlaskIisTaskDefinition {
  const optional = (k: string, type: string) => d[k] === undefined || typeof d[k] === type;
  return d.type === HostTaskProvider.type && (ACTIONS as readonly string[]).includes(d['action'])
    && ['folder', 'site', 'host', 'pool'].every((k) => optional(k, 'string'))
    && optional('port', 'number') && ['warmUp', 'install', 'dryRun'].every((k) => optional(k, 'boolean'));
}

const WEB_CONFIG = '**/{web,Web,WEB}.config';
const EXCLUDE = '**/{node_modules,.git,.venv,venv,env,site-packages,__pycache__}/**';

export class HostTaskProvider implements vscode.TaskProvider, vscode.Disposable {
  static readonly type = 'flask-iis';
  private readonly cache = new Map<string, Promise<vscode.Task[]>>();
  private readonly cli: CliEntry;
  private readonly disposables: vscode.Disposable[];

  constructor(extensionPath: string) {
    this.cli = cliEntry(extensionPath);
    const clear = () => this.cache.clear();
    const configs = vscode.workspace.createFileSystemWatcher(WEB_CONFIG);
    const manifests = vscode.workspace.createFileSystemWatcher('**/.vscode/flask-iis.json');
    this.disposables = [
      configs, manifests, configs.onDidCreate(clear), configs.onDidDelete(clear), configs.onDidChange(clear),
      manifests.onDidCreate(clear), manifests.onDidDelete(clear),
      vscode.workspace.onDidChangeConfiguration((e) => affectsHostTools(e) && clear()),
      vscode.workspace.onDidChangeWorkspaceFolders(clear),
      vscode.workspace.onDidGrantWorkspaceTrust(clear),
    ];
  }

  async provideTasks(): Promise<vscode.Task[]> {
    if (!vscode.workspace.isTrusted) return [];
    try {
      const folders = vscode.workspace.workspaceFolders ?? [];
      return (await Promise.all(folders.map((f) => this.detect(f)))).flat();
    } catch (e) {
      log().warn(`flask-iis task detection failed: ${e instanceof Error ? e.message : String(e)}`);
      return [];
    }
  }

  async resolveTask(task: vscode.Task): Promise<vscode.Task | undefined> {
    const scope = task.scope;
    if (!vscode.workspace.isTrusted || !isFlaskIisDefinition(task.definition) || !scope || typeof scope !== 'object') return undefined;
    try {
      return await this.task(task.definition, scope, task.name);
    } catch (e) {
      log().warn(`flask-iis task ${task.name} could not be resolved: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    }
  }

  private detect(folder: vscode.WorkspaceFolder): Promise<vscode.Task[]> {
    const key = folder.uri.toString();
    let found = this.cache.get(key);
    if (!found) {
      found = this.findTasks(folder).catch((e: unknown) => {
        this.cache.delete(key);
        throw e;
      });
      this.cache.set(key, found);
    }
    return found;
  }

  private async findTasks(folder: vscode.WorkspaceFolder): Promise<vscode.Task[]> {
    const uris = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, WEB_CONFIG), EXCLUDE, 200);
    const tasks: vscode.Task[] = [];
    for (const uri of uris.sort((a, b) => a.fsPath.localeCompare(b.fsPath))) {
      const bridge = bridgeOf(uri.fsPath);
      if (!bridge) continue;
      const rel = relative(folder.uri.fsPath, dirname(uri.fsPath)).replace(/\\/g, '/') || '.';
      const actions = ACTIONS.filter((a) => bridge === 'wfastcgi' || (a !== 'enable' && a !== 'disable' && (bridge !== 'proxy' || a !== 'recycle')));
      for (const action of actions) {
        const definition: FlaskIisTaskDefinition = { type: 'flask-iis', action, folder: rel };
        if (action === 'register') Object.assign(definition, { site: readManifestFile(dirname(uri.fsPath)).manifest?.site ?? siteName(folder, rel), port: 8080 });
        tasks.push(await this.task(definition, folder, rel === '.' ? action : `${action} ${rel}`));
      }
    }
    return tasks;
  }

  private async task(definition: FlaskIisTaskDefinition, folder: vscode.WorkspaceFolder, name: string): Promise<vscode.Task> {
    const appDir = join(folder.uri.fsPath, definition.folder ?? '.');
    const python = definition.action === 'enable' || definition.action === 'disable' ? hostToolSettings().interpreterPath || (await chosenInterpreter(folder.uri)) : undefined;
    const args = cliArgs(definition, appDir, python);
    const execution = new vscode.ProcessExecution(this.cli.execPath, [this.cli.cliPath, ...args], { cwd: appDir, env: { ELECTRON_RUN_AS_NODE: '1' } });
    const task = new vscode.Task(definition, folder, name, HostTaskProvider.type, execution);
    task.detail = `flask-iis ${args.map((a) => (/\s/.test(a) ? JSON.stringify(a) : a)).join(' ')}`;
    return task;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.cache.clear();
  }
}

/** The CLI's argv for a task: its definition plus the machine-scoped tool settings (never the workspace's). */
export function cliArgs(d: FlaskIisTaskDefinition, appDir: string, python: string | undefined): string[] {
  const s = hostToolSettings();
  const opt = (name: string, value: string | number | undefined) => (value === undefined || value === '' ? [] : [name, String(value)]);
  const flag = (name: string, on: boolean | undefined) => (on ? [name] : []);
  const common = [...opt('--apphost', s.appHostConfigPath), ...flag('--dry-run', d.dryRun)];
  switch (d.action) {
    case 'enable':
    case 'disable':
      return [d.action, ...opt('--python', python), ...opt('--appcmd', s.appcmdPath), ...flag('--install', d.install), ...common];
    case 'doctor':
      return ['doctor', appDir, ...opt('--apphost', s.appHostConfigPath), ...opt('--icacls', s.icaclsPath)];
    case 'register':
      // --python: the machine setting, the interpreter the user chose (its installation may be granted without a question).
      return ['register', appDir, ...opt('--site', d.site ?? basename(appDir)), ...opt('--port', d.port ?? 8080), ...opt('--host', d.host), ...opt('--pool', d.pool), ...flag('--warm-up', d.warmUp), ...opt('--python', s.interpreterPath), ...opt('--winsw', s.winswPath), ...tools(), ...common];
    default:
      return [d.action, appDir, ...(d.action === 'recycle' ? opt('--pool', d.pool) : []), ...tools(), ...common];
  }
  function tools(): string[] {
    return [...opt('--appcmd', s.appcmdPath), ...opt('--icacls', s.icaclsPath)];
  }
}

function bridgeOf(path: string): 'wfastcgi' | 'httpPlatform' | 'proxy' | undefined {
  try {
    // A FIFO or a link to a device named web.config must not hang or flood the extension host.
    const read = readRegularFile(path, MAX_CONFIG_BYTES);
    if (!read.ok) return undefined;
    const model = checkBytes(read.bytes).model;
    if (model.handlers.some((h) => isPythonFastCgiHandler(model, h))) return 'wfastcgi';
    if (model.handlers.some(isHttpPlatformHandler)) return 'httpPlatform';
    return proxyNeeds(model) ? 'proxy' : undefined;
  } catch {
    return undefined;
  }
}

function siteName(folder: vscode.WorkspaceFolder, rel: string): string {
  return suggestName(rel === '.' ? folder.name : basename(rel));
}
