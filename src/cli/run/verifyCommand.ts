/**
 * `flask-iis verify DIR`: load WSGI_HANDLER with a real interpreter exactly as wfastcgi starts it, then send
 * GET / (or each --path) through it in the same process: "will it serve?". Exit 0 serves, 1 fails, 2 could not check.
 */
import { servedByWfastcgi } from '../../core/python/analysis';
import { openAppFolder } from '../../node/appFolder';
import { recordedSitePath } from '../../node/host/siteSettings';
import { chooseInterpreter } from '../../node/python/interpreterChoice';
import { verifyVerdict } from '../../node/run/verifyReport';
import { verifyHandler } from '../../node/run/wfastcgiRunner';
import { sayWith } from '../../core/host/undo';
import { serverRoots } from '../../core/python/pythonPath';
import { parseCommandArgs, UsageError } from '../args';
import { commandSpec } from '../commandTable';
import { IoError, type CommandIo } from '../editing/checkCommand';
import { toJson, toText } from '../format';
import { outputSay } from '../cliMessages';
import type { Translate } from '../../core/messages';

/** `--path P` values: URL paths to request, each starting with "/". */
function urlPaths(values: string[], translate: Translate): string[] {
  for (const value of values) {
    if (!/^\/[^\s\u0000-\u001f\u007f#]*$/.test(value)) throw new UsageError(outputSay(translate)('pathValue', { value }));
  }
  return values;
}

export async function runVerify(argv: string[], io: CommandIo): Promise<number> {
  const args = parseCommandArgs(commandSpec('verify')!, argv, io.translate);
  const say = outputSay(io.translate);
  const paths = urlPaths(args.lists.get('--path') ?? [], io.translate);
  const format = (args.options.get('--format') as string | undefined) ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(say('formatValue', { value: format }));
  const timeout = Number(args.options.get('--timeout') ?? '30');
  if (!(timeout > 0)) throw new UsageError(say('timeoutValue'));
  const app = openAppFolder(args.positionals[0] ?? '.', io.translate);
  if (!app.ok) throw new IoError(app.reason);
  if (!servedByWfastcgi(app.model)) throw new IoError(say('usesPlatform', { path: app.configPath }));
  const chosen = chooseInterpreter(app.model, { explicit: args.options.get('--python') as string | undefined, trustConfig: args.options.has('--trust-config'), exclude: [app.appDir], say: sayWith(io.translate) });
  for (const note of chosen.notes) io.stderr(`flask-iis: ${note}`);
  if (!chosen.ok) throw new IoError(chosen.reason);
  const choice = chosen.choice;
  const outcome = await verifyHandler({ python: choice.python, appDir: app.appDir, timeoutMs: timeout * 1000, paths, serverRoots: serverRoots(app.model, { sitePath: (args.options.get('--site-path') as string | undefined) ?? recordedSitePath(app.appDir), localFolder: app.appDir }) });
  const verdict = verifyVerdict(app.model, choice.python, outcome, sayWith(io.translate));
  if (verdict.verdict === 'could-not-run') throw new IoError(say('couldNotCheck', { reason: verdict.reason }));
  const reports = [{ path: app.configPath, text: app.text, findings: verdict.findings }];
  if (format === 'json') io.stdout(toJson(reports, io.translate));
  else if (verdict.findings.length) io.stdout(toText(reports, io.translate));
  io.stderr(`flask-iis: ${verdict.summary}`);
  for (const n of verdict.notFound ?? []) io.stderr(`flask-iis: ${n.routes !== undefined ? say('notFound', { path: n.path, count: n.routes }) : say('notFoundUnknown', { path: n.path })}`);
  return verdict.verdict === 'loads' ? 0 : 1;
}
