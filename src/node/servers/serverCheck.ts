/** The server check as the CLI and VS Code run it: this machine's (or the given) applicationHost.config, ACLs from icacls. */
import { join } from 'node:path';
import { doctor } from '../../core/host/doctor';
import type { Finding } from '../../core/findings';
import type { WebConfig } from '../../core/model/webConfig';
import { nodeHostFacts } from '../host/hostFacts';
import { IS_WINDOWS, systemRoot } from '../host/hostTools';
import { defaultAppHostPath, loadAppHost } from '../python/projectFiles';

export interface ServerCheckRequest {
  appDir: string;
  text: string;
  model: WebConfig;
  /** An applicationHost.config to read instead of this Windows machine's. */
  apphost?: string | undefined;
  /** An icacls to read ACLs with; on Windows the system's is used. */
  icacls?: string | undefined;
}

export type ServerCheck = { ok: true; findings: Finding[] } | { ok: false; reason: string; needsWindows: boolean };

export function checkServer(req: ServerCheckRequest): ServerCheck {
  const expected = join(systemRoot(), 'System32', 'inetsrv', 'config', 'applicationHost.config');
  const path = req.apphost || defaultAppHostPath();
  if (!path && !IS_WINDOWS) return { ok: false, reason: 'the server check looks at a Windows host with IIS: run it there, or give its applicationHost.config', needsWindows: true };
  const loaded = path ? loadAppHost(path) : undefined;
  if (loaded && !loaded.ok) return { ok: false, reason: loaded.reason, needsWindows: false };
  const icacls = req.icacls || (IS_WINDOWS ? join(systemRoot(), 'System32', 'icacls.exe') : undefined);
  const findings = doctor({
    appDir: req.appDir, text: req.text, model: req.model, appHost: loaded?.ok ? loaded.config : undefined,
    appHostPath: path ?? expected, facts: nodeHostFacts(icacls),
  });
  return { ok: true, findings };
}
