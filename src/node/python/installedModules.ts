/**
 * Asks a real interpreter whether top-level modules are installed: `importlib.util.find_spec(name)` for each
 * name in one child process (isolated mode `-I`, argv array, names on stdin as JSON, killed after a timeout).
 * find_spec of a top-level name locates the module without importing it, so no user code runs.
 */
import { spawn, spawnSync } from 'node:child_process';

const SCRIPT = [
  'import importlib.util, json, sys',
  'out = []',
  'for n in json.load(sys.stdin):',
  '    try:',
  '        out.append(importlib.util.find_spec(n) is not None)',
  '    except Exception:',
  '        out.append(None)',
  'print(json.dumps(out))',
].join('\n');

/** Names find_spec is asked about: plain identifiers (top-level modules only, no dots). */
export function askableModule(name: string): boolean {
  return /^[\p{L}_][\p{L}\p{N}_]*$/u.test(name);
}

/** true: installed; false: find_spec found nothing; names without an answer are left out. */
export type InstalledAnswers = Map<string, boolean>;

function parseAnswers(names: string[], stdout: string): InstalledAnswers | undefined {
  try {
    const answers = JSON.parse(stdout) as unknown;
    if (!Array.isArray(answers) || answers.length !== names.length) return undefined;
    const out: InstalledAnswers = new Map();
    names.forEach((n, i) => {
      if (typeof answers[i] === 'boolean') out.set(n, answers[i] as boolean);
    });
    return out;
  } catch {
    return undefined;
  }
}

function unique(names: Iterable<string>): string[] {
  return [...new Set([...names].filter(askableModule))];
}

/** Synchronous (the CLI): undefined when the interpreter does not run or answer. */
export function askInstalledSync(python: string, names: Iterable<string>, timeoutMs = 10000): InstalledAnswers | undefined {
  const list = unique(names);
  if (!list.length) return new Map();
  const r = spawnSync(python, ['-I', '-c', SCRIPT], { input: JSON.stringify(list), encoding: 'utf8', timeout: timeoutMs, windowsHide: true });
  if (r.status !== 0 || !r.stdout) return undefined;
  return parseAnswers(list, r.stdout);
}

/** Asynchronous (the extension host must never block): resolves undefined on any failure or timeout. */
export function askInstalled(python: string, names: Iterable<string>, timeoutMs = 10000): Promise<InstalledAnswers | undefined> {
  const list = unique(names);
  if (!list.length) return Promise.resolve(new Map());
  return new Promise((resolve) => {
    let stdout = '';
    let done = false;
    const finish = (value: InstalledAnswers | undefined) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(value);
    };
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn(python, ['-I', '-c', SCRIPT], { stdio: ['pipe', 'pipe', 'ignore'], windowsHide: true });
    } catch {
      return resolve(undefined);
    }
    const timer = setTimeout(() => {
      child.kill();
      finish(undefined);
    }, timeoutMs);
    child.on('error', () => finish(undefined));
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      if (stdout.length < 1_000_000) stdout += chunk;
    });
    child.on('close', (code) => finish(code === 0 ? parseAnswers(list, stdout) : undefined));
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(JSON.stringify(list));
  });
}
