/**
 * The CLI's options as data: each is one entry (name, type, value name, description, example). The parser
 * (args.ts), the help (help.ts), the suggestions and the tests read only these entries. Adding an option is one
 * line: an entry here named in the commands' lists in commandTable.ts, or, for one command, `stringOption(...)` /
 * `flag(...)` written straight into its list. Descriptions are English templates translated through the l10n
 * bundles (scripts/l10n.mjs collects them; add the zh-CN text, a test checks it).
 */

export interface OptionSpec {
  /** The long name without dashes: `python` for `--python`. */
  name: string;
  type: 'string' | 'boolean';
  /** The value's name in the help (`EXE`, `text|json`); string options only. */
  value?: string;
  /** May be given more than once (every value is kept, in order). */
  multiple?: boolean;
  /** A one-letter alias (`h` for `-h`). */
  short?: string;
  /** One sentence, English (translated when shown). */
  description: string;
  /** The option as typed, with a realistic value: parsed by the tests, shown by the help. */
  example: string;
}

/** An option with a value: `stringOption('target', 'NAME', 'What it is.', '--target iis10')`. */
export const stringOption = (name: string, value: string, description: string, example: string, more: Partial<OptionSpec> = {}): OptionSpec => ({ name, type: 'string', value, description, example, ...more });
/** A flag: `flag('dry-run', 'What it does.')`. */
export const flag = (name: string, description: string, more: Partial<OptionSpec> = {}): OptionSpec => ({ name, type: 'boolean', description, example: `--${name}`, ...more });
const s = stringOption;
const b = flag;

/** Every option of every command, by name. One line each. */
export const OPTIONS = {
  format: s('format', 'text|json', 'Output format: text lines, or the documented JSON.', '--format json'),
  apphost: s('apphost', 'FILE', 'An applicationHost.config to check against (default: this Windows host\'s own).', '--apphost C:\\Windows\\System32\\inetsrv\\config\\applicationHost.config'),
  python: s('python', 'EXE', 'The interpreter to run (default: python on PATH, never one in the project).', '--python C:\\Python312\\python.exe'),
  checkPython: s('python', 'EXE', 'Let this interpreter judge WSGI_RESTART_FILE_REGEX and find installed modules.', '--python C:\\Python312\\python.exe'),
  noPython: b('no-python', 'Start no Python at all (the built-in checks only).'),
  trustConfig: b('trust-config', 'Allow the python.exe that web.config names to run, when it exists on this machine.'),
  sitePath: s('site-path', 'PATH', 'The application folder\'s path on the server, so server paths map to this folder.', '--site-path C:\\inetpub\\shop'),
  quiet: b('quiet', 'Do not print the summary line.'),
  timeout: s('timeout', 'SECONDS', 'Give up after this many seconds.', '--timeout 60'),
  urlPath: s('path', '/URL', 'A URL path to request (repeatable; default /).', '--path /health', { multiple: true }),
  port: s('port', 'N', 'The local port to listen on (0: any free port).', '--port 5000'),
  name: s('name', 'NAME', 'The site and application pool name (default: the folder name).', '--name shop'),
  migrateBridge: s('bridge', 'httpplatform|proxy', 'The bridge to migrate to: HttpPlatformHandler (default) or the reverse proxy to a Windows service.', '--bridge proxy'),
  bridge: s('bridge', 'wfastcgi|httpplatform|proxy', 'How IIS runs Python: wfastcgi (FastCGI), HttpPlatformHandler, or a proxy to a Windows service.', '--bridge httpplatform'),
  layout: s('layout', 'package|module', 'A package folder or a single module for the new application.', '--layout module'),
  serverPython: s('python', 'PATH', 'python.exe on the server (a Windows path, also when given elsewhere).', '--python C:\\inetpub\\shop\\.venv\\Scripts\\python.exe'),
  logDir: s('log-dir', 'PATH', 'The log folder, relative to the site; never one IIS serves.', '--log-dir logs'),
  confirmWith: s('confirm-with', 'EXE', 'A local Python that loads each candidate as wfastcgi would and counts its routes (else nothing runs).', '--confirm-with /usr/bin/python3'),
  backendPort: s('backend-port', 'N', 'The loopback port the Python service listens on behind IIS (--bridge proxy; default 8000).', '--backend-port 8001'),
  urlPrefix: s('url-prefix', '/PATH', 'The URL path of an app not at the site root, sent as X-Forwarded-Prefix (--bridge proxy).', '--url-prefix /shop'),
  server: s('server', 'mod_wsgi|gunicorn-nginx|uwsgi-nginx|fastcgi-flup|cgi', 'Write files for another server instead of IIS (Apache mod_wsgi, nginx + gunicorn or uWSGI, FastCGI, CGI).', '--server gunicorn-nginx'),
  target: s('target', 'LIST', 'The IIS versions to validate against: iis8.5|iis10, rewrite2.0|rewrite2.1, hph1.2|hph2.', '--target iis10,rewrite2.1,hph2'),
  schemaDir: s('schema-dir', 'DIR', 'A folder of IIS schema files (inetsrv\\config\\schema) to validate against exactly.', '--schema-dir C:\\Windows\\System32\\inetsrv\\config\\schema'),
  handler: s('handler', 'VALUE', 'The WSGI application to serve, as WSGI_HANDLER writes it.', '--handler shop.app'),
  force: b('force', 'Replace files that differ; each is first copied to a .bak file.'),
  asgi: b('asgi', 'Serve with uvicorn (an ASGI application) instead of waitress.'),
  dryRun: b('dry-run', 'Show what would be done; change nothing.'),
  appcmd: s('appcmd', 'PATH', 'The appcmd.exe to run (IIS Express, or a test double); runs as given, not elevated.', '--appcmd "C:\\Program Files\\IIS Express\\appcmd.exe"'),
  icacls: s('icacls', 'PATH', 'The icacls.exe to run; runs as given, not elevated.', '--icacls C:\\Windows\\System32\\icacls.exe'),
  winsw: s('winsw', 'PATH', 'The WinSW 3 executable that installs the proxy bridge\'s service (never one from the project).', '--winsw C:\\Tools\\WinSW-x64.exe'),
  sc: s('sc', 'PATH', 'The sc.exe to run (a test double); the system\'s by default.', '--sc C:\\Windows\\System32\\sc.exe'),
  netstat: s('netstat', 'PATH', 'The netstat.exe that lists listening ports (a test double); the system\'s by default.', '--netstat C:\\Windows\\System32\\NETSTAT.EXE'),
  apphostconfig: s('apphostconfig', 'FILE', 'The IIS Express applicationHost.config that appcmd changes.', '--apphostconfig C:\\Users\\me\\Documents\\IISExpress\\config\\applicationhost.config'),
  install: b('install', 'Install wfastcgi with pip first (as you, not elevated).'),
  site: s('site', 'NAME', 'The IIS site to create.', '--site shop'),
  sitePort: s('port', 'N', 'The site\'s HTTP binding port.', '--port 8080'),
  pool: s('pool', 'NAME', 'The application pool (default: the site name).', '--pool shop'),
  host: s('host', 'HOST', 'The binding\'s host name (default: any).', '--host shop.example.com'),
  warmUp: b('warm-up', 'Keep the pool running and preload the application (no cold start).'),
  registerPython: s('python', 'EXE', 'The interpreter you chose; its installation may be granted read access.', '--python C:\\Python312\\python.exe'),
  grantOutside: s('grant-outside', 'PATH', 'Confirm a grant on this exact folder outside the site folder (repeatable).', '--grant-outside C:\\Python312', { multiple: true }),
  yes: b('yes', 'Confirm: run the plan shown (unregister deletes only then).'),
  help: b('help', 'Show this help.', { short: 'h' }),
  version: b('version', 'Print the version.'),
} satisfies Record<string, OptionSpec>;
