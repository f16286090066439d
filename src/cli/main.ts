/** `flask-iis`: the command line over the same core as the extension. */
import { join } from 'node:path';
import { UsageError } from './args';
import { CHECK_USAGE, IoError, runCheck, type CommandIo } from './checkCommand';
import { HOST_USAGE, runHostCommand } from './hostCommands';
import { cliLocale, loadTranslate } from './l10n';
import { RUN_USAGE, runRun } from './runCommand';
import { INIT_USAGE, NEW_USAGE, runInit, runNew } from './scaffoldCommands';
import { VERIFY_USAGE, runVerify } from './verifyCommand';

declare const FLASK_IIS_VERSION: string;

const USAGE = `flask-iis ${typeof FLASK_IIS_VERSION === 'string' ? FLASK_IIS_VERSION : 'dev'}: check web.config files for Python apps on IIS

${CHECK_USAGE}
${VERIFY_USAGE}
${RUN_USAGE}
${NEW_USAGE}
${INIT_USAGE}
${HOST_USAGE}

Exit status: 0 no errors (verify: the handler loads), 1 errors found (it does not), 2 usage or I/O problem (could not run).
new/init: 0 files written, 2 existing files differ (nothing written; --force keeps .bak copies), bad input or I/O problem.`;

export async function main(argv: string[], io: CommandIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'check':
        return await runCheck(rest, io);
      case 'verify':
        return await runVerify(rest, io);
      case 'run':
        return await runRun(rest, io);
      case 'new':
        return await runNew(rest, io);
      case 'init':
        return await runInit(rest, io);
      case '--version':
        io.stdout(typeof FLASK_IIS_VERSION === 'string' ? FLASK_IIS_VERSION : 'dev');
        return 0;
      case undefined:
        io.stderr(USAGE);
        return 2;
      case 'help':
      case '--help':
      case '-h':
        io.stdout(USAGE);
        return 0;
      default: {
        const host = runHostCommand(command, rest, io);
        if (host) return await host;
        throw new UsageError(`unknown command "${command}" (try flask-iis --help)`);
      }
    }
  } catch (e) {
    if (e instanceof UsageError || e instanceof IoError) {
      io.stderr(`flask-iis: ${e.message}`);
      return 2;
    }
    io.stderr(`flask-iis: unexpected error: ${e instanceof Error ? e.message : String(e)}`);
    return 2;
  }
}

if (require.main === module) {
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
