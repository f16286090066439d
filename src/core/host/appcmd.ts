/**
 * appcmd.exe command lines as argv arrays, and the values they can carry. appcmd's collection syntax
 * `/+[key='value', ...]` has no escape for `'`, so such a value is refused, never altered; names and paths
 * are checked against what IIS and Windows accept before anything is planned.
 */
import type { MessageArgs, MessageKey } from '../messages';

export interface AppcmdTarget {
  appcmd: string;
  /** IIS Express (or another) configuration file, passed as `/apphostconfig:`; full IIS when absent. */
  apphostconfig?: string;
}

export const HANDLERS_SECTION = 'system.webServer/handlers';
/** ARR's server-wide proxy switch (AppHostOnly). */
export const PROXY_SECTION = 'system.webServer/proxy';
/** The server variables URL Rewrite rules may set (locked in web.config by default: set at apphost level). */
export const ALLOWED_VARIABLES_SECTION = 'system.webServer/rewrite/allowedServerVariables';

function cmd(t: AppcmdTarget, ...args: string[]): string[] {
  return [t.appcmd, ...args, ...(t.apphostconfig ? [`/apphostconfig:${t.apphostconfig}`] : [])];
}

export const appcmd = {
  addPool: (t: AppcmdTarget, name: string) => cmd(t, 'add', 'apppool', `/name:${name}`, '/managedRuntimeVersion:', '/managedPipelineMode:Integrated'),
  deletePool: (t: AppcmdTarget, name: string) => cmd(t, 'delete', 'apppool', `/apppool.name:${name}`),
  setPool: (t: AppcmdTarget, name: string, attribute: string, value: string) => cmd(t, 'set', 'apppool', `/apppool.name:${name}`, `/${attribute}:${value}`),
  recyclePool: (t: AppcmdTarget, name: string) => cmd(t, 'recycle', 'apppool', `/apppool.name:${name}`),
  /** `id` undefined: appcmd picks the next free id (a site made by hand from DEPLOY.md carries no marker). */
  addSite: (t: AppcmdTarget, name: string, id: number | undefined, binding: string, physicalPath: string) => cmd(t, 'add', 'site', `/name:${name}`, ...(id === undefined ? [] : [`/id:${id}`]), `/bindings:${binding}`, `/physicalPath:${physicalPath}`),
  deleteSite: (t: AppcmdTarget, name: string) => cmd(t, 'delete', 'site', `/site.name:${name}`),
  setApp: (t: AppcmdTarget, app: string, attribute: string, value: string) => cmd(t, 'set', 'app', `/app.name:${app}`, `/${attribute}:${value}`),
  unlock: (t: AppcmdTarget, section: string) => cmd(t, 'unlock', 'config', `/section:${section}`),
  lock: (t: AppcmdTarget, section: string) => cmd(t, 'lock', 'config', `/section:${section}`),
  fastCgi: (t: AppcmdTarget, op: '+' | '-', fullPath: string, args: string) => cmd(t, ...fastCgiArgs(op, fullPath, args)),
  /** ARR's proxy on or off for the whole server (written in applicationHost.config, `/commit:apphost`). */
  setProxyEnabled: (t: AppcmdTarget, value: 'true' | 'false') => cmd(t, 'set', 'config', `/section:${PROXY_SECTION}`, `/enabled:${value}`, '/commit:apphost'),
  /** Removes what applicationHost.config says about the proxy section (back to ARR's defaults: proxy off). */
  clearProxy: (t: AppcmdTarget) => cmd(t, 'clear', 'config', `/section:${PROXY_SECTION}`, '/commit:apphost'),
  /** Adds (`+`) or removes (`-`) one server variable of the server-level allowedServerVariables list. */
  allowVariable: (t: AppcmdTarget, op: '+' | '-', name: string) => cmd(t, 'set', 'config', `/section:${ALLOWED_VARIABLES_SECTION}`, `/${op}[name='${name}']`, '/commit:apphost'),
  /** register's marker on a pool it created (see marker.ts): one environment variable of the pool. */
  markPool: (t: AppcmdTarget, pool: string, name: string, value: string) =>
    cmd(t, 'set', 'config', '/section:system.applicationHost/applicationPools', `/+[name='${pool}'].environmentVariables.[name='${name}',value='${value}']`),
  /** register's marker on a FastCGI application it added: one environment variable of the application. */
  markFastCgi: (t: AppcmdTarget, fullPath: string, args: string, name: string, value: string) =>
    cmd(t, 'set', 'config', '/section:system.webServer/fastCGI', `/+[fullPath='${fullPath}',arguments='${args}'].environmentVariables.[name='${name}',value='${value}']`),
};

/**
 * The arguments wfastcgi-enable (`+`) and wfastcgi-disable (`-`) pass to appcmd, exactly: the section name
 * as wfastcgi spells it, `, ` between the pairs and signalBeforeTerminateSeconds='30'.
 */
export function fastCgiArgs(op: '+' | '-', fullPath: string, args: string): string[] {
  return ['set', 'config', '/section:system.webServer/fastCGI', `/${op}[fullPath='${fullPath}', arguments='${args}', signalBeforeTerminateSeconds='30']`];
}

/** How wfastcgi writes its own paths: in double quotes when they contain a space (also in the scriptProcessor it prints). */
export function wfastcgiQuoted(path: string): string {
  return path.includes(' ') ? `"${path}"` : path;
}

export interface ValueProblem {
  key: MessageKey;
  args: MessageArgs;
}

/** Characters IIS Manager refuses in site and application pool names (and that appcmd's syntax would misread). */
const NAME_FORBIDDEN = /[\\/?;:@&=+$,|"<>*[\]'%]/;

export function checkName(what: 'site' | 'pool', value: string): ValueProblem | undefined {
  if (!value.trim() || value !== value.trim() || /[\u0000-\u001f]/.test(value) || NAME_FORBIDDEN.test(value)) {
    return { key: 'refuse.name', args: { what: what === 'site' ? '@refuse.what.site' : '@refuse.what.pool', value } };
  }
  return undefined;
}

/** A Windows path appcmd or icacls receives as one argument: no control characters, none of `"<>|*`. */
export function checkPath(what: string, value: string): ValueProblem | undefined {
  const bad = /[\u0000-\u001f"<>|*]/.exec(value.replace(/^\\\\\?\\/, ''));
  if (!value.trim() || bad) return { key: 'refuse.path', args: { what, value, char: bad ? describeChar(bad[0]) : '' } };
  return undefined;
}

/** A value inside appcmd's `[key='value']`: a `'` cannot be written there at all. */
export function checkBracketValue(what: string, value: string): ValueProblem | undefined {
  if (value.includes("'")) return { key: 'refuse.quote', args: { what, value } };
  return checkPath(what, value);
}

/** A site name IIS accepts, made from a folder name (refused characters become "-"). */
export function suggestName(folderName: string): string {
  return folderName.replace(new RegExp(NAME_FORBIDDEN.source, 'g'), '-').trim() || 'site';
}

export function checkHost(host: string): ValueProblem | undefined {
  if (host === '' || /^[\p{L}\p{N}](?:[\p{L}\p{N}.-]*[\p{L}\p{N}])?$/u.test(host)) return undefined;
  return { key: 'refuse.host', args: { value: host } };
}

export function checkPort(port: number): ValueProblem | undefined {
  return Number.isInteger(port) && port >= 1 && port <= 65535 ? undefined : { key: 'refuse.port', args: { value: String(port) } };
}

/** `http/*:8080:example.com`: all addresses, the port, and the host name ('' for any host). */
export function httpBinding(port: number, host: string): string {
  return `http/*:${port}:${host}`;
}

function describeChar(ch: string): string {
  const code = ch.charCodeAt(0);
  return code < 0x20 ? `U+${code.toString(16).toUpperCase().padStart(4, '0')}` : ch;
}
