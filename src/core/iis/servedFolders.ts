/**
 * Folders of the site that IIS serves as static files: a `<location path="x">` of the site's web.config, or the
 * folder's own web.config, that takes the Python handler away (`<remove name="..."/>` of a Python handler, or
 * `<clear/>`); below such a folder the StaticFile handler answers, so any file there can be downloaded. Pure:
 * sub-folder web.configs come through a callback.
 */
import { attr, attrValue, buildWebConfig, children, isHttpPlatformHandler, isPythonFastCgiHandler, sectionElements, type WebConfig } from '../model/webConfig';
import { scanXml } from '../xml/scanner';
import type { XmlElement } from '../xml/types';

export interface ServedFolder {
  /** Relative to the site folder, `/`-separated. */
  folder: string;
  how: 'location' | 'config';
}

/** Folder names that projects conventionally serve to everyone (Flask's default static folder, Django's roots, SPA output). */
export const CONVENTIONAL_STATIC = ['static', 'staticfiles', 'media', 'public', 'wwwroot', 'assets', 'uploads'];

/** `a\b\` → `a/b`; undefined for a path that climbs out of the site. */
export function siteRelative(path: string): string | undefined {
  const out: string[] = [];
  for (const seg of path.replace(/\\/g, '/').split('/')) {
    if (seg === '..') {
      if (!out.length) return undefined;
      out.pop();
    } else if (seg && seg !== '.') out.push(seg);
  }
  return out.join('/') || '.';
}

/** The names of the Python handlers of a configuration (the ones a static folder removes). */
export function pythonHandlerNames(model: WebConfig): string[] {
  return model.handlers
    .filter((h) => isPythonFastCgiHandler(model, h) || isHttpPlatformHandler(h))
    .map((h) => (attrValue(h, 'name') ?? '').trim().toLowerCase())
    .filter(Boolean);
}

/** True when these `<handlers>` sections take a Python handler away (or every handler, with `<clear/>`). */
export function removesPythonHandler(scopes: XmlElement[], names: string[]): boolean {
  for (const handlers of sectionElements(scopes, ['system.webServer', 'handlers'])) {
    if (children(handlers, 'clear').length) return true;
    for (const remove of children(handlers, 'remove')) {
      const name = attr(remove, 'name')?.value.trim().toLowerCase();
      if (name && (names.includes(name) || !names.length)) return true;
    }
  }
  return false;
}

/**
 * The served folder that holds `folder` (itself or its nearest served ancestor), or undefined. `readConfig`
 * gives the text of `<folder>/web.config` relative to the site, undefined when there is none.
 */
export function servedFolderOf(model: WebConfig, folder: string, readConfig: (folder: string) => string | undefined): ServedFolder | undefined {
  const rel = siteRelative(folder);
  if (rel === undefined || rel === '.') return undefined;
  const names = pythonHandlerNames(model);
  const locations = model.configuration ? children(model.configuration, 'location') : [];
  const segments = rel.split('/');
  for (let i = 1; i <= segments.length; i++) {
    const prefix = segments.slice(0, i).join('/');
    const here = locations.filter((l) => siteRelative(attrValue(l, 'path') ?? '')?.toLowerCase() === prefix.toLowerCase());
    if (here.length && removesPythonHandler(here, names)) return { folder: prefix, how: 'location' };
    const text = readConfig(prefix);
    if (text !== undefined && removesPythonHandler(buildWebConfig(scanXml(text)).scopes, names)) return { folder: prefix, how: 'config' };
  }
  return undefined;
}
