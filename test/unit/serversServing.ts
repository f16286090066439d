/**
 * Real web servers for the served-for-real deployment tests: each runs in the foreground from a temporary config
 * written here (never the system's), on a free loopback port, with its pid, logs and sockets in a temporary folder,
 * in its own process group, which is always stopped (SIGTERM, then SIGKILL) by its id.
 * As root (CI), Apache and nginx hand their workers to www-data, as on a Debian server: the temporary folder is
 * then made traversable (0755) so that user can read the application.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = process.getuid?.() === 0;
export const WEB_USER = 'www-data';

/** The first missing file of `files` (a program or module a test needs), as the reason to skip. */
export function missing(files: Record<string, string>): string | false {
  for (const [what, file] of Object.entries(files)) if (!existsSync(file)) return `${what} is not installed (${file}); node scripts/setup-servers.mjs installs it`;
  return false;
}

let scratch: string | undefined;

/** A fresh folder, readable by the web server's user; removed after the file's tests. */
export function serveDir(name: string): string {
  if (!scratch) {
    scratch = mkdtempSync(join(tmpdir(), 'flask-iis-srv-'));
    chmodSync(scratch, 0o755);
    const dir = scratch;
    // At the file's end (node:test's after() inside a test would run after that test only).
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  }
  const dir = mkdtempSync(join(scratch, `${name}-`));
  chmodSync(dir, 0o755);
  return dir;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export interface Daemon {
  label: string;
  child: ChildProcess;
  output: () => string;
  /** Logs the test asks to show on failure. */
  logs: string[];
}

/** www-data's uid and gid, when this runs as root (what a systemd unit's User=/Group= gives the process). */
export function webUserIds(): { uid: number; gid: number } | undefined {
  if (!ROOT) return undefined;
  const id = (flag: string) => Number(spawnSync('id', [flag, WEB_USER], { encoding: 'utf8' }).stdout.trim());
  const uid = id('-u');
  const gid = id('-g');
  return Number.isInteger(uid) && uid > 0 && Number.isInteger(gid) ? { uid, gid } : undefined;
}

/** Starts `argv` in its own process group (as the web server's user with `asWebUser`, when root). */
export function start(label: string, argv: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; logs?: string[]; asWebUser?: boolean } = {}): Daemon {
  const ids = options.asWebUser ? webUserIds() : undefined;
  const child = spawn(argv[0]!, argv.slice(1), { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true, ...(ids ?? {}) });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  child.on('error', (e) => (out += `\n[spawn error] ${e.message}`));
  return { label, child, output: () => out, logs: options.logs ?? [] };
}

/** Stops a daemon's process group (and waits, at most 10 s, for the leader to exit). */
export async function stop(d: Daemon): Promise<void> {
  const pid = d.child.pid;
  if (pid === undefined || d.child.exitCode !== null || d.child.signalCode !== null) return;
  const exited = new Promise<void>((r) => d.child.once('exit', () => r()));
  const signal = (s: NodeJS.Signals) => {
    try {
      process.kill(-pid, s);
    } catch {
      /* already gone */
    }
  };
  signal('SIGTERM');
  const timer = setTimeout(() => signal('SIGKILL'), 5_000);
  await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  clearTimeout(timer);
  signal('SIGKILL'); // workers a master left behind
}

/** Runs `body` with the daemons started by `starts`, always stopping them; on failure, their output and logs. */
export async function withDaemons(starts: (() => Daemon)[], body: () => Promise<void>): Promise<void> {
  const daemons: Daemon[] = [];
  try {
    for (const s of starts) daemons.push(s());
    await body();
  } catch (e) {
    const detail = daemons.map((d) => `--- ${d.label} (exit ${d.child.exitCode ?? d.child.signalCode ?? 'running'}):\n${d.output()}${d.logs.map((l) => (existsSync(l) ? `\n--- ${l}:\n${readFileSync(l, 'utf8').slice(-3000)}` : '')).join('')}`).join('\n');
    throw new Error(`${e instanceof Error ? e.message : String(e)}\n${detail}`);
  } finally {
    for (const d of daemons.reverse()) await stop(d);
  }
}

/** Replaces `from` by `to` in a generated file's text, asserting it was there (the templates changed otherwise). */
export function substitute(text: string, from: string | RegExp, to: string, what: string): string {
  const found = typeof from === 'string' ? text.includes(from) : from.test(text);
  if (!found) throw new Error(`${what}: "${String(from)}" is not in the generated file`);
  return typeof from === 'string' ? text.split(from).join(to) : text.replace(new RegExp(from.source, from.flags.includes('g') ? from.flags : `${from.flags}g`), to);
}

/** Apache from a minimal main config that includes the generated site; modules by absolute path. */
export function apacheMain(dir: string, port: number, modules: string[], site: string): string {
  const mods = ['mpm_event', 'authz_core', 'alias', 'mime', ...modules];
  return [
    `ServerRoot ${dir}`,
    'ServerName 127.0.0.1',
    `Listen 127.0.0.1:${port}`,
    `PidFile ${dir}/apache.pid`,
    `DefaultRuntimeDir ${dir}`,
    `ErrorLog ${dir}/error.log`,
    'LogLevel warn',
    ...(ROOT ? [`User ${WEB_USER}`, `Group ${WEB_USER}`] : []),
    ...mods.map((m) => `LoadModule ${m === 'mpm_event' ? 'mpm_event_module' : `${m}_module`} /usr/lib/apache2/modules/mod_${m}.so`),
    'TypesConfig /etc/mime.types',
    `Include ${site}`,
    '',
  ].join('\n');
}

/** nginx from a minimal main config: the generated server block inside `http`, the *_params files next to it. */
export function nginxMain(dir: string, site: string): string {
  for (const f of ['uwsgi_params', 'fastcgi_params']) if (existsSync(`/etc/nginx/${f}`)) copyFileSync(`/etc/nginx/${f}`, join(dir, f));
  return [
    'daemon off;',
    'master_process on;',
    'worker_processes 1;',
    ...(ROOT ? [`user ${WEB_USER};`] : []),
    `pid ${dir}/nginx.pid;`,
    `error_log ${dir}/nginx-error.log warn;`,
    'events { worker_connections 64; }',
    'http {',
    '    include /etc/nginx/mime.types;',
    `    access_log ${dir}/nginx-access.log;`,
    ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `    ${t}_temp_path ${dir}/${t}_temp;`),
    `    include ${site};`,
    '}',
    '',
  ].join('\n');
}

/** A program's --version style probe (true when it runs). */
export function runs(argv: string[]): boolean {
  return spawnSync(argv[0]!, argv.slice(1), { stdio: 'ignore', timeout: 20_000 }).status === 0;
}
