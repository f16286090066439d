/**
 * The files the effective configuration of a folder is merged from: the host's applicationHost.config (given by
 * the caller, already read), the web.config files of the parent folders (the same bounded walk as the check's)
 * and the folder's own. Regular files only, size-capped; a UNC or device path is refused before anything is
 * touched (even a stat would contact that host).
 */
import { statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { isRemoteOrDevicePath } from '../../core/host/hostPaths';
import type { ConfigLayer } from '../../core/schema/effective';
import { readTextFile } from '../python/projectFiles';
import { entries, MAX_PARENT_FILE, parentConfigs, type ParentWalk } from './parentConfigs';

export type EffectiveLayers = { ok: true; dir: string; layers: ConfigLayer[] } | { ok: false; reason: string };

/** `target` is a folder, or a web.config (its folder is meant). */
export function readEffectiveLayers(target: string, appHost: { path: string; text: string } | undefined, walk: ParentWalk = {}): EffectiveLayers {
  if (isRemoteOrDevicePath(target)) return { ok: false, reason: `${target}: a UNC or device path is never read from this machine` };
  let dir = resolve(target);
  try {
    const st = statSync(dir);
    if (st.isFile() && basename(dir).toLowerCase() === 'web.config') dir = dirname(dir);
    else if (!st.isDirectory()) return { ok: false, reason: `${target}: not a folder or a web.config` };
  } catch (e) {
    return { ok: false, reason: `${target}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such folder' : String((e as NodeJS.ErrnoException).code ?? e)}` };
  }
  const layers: ConfigLayer[] = [];
  if (appHost) layers.push({ path: appHost.path, text: appHost.text, kind: 'apphost' });
  for (const p of parentConfigs(join(dir, 'web.config'), walk)) layers.push({ path: p.path, text: p.text, kind: 'web.config', below: p.below ?? '' });
  const own = entries(dir).find((n) => n.toLowerCase() === 'web.config');
  const text = own === undefined ? undefined : readTextFile(join(dir, own), MAX_PARENT_FILE);
  if (own !== undefined && text !== undefined) layers.push({ path: join(dir, own), text, kind: 'web.config', below: '' });
  return { ok: true, dir, layers };
}
