/** The server check as the CLI and VS Code run it: this machine's (or the given) applicationHost.config, ACLs from icacls. */
import { join } from 'node:path';
import { doctor } from '../../core/host/doctor';
import type { Finding } from '../../core/findings';
import type { WebConfig } from '../../core/model/webConfig';
import { nodeHostFacts } from '../host/hostFacts';
import { readServiceDefinitions } from '../host/serviceDefinitions';
import { IS_WINDOWS, systemRoot } from '../host/hostTools';
import { defaultAppHostPath, loadAppHost, nodeProjectFiles } from '../python/projectFiles';

export interface ServerCheckRequest {
  appDir: string;
  text: string;
  model: WebConfig;
  /** An applicationHost.config to read instead of this Windows machine's. */
  apphost?: string | undefined;
  /** An icacls to read ACLs with; on Windows the system's is used. */
  icacls?: string | undefined;
  /** sc.exe and netstat.exe to read the proxy bridge's service and ports; on Windows the system's are used. */
  sc?: string | undefined;
  netstat?: string | undefined;
}

export type ServerCheck = { ok: true; findings: Finding[] } | { ok: false; reason: string; needsWindows: boolean };

export function checkServer(req: ServerCheckRequest): ServerCheck {
  const expected = join(systemRoot(), 'System32', 'inetsrv', 'config', 'applicationHost.config');
  const path = req.apphost || defaultAppHostPath();
  if (!path && !IS_WINDOWS) return { ok: false, reason: 'the server check looks at a Windows host with IIS: run it there, or give its applicationHost.config', needsWindows: true };
  const loaded = path ? loadAppHost(path) : undefined;
  if (loaded && !loaded.ok) return { ok: false, reason: loaded.reason, needsWindows: false };
  const icacls = req.icacls || (IS_WINDOWS ? join(systemRoot(), 'System32', 'icacls.exe') : undefined);
  const system = (exe: string) => (IS_WINDOWS ? join(systemRoot(), 'System32', exe) : undefined);
  const facts = nodeHostFacts(icacls, { sc: req.sc || system('sc.exe'), netstat: req.netstat || system('NETSTAT.EXE') });
  const findings = doctor({
    appDir: req.appDir, text: req.text, model: req.model, appHost: loaded?.ok ? loaded.config : undefined,
    appHostPath: path ?? expected, facts, serviceDefinitions: readServiceDefinitions(req.appDir), project: nodeProjectFiles(req.appDir),
  });
  return { ok: true, findings };
}
