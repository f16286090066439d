/** The site folder's marker (see core/host/marker.ts): the first 32 hex digits of SHA-256 of its path. */
import { createHash } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { normalizeHost } from '../../core/host/hostPaths';

/** Computed from the folder's real path (links resolved), lower-cased with backslashes, as NTFS compares it. */
export function folderMarker(appDir: string): string {
  let real = appDir;
  try {
    real = realpathSync.native(appDir);
  } catch {
    // not there (a plan for another machine): the path as given
  }
  return createHash('sha256').update(normalizeHost(real), 'utf8').digest('hex').slice(0, 32);
}
