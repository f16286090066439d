/** The shapes the server check and its rule files share (doctor.ts runs the rules; doctorPool/Sites/Proxy.ts are rules). */
import type { Code } from '../codes';
import type { MessageArgs, MessageKey } from '../messages';
import type { WebConfig } from '../model/webConfig';
import type { ProjectFiles } from '../rules/context';
import type { XmlElement } from '../xml/types';
import type { AppHostConfig } from './appHost';
import type { AppLayout } from './appLayout';
import type { HostFacts } from './facts';
import type { AppPool, SiteApplication } from './hostObjects';
import type { WinswDefinition } from './services';

export interface DoctorInput {
  appDir: string;
  text: string;
  model: WebConfig;
  /** undefined: there is no applicationHost.config at `appHostPath` (IIS is not installed). */
  appHost: AppHostConfig | undefined;
  appHostPath: string;
  facts: HostFacts;
  /** The project's files (the proxy bridge's checks read the app: websockets), when the adapter can list them. */
  project?: ProjectFiles;
  /** The project's WinSW service definitions (reverse-proxy bridge). */
  serviceDefinitions?: WinswDefinition[];
}

export interface DoctorContext {
  input: DoctorInput;
  host: AppHostConfig;
  layout: AppLayout;
  /** The Python handler (FastCGI or HttpPlatformHandler), when there is one. */
  handler: XmlElement | undefined;
  /** The applications whose folder is appDir, and the pool of the first. */
  apps: SiteApplication[];
  pool: AppPool | undefined;
  report(code: Code, span: { start: number; end: number }, key: MessageKey, args?: MessageArgs, related?: XmlElement[], relatedKey?: MessageKey): void;
  anchor(): { start: number; end: number };
}

export type DoctorRule = (ctx: DoctorContext) => void;
