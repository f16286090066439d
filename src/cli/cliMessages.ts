/**
 * The CLI's own sentences (English templates with {placeholders}), translated through the l10n bundles like the
 * core's messages; `cliStrings()` is every string the CLI translates (scripts/l10n.mjs puts them in the bundle).
 */
import { fill, type Translate } from '../core/messages';
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
  cgiPlanned: '{path}: the CGI mapping of Python (one process per request) becomes HttpPlatformHandler running {server} ({handler}):',
  cgiRemoved: '{path}: the CGI mapping of Python in front of HttpPlatformHandler is removed:',
  cgiDoneRemoved: '{path} no longer runs Python as CGI: HttpPlatformHandler serves every URL.',
  candidates: 'The applications found: {list}.',
  fcgiextWebConfig: 'The new web.config ({path}):',
  fcgiextExists: 'Nothing was written: {path} exists and differs. Review the file above, then run again with --force to replace it (the old one is first copied to a .bak file).',
  fcgiextWritten: 'Wrote {path}. Register FastCGI with the commands above on the server, then point the IIS 7+ site at the folder.',
  plannedProxy: '{path}: the changes for the reverse-proxy bridge ({server} as a Windows service):',
  doneProxy: '{path} now proxies to {server} on 127.0.0.1. Install URL Rewrite, ARR and the service on the server (DEPLOY steps: flask-iis register --winsw PATH).',
};

/** What the commands print: results, plans, runs, and the problems that stop them. */
export const OUTPUT_MESSAGES = {
  migrateBridge: '--bridge must be httpplatform or proxy, not "{bridge}"',
  migrateBackendPort: '--backend-port must be a port number, not "{port}"',
  // check, doctor
  summary: '{files} web.config file(s): {errors} error(s), {warnings} warning(s), {notes} note(s)',
  noWebConfig: 'no web.config found under {paths}',
  internalError: 'internal error while checking {path}: {error}',
  pythonSkipped: 'Python-aware checks skipped: {reason}',
  parserNotLoaded: 'the Python parser could not be loaded',
  cannotAskInstalled: 'could not ask {python} which modules are installed',
  cannotRunRegex: 'cannot run {python} to check WSGI_RESTART_FILE_REGEX',
  schemaProblem: 'schema {problem}',
  unknownTargets: '--target: unknown {tokens} (use {allowed})',
  pythonAndNoPython: '--python and --no-python exclude each other',
  formatValue: '--format must be text or json, not "{value}"',
  noSuchPath: '{path}: no such file or folder',
  permissionDenied: '{path}: permission denied',
  directoryNotFile: '{path}: is a folder, not a web.config file',
  notRegularFile: '{path}: not a regular file',
  doctorNeedsWindows: 'the server check looks at a Windows host with IIS: run it there, or give its applicationHost.config (--apphost FILE)',
  // new, init
  createdWfastcgi: 'Created a Flask project in {dir} (site and pool "{name}", wfastcgi):',
  createdPlatform: 'Created a Flask project in {dir} (site and pool "{name}", HttpPlatformHandler):',
  createdProxy: 'Created a Flask project in {dir} (site and pool "{name}", IIS reverse proxy to a Windows service):',
  addedWfastcgi: 'Added the IIS deployment files in {dir} (site and pool "{name}", wfastcgi):',
  addedPlatform: 'Added the IIS deployment files in {dir} (site and pool "{name}", HttpPlatformHandler):',
  addedProxy: 'Added the IIS deployment files in {dir} (site and pool "{name}", IIS reverse proxy to a Windows service):',
  createdFor: 'Created a Flask project in {dir} for {target} ("{name}"):',
  addedFor: 'Added the deployment files in {dir} for {target} ("{name}"):',
  wrote: '  wrote      {file}',
  backedUp: '  backed up  {file} -> {backup}',
  unchanged: '  unchanged  {file}',
  note: 'Note: {text}',
  next: 'Next: the steps on the server are in {file}.',
  conflicts: 'these files exist in {dir} and differ from what {command} writes; nothing was written:',
  forceToReplace: 'run again with --force to replace them (each is first copied to a .bak file)',
  nameHandler: 'name it with --handler VALUE',
  writeFailed: 'could not write the files: {error}',
  notUndone: 'these could not be undone: {files}',
  nothingLeft: 'nothing was written (what had been written was removed)',
  notAFolder: '{path}: not a folder',
  oneFolder: 'give one folder',
  confirmWithPath: '--confirm-with must be an absolute path or a program name on PATH, not "{value}"',
  confirmWithMissing: '--confirm-with: no executable "{value}" here (the project\'s own folders are never searched)',
  backendPort: '--backend-port must be a port number, not "{value}"',
  oneOf: '{option} must be {allowed} or {last}, not "{value}"',
  serverValue: '--server must be {allowed}, not "{value}"',
  iisOnly: '{option} is for IIS; it does not go with --server',
  // migrate
  diffHunk: '@@ line {line} @@',
  // enable, disable, register, unregister, recycle
  planNote: 'note: {text}',
  planQuestion: 'needs your confirmation: {text}',
  dryRunPlanned: '{count} step(s) planned (dry run: nothing was changed)',
  nothingToDo: 'Nothing to do.',
  plan: 'Plan ({count} step(s)):',
  stepDone: 'done',
  stepNotStarted: 'could not start: {error}',
  stepFailed: 'failed, exit {code}',
  recorded: 'Recorded in {file}.',
  stoppedAt: 'stopped at step {step} of {total}; {done} step(s) were done.',
  undoHint: 'to undo them, run: flask-iis unregister "{dir}" --yes (it runs):',
  needsWindows: 'running this plan needs a Windows host with IIS (or the tools given explicitly with --appcmd/--icacls); nothing was changed',
  oneSiteFolder: '{command} takes one folder (the one with web.config)',
  registerNeeds: 'register needs --site NAME and --port N',
  // verify, run
  pathValue: '--path must be a URL path starting with "/" (no spaces), not "{value}"',
  timeoutValue: '--timeout must be a number of seconds',
  portValue: '--port must be a port number (0: any free port)',
  usesPlatform: '{path} uses HttpPlatformHandler, which does not read WSGI_HANDLER; try flask-iis run',
  couldNotCheck: 'could not run the check: {reason}',
  notFound: 'GET {path} answered 404, and the application has {count} route(s): none matches {path} (verify another URL with --path).',
  notFoundUnknown: 'GET {path} answered 404, and the number of routes of the application is unknown: none matches {path} (verify another URL with --path).',
  doesNotStart: 'the app does not start: {reason}',
  serving: 'Serving {path} ({bridge}) on {url} (Ctrl+C to stop)',
  firstRequestFailed: 'First request failed: {error}',
  firstRequest: 'First request: HTTP {status} after {ms} ms (process start to response)',
  coldStartHint: 'Hint: IIS starts the process on the first request after every recycle or idle timeout, so users wait this long. Import less at start-up, or keep it warm (application pool startMode="AlwaysRunning", idleTimeout 0, Application Initialization).',
  unexpected: 'unexpected error: {error}',
};

export type OutputKey = keyof typeof OUTPUT_MESSAGES;

/** `say(key, args)`: an OUTPUT_MESSAGES line in the CLI's language. */
export function outputSay(translate: Translate): (key: OutputKey, args?: Record<string, string | number>) => string {
  return (key, args = {}) => fill(translate(OUTPUT_MESSAGES[key]), args);
}

export function cliStrings(): string[] {
  return [...new Set([...Object.values(ARG_MESSAGES), ...Object.values(HELP_MESSAGES), ...Object.values(MIGRATE_MESSAGES), ...Object.values(OUTPUT_MESSAGES), ...helpStrings()])];
}
