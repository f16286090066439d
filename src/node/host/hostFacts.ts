/**
 * The node implementation of the core's HostFacts: the file system, `icacls PATH` listings and PE headers.
 * The paths come from web.config and pyvenv.cfg, so every look-up is careful: a network (UNC) or device path
 * is never touched (on Windows even a stat would contact that server with the user's credentials), files are
 * read only when they are regular files of a bounded size, and nothing here can hang on a FIFO.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, constants, existsSync, fstatSync, openSync, readdirSync, readSync, realpathSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { HostFacts } from '../../core/host/facts';
import { isRemoteOrDevicePath } from '../../core/host/hostPaths';
import { icacls, parseIcaclsListing, type Ace } from '../../core/host/icacls';
import { peMachine } from '../../core/host/pe';
import { isServiceName, parseNetstat, parseScDescription, parseScQuery, SC_NO_SERVICE, type ListeningSocket, type ServiceInfo } from '../../core/host/services';
import { decodeBytes } from '../../core/text/decode';
import { IS_WINDOWS } from './hostTools';
import { MAX_SMALL_FILE_BYTES, readRegularFile } from '../safeRead';

/** Tools run to read services and sockets, when given (undefined: unknown, nothing is run). */
export interface ServiceTools {
  sc?: string | undefined;
  netstat?: string | undefined;
}

/** `icaclsTool`: run to read ACLs when given (undefined: ACLs are unknown and nothing is run). */
export function nodeHostFacts(icaclsTool: string | undefined, services: ServiceTools = {}): HostFacts {
  const acls = new Map<string, Ace[] | undefined>();
  let sockets: ListeningSocket[] | undefined | null = null;
  const exists = (path: string) => (lookable(path) ? existsSync(path) : undefined);
  return {
    exists,
    readText: (path) => (lookable(path) ? readText(path) ?? readCaseInsensitive(path) : undefined),
    acl(path) {
      if (!icaclsTool || exists(path) !== true) return undefined;
      if (!acls.has(path)) acls.set(path, readAcl(icaclsTool, path));
      return acls.get(path);
    },
    machine(exe) {
      if (!lookable(exe)) return undefined;
      try {
        const fd = openSync(exe, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
        try {
          if (!fstatSync(fd).isFile()) return undefined;
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
    realPath(path) {
      if (!lookable(path)) return undefined;
      try {
        return realpathSync.native(path);
      } catch {
        return undefined;
      }
    },
    service: (name) => (services.sc ? readService(services.sc, name) : undefined),
    listening() {
      if (!services.netstat) return undefined;
      if (sockets === null) {
        const r = spawnSync(services.netstat, ['-ano', '-p', 'TCP'], { encoding: 'utf8', windowsHide: true, timeout: 15_000, shell: false });
        sockets = r.status === 0 ? parseNetstat(r.stdout) : undefined;
      }
      return sockets;
    },
    env: { ...process.env },
  };
}

/** `sc query NAME` and `sc qdescription NAME`: null when sc says the service does not exist. */
function readService(sc: string, name: string): ServiceInfo | null | undefined {
  if (!isServiceName(name)) return undefined;
  const run = (verb: string) => spawnSync(sc, [verb, name], { encoding: 'utf8', windowsHide: true, timeout: 15_000, shell: false });
  const query = run('query');
  if (query.status === SC_NO_SERVICE) return null;
  const status = query.status === 0 ? parseScQuery(query.stdout) : undefined;
  if (!status) return undefined;
  const described = run('qdescription');
  const description = described.status === 0 ? parseScDescription(described.stdout) : undefined;
  return description === undefined ? undefined : { name: status.name, state: status.state, description };
}

/**
 * A Windows path can only be looked up on Windows; elsewhere only paths of this machine (`/...`). Network and
 * device paths never.
 */
function lookable(path: string): boolean {
  if (isRemoteOrDevicePath(path)) return false;
  return IS_WINDOWS ? true : path.startsWith('/');
}

function readText(path: string): string | undefined {
  const read = readRegularFile(path, MAX_SMALL_FILE_BYTES);
  if (!read.ok) return undefined;
  const decoded = decodeBytes(read.bytes);
  return decoded.binary ? undefined : decoded.text;
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
    return name ? readText(join(dirname(path), name)) : undefined;
  } catch {
    return undefined;
  }
}
