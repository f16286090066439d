/**
 * `flask-iis new DIR` (a Flask project ready for IIS) and `flask-iis init DIR` (the IIS files for an existing
 * application). Never interactive: defaults or flags. Existing files that differ are never replaced without
 * --force (exit 2 with their list); --force keeps a .bak copy of each. Writing is all-or-nothing.
 */
import { statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { renderMessage } from '../../core/messages';
import type { Bridge, Layout } from '../../core/scaffold';
import { appAnalysis, hostTaskDefinition, readOwnManifest } from '../../node/scaffold/scaffoldProject';
import { prepareInit, prepareNew, targetFolder, type InitRequest, type Prepared, type ScaffoldRequest } from '../../node/scaffold/scaffoldRequest';
import { confirmApps } from '../../node/scaffold/confirmApps';
import { resolveUserExecutable } from '../../node/executables';
import { refusalProblem } from '../../node/scaffold/scaffoldFs';
import { writePlan, type WriteResult } from '../../node/scaffold/scaffoldWriter';
import { parseCommandArgs, UsageError, type ParsedArgs } from '../args';
import { commandSpec } from '../commandTable';
import { IoError, type CommandIo } from '../editing/checkCommand';
import { cliPythonSupport } from '../python/pythonSupport';
import { runServerInit, runServerNew } from '../servers/serverScaffold';

export async function runNew(argv: string[], io: CommandIo): Promise<number> {
  const args = parseCommandArgs(commandSpec('new')!, argv, io.translate);
  const layout = oneOf(args, '--layout', ['package', 'module']) as Layout | undefined;
  if (args.options.has('--server')) return runServerNew(args, layout, io);
  const prepared = prepareNew({ ...request(args), ...(layout ? { layout } : {}), translate: io.translate });
  return finish(prepared, args, io, 'new');
}

export async function runInit(argv: string[], io: CommandIo): Promise<number> {
  const args = parseCommandArgs(commandSpec('init')!, argv, io.translate);
  if (args.options.has('--server')) return runServerInit(args, io, isDirectory);
  const req = request(args);
  if (!isDirectory(req.dir)) throw new IoError(`${req.dir}: not a folder`);
  const handler = args.options.get('--handler') as string | undefined;
  // --python is the server's python.exe written into the files; --confirm-with is a LOCAL interpreter that loads
  // the candidates to confirm the choice. Without it nothing runs (init only reads and writes files).
  const confirmWith = confirmInterpreter(args.options.get('--confirm-with') as string | undefined, req.dir);
  const python = await cliPythonSupport(io);
  let confirmed: Pick<InitRequest, 'candidates' | 'skipped'> = {};
  if (confirmWith && handler === undefined && python) {
    const analysis = appAnalysis(targetFolder(req.dir), python.support);
    confirmed = { candidates: await confirmApps(confirmWith, targetFolder(req.dir), analysis.candidates), skipped: analysis.skipped };
  }
  const prepared = prepareInit({ ...req, ...confirmed, ...(handler !== undefined ? { handler } : {}), translate: io.translate }, python?.support);
  return finish(prepared, args, io, 'init');
}

/** `--confirm-with`: an absolute path, or a bare name looked up on PATH outside the project (never relative). */
function confirmInterpreter(given: string | undefined, dir: string): string | undefined {
  if (given === undefined) return undefined;
  if (/[\\/]/.test(given) && !isAbsolute(given)) throw new UsageError(`--confirm-with must be an absolute path or a program name on PATH, not "${given}"`);
  const found = resolveUserExecutable(given, { exclude: [resolve(dir)] });
  if (!found.found) throw new IoError(`--confirm-with: no executable "${given}" here (the project's own folders are never searched)`);
  return found.found;
}

function request(args: ParsedArgs): ScaffoldRequest {
  const value = (name: string) => args.options.get(name) as string | undefined;
  const bridge = oneOf(args, '--bridge', ['wfastcgi', 'httpplatform', 'proxy']) as Bridge | undefined;
  const hostTasks = hostTaskDefinition(readOwnManifest(__dirname));
  const req: ScaffoldRequest = { dir: args.positionals[0] ?? '.' };
  for (const [flag, key] of [['--name', 'name'], ['--python', 'python'], ['--site-path', 'sitePath'], ['--log-dir', 'logDir']] as const) {
    const v = value(flag);
    if (v !== undefined) req[key] = v;
  }
  const port = value('--backend-port');
  if (port !== undefined && !/^\d{1,5}$/.test(port)) throw new UsageError(`--backend-port must be a port number, not "${port}"`);
  const prefix = value('--url-prefix');
  return { ...req, ...(bridge ? { bridge } : {}), ...(hostTasks ? { hostTasks } : {}), ...(port !== undefined ? { backendPort: Number(port) } : {}), ...(prefix !== undefined ? { urlPrefix: prefix } : {}) };
}

function oneOf(args: ParsedArgs, flag: string, allowed: string[]): string | undefined {
  const v = args.options.get(flag) as string | undefined;
  if (v === undefined) return undefined;
  const found = allowed.find((a) => a === v.toLowerCase());
  if (!found) throw new UsageError(`${flag} must be ${allowed.slice(0, -1).join(', ')} or ${allowed[allowed.length - 1]}, not "${v}"`);
  return found;
}

function finish(prepared: Prepared, args: ParsedArgs, io: CommandIo, command: 'new' | 'init'): number {
  const t = io.translate;
  if (!prepared.ok) {
    io.stderr(`flask-iis: ${renderMessage(prepared.problem.key, prepared.problem.args, t)}`);
    for (const n of prepared.notes ?? []) io.stderr(`flask-iis: ${renderMessage(n.key, n.args, t)}`);
    if (prepared.problem.key === 'scaffold.severalApps' || prepared.problem.key === 'scaffold.noApp') io.stderr('flask-iis: name it with --handler VALUE');
    return 2;
  }
  const result = writePlan(prepared.dir, prepared.plan.files, { force: args.options.has('--force') });
  report(result, prepared, io, command);
  return result.ok ? 0 : 2;
}

function report(result: WriteResult, p: Extract<Prepared, { ok: true }>, io: CommandIo, command: 'new' | 'init'): void {
  if (!result.ok && result.reason === 'conflicts') {
    io.stderr(`flask-iis: these files exist in ${p.dir} and differ from what ${command} writes; nothing was written:`);
    for (const c of result.conflicts) io.stderr(`  ${c}`);
    io.stderr('flask-iis: run again with --force to replace them (each is first copied to a .bak file)');
    return;
  }
  if (!result.ok && result.reason === 'unsafe') {
    for (const r of result.refused) {
      const { key, args } = refusalProblem(r);
      io.stderr(`flask-iis: ${renderMessage(key, args, io.translate)}`);
    }
    return;
  }
  if (!result.ok) {
    io.stderr(`flask-iis: could not write the files: ${result.error}`);
    io.stderr(result.leftBehind.length ? `flask-iis: these could not be undone: ${result.leftBehind.join(', ')}` : 'flask-iis: nothing was written (what had been written was removed)');
    return;
  }
  io.stdout(`${command === 'new' ? 'Created a Flask project' : 'Added the IIS deployment files'} in ${p.dir} (site and pool "${p.name}", ${p.bridge === 'wfastcgi' ? 'wfastcgi' : p.bridge === 'proxy' ? 'IIS reverse proxy to a Windows service' : 'HttpPlatformHandler'}):`);
  for (const f of result.written) io.stdout(`  wrote      ${f}`);
  for (const b of result.backups) io.stdout(`  backed up  ${b.file} -> ${b.backup.slice(p.dir.length + 1)}`);
  for (const f of result.unchanged) io.stdout(`  unchanged  ${f}`);
  for (const n of p.notes) io.stdout(`Note: ${renderMessage(n.key, n.args, io.translate)}`);
  io.stdout('Next: the steps on the server are in DEPLOY.md.');
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
