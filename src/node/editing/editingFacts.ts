/**
 * What completion needs from the disk around a web.config: the appSettings keys its parents leave in force and
 * the sub-folders IIS serves to everyone (their web.config takes the Python handler away). Read-only,
 * size-capped, cached for a moment (completion asks on every keystroke).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { removesPythonHandler } from '../../core/iis/servedFolders';
import { inheritedSettingKeys } from '../../core/editing/presentKeys';
import { buildWebConfig } from '../../core/model/webConfig';
import { scanXml } from '../../core/xml/scanner';
import { parentConfigs } from '../schema/parentConfigs';
import { readTextFile } from '../python/projectFiles';
import { MAX_SMALL_FILE_BYTES } from '../safeRead';

const TTL_MS = 2000;
const cache = new Map<string, { at: number; value: string[] }>();

function cached(key: string, compute: () => string[]): string[] {
  const hit = cache.get(key);
  const now = Date.now();
  if (hit && now - hit.at < TTL_MS) return hit.value;
  if (cache.size > 200) cache.clear();
  const value = compute();
  cache.set(key, { at: now, value });
  return value;
}

/** Keys of the parents' appSettings (upper-cased), the walk bounded by `stopAt` (the workspace folder). */
export function parentSettingKeys(file: string, stopAt: string | undefined): string[] {
  return cached(`p:${file}:${stopAt ?? ''}`, () => inheritedSettingKeys(parentConfigs(file, stopAt ? { stopAt } : {}).map((p) => p.text)));
}

/** Sub-folders of `appFolder` (of `folders`) whose own web.config removes a handler or clears them. */
export function servedSubFolders(appFolder: string, folders: string[]): string[] {
  return cached(`s:${appFolder}:${folders.join('|')}`, () => folders.filter((f) => {
    const name = entries(join(appFolder, f)).find((n) => n.toLowerCase() === 'web.config');
    const text = name ? readTextFile(join(appFolder, f, name), MAX_SMALL_FILE_BYTES) : undefined;
    return text !== undefined && removesPythonHandler(buildWebConfig(scanXml(text)).scopes, []);
  }));
}

function entries(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
