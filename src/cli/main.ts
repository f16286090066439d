/** `flask-iis`: the command line over the same core as the extension. */
import { join } from 'node:path';
import { fill } from '../core/messages';
import { UsageError, wants } from './args';
import { ARG_MESSAGES, outputSay } from './cliMessages';
import { IoError, runCheck, type CommandIo } from './editing/checkCommand';
import { COMMANDS, commandSpec } from './commandTable';
import { commandHelp, generalHelp, VERSION } from './help';
import { runHostCommand } from './host/hostCommands';
import { cliLocale, loadTranslate } from './l10n';
import { runMigrate } from './scaffold/migrateCommand';
import { runEffective } from './schema/effectiveCommand';
import { runRun } from './run/runCommand';
import { runInit, runNew } from './scaffold/scaffoldCommands';
import { closest } from './suggest';
import { runVerify } from './run/verifyCommand';

export async function main(argv: string[], io: CommandIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined) {
      io.stderr(generalHelp(io.translate));
      return 2;
    }
    if (command === '--version' || command === '-v') {
      io.stdout(VERSION);
      return 0;
    }
    if (command === 'help' || command === '--help' || command === '-h') {
      const about = rest[0] !== undefined ? commandSpec(rest[0]) : undefined;
      io.stdout(about && !about.hidden ? commandHelp(about, io.translate) : generalHelp(io.translate));
      return 0;
    }
    const spec = commandSpec(command);
    if (!spec) throw new UsageError(unknownCommand(command, io));
    if (!spec.hidden && wants(rest, 'help')) {
      io.stdout(commandHelp(spec, io.translate));
      return 0;
    }
    if (!spec.hidden && wants(rest, 'version')) {
      io.stdout(VERSION);
      return 0;
    }
    return await dispatch(command, rest, io);
  } catch (e) {
    if (e instanceof UsageError || e instanceof IoError) {
      io.stderr(`flask-iis: ${e.message}`);
      return 2;
    }
    io.stderr(`flask-iis: ${outputSay(io.translate)('unexpected', { error: e instanceof Error ? e.message : String(e) })}`);
    return 2;
  }
}

async function dispatch(command: string, rest: string[], io: CommandIo): Promise<number> {
  switch (command) {
    case 'check':
      return runCheck(rest, io);
    case 'effective':
      return runEffective(rest, io);
    case 'verify':
      return runVerify(rest, io);
    case 'run':
      return runRun(rest, io);
    case 'new':
      return runNew(rest, io);
    case 'init':
      return runInit(rest, io);
    case 'migrate':
      return runMigrate(rest, io);
    default: {
      const host = runHostCommand(command, rest, io);
      if (host) return host;
      throw new UsageError(unknownCommand(command, io));
    }
  }
}

function unknownCommand(command: string, io: CommandIo): string {
  const suggestion = closest(command, COMMANDS.filter((c) => !c.hidden).map((c) => c.name));
  return suggestion ? fill(io.translate(ARG_MESSAGES.unknownCommandDidYouMean), { command, suggestion }) : fill(io.translate(ARG_MESSAGES.unknownCommand), { command });
}

/** Runs the CLI on this process's arguments (called by the launcher, dist/cli.js, or when this file is run). */
export function start(): void {
  const translate = loadTranslate(cliLocale(process.env), join(__dirname, '..', 'l10n'));
  const io: CommandIo = {
    stdout: (t) => process.stdout.write(t + '\n'),
    stderr: (t) => process.stderr.write(t + '\n'),
    translate,
  };
  void main(process.argv.slice(2), io).then((code) => {
    process.exitCode = code;
  });
}

if (require.main === module) start();
