/**
 * What the host tasks and the server check need to know about this machine beyond applicationHost.config,
 * supplied by an adapter (node reads files, runs `icacls PATH`, reads PE headers). Never throws.
 */
import type { Ace } from './icacls';
import type { Machine } from './pe';

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
}

/** Facts for planning without looking at the machine (a dry run on another OS). */
export const NO_FACTS: HostFacts = {
  exists: () => undefined,
  readText: () => undefined,
  acl: () => undefined,
  machine: () => undefined,
  env: {},
};
