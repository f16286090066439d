/**
 * Child processes that run user code: argv arrays (never a shell), line-wise output, and a kill that takes
 * the whole process tree (a reloader or a server the app started) on timeout, cancellation or exit.
 * Standard input stays an open pipe: our runner exits when it closes, so even a killed parent leaves no server.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { win32 } from 'node:path';

export interface Tracked {
  child: ChildProcess;
  /** Resolves when the process has exited (exit code, or the signal that ended it). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(): void;
}

export interface SpawnOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  onStdoutLine?: (line: string) => void;
  onStderrLine?: (line: string) => void;
}

/** Variables of the developer's shell that would change how the interpreter starts, unlike under IIS. */
const INTERPRETER_VARIABLES = ['PYTHONPATH', 'PYTHONHOME', 'PYTHONSTARTUP', 'PYTHONSAFEPATH', 'PYTHONNOUSERSITE', 'PYTHONINSPECT', 'VIRTUAL_ENV'];

export function cleanEnvironment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PYTHONIOENCODING: 'utf-8', PYTHONUNBUFFERED: '1' };
  for (const name of Object.keys(env)) if (INTERPRETER_VARIABLES.includes(name.toUpperCase())) delete env[name];
  return { ...env, ...extra };
}

export function spawnTracked(argv: string[], options: SpawnOptions): Tracked {
  const [command, ...args] = argv;
  const child = spawn(command!, args, { cwd: options.cwd, env: options.env, stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true, detached: process.platform !== 'win32', shell: false });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('error', () => resolve({ code: null, signal: null }));
    child.once('close', (code, signal) => resolve({ code, signal }));
  });
  lines(child.stdout, options.onStdoutLine);
  lines(child.stderr, options.onStderrLine);
  let killed = false;
  const kill = () => {
    if (killed || child.exitCode !== null || child.pid === undefined) return;
    killed = true;
    killTree(child.pid);
  };
  return { child, exited, kill };
}

function killTree(pid: number): void {
  try {
    if (process.platform === 'win32') spawnSync(taskkillPath(), ['/pid', String(pid), '/T', '/F'], { windowsHide: true, timeout: 5000 });
    else process.kill(-pid, 'SIGKILL');
  } catch {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

function lines(stream: NodeJS.ReadableStream | null, onLine: ((line: string) => void) | undefined): void {
  if (!stream) return;
  let buffer = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    buffer += chunk;
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl).replace(/\r$/, '');
      buffer = buffer.slice(nl + 1);
      onLine?.(line);
    }
    if (buffer.length > 1_000_000) buffer = buffer.slice(-100_000);
  });
  stream.on('end', () => {
    if (buffer) onLine?.(buffer);
    buffer = '';
  });
}

/** By absolute path: a bare `taskkill` would be looked up in the current folder first on Windows. */
function taskkillPath(): string {
  return win32.join(process.env['SystemRoot'] ?? process.env['windir'] ?? 'C:\\Windows', 'System32', 'taskkill.exe');
}
