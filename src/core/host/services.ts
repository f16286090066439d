/**
 * The Windows service of the reverse-proxy bridge as the host shows it, and the tools' output parsed here (the
 * adapters only run them): `sc.exe query NAME`, `sc.exe qdescription NAME` and `netstat -ano -p TCP`. The labels
 * sc prints (SERVICE_NAME, STATE, DESCRIPTION) and its state names are not translated by Windows; netstat's
 * state column is, so a listening socket is recognised by its foreign address (`0.0.0.0:0`, `[::]:0`), not by
 * the word LISTENING. The WinSW definition is read from the generated XML (service/<id>.xml) as data: its
 * executable is shown to the user in the plan, never run by anything here.
 */
import { children } from '../model/webConfig';
import { decodeEntities } from '../xml/entities';
import { scanXml } from '../xml/scanner';

export interface ServiceInfo {
  name: string;
  /** STOPPED, START_PENDING, STOP_PENDING, RUNNING, ... as sc prints it. */
  state: string;
  /** The service's description (sc qdescription); register's marker is part of it. */
  description: string;
}

/** `sc query NAME`'s state, or undefined when the output is not a service status. */
export function parseScQuery(output: string): { name: string; state: string } | undefined {
  const name = /^\s*SERVICE_NAME\s*:\s*(.+?)\s*$/m.exec(output)?.[1];
  const state = /^\s*STATE\s*:\s*\d+\s+(\w+)/m.exec(output)?.[1];
  return name && state ? { name, state: state.toUpperCase() } : undefined;
}

/** `sc qdescription NAME`'s description ('' when it has none). */
export function parseScDescription(output: string): string | undefined {
  const m = /^DESCRIPTION\s*:[ \t]*(.*(?:\r?\n(?!\r?\n).*)*)/m.exec(output);
  return m ? m[1]!.replace(/\r?\n/g, ' ').trim() : undefined;
}

/** sc's exit code for "The specified service does not exist as an installed service." */
export const SC_NO_SERVICE = 1060;

/** The text register appends to the service's description: the folder's marker (see marker.ts). */
export function serviceMarkerText(marker: string): string {
  return `[flask-iis ${marker}]`;
}

export function serviceCarries(service: ServiceInfo, marker: string): boolean {
  return service.description.includes(serviceMarkerText(marker));
}

export const isRunning = (s: ServiceInfo) => /^(RUNNING|START_PENDING|CONTINUE_PENDING|PAUSED|PAUSE_PENDING)$/.test(s.state);

/** A service name register installs and removes: what WinSW's <id> allows (letters, digits, `_-.`). */
export function isServiceName(name: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$/.test(name);
}

export interface ListeningSocket {
  address: string;
  port: number;
  pid: number;
}

/** TCP sockets listening, from `netstat -ano` (either language: the state word is not read). */
export function parseNetstat(output: string): ListeningSocket[] {
  const out: ListeningSocket[] = [];
  for (const line of output.split(/\r?\n/)) {
    const m = /^\s*TCP\s+(\S+):(\d+)\s+(\S+)\s+\S*\s*(\d+)\s*$/i.exec(line);
    if (!m || !/^(?:0\.0\.0\.0|\[::\]|\*):0$/.test(m[3]!)) continue;
    out.push({ address: m[1]!.replace(/^\[(.*)\]$/, '$1').replace(/%\d+$/, ''), port: Number(m[2]), pid: Number(m[4]) });
  }
  return out;
}

export const isLoopbackAddress = (address: string) => /^127\.\d+\.\d+\.\d+$|^::1$/.test(address);

export interface WinswDefinition {
  path: string;
  id: string;
  executable: string;
  arguments: string;
  description: string;
  workingDirectory?: string;
  /** <logpath>: the folder WinSW writes the service's logs to. */
  logPath?: string;
  /** The service account: WinSW 3's <username>, or WinSW 2's <domain>\<user>; undefined: LocalSystem. */
  account?: string;
}

/** A WinSW XML (`<service><id>...`), or undefined when the text is not one. */
export function parseWinswXml(path: string, text: string): WinswDefinition | undefined {
  const root = scanXml(text).root;
  if (root?.name !== 'service') return undefined;
  const one = (name: string) => {
    const el = children(root, name)[0];
    if (!el || el.selfClosing) return el ? '' : undefined;
    const raw = text.slice(el.openEnd, Math.max(el.openEnd, el.end - `</${name}>`.length));
    return /</.test(raw) ? undefined : decodeEntities(raw).value.trim();
  };
  const id = one('id');
  const executable = one('executable');
  if (!id || !executable) return undefined;
  const account = children(root, 'serviceaccount')[0];
  const part = (name: string) => {
    const el = account && children(account, name)[0];
    if (!el || el.selfClosing) return undefined;
    const raw = text.slice(el.openEnd, Math.max(el.openEnd, el.end - `</${name}>`.length));
    return /</.test(raw) ? undefined : decodeEntities(raw).value.trim() || undefined;
  };
  const user = part('user');
  const username = part('username') ?? (user ? `${part('domain') ?? '.'}\\${user}` : undefined);
  const optional = (name: string) => one(name) || undefined;
  const wd = optional('workingdirectory');
  const log = optional('logpath');
  return {
    path, id, executable, arguments: one('arguments') ?? '', description: one('description') ?? '',
    ...(wd ? { workingDirectory: wd } : {}), ...(log ? { logPath: log } : {}), ...(username ? { account: username } : {}),
  };
}

/** The definition that serves `port` (its arguments name it), or the only one. */
export function pickDefinition(defs: WinswDefinition[], port: number | undefined): WinswDefinition | undefined {
  if (defs.length === 1) return defs[0];
  const matching = port === undefined ? [] : defs.filter((d) => new RegExp(`(?:[:= ]|^)${port}(?:\\D|$)`).test(d.arguments));
  return matching.length === 1 ? matching[0] : undefined;
}
