/**
 * Runs our wfastcgi start-up reproduction (src/python/wfastcgi_runner.py, copied to dist/) with a chosen
 * interpreter: `verify` loads WSGI_HANDLER and reports, `run` then serves it on 127.0.0.1.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { cleanEnvironment, spawnTracked, type Tracked } from '../processes';

export const RUNNER_FILES = ['wfastcgi_runner.py', 'wfastcgi_serve.py', 'wfastcgi_request.py'];
const MARK = 'FLASK_IIS_';

export interface RunnerResult {
  ok: boolean;
  stage: 'config' | 'handler' | 'regex' | 'callable';
  error?: string;
  traceback?: string;
  /** Traceback frames inside the application folder (absolute file, one-based line). */
  frames?: { file: string; line: number }[];
  output?: string;
  python: string;
  executable: string;
  loadMs?: number;
  type?: string;
  /** Loaded, but wfastcgi's per-request call would fail (an ASGI app, not callable): the requests show it. */
  notWsgi?: string;
  /** verify: the requests sent through the loaded application, and how many routes it has (null: unknown). */
  requests?: RequestResult[];
  routes?: number | null;
}

export interface RequestResult {
  path: string;
  status: number;
  statusText: string;
  body: string;
  error?: string;
  traceback?: string;
  logged?: string;
}

export type VerifyOutcome =
  | { kind: 'result'; result: RunnerResult }
  /** The runner started but gave no verdict: the module hung (killed after the timeout) or ended the process. */
  | { kind: 'died'; reason: string; stderr: string }
  | { kind: 'could-not-run'; reason: string }
  | { kind: 'cancelled' };

export function runnerDir(): string | undefined {
  const dirs = [__dirname, join(__dirname, '..', 'src', 'python'), join(__dirname, '..', '..', 'src', 'python'), join(__dirname, '..', 'python')];
  return dirs.find((d) => RUNNER_FILES.every((f) => existsSync(join(d, f))));
}

export interface RunnerEvent {
  kind: string;
  payload: Record<string, unknown>;
}

export interface RunnerOptions {
  python: string;
  appDir: string;
  /** The application folder's paths on the server: PYTHONPATH entries below them are mapped to appDir. */
  serverRoots?: string[];
  log?: (line: string) => void;
  /** verify: the URL paths to request (GET; `/` when none). */
  paths?: string[];
}

/** Starts the runner (`verify`, or `run` on `port`); its events arrive through `onEvent`. */
export function startRunner(mode: 'verify' | 'run', options: RunnerOptions & { port?: number }, onEvent: (e: RunnerEvent) => void): Tracked | string {
  const dir = runnerDir();
  if (!dir) return 'the runner script wfastcgi_runner.py is missing from this installation';
  const paths = mode === 'verify' ? (options.paths ?? []).flatMap((p) => ['--path', p]) : [];
  const argv = [options.python, '-u', join(dir, 'wfastcgi_runner.py'), mode, options.appDir, ...(mode === 'run' ? ['--port', String(options.port ?? 0)] : []), ...paths];
  return spawnTracked(argv, {
    cwd: options.appDir,
    env: cleanEnvironment(options.serverRoots?.length ? { FLASK_IIS_SERVER_ROOTS: JSON.stringify(options.serverRoots) } : {}),
    onStdoutLine: (line) => {
      const event = parseEvent(line);
      if (event) onEvent(event);
      else options.log?.(line);
    },
    onStderrLine: (line) => options.log?.(line),
  });
}

function parseEvent(line: string): RunnerEvent | undefined {
  if (!line.startsWith(MARK)) return undefined;
  const space = line.indexOf(' ');
  try {
    return { kind: line.slice(MARK.length, space), payload: JSON.parse(line.slice(space + 1)) as Record<string, unknown> };
  } catch {
    return undefined;
  }
}

/** Loads WSGI_HANDLER as wfastcgi would and reports; killed (with everything it started) after `timeoutMs`. */
export async function verifyHandler(options: RunnerOptions & { timeoutMs: number; signal?: AbortSignal }): Promise<VerifyOutcome> {
  let started = false;
  let result: RunnerResult | undefined;
  const stderr: string[] = [];
  const tracked = startRunner('verify', { ...options, log: (l) => { stderr.push(l); options.log?.(l); } }, (e) => {
    if (e.kind === 'STARTED') started = true;
    if (e.kind === 'RESULT') result = e.payload as unknown as RunnerResult;
  });
  if (typeof tracked === 'string') return { kind: 'could-not-run', reason: tracked };
  let spawnError: string | undefined;
  tracked.child.once('error', (e) => (spawnError = e.message));
  let timedOut = false;
  const timer = setTimeout(() => { timedOut = true; tracked.kill(); }, options.timeoutMs);
  const onAbort = () => tracked.kill();
  options.signal?.addEventListener('abort', onAbort);
  const exit = await tracked.exited;
  clearTimeout(timer);
  options.signal?.removeEventListener('abort', onAbort);
  tracked.kill();
  if (options.signal?.aborted) return { kind: 'cancelled' };
  if (result) return { kind: 'result', result };
  const tail = stderr.slice(-20).join('\n');
  if (!started) return { kind: 'could-not-run', reason: spawnError ? `cannot start ${options.python}: ${spawnError}` : `${options.python} exited (${exit.code ?? exit.signal}) before the runner started${tail ? `: ${tail}` : ''}` };
  if (timedOut) return { kind: 'died', reason: `loading the handler did not finish within ${Math.round(options.timeoutMs / 1000)} s (the module hangs on import); the process was killed. IIS would answer 500 once the FastCGI activityTimeout expires.`, stderr: tail };
  return { kind: 'died', reason: `the interpreter exited (${exit.code ?? exit.signal}) while loading the handler; IIS reports "The FastCGI process exited unexpectedly".`, stderr: tail };
}
