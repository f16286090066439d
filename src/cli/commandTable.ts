/**
 * The CLI's commands as data: arguments, a one-line summary, the options (entries of optionTable.ts) and
 * examples. `flask-iis --help`, `flask-iis <command> --help`, the parser and the option suggestions read it.
 */
import { OPTIONS as O, stringOption, type OptionSpec } from './optionTable';

export interface CommandSpec {
  name: string;
  /** The positional arguments as the usage line shows them. */
  args: string;
  /** The most positional arguments taken (Infinity: any number). */
  maxPositionals: number;
  /** One sentence, English (translated when shown). */
  summary: string;
  options: OptionSpec[];
  /** Whole command lines after `flask-iis `. */
  examples: string[];
  /** Internal commands are not listed in the help. */
  hidden?: boolean;
}

const TOOLS = [O.appcmd, O.icacls, O.sc, O.apphost, O.apphostconfig, O.dryRun, O.format];

export const COMMANDS: CommandSpec[] = [
  {
    name: 'check', args: '[PATH...]', maxPositionals: Infinity,
    summary: 'Check web.config files (a folder is searched) against what IIS and wfastcgi really do.',
    options: [O.format, O.apphost, O.checkPython, O.noPython, O.trustConfig, O.sitePath, O.target, O.schemaDir, O.quiet],
    examples: ['check .', 'check C:\\inetpub\\shop\\web.config --format json', 'check . --target iis8.5,rewrite2.0,hph1.2'],
  },
  {
    name: 'effective', args: '[DIR]', maxPositionals: 1,
    summary: 'Show the configuration a folder runs under: every section merged, each value with its file:line.',
    options: [O.format, O.apphost, O.target, O.schemaDir, stringOption('site', 'PATH', 'The folder\'s IIS path (site/application), so the host\'s <location path="Site/app"> blocks apply.', '--site "Default Web Site/app"')],
    examples: ['effective .', 'effective api --format json', 'effective . --site "Default Web Site/shop"', 'effective . --apphost C:\\Windows\\System32\\inetsrv\\config\\applicationHost.config'],
  },
  {
    name: 'verify', args: '[DIR]', maxPositionals: 1,
    summary: 'Load WSGI_HANDLER as wfastcgi would and send GET / through it: will it serve?',
    options: [O.python, O.trustConfig, O.sitePath, O.urlPath, O.format, O.timeout],
    examples: ['verify . --path / --path /health'],
  },
  {
    name: 'run', args: '[DIR]', maxPositionals: 1,
    summary: 'Serve the application on 127.0.0.1 the way IIS would start it.',
    options: [O.port, O.python, O.trustConfig, O.sitePath, O.timeout],
    examples: ['run . --port 5000'],
  },
  {
    name: 'new', args: 'DIR', maxPositionals: 1,
    summary: 'Create a Flask project ready for IIS: the app, web.config, static/web.config and DEPLOY.md.',
    options: [O.name, O.bridge, O.layout, O.serverPython, O.sitePath, O.logDir, O.backendPort, O.urlPrefix, O.server, O.force],
    examples: ['new shop', 'new shop --bridge httpplatform --site-path C:\\inetpub\\shop'],
  },
  {
    name: 'init', args: '[DIR]', maxPositionals: 1,
    summary: 'Add the IIS deployment files to an existing Flask, Django or ASGI application.',
    options: [O.bridge, O.handler, O.serverPython, O.sitePath, O.logDir, O.name, O.confirmWith, O.backendPort, O.urlPrefix, O.server, O.force],
    examples: ['init .', 'init . --handler shop.app --bridge httpplatform'],
  },
  {
    name: 'migrate', args: '[DIR|web.config]', maxPositionals: 1,
    summary: 'Move web.config to another bridge (HttpPlatformHandler or reverse proxy), or fcgiext.ini to IIS 7+.',
    options: [
      O.migrateBridge, O.asgi, O.handler, O.backendPort, O.urlPrefix, O.name, O.dryRun, O.force, O.format,
      stringOption('from-fcgiext', 'FILE', 'An IIS 6 fcgiext.ini to migrate: writes web.config in DIR, shows the FastCGI registration.', '--from-fcgiext fcgiext.ini'),
      stringOption('section', 'NAME', 'The fcgiext.ini application section to migrate (default: the one that runs wfastcgi.py).', '--section Python'),
      O.sitePath,
    ],
    examples: ['migrate . --dry-run', 'migrate . --force', 'migrate . --bridge proxy --backend-port 8001 --dry-run', 'migrate . --from-fcgiext C:\\old\\fcgiext.ini --dry-run'],
  },
  {
    name: 'enable', args: '', maxPositionals: 0,
    summary: 'Register wfastcgi with IIS: the interpreter\'s own wfastcgi-enable.',
    options: [O.python, O.appcmd, O.apphostconfig, O.apphost, O.install, O.dryRun, O.format],
    examples: ['enable --python C:\\Python312\\python.exe --dry-run'],
  },
  {
    name: 'disable', args: '', maxPositionals: 0,
    summary: 'Remove wfastcgi\'s registration from IIS: the interpreter\'s own wfastcgi-disable.',
    options: [O.python, O.appcmd, O.apphostconfig, O.apphost, O.install, O.dryRun, O.format],
    examples: ['disable --python C:\\Python312\\python.exe'],
  },
  {
    name: 'register', args: 'DIR', maxPositionals: 1,
    summary: 'Create the IIS site, application pool, FastCGI entry and grants the folder needs (recorded for undo).',
    options: [O.site, O.sitePort, O.pool, O.host, O.warmUp, O.registerPython, O.grantOutside, O.winsw, ...TOOLS],
    examples: ['register . --site shop --port 8080 --dry-run', 'register . --site shop --port 8080 --warm-up'],
  },
  {
    name: 'unregister', args: 'DIR', maxPositionals: 1,
    summary: 'Remove what register created for this folder (shows the plan; runs it with --yes).',
    options: [O.yes, ...TOOLS],
    examples: ['unregister .', 'unregister . --yes'],
  },
  {
    name: 'recycle', args: 'DIR', maxPositionals: 1,
    summary: 'Recycle the folder\'s application pool.',
    options: [O.pool, ...TOOLS],
    examples: ['recycle .'],
  },
  {
    name: 'doctor', args: '[DIR]', maxPositionals: 1,
    summary: 'Check this server for the application: IIS features, registration, interpreter, access rights.',
    options: [O.apphost, O.icacls, O.sc, O.netstat, O.format],
    examples: ['doctor C:\\inetpub\\shop'],
  },
  { name: '_exec-plan', args: 'PLAN RESULT', maxPositionals: 2, summary: 'Internal: the elevated side of one UAC prompt.', options: [], examples: [], hidden: true },
];

/** Options every command takes. */
export const COMMON_OPTIONS: OptionSpec[] = [O.help, O.version];

export function commandSpec(name: string): CommandSpec | undefined {
  return COMMANDS.find((c) => c.name === name);
}

/** Every English string the help shows (for the l10n bundle). */
export function helpStrings(): string[] {
  const all = [...COMMANDS.filter((c) => !c.hidden).flatMap((c) => [c.summary, ...c.options.map((o) => o.description)]), ...COMMON_OPTIONS.map((o) => o.description)];
  return [...new Set(all)];
}
