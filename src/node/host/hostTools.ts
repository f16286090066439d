/**
 * Which appcmd/icacls to run and whether they can run here. Windows uses its own tools (elevated through one
 * UAC prompt when needed); any OS runs tools whose paths were given explicitly (flags or the machine-scoped
 * settings), as given and without elevation: that is how IIS Express is targeted and how tests use fakes.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { AppcmdTarget } from '../../core/host/appcmd';
import type { Plan } from '../../core/host/plan';
import { RESTORE_FILE } from '../../core/host/rollback';
import type { Tools } from '../../core/host/undo';

export const IS_WINDOWS = process.platform === 'win32';

export function systemRoot(): string {
  return process.env['SystemRoot'] ?? process.env['windir'] ?? 'C:\\Windows';
}

function windowsPath(...parts: string[]): string {
  return IS_WINDOWS ? join(systemRoot(), ...parts) : [systemRoot(), ...parts].join('\\');
}

export const defaultAppcmd = () => windowsPath('System32', 'inetsrv', 'appcmd.exe');
export const defaultIcacls = () => windowsPath('System32', 'icacls.exe');
export const defaultSc = () => windowsPath('System32', 'sc.exe');
export const defaultNetstat = () => windowsPath('System32', 'NETSTAT.EXE');
/** wfastcgi computes `%SystemRoot%\system32\inetsrv\appcmd.exe` itself (lower-case system32). */
export const wfastcgiDefaultAppcmd = () => windowsPath('system32', 'inetsrv', 'appcmd.exe');
export const powershellPath = () => windowsPath('System32', 'WindowsPowerShell', 'v1.0', 'powershell.exe');

export interface ToolOptions {
  appcmd?: string | undefined;
  icacls?: string | undefined;
  /** sc.exe (a test double elsewhere); the system's by default. */
  sc?: string | undefined;
  /** The WinSW executable that installs the reverse-proxy bridge's service (flag or machine setting only). */
  winsw?: string | undefined;
  /** IIS Express (or another) applicationHost.config for appcmd's /apphostconfig:. */
  apphostconfig?: string | undefined;
}

export interface HostTools extends Tools {
  /** The tool paths given explicitly; only these run on a non-Windows host. */
  explicit: Set<string>;
}

export function hostTools(options: ToolOptions): HostTools {
  const explicit = new Set<string>();
  if (options.appcmd) explicit.add(options.appcmd);
  if (options.icacls) explicit.add(options.icacls);
  if (options.sc) explicit.add(options.sc);
  if (options.winsw) explicit.add(options.winsw);
  const target: AppcmdTarget = { appcmd: options.appcmd || defaultAppcmd() };
  if (options.apphostconfig) target.apphostconfig = options.apphostconfig;
  return { target, icacls: options.icacls || defaultIcacls(), sc: options.sc || defaultSc(), explicit, ...(options.winsw ? { winsw: options.winsw } : {}) };
}

/** A plan can run here when this is Windows or when every program it starts was named explicitly. */
export function canExecute(plan: Plan, explicit: Set<string>): boolean {
  return IS_WINDOWS || plan.steps.every((s) => explicit.has(s.argv[0]!) || s.argv[0] === RESTORE_FILE);
}

/** Elevation is needed on Windows for the system's own tools when this process is not elevated. */
export function needsElevation(plan: Plan, explicit: Set<string>): boolean {
  return IS_WINDOWS && plan.steps.some((s) => !s.asUser && !explicit.has(s.argv[0]!)) && !isElevated();
}

let elevated: boolean | undefined;

/** fltmc succeeds only for an elevated administrator. */
export function isElevated(): boolean {
  if (!IS_WINDOWS) return false;
  elevated ??= spawnSync(windowsPath('System32', 'fltmc.exe'), [], { windowsHide: true, timeout: 10_000 }).status === 0;
  return elevated;
}
