/**
 * From IIS 6's fcgiext.ini to IIS 7+: the site's web.config (our wfastcgi template, WSGI_HANDLER and PYTHONPATH
 * from the section's EnvironmentVars) and the server-wide FastCGI registration the host tasks make (wfastcgi-enable's
 * appcmd line), plus the section's settings and other environment variables carried to that FastCGI application.
 * A plan only: appcmd argv arrays and their PowerShell rendering are shown, never run. Nothing is guessed: a section
 * that does not run wfastcgi.py by path, no WSGI_HANDLER, no site folder, a `'` appcmd cannot carry are refused.
 */
import type { Translate } from '../messages';
import type { Problem } from '../scaffold/options';
import { appcmd, checkBracketValue, wfastcgiQuoted, type AppcmdTarget } from '../host/appcmd';
import { psCommand } from '../scaffold/powershell';
import { handlerProblem, winJoin, type ServerPaths } from '../scaffold/options';
import { renderWfastcgiWebConfig } from '../scaffold/webConfigTemplates';
import { argumentsRunner } from './checks/fcgiext';
import { envVar, parseFcgiext, type FcgiextApp, type NumericKey } from './parsers/fcgiext';

export interface FcgiextMigrationOptions {
  /** The application section to migrate; by default the one [Types] maps that runs wfastcgi.py. */
  section?: string;
  /** The site's physical path on the server (IIS 6 keeps it in the metabase); by default PYTHONPATH's first entry. */
  sitePath?: string;
  /** The display language of web.config's comments; English without it. */
  translate?: Translate;
}

export type FcgiextMigrationRefusal =
  | { reason: 'no-wfastcgi-section' }
  | { reason: 'section-not-found'; section: string }
  | { reason: 'no-wfastcgi-path'; section: string; args: string }
  | { reason: 'no-exe-path'; section: string }
  | { reason: 'no-handler'; section: string }
  | { reason: 'bad-handler'; section: string; handler: string }
  | { reason: 'no-site-path'; section: string }
  | { reason: 'not-carried'; section: string; what: string; value: string };

export interface FcgiextMigration {
  ok: true;
  section: string;
  server: ServerPaths;
  handler: string;
  /** The new site's web.config (our wfastcgi template). */
  webConfig: string;
  /** appcmd argv arrays, in order: the registration wfastcgi-enable makes, then the settings and environment variables. */
  commands: string[][];
  /** The same commands for PowerShell, after `$appcmd = ...`. */
  script: string;
  /** fcgiext.ini keys that have no IIS 7+ counterpart (the FastCGI module reads them from nowhere). */
  dropped: string[];
}

/** IIS 6 key -> the attribute of <fastCgi><application> in IIS 7+ (schema: system.webServer/fastCgi). */
const ATTRIBUTES: Partial<Record<NumericKey, string>> = {
  QueueLength: 'queueLength',
  MaxInstances: 'maxInstances',
  InstanceMaxRequests: 'instanceMaxRequests',
  IdleTimeout: 'idleTimeout',
  ActivityTimeout: 'activityTimeout',
  RequestTimeout: 'requestTimeout',
  FlushNamedPipe: 'flushNamedPipe',
  SignalBeforeTerminateSeconds: 'signalBeforeTerminateSeconds',
};
/** Carried into web.config's appSettings by the template (not into the FastCGI application). */
const IN_WEB_CONFIG = new Set(['WSGI_HANDLER', 'PYTHONPATH', 'WSGI_LOG']);
const APPCMD: AppcmdTarget = { appcmd: '$appcmd' };
const SET_APPCMD = "$appcmd = Join-Path $env:windir 'system32\\inetsrv\\appcmd.exe'";

/** The wfastcgi.py path Arguments names (quotes taken off), when it names one. */
export function wfastcgiPath(args: string): string | undefined {
  const m = /"([^"]*wfastcgi\.py)"|(\S*wfastcgi\.py)(?=\s|$)/i.exec(args);
  return m ? (m[1] ?? m[2]) : undefined;
}

export function planFcgiextMigration(text: string, options: FcgiextMigrationOptions = {}): FcgiextMigration | ({ ok: false } & FcgiextMigrationRefusal) {
  const ini = parseFcgiext(text);
  const refuse = (r: FcgiextMigrationRefusal) => ({ ok: false as const, ...r });
  let app: FcgiextApp | undefined;
  if (options.section !== undefined) {
    app = ini.apps.find((a) => a.name.toLowerCase() === options.section!.toLowerCase());
    if (!app) return refuse({ reason: 'section-not-found', section: options.section });
  } else {
    const mapped = new Set(ini.types.map((t) => t.app.toLowerCase()));
    app = ini.apps.find((a) => (!ini.types.length || mapped.has(a.name.toLowerCase())) && argumentsRunner(a.arguments?.value ?? '') === 'wfastcgi');
    if (!app) return refuse({ reason: 'no-wfastcgi-section' });
  }
  const section = app.name;
  const python = app.exePath?.value.replace(/^"(.*)"$/, '$1');
  if (!python) return refuse({ reason: 'no-exe-path', section });
  const wfastcgi = wfastcgiPath(app.arguments?.value ?? '');
  if (!wfastcgi) return refuse({ reason: 'no-wfastcgi-path', section, args: app.arguments?.value ?? '' });
  const handler = envVar(app, 'WSGI_HANDLER')?.value;
  if (!handler) return refuse({ reason: 'no-handler', section });
  if (handlerProblem(handler)) return refuse({ reason: 'bad-handler', section, handler });
  const entries = (envVar(app, 'PYTHONPATH')?.value ?? '').split(';').map((e) => e.trim().replace(/[\\/]+$/, '')).filter(Boolean);
  const sitePath = (options.sitePath ?? entries[0])?.replace(/[\\/]+$/, '');
  if (!sitePath) return refuse({ reason: 'no-site-path', section });
  const log = envVar(app, 'WSGI_LOG')?.value;
  const logDir = log ? log.replace(/[\\/][^\\/]*$/, '') : undefined;
  // scriptProcessor must be the registration's fullPath|arguments exactly: wfastcgi's own quoting in both.
  const args = wfastcgiQuoted(wfastcgi);
  const server: ServerPaths = { sitePath, python, wfastcgi: args, ...(logDir && logDir !== log ? { logDir } : {}) };
  const pythonPath = entries.filter((e) => e.toLowerCase() !== sitePath.toLowerCase());
  const webConfig = renderWfastcgiWebConfig({ app: { handler, ...(pythonPath.length ? { pythonPath } : {}) }, server, ...(options.translate ? { translate: options.translate } : {}) });

  // The registration: exactly wfastcgi-enable's line (the host tasks' one), then what the section set besides.
  for (const [what, value] of [['ExePath', python], ['Arguments', wfastcgi]] as const) {
    if (checkBracketValue(what, value)) return refuse({ reason: 'not-carried', section, what, value });
  }
  const key = `[fullPath='${python}',arguments='${args}']`;
  const commands: string[][] = [appcmd.fastCgi(APPCMD, '+', python, args)];
  for (const [k, attr] of Object.entries(ATTRIBUTES) as [NumericKey, string][]) {
    const v = app.settings[k];
    if (v === undefined) continue;
    const value = k === 'FlushNamedPipe' ? String(v !== 0) : String(v);
    commands.push([APPCMD.appcmd, 'set', 'config', '/section:system.webServer/fastCgi', `/${key}.${attr}:${value}`]);
  }
  for (const e of app.env) {
    if (IN_WEB_CONFIG.has(e.name.toUpperCase())) continue;
    // appcmd's [name='...',value='...'] has no escape for ' (a regex's | or * is fine there).
    if (/['\u0000-\u001f]/.test(e.name + e.value)) return refuse({ reason: 'not-carried', section, what: e.name, value: e.value });
    commands.push([APPCMD.appcmd, 'set', 'config', '/section:system.webServer/fastCgi', `/+${key}.environmentVariables.[name='${e.name}',value='${e.value}']`]);
  }
  const carried = new Set(['exepath', 'arguments', 'environmentvars', ...Object.keys(ATTRIBUTES).map((k) => k.toLowerCase())]);
  const dropped = [...app.values.values()].filter((v) => !carried.has(v.key.toLowerCase())).map((v) => `${v.key}=${v.value}`);
  const script = [SET_APPCMD, ...commands.map(([program, ...rest]) => psCommand(program!, ...rest))].join('\n');
  return { ok: true, section, server, handler, webConfig, commands, script, dropped };
}

/** Where the new web.config goes: the site folder on the server. */
export function migratedWebConfigPath(m: FcgiextMigration): string {
  return winJoin(m.server.sitePath, 'web.config');
}

/** A refusal as a message of the table. */
export function fcgiextRefusalProblem(r: FcgiextMigrationRefusal): Problem {
  switch (r.reason) {
    case 'no-wfastcgi-section':
      return { key: 'servers.iis6.migrate.noWfastcgiSection', args: {} };
    case 'section-not-found':
      return { key: 'servers.iis6.migrate.sectionNotFound', args: { section: r.section } };
    case 'no-wfastcgi-path':
      return { key: 'servers.iis6.migrate.noWfastcgiPath', args: { section: r.section, args: r.args } };
    case 'no-exe-path':
      return { key: 'servers.iis6.migrate.noExePath', args: { section: r.section } };
    case 'no-handler':
      return { key: 'servers.iis6.migrate.noHandler', args: { section: r.section } };
    case 'bad-handler':
      return { key: 'servers.iis6.migrate.badHandler', args: { section: r.section, handler: r.handler } };
    case 'no-site-path':
      return { key: 'servers.iis6.migrate.noSitePath', args: { section: r.section } };
    case 'not-carried':
      return { key: 'servers.iis6.migrate.notCarried', args: { section: r.section, what: r.what, value: r.value } };
  }
}
