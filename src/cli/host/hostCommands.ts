/** Dispatch of the host commands (enable, disable, register, unregister, recycle, doctor) and the elevated runner. */
import { execPlanFile } from '../../node/host/elevation';
import { UsageError } from '../args';
import type { CommandIo } from '../editing/checkCommand';
import { runDoctor } from './doctorCommand';
import { runRecycle, runRegister, runUnregister } from './siteCommands';
import { runWfastcgi } from './wfastcgiCommand';

/** The command's exit status, or undefined when `command` is not a host command. */
export function runHostCommand(command: string, argv: string[], io: CommandIo): Promise<number> | undefined {
  switch (command) {
    case 'enable':
    case 'disable':
      return runWfastcgi(command, argv, io);
    case 'register':
      return runRegister(argv, io);
    case 'unregister':
      return runUnregister(argv, io);
    case 'recycle':
      return runRecycle(argv, io);
    case 'doctor':
      return runDoctor(argv, io);
    case '_exec-plan': {
      // Internal: the elevated side of one UAC prompt (see node/elevation.ts).
      if (argv.length !== 2) return Promise.reject(new UsageError('_exec-plan PLAN RESULT'));
      return execPlanFile(argv[0]!, argv[1]!);
    }
    default:
      return undefined;
  }
}
