/** The node implementation of the core's HostFacts: the file system, `icacls PATH` listings and PE headers. */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, readSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { HostFacts } from '../core/host/facts';
import { icacls, parseIcaclsListing, type Ace } from '../core/host/icacls';
import { peMachine } from '../core/host/pe';
import { readTextFile } from './projectFiles';
import { IS_WINDOWS } from './hostTools';

/** `icaclsTool`: run to read ACLs when given (undefined: ACLs are unknown and nothing is run). */
export function nodeHostFacts(icaclsTool: string | undefined): HostFacts {
  const acls = new Map<string, Ace[] | undefined>();
  const exists = (path: string) => (lookable(path) ? existsSync(path) : undefined);
  return {
    exists,
    readText: (path) => (lookable(path) ? readTextFile(path, 1024 * 1024) ?? readCaseInsensitive(path) : undefined),
    acl(path) {
      if (!icaclsTool || exists(path) !== true) return undefined;
      if (!acls.has(path)) acls.set(path, readAcl(icaclsTool, path));
      return acls.get(path);
    },
    machine(exe) {
      if (!lookable(exe)) return undefined;
      try {
        const fd = openSync(exe, 'r');
        try {
          const buffer = Buffer.alloc(4096);
          const n = readSync(fd, buffer, 0, buffer.length, 0);
          return peMachine(buffer.subarray(0, n));
        } finally {
          closeSync(fd);
        }
      } catch {
        return undefined;
      }
    },
    env: { ...process.env },
  };
}

/** A Windows path can only be looked up on Windows; elsewhere only paths of this machine (`/...`). */
function lookable(path: string): boolean {
  return IS_WINDOWS ? true : path.startsWith('/');
}

function readAcl(tool: string, path: string): Ace[] | undefined {
  const [command, ...args] = icacls.list(tool, path);
  const r = spawnSync(command!, args, { encoding: 'utf8', windowsHide: true, timeout: 15_000, shell: false });
  return r.status === 0 ? parseIcaclsListing(r.stdout, path) : undefined;
}

/** NTFS finds Web.config for web.config; so does this, on case-sensitive file systems. */
function readCaseInsensitive(path: string): string | undefined {
  try {
    const name = readdirSync(dirname(path)).find((n) => n.toLowerCase() === basename(path).toLowerCase());
    return name ? readTextFile(join(dirname(path), name), 1024 * 1024) : undefined;
  } catch {
    return undefined;
  }
}
