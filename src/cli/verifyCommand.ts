/**
 * `flask-iis verify DIR`: load WSGI_HANDLER with a real interpreter exactly as wfastcgi starts it, then send
 * GET / (or each --path) through it in the same process: "will it serve?". Exit 0 serves, 1 fails, 2 could not check.
 */
import { servedByWfastcgi } from '../core/python/analysis';
import { openAppFolder } from '../node/appFolder';
import { recordedSitePath } from '../node/siteSettings';
import { chooseInterpreter } from '../node/interpreterChoice';
import { verifyVerdict } from '../node/verifyReport';
import { verifyHandler } from '../node/wfastcgiRunner';
import { sayWith } from '../core/host/undo';
import { serverRoots } from '../core/python/pythonPath';
import { parseArgs, UsageError } from './args';
import { IoError, type CommandIo } from './checkCommand';
import { toJson, toText } from './format';

export const VERIFY_USAGE = 'usage: flask-iis verify DIR [--python EXE] [--trust-config] [--site-path C:\\SERVER\\PATH] [--path /URL]... [--format text|json] [--timeout SECONDS]';

/** `--path P` (repeatable): URL paths to request, each starting with "/". */
function takePaths(argv: string[]): { paths: string[]; rest: string[] } {
  const paths: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      rest.push(...argv.slice(i));
      break;
    }
    const value = a === '--path' ? argv[++i] : a.startsWith('--path=') ? a.slice('--path='.length) : undefined;
    if (a !== '--path' && value === undefined) {
      rest.push(a);
      continue;
    }
    if (value === undefined) throw new UsageError('--path needs a value');
    if (!/^\/[^\s\u0000-\u001f\u007f#]*$/.test(value)) throw new UsageError(`--path must be a URL path starting with "/" (no spaces), not "${value}"`);
    paths.push(value);
  }
  return { paths, rest };
}

export async function runVerify(argv: string[], io: CommandIo): Promise<number> {
  const { paths, rest } = takePaths(argv);
  const args = parseArgs(rest, new Set(['--python', '--format', '--timeout', '--site-path']), new Set(['--trust-config']));
  const format = (args.options.get('--format') as string | undefined) ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not "${format}"`);
  if (args.positionals.length > 1) throw new UsageError('verify takes one folder');
  const timeout = Number(args.options.get('--timeout') ?? '30');
  if (!(timeout > 0)) throw new UsageError('--timeout must be a number of seconds');
  const app = openAppFolder(args.positionals[0] ?? '.');
  if (!app.ok) throw new IoError(app.reason);
  if (!servedByWfastcgi(app.model)) throw new IoError(`${app.configPath} uses HttpPlatformHandler, which does not read WSGI_HANDLER; try flask-iis run`);
  const chosen = chooseInterpreter(app.model, { explicit: args.options.get('--python') as string | undefined, trustConfig: args.options.has('--trust-config'), exclude: [app.appDir], say: sayWith(io.translate) });
  for (const note of chosen.notes) io.stderr(`flask-iis: ${note}`);
  if (!chosen.ok) throw new IoError(chosen.reason);
  const choice = chosen.choice;
  const outcome = await verifyHandler({ python: choice.python, appDir: app.appDir, timeoutMs: timeout * 1000, paths, serverRoots: serverRoots(app.model, { sitePath: (args.options.get('--site-path') as string | undefined) ?? recordedSitePath(app.appDir), localFolder: app.appDir }) });
  const verdict = verifyVerdict(app.model, choice.python, outcome);
  if (verdict.verdict === 'could-not-run') throw new IoError(`could not run the check: ${verdict.reason}`);
  const reports = [{ path: app.configPath, text: app.text, findings: verdict.findings }];
  if (format === 'json') io.stdout(toJson(reports, io.translate));
  else if (verdict.findings.length) io.stdout(toText(reports, io.translate));
  io.stderr(`flask-iis: ${verdict.summary}`);
  for (const note of verdict.notes ?? []) io.stderr(`flask-iis: ${note}`);
  return verdict.verdict === 'loads' ? 0 : 1;
}
