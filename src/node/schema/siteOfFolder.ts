/**
 * The IIS configuration path of a folder (core/schema/sitePath.ts), from what this machine can see: a path the
 * user named, the host's <sites> (its objects already read with applicationHost.config), or register's undo
 * manifest (.vscode/flask-iis.json in the folder or a parent, the same bounded walk as the parent web.config files:
 * it is evidence of the site register created, whose root is that project folder). Reads files only.
 */
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { AppHostConfig } from '../../core/host/appHost';
import { siteFromFlag, siteFromHost, siteFromManifest, type SiteContext } from '../../core/schema/sitePath';
import { readManifestFile } from '../host/manifestFile';
import type { ParentWalk } from './parentConfigs';

export interface SiteSources {
  /** `--site "Default Web Site/app"`: the folder's configuration path as the user names it. */
  given?: string;
  appHost?: Pick<AppHostConfig, 'objects' | 'unreadable'>;
  /** For %SystemDrive%-style physical paths (this machine's environment: the host's, when it is Windows). */
  env?: Record<string, string | undefined>;
}

export function siteOfFolder(dir: string, sources: SiteSources, walk: ParentWalk = {}): SiteContext | undefined {
  const objects = sources.appHost && !sources.appHost.unreadable ? sources.appHost.objects : undefined;
  if (sources.given !== undefined) return siteFromFlag(sources.given, objects);
  const folder = resolve(dir);
  if (objects) {
    const found = siteFromHost(folder, objects, sources.env ?? process.env);
    if (found) return found;
  }
  const stopAt = walk.stopAt ? resolve(walk.stopAt) : undefined;
  let d = folder;
  for (let level = 0; level <= (walk.maxLevels ?? 8); level++) {
    const manifest = readManifestFile(d).manifest;
    if (manifest) return siteFromManifest(manifest.site, relative(d, folder).split(sep).join('/'), objects);
    const parent = dirname(d);
    if (parent === d || d === stopAt || existsSync(join(d, '.git'))) break;
    d = parent;
  }
  return undefined;
}
