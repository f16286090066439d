/**
 * `flask-iis doctor DIR [--apphost FILE] [--icacls PATH] [--format text|json]`: checks this server for the
 * application in DIR. Output and exit status as `check` (0 no errors, 1 errors, 2 could not run).
 */
import { openAppFolder } from '../../node/appFolder';
import { checkServer } from '../../node/servers/serverCheck';
import { parseCommandArgs } from '../args';
import { commandSpec } from '../commandTable';
import { IoError, type CommandIo } from '../editing/checkCommand';
import { summary, toJson, toText } from '../format';
import { formatOption } from './planOutput';
import { outputSay } from '../cliMessages';

export async function runDoctor(argv: string[], io: CommandIo): Promise<number> {
  const args = parseCommandArgs(commandSpec('doctor')!, argv, io.translate);
  const format = formatOption(args.options.get('--format'), io.translate);
  const app = openAppFolder(args.positionals[0] ?? '.', io.translate);
  if (!app.ok) throw new IoError(app.reason);
  const checked = checkServer({ appDir: app.appDir, text: app.text, model: app.model, apphost: args.options.get('--apphost') as string | undefined, icacls: args.options.get('--icacls') as string | undefined, sc: args.options.get('--sc') as string | undefined, netstat: args.options.get('--netstat') as string | undefined });
  if (!checked.ok) throw new IoError(checked.needsWindows ? outputSay(io.translate)('doctorNeedsWindows') : checked.reason);
  const reports = [{ path: app.configPath, text: app.text, findings: checked.findings }];
  if (format === 'json') io.stdout(toJson(reports, io.translate));
  else {
    const text = toText(reports, io.translate);
    if (text) io.stdout(text);
    io.stderr(summary(reports, io.translate));
  }
  return checked.findings.some((f) => f.severity === 'error') ? 1 : 0;
}
