/**
 * `flask-iis enable|disable [--python EXE] [--appcmd PATH] [--apphostconfig FILE] [--apphost FILE] [--install]
 * [--dry-run] [--format text|json]`: the interpreter's own wfastcgi-enable / wfastcgi-disable, for full IIS
 * or (appcmd path + /apphostconfig:) IIS Express.
 */
import { describeWfastcgiOutcome } from '../../core/host/wfastcgiOutput';
import { sayWith, type Say } from '../../core/host/undo';
import { applyWfastcgi, planWfastcgi } from '../../node/host/hostActions';
import { loadHostState } from '../../node/host/hostState';
import { IS_WINDOWS } from '../../node/host/hostTools';
import { describeSkips, findPython, resolveUserExecutable } from '../../node/executables';
import { parseCommandArgs } from '../args';
import { commandSpec } from '../commandTable';
import { IoError, type CommandIo } from '../editing/checkCommand';
import { formatOption, needsWindows, printDryRun, printPlan, printProblems, printRun, runJson } from './planOutput';
import { CLI_ENTRY } from './siteCommands';

export async function runWfastcgi(action: 'enable' | 'disable', argv: string[], io: CommandIo): Promise<number> {
  const args = parseCommandArgs(commandSpec(action)!, argv, io.translate);
  const format = formatOption(args.options.get('--format'), io.translate);
  const opt = (name: string) => args.options.get(name) as string | undefined;
  const python = interpreter(opt('--python'), args.options.has('--dry-run'), sayWith(io.translate));
  const appcmd = opt('--appcmd');
  const apphostconfig = opt('--apphostconfig');
  const loaded = loadHostState({ appcmd, apphost: opt('--apphost'), apphostconfig });
  if (!loaded.ok) throw new IoError(loaded.reason);
  const planned = planWfastcgi({ action, python, install: args.options.has('--install'), appcmd, apphostconfig }, loaded.state, io.translate);
  if (!planned.ok) {
    printProblems(planned.problems, io);
    return 1;
  }
  const { plan } = planned;
  if (args.options.has('--dry-run')) {
    printDryRun(plan, format, io);
    return 0;
  }
  if (format === 'text') printPlan(plan, io);
  if (!plan.steps.length) return 0;
  // wfastcgi-enable runs appcmd itself: given explicitly (IIS Express, or a fake), the whole plan runs as given.
  const explicit = new Set(appcmd ? plan.steps.map((s) => s.argv[0]!) : []);
  if (!IS_WINDOWS && !appcmd) {
    if (format === 'json') printDryRun(plan, 'json', io);
    throw new IoError(needsWindows(io.translate));
  }
  const { result, outcome } = await applyWfastcgi(plan, explicit, CLI_ENTRY);
  const explanation = describeWfastcgiOutcome(outcome, sayWith(io.translate));
  if (format === 'json') io.stdout(runJson(plan, result, { outcome: { ...outcome, message: explanation } }));
  else {
    printRun(plan, result, io);
    io.stdout(explanation);
    if (outcome.kind === 'enabled') io.stdout(`scriptProcessor="${outcome.scriptProcessor.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`);
  }
  return result.failedAt === undefined && (outcome.kind === 'enabled' || outcome.kind === 'disabled') ? 0 : 1;
}

/**
 * The interpreter whose wfastcgi-enable runs (elevated): `--python` made absolute, else a Python on PATH, never
 * one in the current folder. A Windows path given for a dry run on another system is kept as the Windows path
 * it is, so the plan can be printed for a server.
 */
function interpreter(given: string | undefined, dryRun: boolean, say: Say): string {
  if (given !== undefined) {
    if (dryRun && !IS_WINDOWS && /^[A-Za-z]:[\\/]/.test(given)) return given;
    const r = resolveUserExecutable(given);
    if (!r.found) throw new IoError(`--python ${say('trust.noSuchExecutable', { given, skips: describeSkips(r.skipped, say) })}`);
    return r.found;
  }
  const found = findPython();
  if (!found.python) throw new IoError(say('trust.noInterpreter', { skips: describeSkips(found.skipped, say) }));
  return found.python;
}
