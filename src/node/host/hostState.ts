/**
 * What a host task plans against: the tools, the applicationHost.config (IIS Express's when targeted, the
 * given one, or this Windows machine's), and the facts of this machine. On a machine without IIS the plan is
 * made against an empty configuration, to be shown, not run.
 */
import { parseAppHost, type AppHostConfig } from '../../core/host/appHost';
import type { HostFacts } from '../../core/host/facts';
import { nodeHostFacts } from './hostFacts';
import { defaultNetstat, hostTools, IS_WINDOWS, type HostTools, type ToolOptions } from './hostTools';
import { defaultAppHostPath, loadAppHost } from '../python/projectFiles';

export interface HostStateOptions extends ToolOptions {
  /** An applicationHost.config to read (full IIS); --apphostconfig's file is read when given. */
  apphost?: string | undefined;
  /** netstat.exe to list listening sockets (a test double elsewhere); the system's on Windows. */
  netstat?: string | undefined;
}

export interface HostState {
  tools: HostTools;
  appHost: AppHostConfig;
  /** False when no applicationHost.config was found: the plan assumes nothing exists yet. */
  appHostKnown: boolean;
  facts: HostFacts;
}

export type HostStateResult = { ok: true; state: HostState } | { ok: false; reason: string };

export function loadHostState(options: HostStateOptions): HostStateResult {
  const tools = hostTools(options);
  const path = options.apphostconfig || options.apphost || defaultAppHostPath();
  let appHost: AppHostConfig = parseAppHost('<configuration/>', '(no applicationHost.config)');
  if (path) {
    const loaded = loadAppHost(path);
    if (!loaded.ok) return { ok: false, reason: loaded.reason };
    appHost = loaded.config;
  }
  const icaclsRuns = IS_WINDOWS || tools.explicit.has(tools.icacls);
  const scRuns = IS_WINDOWS || tools.explicit.has(tools.sc!);
  const facts = nodeHostFacts(icaclsRuns ? tools.icacls : undefined, { sc: scRuns ? tools.sc : undefined, netstat: options.netstat ?? (IS_WINDOWS ? defaultNetstat() : undefined) });
  return { ok: true, state: { tools, appHost, appHostKnown: Boolean(path), facts } };
}
