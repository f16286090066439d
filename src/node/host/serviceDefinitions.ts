/**
 * The project's WinSW service definitions (service/*.xml, written by `init --bridge proxy`): read as data for the
 * register plan, which shows their executable to the user before anything runs. A link (or junction) is never
 * followed out of the project; at most 20 files of 1 MB are read.
 */
import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseWinswXml, type WinswDefinition } from '../../core/host/services';
import { SERVICE_FOLDER } from '../../core/scaffold/serviceDefinitions';
import { decodeBytes } from '../../core/text/decode';
import { MAX_SMALL_FILE_BYTES, readRegularFile } from '../safeRead';

export function readServiceDefinitions(appDir: string): WinswDefinition[] {
  const folder = join(appDir, SERVICE_FOLDER);
  let names: string[];
  try {
    if (!lstatSync(folder).isDirectory()) return [];
    names = readdirSync(folder).filter((n) => /\.xml$/i.test(n)).sort().slice(0, 20);
  } catch {
    return [];
  }
  const out: WinswDefinition[] = [];
  for (const name of names) {
    const path = join(folder, name);
    const read = readRegularFile(path, MAX_SMALL_FILE_BYTES, { noFollow: true });
    if (!read.ok) continue;
    const decoded = decodeBytes(read.bytes);
    const def = decoded.binary ? undefined : parseWinswXml(path, decoded.text);
    if (def) out.push(def);
  }
  return out;
}
