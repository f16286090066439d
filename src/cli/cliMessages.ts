/**
 * The CLI's own sentences (English templates with {placeholders}), translated through the l10n bundles like the
 * core's messages; `cliStrings()` is every string the CLI translates (scripts/l10n.mjs puts them in the bundle).
 */
import { helpStrings } from './commandTable';

/** Parsing: unknown options and commands, missing values. */
export const ARG_MESSAGES = {
  unknown: 'unknown option {option}',
  didYouMean: 'unknown option {option}; did you mean {suggestion}?',
  otherCommand: 'unknown option {option}: it is an option of {commands}',
  needsValue: '{option} needs a value',
  noValue: '{option} takes no value',
  tooMany: '{command} takes at most {count} argument(s): {args}',
  unknownCommand: 'unknown command "{command}" (try flask-iis --help)',
  unknownCommandDidYouMean: 'unknown command "{command}"; did you mean {suggestion}? (try flask-iis --help)',
};

/** The help's headings and sentences. */
export const HELP_MESSAGES = {
  title: 'flask-iis {version}: check, create and deploy Python web apps (Flask, Django, any WSGI app) on Windows IIS',
  usage: 'Usage:',
  commands: 'Commands:',
  options: 'Options:',
  examples: 'Examples:',
  example: 'e.g.',
  more: 'Run "flask-iis <command> --help" for one command, with examples.',
  exitStatus: 'Exit status: 0 done, no errors (verify: the handler loads); 1 errors found, refused, or a step failed; 2 usage or I/O problem (new, init, migrate: also files that differ and need --force).',
  invocation: 'Where the package is installed (npm install --save-dev ./flask-on-iis-{version}.tgz), run: npx flask-iis <command>',
};

/** `flask-iis migrate`. */
export const MIGRATE_MESSAGES = {
  notUtf8: '{path} is not UTF-8 text; save it as UTF-8 first, so that nothing else in it changes.',
  planned: '{path}: the changes for HttpPlatformHandler ({server}):',
  needsForce: 'Nothing was written: {path} exists. Review the change above, then run again with --force to write it (the file is first copied to a .bak file).',
  dryRun: 'Dry run: nothing was written.',
  done: '{path} now runs {server} under HttpPlatformHandler. Install HttpPlatformHandler and {server} on the server.',
  plannedProxy: '{path}: the changes for the reverse-proxy bridge ({server} as a Windows service):',
  doneProxy: '{path} now proxies to {server} on 127.0.0.1. Install URL Rewrite, ARR and the service on the server (DEPLOY steps: flask-iis register --winsw PATH).',
};

export function cliStrings(): string[] {
  return [...new Set([...Object.values(ARG_MESSAGES), ...Object.values(HELP_MESSAGES), ...Object.values(MIGRATE_MESSAGES), ...helpStrings()])];
}
