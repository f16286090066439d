/**
 * From what the user asked (CLI flags or the VS Code prompts' answers) to a plan of files and the notes to show:
 * the shared path of `flask-iis new|init` and the two VS Code commands. Nothing is written here.
 */
import { realpathSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Translate } from '../../core/messages';
import type { PythonSupport, SkippedApp } from '../../core/python';
import {
  backendPortProblem, chooseApp, DEFAULT_BACKEND_PORT, handlerProblem, nameProblem, normalizeUrlPrefix, planDeployment, planNewProject, serverDefaults, SETTINGS_PATH, suggestName, TASKS_PATH,
  urlPrefixProblem, type AppCandidate, type Bridge, type HostTaskDefinition, type Layout, type Problem, type ProxySettings, type ScaffoldPlan, type ServerDefaultsInput,
} from '../../core/scaffold';
import { appAnalysis, deploymentSetup, hasRequirements, machineFacts, projectVenv } from './scaffoldProject';
import { nodeFileOps } from './scaffoldFs';
import { nodeProjectFiles, onceReadFiles } from '../python/projectFiles';
import { DirListingCache } from '../python/pythonFiles';

export interface ScaffoldRequest {
  dir: string;
  name?: string;
  bridge?: Bridge;
  python?: string;
  sitePath?: string;
  logDir?: string;
  hostTasks?: HostTaskDefinition;
  /** The display language's translation for DEPLOY.md (VS Code's l10n bundle, or the CLI's locale). */
  translate?: Translate;
  /** The reverse-proxy bridge: the service's loopback port, and the app's URL path when not at the site root. */
  backendPort?: number;
  urlPrefix?: string;
}

export interface NewRequest extends ScaffoldRequest {
  layout?: Layout;
}

export interface InitRequest extends ScaffoldRequest {
  handler?: string;
  /** The project's applications, when already known (the VS Code picker, init's confirmation); else the analysis runs. */
  candidates?: AppCandidate[];
  /** With `candidates`: the factories the analysis skipped (required parameters). */
  skipped?: SkippedApp[];
}

export type Prepared =
  | { ok: true; dir: string; name: string; bridge: Bridge; plan: ScaffoldPlan; notes: Problem[] }
  | { ok: false; problem: Problem; candidates?: AppCandidate[]; notes?: Problem[] };

const DOTTED = /^[\p{L}_][\p{L}\p{N}_]*(\.[\p{L}_][\p{L}\p{N}_]*)*$/u;

type Machine = Pick<ServerDefaultsInput, 'windows' | 'pathPython'>;

export function prepareNew(req: NewRequest, machine: Machine = machineFacts()): Prepared {
  const dir = targetFolder(req.dir);
  const named = checkedName(req.name, dir);
  if (!named.ok) return named;
  const bridge = req.bridge ?? 'wfastcgi';
  const proxy = proxySettings(req, bridge);
  if (proxy && 'key' in proxy) return { ok: false, problem: proxy };
  const defaults = serverDefaults({ ...serverInput(req, machine, dir), name: named.name, bridge });
  if (!defaults.ok) return defaults;
  const plan = planNewProject({ name: named.name, bridge, layout: req.layout ?? 'package', server: defaults.server, ...(req.hostTasks ? { hostTasks: req.hostTasks } : {}), ...(req.translate ? { translate: req.translate } : {}), ...(proxy ? { proxy } : {}) });
  return keepExistingTasks({ ok: true, dir, name: named.name, bridge, plan, notes: defaults.notes });
}

export function prepareInit(req: InitRequest, support: PythonSupport | undefined, machine: Machine = machineFacts()): Prepared {
  const dir = targetFolder(req.dir);
  const named = checkedName(req.name, dir);
  if (!named.ok) return named;
  // One view of the project for the whole init: folders listed once, each file read once.
  const files = onceReadFiles(nodeProjectFiles(dir, new DirListingCache()));
  const analysis = req.candidates ? { candidates: req.candidates, skipped: req.skipped ?? [] } : support ? appAnalysis(dir, support, undefined, files) : { candidates: [], skipped: [] };
  const { candidates } = analysis;
  const skippedNotes: Problem[] = analysis.skipped.map((s) => ({ key: 'scaffold.note.factoryArguments', args: { handler: s.handler, params: s.params, call: s.handler.slice(s.handler.lastIndexOf('.') + 1).replace('()', '(...)') } }));
  const choice = chooseApp(candidates, req.handler, dir);
  if (!choice.ok) return { ok: false, problem: choice.problem, candidates: choice.candidates, notes: [...skippedNotes, ...(choice.notes ?? [])] };
  const { app } = choice;
  // The analysis reads names out of the project's files: they must still be dotted names before they go anywhere.
  const unusable = handlerProblem(app.handler) ?? (app.djangoSettings && !DOTTED.test(app.djangoSettings) ? { key: 'scaffold.handler.invalid' as const, args: { value: app.djangoSettings } } : undefined);
  if (unusable) return { ok: false, problem: unusable };
  const notes: Problem[] = [...choice.notes, ...skippedNotes];
  if (app.asgi && req.bridge === 'wfastcgi') return { ok: false, problem: { key: 'scaffold.asgiUnderWfastcgi', args: { handler: app.handler } } };
  if (app.asgi && !req.bridge) notes.push({ key: 'scaffold.note.asgiBridge', args: { handler: app.handler } });
  const bridge: Bridge = req.bridge ?? (app.asgi ? 'httpplatform' : 'wfastcgi');
  const settings = proxySettings(req, bridge);
  if (settings && 'key' in settings) return { ok: false, problem: settings };
  const werkzeug = candidates.find((c) => c.handler === app.handler)?.framework === 'flask';
  const proxy = settings && { ...settings, ...(werkzeug ? { werkzeug } : {}) };
  const venv = projectVenv(dir);
  const defaults = serverDefaults({ ...serverInput(req, machine, dir), name: named.name, bridge, ...(venv ? { projectVenv: venv } : {}) });
  if (!defaults.ok) return defaults;
  const { staticFolder, setup } = deploymentSetup(dir, support, app, files);
  const plan = planDeployment(
    { name: named.name, bridge, app, server: defaults.server, staticFolder, setup, ...(req.hostTasks ? { hostTasks: req.hostTasks } : {}), ...(req.translate ? { translate: req.translate } : {}), ...(proxy ? { proxy } : {}) },
    { requirements: hasRequirements(dir) },
  );
  return keepExistingTasks({ ok: true, dir, name: named.name, bridge, plan, notes: [...notes, ...defaults.notes] });
}

/** The proxy bridge's settings (defaults filled in), a problem with them, or undefined for the other bridges. */
function proxySettings(req: ScaffoldRequest, bridge: Bridge): ProxySettings | Problem | undefined {
  if (bridge !== 'proxy') return req.backendPort !== undefined || req.urlPrefix !== undefined ? { key: 'scaffold.proxy.notProxy', args: {} } : undefined;
  const port = req.backendPort ?? DEFAULT_BACKEND_PORT;
  const prefix = req.urlPrefix !== undefined ? normalizeUrlPrefix(req.urlPrefix) : undefined;
  return backendPortProblem(port) ?? (prefix !== undefined ? urlPrefixProblem(prefix) : undefined) ?? { port, ...(prefix ? { urlPrefix: prefix } : {}) };
}

/**
 * The folder the user named, with links resolved once: a link given as the target is the user's choice. Below
 * it, the writer follows no link. A folder that does not exist yet: its nearest existing ancestor is resolved.
 */
export function targetFolder(dir: string): string {
  const full = resolve(dir);
  try {
    return realpathSync(full);
  } catch {
    const parent = dirname(full);
    return parent === full ? full : join(targetFolder(parent), basename(full));
  }
}

function checkedName(name: string | undefined, dir: string): { ok: true; name: string } | { ok: false; problem: Problem } {
  const chosen = name ?? suggestName(basename(dir));
  const problem = nameProblem(chosen);
  return problem ? { ok: false, problem } : { ok: true, name: chosen };
}

function serverInput(req: ScaffoldRequest, machine: Machine, dir: string): Omit<ServerDefaultsInput, 'name' | 'bridge'> {
  return {
    ...machine,
    projectDir: dir,
    ...(req.python !== undefined ? { python: req.python } : {}),
    ...(req.sitePath !== undefined ? { sitePath: req.sitePath } : {}),
    ...(req.logDir !== undefined ? { logDir: req.logDir } : {}),
  };
}

/**
 * An existing .vscode/tasks.json holds the user's own tasks: it is never replaced (nor read), only mentioned.
 * Only a real file in a real folder counts: a link, a FIFO... stays planned, and the writer refuses it by name.
 */
function keepExistingTasks(p: Extract<Prepared, { ok: true }>): Prepared {
  return keepExisting(keepExisting(p, TASKS_PATH, 'scaffold.note.tasksKept'), SETTINGS_PATH, 'scaffold.note.settingsKept');
}

/** The user's own .vscode/tasks.json or settings.json is never replaced (nor read), only mentioned. */
function keepExisting(p: Extract<Prepared, { ok: true }>, path: string, note: 'scaffold.note.tasksKept' | 'scaffold.note.settingsKept'): Extract<Prepared, { ok: true }> {
  if (!p.plan.files.some((f) => f.path === path)) return p;
  const real = nodeFileOps.entry(join(p.dir, '.vscode')).kind === 'directory' && nodeFileOps.entry(join(p.dir, ...path.split('/'))).kind === 'file';
  if (!real) return p;
  const sitePath = /"flaskIis\.server\.sitePath":\s*("(?:[^"\\]|\\.)*")/.exec(p.plan.files.find((f) => f.path === path)?.content ?? '')?.[1];
  return { ...p, plan: { files: p.plan.files.filter((f) => f.path !== path) }, notes: [...p.notes, { key: note, args: { sitePath: sitePath ? (JSON.parse(sitePath) as string) : '' } }] };
}
