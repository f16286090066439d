/**
 * `flask-iis new DIR` (a Flask project ready for IIS) and `flask-iis init DIR` (the IIS files for an existing
 * application). Never interactive: defaults or flags. Existing files that differ are never replaced without
 * --force (exit 2 with their list); --force keeps a .bak copy of each. Writing is all-or-nothing.
 */
import { statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { Bridge, Layout } from '../../core/scaffold';
import { appAnalysis, hostTaskDefinition, readOwnManifest } from '../../node/scaffold/scaffoldProject';
import { prepareInit, prepareNew, targetFolder, type InitRequest, type Prepared, type ScaffoldRequest } from '../../node/scaffold/scaffoldRequest';
import { confirmApps } from '../../node/scaffold/confirmApps';
import { resolveUserExecutable } from '../../node/executables';
import { writePlan } from '../../node/scaffold/scaffoldWriter';
import { parseCommandArgs, UsageError, type ParsedArgs } from '../args';
import { commandSpec } from '../commandTable';
import { IoError, type CommandIo } from '../editing/checkCommand';
import { cliPythonSupport } from '../python/pythonSupport';
import { runServerInit, runServerNew } from '../servers/serverScaffold';
import { outputSay, type OutputKey } from '../cliMessages';
import { reportUnprepared, reportWrite } from './writeReport';

export async function runNew(argv: string[], io: CommandIo): Promise<number> {
  const args = parseCommandArgs(commandSpec('new')!, argv, io.translate);
  const layout = oneOf(args, '--layout', ['package', 'module'], io) as Layout | undefined;
  if (args.options.has('--server')) return runServerNew(args, layout, io);
  const prepared = prepareNew({ ...request(args, io), ...(layout ? { layout } : {}), translate: io.translate });
  return finish(prepared, args, io, 'new');
}

export async function runInit(argv: string[], io: CommandIo): Promise<number> {
  const args = parseCommandArgs(commandSpec('init')!, argv, io.translate);
  if (args.options.has('--server')) return runServerInit(args, io, isDirectory);
  const req = request(args, io);
  if (!isDirectory(req.dir)) throw new IoError(outputSay(io.translate)('notAFolder', { path: req.dir }));
  const handler = args.options.get('--handler') as string | undefined;
  // --python is the server's python.exe written into the files; --confirm-with is a LOCAL interpreter that loads
  // the candidates to confirm the choice. Without it nothing runs (init only reads and writes files).
  const confirmWith = confirmInterpreter(args.options.get('--confirm-with') as string | undefined, req.dir, io);
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
function confirmInterpreter(given: string | undefined, dir: string, io: CommandIo): string | undefined {
  if (given === undefined) return undefined;
  const say = outputSay(io.translate);
  if (/[\\/]/.test(given) && !isAbsolute(given)) throw new UsageError(say('confirmWithPath', { value: given }));
  const found = resolveUserExecutable(given, { exclude: [resolve(dir)] });
  if (!found.found) throw new IoError(say('confirmWithMissing', { value: given }));
  return found.found;
}

function request(args: ParsedArgs, io: CommandIo): ScaffoldRequest {
  const value = (name: string) => args.options.get(name) as string | undefined;
  const bridge = oneOf(args, '--bridge', ['wfastcgi', 'httpplatform', 'proxy'], io) as Bridge | undefined;
  const hostTasks = hostTaskDefinition(readOwnManifest(__dirname));
  const req: ScaffoldRequest = { dir: args.positionals[0] ?? '.' };
  for (const [flag, key] of [['--name', 'name'], ['--python', 'python'], ['--site-path', 'sitePath'], ['--log-dir', 'logDir']] as const) {
    const v = value(flag);
    if (v !== undefined) req[key] = v;
  }
  const port = value('--backend-port');
  if (port !== undefined && !/^\d{1,5}$/.test(port)) throw new UsageError(outputSay(io.translate)('backendPort', { value: port }));
  const prefix = value('--url-prefix');
  return { ...req, ...(bridge ? { bridge } : {}), ...(hostTasks ? { hostTasks } : {}), ...(port !== undefined ? { backendPort: Number(port) } : {}), ...(prefix !== undefined ? { urlPrefix: prefix } : {}) };
}

function oneOf(args: ParsedArgs, flag: string, allowed: string[], io: CommandIo): string | undefined {
  const v = args.options.get(flag) as string | undefined;
  if (v === undefined) return undefined;
  const found = allowed.find((a) => a === v.toLowerCase());
  if (!found) throw new UsageError(outputSay(io.translate)('oneOf', { option: flag, allowed: allowed.slice(0, -1).join(', '), last: allowed[allowed.length - 1]!, value: v }));
  return found;
}

function finish(prepared: Prepared, args: ParsedArgs, io: CommandIo, command: 'new' | 'init'): number {
  if (!prepared.ok) {
    reportUnprepared(prepared.problem, prepared.notes, io);
    return 2;
  }
  const result = writePlan(prepared.dir, prepared.plan.files, { force: args.options.has('--force') });
  const bridge = prepared.bridge === 'wfastcgi' ? 'Wfastcgi' : prepared.bridge === 'proxy' ? 'Proxy' : 'Platform';
  const headline = outputSay(io.translate)(`${command === 'new' ? 'created' : 'added'}${bridge}` as OutputKey, { dir: prepared.dir, name: prepared.name });
  return reportWrite(result, { dir: prepared.dir, command, headline, guide: 'DEPLOY.md', notes: prepared.notes }, io) ? 0 : 2;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
