/** Typed reading of the extension's settings (one place, per resource). */
import * as vscode from 'vscode';
import type { SeverityOverrides } from '../core/findings';

export const SECTION = 'flaskIis';

export interface DiagnosticsSettings {
  enable: boolean;
  severity: SeverityOverrides;
  /** Machine-scoped: a workspace cannot point the extension at another file. */
  appHostConfigPath: string;
  /** The application folder's path on the server (resource scope: it only describes the server). */
  sitePath: string;
  /** The target server's versions for the bundled schema profiles (`iis10,rewrite2.1,hph1.2`; empty: the default). */
  iisTarget: string;
  /** Machine-scoped: a folder of the host's own IIS schema files (exact validation). */
  schemaPath: string;
}

export function diagnosticsSettings(scope: vscode.Uri | undefined): DiagnosticsSettings {
  const config = vscode.workspace.getConfiguration(SECTION, scope);
  const severity = config.get<unknown>('diagnostics.severity');
  return {
    enable: config.get<boolean>('diagnostics.enable', true),
    severity: severity && typeof severity === 'object' ? (severity as SeverityOverrides) : {},
    appHostConfigPath: machineValue(config, 'appHostConfigPath') ?? '',
    sitePath: (config.get<string>('server.sitePath') ?? '').trim(),
    iisTarget: (config.get<string>('iis.target') ?? '').trim(),
    schemaPath: machineValue(config, 'iis.schemaPath') ?? '',
  };
}

/** Reads a setting only from user/default scope, ignoring workspace values even if a client wrote them. */
function machineValue(config: vscode.WorkspaceConfiguration, key: string): string | undefined {
  return machineSetting<string>(key, config);
}

/** A setting's user (global) or default value: workspace values are ignored even if a client wrote them. */
export function machineSetting<T>(key: string, config = vscode.workspace.getConfiguration(SECTION)): T | undefined {
  const inspected = config.inspect<T>(key);
  return inspected?.globalValue ?? inspected?.defaultValue;
}

export function affectsDiagnostics(e: vscode.ConfigurationChangeEvent): boolean {
  return e.affectsConfiguration(`${SECTION}.diagnostics`) || e.affectsConfiguration(`${SECTION}.appHostConfigPath`) || e.affectsConfiguration(`${SECTION}.server.sitePath`) || e.affectsConfiguration(`${SECTION}.iis`);
}

/** Machine-scoped paths the host tasks run or read (a workspace cannot redirect them). Empty: the defaults. */
export interface HostToolSettings {
  appcmdPath: string;
  icaclsPath: string;
  /** The WinSW executable that installs the reverse-proxy bridge's service (machine-scoped). */
  winswPath: string;
  appHostConfigPath: string;
  interpreterPath: string;
}

export function hostToolSettings(): HostToolSettings {
  const config = vscode.workspace.getConfiguration(SECTION);
  const get = (key: string) => machineValue(config, key)?.trim() ?? '';
  return { appcmdPath: get('tools.appcmdPath'), icaclsPath: get('tools.icaclsPath'), winswPath: get('tools.winswPath'), appHostConfigPath: get('appHostConfigPath'), interpreterPath: get('python.interpreterPath') };
}

export function affectsHostTools(e: vscode.ConfigurationChangeEvent): boolean {
  return ['tools', 'appHostConfigPath', 'python.interpreterPath'].some((k) => e.affectsConfiguration(`${SECTION}.${k}`));
}
