/**
 * What the host tasks and the server check need to know about this machine beyond applicationHost.config,
 * supplied by an adapter (node reads files, runs `icacls PATH`, reads PE headers). Never throws.
 */
import type { Ace } from './icacls';
import type { Machine } from './pe';
import type { ListeningSocket, ServiceInfo } from './services';

export interface HostFacts {
  /** true/false when this machine can tell; undefined when it cannot (a Windows path seen from Linux). */
  exists(path: string): boolean | undefined;
  /** A small text file (pyvenv.cfg, another application's web.config), when readable. */
  readText(path: string): string | undefined;
  /** The access entries of a file or folder (`icacls PATH`), when icacls can be run here. */
  acl(path: string): Ace[] | undefined;
  /** The CPU an executable is built for, from its PE header. */
  machine(exe: string): Machine | undefined;
  /** Environment variables for %NAME% in IIS paths (SystemDrive, windir, ...). */
  env: Record<string, string | undefined>;
  /** The path with every symbolic link and junction resolved, when this machine can tell. */
  realPath?(path: string): string | undefined;
  /** A Windows service (`sc query` / `sc qdescription`): null when it does not exist, undefined when unknown. */
  service?(name: string): ServiceInfo | null | undefined;
  /** The TCP sockets listening on this machine (`netstat -ano`), undefined when unknown. */
  listening?(): ListeningSocket[] | undefined;
}

/** Facts for planning without looking at the machine (a dry run on another OS). */
export const NO_FACTS: HostFacts = {
  exists: () => undefined,
  readText: () => undefined,
  acl: () => undefined,
  machine: () => undefined,
  env: {},
};
