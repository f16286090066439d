/**
 * The server-side paths a scaffold uses when the user does not give them. On Windows the project folder is the
 * site and the python on PATH (with its own wfastcgi.py) serves it; elsewhere (preparing a Windows server) the
 * site is C:\inetpub\<name> and the interpreter a virtual environment created inside it on the server. A
 * project's own virtual environment wins over both; explicit values win over everything.
 */
import type { Interpreter } from '../editing/env';
import { guessWfastcgi } from '../editing/valueCompletion';
import { logDirProblem, normalizeLogDir, normalizeWindowsPath, pythonProblem, serverProblem, winJoin, windowsPathProblem, type Bridge, type Problem, type ServerPaths } from './options';

export interface ServerDefaultsInput {
  /** The scaffold is generated on the Windows machine that runs IIS. */
  windows: boolean;
  /** The project folder, absolute (a Windows path when `windows`). */
  projectDir: string;
  name: string;
  bridge: Bridge;
  python?: string;
  sitePath?: string;
  logDir?: string;
  /** The python on PATH here, when `windows`. */
  pathPython?: Interpreter;
  /** The project's own virtual environment folder (holding pyvenv.cfg), when it has one. */
  projectVenv?: string;
}

export type ServerDefaults = { ok: true; server: ServerPaths; notes: Problem[] } | { ok: false; problem: Problem };

export const DEFAULT_VENV = '.venv';
export const DEFAULT_LOG_DIR = 'logs';

export function serverDefaults(input: ServerDefaultsInput): ServerDefaults {
  const notes: Problem[] = [];
  const sitePath = input.sitePath !== undefined ? normalizeWindowsPath(input.sitePath) : input.windows ? input.projectDir : winJoin('C:\\inetpub', input.name);
  const siteProblem = windowsPathProblem(sitePath, 'scaffold.what.site');
  if (siteProblem) return { ok: false, problem: asTyped(siteProblem, input.sitePath) };
  if (input.sitePath === undefined && !input.windows) notes.push({ key: 'scaffold.note.siteDefault', args: { site: sitePath } });
  const interpreter = chooseInterpreter(input, sitePath, notes);
  if ('problem' in interpreter) return { ok: false, problem: interpreter.problem };
  const logDir = input.logDir !== undefined ? normalizeLogDir(input.logDir) : input.bridge !== 'wfastcgi' ? DEFAULT_LOG_DIR : undefined;
  const logProblem = logDir !== undefined ? logDirProblem(logDir) : undefined;
  if (logProblem) return { ok: false, problem: asTyped(logProblem, input.logDir) };
  const server: ServerPaths = { sitePath, ...interpreter, ...(logDir ? { logDir } : {}) };
  const unusable = serverProblem(server, input.bridge);
  if (unusable) return { ok: false, problem: unusable };
  if (input.bridge === 'wfastcgi' && /\s/.test(server.python + server.wfastcgi)) notes.push({ key: 'scaffold.note.spaces', args: { path: server.python } });
  return { ok: true, server, notes };
}

/** A problem found in the normalised path, told with the path as the user typed it. */
function asTyped(problem: Problem, typed: string | undefined): Problem {
  return typed === undefined ? problem : { ...problem, args: { ...problem.args, path: typed } };
}

type Chosen = Pick<ServerPaths, 'python' | 'wfastcgi' | 'venv'>;

function chooseInterpreter(input: ServerDefaultsInput, sitePath: string, notes: Problem[]): Chosen | { problem: Problem } {
  if (input.python !== undefined) {
    const python = normalizeWindowsPath(input.python);
    const problem = pythonProblem(python);
    if (problem) return { problem: asTyped(problem, input.python) };
    const venv = venvInSite(python, sitePath);
    return { python, wfastcgi: guessWfastcgi(python), ...(venv ? { venv } : {}) };
  }
  if (input.projectVenv) return venvLayout(sitePath, input.projectVenv);
  if (input.windows && input.pathPython) {
    const { python } = input.pathPython;
    notes.push({ key: 'scaffold.note.pathPython', args: { python } });
    if (!input.pathPython.wfastcgi && input.bridge === 'wfastcgi') notes.push({ key: 'scaffold.note.wfastcgiMissing', args: { python } });
    return { python, wfastcgi: input.pathPython.wfastcgi ?? guessWfastcgi(python) };
  }
  const chosen = venvLayout(sitePath, DEFAULT_VENV);
  notes.push({ key: 'scaffold.note.venvLayout', args: { python: chosen.python } });
  return chosen;
}

function venvLayout(sitePath: string, venv: string): Chosen {
  return { python: winJoin(sitePath, venv, 'Scripts', 'python.exe'), wfastcgi: winJoin(sitePath, venv, 'Lib', 'site-packages', 'wfastcgi.py'), venv };
}

/** `<site>\<venv>\Scripts\python.exe` → `<venv>`. */
function venvInSite(python: string, sitePath: string): string | undefined {
  const prefix = `${sitePath.toLowerCase()}\\`;
  if (!python.toLowerCase().startsWith(prefix)) return undefined;
  const m = /^([^\\]+)\\Scripts\\python[^\\]*\.exe$/i.exec(python.slice(prefix.length));
  return m?.[1];
}
