/**
 * The Windows service that runs the Python server of the reverse-proxy bridge, for three wrappers: WinSW (an XML
 * file next to the renamed WinSW.exe), NSSM and Servy (their command lines, as argv lists). All three run the venv's
 * python with the site folder as working folder (a service otherwise starts in System32: error 1053, winsw#343),
 * set the environment, write stdout/stderr to rotated log files and restart the process when it fails.
 * The program arguments travel as one Windows command line (WinSW <arguments>, NSSM AppParameters, Servy --params):
 * windowsCommandLine quotes them so CommandLineToArgvW (and the C runtime python.exe uses) gives back each argument.
 */
import { escapeAttribute as x } from '../xml/escape';
import { backendCommand, type BackendCommand } from './proxyApp';
import { logFolderOnServer, winJoin, type DeployOptions } from './options';
import { comment } from './webConfigTemplates';

export type ServiceOptions = Pick<DeployOptions, 'name' | 'app' | 'proxy' | 'server' | 'translate'>;

/** The service's name in Windows: letters and digits only (WinSW's rule for <id>), from the app's name. */
export function serviceId(name: string): string {
  return `${name.replace(/[^A-Za-z0-9]/g, '') || 'python'}Backend`;
}

export const SERVICE_FOLDER = 'service';
export const LOG_ROTATE_BYTES = 10 * 1024 * 1024;
export const LOG_KEEP_FILES = 8;

/** One argument for a Windows command line: as it is when CommandLineToArgvW reads it back unchanged, else quoted. */
export function windowsArgument(arg: string): string {
  if (arg !== '' && !/[\s"]/.test(arg)) return arg;
  return `"${arg.replace(/(\\*)"/g, '$1$1\\"').replace(/(\\+)$/, '$1$1')}"`;
}

export function windowsCommandLine(args: string[]): string {
  return args.map(windowsArgument).join(' ');
}

/** The log folder of the service: the bridge's log folder on the server, or `<site>\logs`. */
export function serviceLogFolder(server: DeployOptions['server']): string {
  return logFolderOnServer(server) ?? winJoin(server.sitePath, 'logs');
}

const displayName = (o: ServiceOptions) => `${o.name} (Python behind IIS)`;
const description = (o: ServiceOptions, c: BackendCommand) =>
  `Serves ${o.app.djangoSettings ? 'the Django project' : o.app.handler} with ${c.args[1]} on 127.0.0.1:${o.proxy!.port} for IIS (URL Rewrite + ARR).`;

/**
 * service/<id>.xml for WinSW. WinSW 3 installs it by path (`WinSW-x64.exe install service\<id>.xml`, what register
 * runs); WinSW 2 takes no path and reads the XML named like its renamed exe (service\<id>.exe). The service
 * account is written in both forms (3: <username>; 2: <domain> + <user>), each ignored by the other version.
 */
export function renderWinswXml(o: ServiceOptions): string {
  const c = backendCommand(o);
  const id = serviceId(o.name);
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    ...comment('', 'winsw.header', o.translate, { url: 'https://github.com/winsw/winsw/releases', exe: `${id}.exe`, install: `WinSW-x64.exe install ${id}.xml`, start: `WinSW-x64.exe start ${id}.xml` }),
    '<service>',
    `  <id>${x(id)}</id>`,
    `  <name>${x(displayName(o))}</name>`,
    `  <description>${x(description(o, c))}</description>`,
    ...comment('  ', 'winsw.executable', o.translate),
    `  <executable>${x(c.program)}</executable>`,
    `  <arguments>${x(windowsCommandLine(c.args))}</arguments>`,
    `  <workingdirectory>${x(c.workingDirectory)}</workingdirectory>`,
    ...c.env.map(([name, value]) => `  <env name="${x(name)}" value="${x(value)}" />`),
    ...comment('  ', 'winsw.account', o.translate),
    '  <serviceaccount>',
    '    <username>NT AUTHORITY\\LocalService</username>',
    '    <domain>NT AUTHORITY</domain>',
    '    <user>LocalService</user>',
    '  </serviceaccount>',
    '  <startmode>Automatic</startmode>',
    `  <logpath>${x(serviceLogFolder(o.server))}</logpath>`,
    '  <log mode="roll-by-size">',
    `    <sizeThreshold>${LOG_ROTATE_BYTES / 1024}</sizeThreshold>`,
    `    <keepFiles>${LOG_KEEP_FILES}</keepFiles>`,
    '  </log>',
    ...comment('  ', 'winsw.restart', o.translate),
    '  <onfailure action="restart" delay="5 sec" />',
    '  <onfailure action="restart" delay="20 sec" />',
    '  <resetfailure>1 hour</resetfailure>',
    '  <stoptimeout>15 sec</stoptimeout>',
    '</service>',
    '',
  ].join('\n');
}

/** NSSM's commands (nssm.exe on PATH or in the site folder): install, then one `nssm set` per setting. */
export function nssmCommands(o: ServiceOptions, nssm = 'nssm'): string[][] {
  const c = backendCommand(o);
  const id = serviceId(o.name);
  const log = winJoin(serviceLogFolder(o.server), `${id}.log`);
  const set = (...args: string[]) => [nssm, 'set', id, ...args];
  return [
    [nssm, 'install', id, c.program],
    set('AppParameters', windowsCommandLine(c.args)),
    set('AppDirectory', c.workingDirectory),
    set('AppEnvironmentExtra', ...c.env.map(([k, v]) => `${k}=${v}`)),
    set('DisplayName', displayName(o)),
    set('Description', description(o, c)),
    set('Start', 'SERVICE_AUTO_START'),
    set('AppStdout', log),
    set('AppStderr', log),
    set('AppRotateFiles', '1'),
    set('AppRotateOnline', '1'),
    set('AppRotateBytes', String(LOG_ROTATE_BYTES)),
    set('AppExit', 'Default', 'Restart'),
    set('AppRestartDelay', '5000'),
  ];
}

/** Servy's --envVars value: `name=value` pairs joined by `;`, with `\ = " ;` escaped by `\` and `%` doubled. */
export function servyEnvironment(env: [string, string][]): string {
  const esc = (s: string) => s.replace(/[\\=";]/g, '\\$&').replace(/%/g, '%%');
  return env.map(([k, v]) => `${esc(k)}=${esc(v)}`).join(';');
}

/** Servy's one install command (servy-cli.exe). */
export function servyCommand(o: ServiceOptions, servy = 'servy-cli'): string[] {
  const c = backendCommand(o);
  const id = serviceId(o.name);
  const log = winJoin(serviceLogFolder(o.server), `${id}.log`);
  return [
    servy, 'install', `--name=${id}`, `--displayName=${displayName(o)}`, `--description=${description(o, c)}`,
    `--path=${c.program}`, `--startupDir=${c.workingDirectory}`, `--params=${windowsCommandLine(c.args)}`, '--startupType=Automatic',
    `--stdout=${log}`, `--stderr=${log}`, '--enableSizeRotation', `--rotationSize=${LOG_ROTATE_BYTES / 1024 / 1024}`, `--maxRotations=${LOG_KEEP_FILES}`,
    '--recoveryAction=RestartProcess', '--maxRestartAttempts=0', `--envVars=${servyEnvironment(c.env)}`,
  ];
}
