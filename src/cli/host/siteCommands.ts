/**
 * `flask-iis register DIR --site NAME --port N [--pool NAME] [--host HOST] [--warm-up] [--python EXE]
 * [--grant-outside PATH]...`, `unregister DIR [--yes]`, `recycle DIR [--pool NAME]`, each with [--appcmd PATH]
 * [--icacls PATH] [--apphost FILE] [--apphostconfig FILE] [--dry-run] [--format text|json]. The plan is printed
 * before anything runs. The project never decides alone: register grants outside the site folder only on the
 * folders named with --grant-outside (or the installation of the --python the user named), and unregister
 * deletes only with --yes, only objects that carry register's marker for this folder.
 */
import { dirnameHost } from '../../core/host/hostPaths';
import type { Plan, Planned } from '../../core/host/plan';
import { renderMessage } from '../../core/messages';
import { exeEnvironment } from '../../core/rules/scriptProcessorRules';
import { openAppFolder } from '../../node/appFolder';
import type { CliEntry } from '../../node/host/elevation';
import { executePlan } from '../../node/host/executePlan';
import { applySitePlan, planRecycle, planRegister, planUnregister, type Applied, type SitePlan } from '../../node/host/hostActions';
import { rollbackReport } from '../../core/host/rollback';
import { loadHostState, type HostState } from '../../node/host/hostState';
import { canExecute } from '../../node/host/hostTools';
import { manifestPath, readManifestFile } from '../../node/host/manifestFile';
import { parseCommandArgs, UsageError, type ParsedArgs } from '../args';
import { commandSpec } from '../commandTable';
import { IoError, type CommandIo } from '../editing/checkCommand';
import { outputSay } from '../cliMessages';
import { formatOption, needsWindows, printDryRun, printPlan, printProblems, printRun, runJson, type Format } from './planOutput';

/** Given once per folder: every value is kept. */
const REPEATED = '--grant-outside';

/** This bundle (dist/cli-main.js, an absolute path; dist/cli.js is its launcher) run by this runtime: what the elevated side starts. */
export const CLI_ENTRY: CliEntry = { execPath: process.execPath, cliPath: __filename };

interface Common {
  args: ParsedArgs;
  format: Format;
  dryRun: boolean;
  app: Extract<ReturnType<typeof openAppFolder>, { ok: true }>;
  state: HostState;
  /** --grant-outside values, in order. */
  grantOutside: string[];
}

function common(argv: string[], command: 'register' | 'unregister' | 'recycle', io: CommandIo): Common {
  const args = parseCommandArgs(commandSpec(command)!, argv, io.translate);
  const grantOutside = args.lists.get(REPEATED) ?? [];
  if (args.positionals.length !== 1) throw new UsageError(outputSay(io.translate)('oneSiteFolder', { command }));
  const app = openAppFolder(args.positionals[0]!, io.translate);
  if (!app.ok) throw new IoError(app.reason);
  const opt = (name: string) => args.options.get(name) as string | undefined;
  // unregister/recycle act where register did: the IIS Express configuration the manifest records, unless told
  // otherwise (only a local absolute *.config path is taken from it; the plan shows it on every appcmd step).
  const recorded = command === 'register' ? undefined : readManifestFile(app.appDir).manifest?.apphostconfig;
  const loaded = loadHostState({ appcmd: opt('--appcmd'), icacls: opt('--icacls'), sc: opt('--sc'), winsw: opt('--winsw'), apphost: opt('--apphost'), apphostconfig: opt('--apphostconfig') ?? recorded });
  if (!loaded.ok) throw new IoError(loaded.reason);
  return { args, format: formatOption(args.options.get('--format'), io.translate), dryRun: args.options.has('--dry-run'), app, state: loaded.state, grantOutside };
}

export async function runRegister(argv: string[], io: CommandIo): Promise<number> {
  const c = common(argv, 'register', io);
  const site = c.args.options.get('--site') as string | undefined;
  const port = c.args.options.get('--port') as string | undefined;
  if (!site || !port) throw new UsageError(outputSay(io.translate)('registerNeeds'));
  const options = { site, port: Number(port), host: (c.args.options.get('--host') as string | undefined) ?? '', pool: (c.args.options.get('--pool') as string | undefined) ?? site, warmUp: c.args.options.has('--warm-up') };
  const python = c.args.options.get('--python') as string | undefined;
  const grants = { chosen: python ? exeEnvironment(python) ?? dirnameHost(python) : undefined, confirmed: c.grantOutside };
  return runSitePlan(c, planRegister(c.app.appDir, c.app.model, options, c.state, io.translate, grants), io, 'register');
}

export async function runUnregister(argv: string[], io: CommandIo): Promise<number> {
  const c = common(argv, 'unregister', io);
  return runSitePlan(c, planUnregister(c.app.appDir, c.state, io.translate), io, 'unregister');
}

export async function runRecycle(argv: string[], io: CommandIo): Promise<number> {
  const c = common(argv, 'recycle', io);
  const planned = planRecycle(c.app.appDir, c.args.options.get('--pool') as string | undefined, c.state, io.translate);
  if (!shown(c, planned, io)) return planned.ok ? 0 : 1;
  if (!planned.ok) return 1;
  const result = await executePlan(planned.plan, { explicit: c.state.tools.explicit, cli: CLI_ENTRY });
  if (c.format === 'json') io.stdout(runJson(planned.plan, result));
  else printRun(planned.plan, result, io);
  return result.failedAt === undefined ? 0 : 1;
}

/** Prints problems or the plan; true when the plan should now run. */
function shown(c: Common, planned: Planned, io: CommandIo): boolean {
  if (!planned.ok) {
    printProblems(planned.problems, io);
    return false;
  }
  if (!c.state.appHostKnown) io.stderr(`flask-iis: ${renderMessage('cli.noAppHost', {}, io.translate)}`);
  if (c.dryRun) {
    printDryRun(planned.plan, c.format, io);
    return false;
  }
  if (c.format === 'text') printPlan(planned.plan, io);
  if (!planned.plan.steps.length && !planned.plan.questions?.length) return false;
  if (!canExecute(planned.plan, c.state.tools.explicit)) {
    if (c.format === 'json') printDryRun(planned.plan, 'json', io);
    throw new IoError(needsWindows(io.translate));
  }
  return true;
}

/** What the user has not confirmed yet: printed with the exact flags, and nothing runs (exit 1). */
function unconfirmed(c: Common, plan: Plan, command: 'register' | 'unregister', io: CommandIo): boolean {
  const questions = plan.questions ?? [];
  if (questions.length) {
    if (c.format === 'json') printDryRun(plan, 'json', io);
    const flags = questions.map((q) => `${REPEATED} ${JSON.stringify(q.path)}`).join(' ');
    io.stderr(`flask-iis: ${renderMessage('cli.grantOutside', { count: questions.length, flags }, io.translate)}`);
    return true;
  }
  if (command === 'unregister' && plan.steps.length && !c.args.options.has('--yes')) {
    if (c.format === 'json') printDryRun(plan, 'json', io);
    io.stderr(`flask-iis: ${renderMessage('cli.confirmUnregister', {}, io.translate)}`);
    return true;
  }
  return false;
}

async function runSitePlan(c: Common, sitePlan: SitePlan, io: CommandIo, command: 'register' | 'unregister'): Promise<number> {
  if (sitePlan.manifestProblem) io.stderr(`flask-iis: ${sitePlan.manifestProblem}`);
  const planned = sitePlan.planned;
  if (!shown(c, planned, io)) return planned.ok ? 0 : 1;
  if (!planned.ok) return 1;
  const plan: Plan = planned.plan;
  if (unconfirmed(c, plan, command, io)) return 1;
  const applied = await applySitePlan(c.app.appDir, sitePlan, plan, c.state, CLI_ENTRY, undefined, io.translate, command === 'register');
  const manifest = applied.manifest && !applied.manifestProblem ? manifestPath(c.app.appDir) : undefined;
  const say = outputSay(io.translate);
  if (c.format === 'json') {
    const rollback = applied.rollback && { steps: applied.rollback.plan.steps.map((s) => ({ argv: s.argv, why: s.why, undoes: s.undoes.map((i) => i + 1) })), result: applied.rollback.result, report: report(plan, applied, io) };
    io.stdout(runJson(plan, applied.result, { ...(manifest ? { manifest } : {}), ...(rollback ? { rollback } : {}), ...(applied.undo ? { undo: JSON.parse(JSON.stringify(applied.undo)) as unknown } : {}) }));
  } else {
    printRun(plan, applied.result, io);
    if (manifest) io.stdout(say('recorded', { file: manifest }));
  }
  if (applied.manifestProblem) io.stderr(`flask-iis: ${applied.manifestProblem}`);
  if (applied.result.failedAt === undefined) return applied.manifestProblem ? 1 : 0;
  io.stderr(`flask-iis: ${say('stoppedAt', { step: applied.result.failedAt + 1, total: plan.steps.length, done: applied.result.completed })}`);
  for (const line of report(plan, applied, io)) io.stderr(`flask-iis: ${line}`);
  if (applied.undo?.steps.length) {
    io.stderr(`flask-iis: ${say('undoHint', { dir: c.app.appDir })}`);
    for (const s of applied.undo.steps) io.stderr(`  ${JSON.stringify(s.argv)}`);
  }
  return 1;
}

/** The rollback's report (register), rendered in the CLI's language. */
function report(plan: Plan, applied: Applied, io: CommandIo): string[] {
  const r = applied.rollback;
  if (!r || applied.result.failedAt === undefined) return [];
  return rollbackReport(plan, applied.result.failedAt, applied.result.completed, r.plan, r.result, (key, args) => renderMessage(key, args, io.translate));
}
