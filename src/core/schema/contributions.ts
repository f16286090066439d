/**
 * Which scopes of which files contribute to a folder's configuration, in the order IIS merges them (effective.ts
 * merges them): applicationHost.config's root and `<location>` blocks, the web.config files and theirs, each given
 * the level of the configuration path it applies at; `<location inheritInChildApplications="false">` left out
 * where the folder is in a child application.
 */
import { LineIndex } from '../text/lineIndex';
import { scanXml } from '../xml/scanner';
import type { XmlElement } from '../xml/types';
import type { SiteContext } from './sitePath';

export type LayerKind = 'apphost' | 'web.config';

export interface ConfigLayer {
  /** The file's path, for origins (absolute where known). */
  path: string;
  text: string;
  kind: LayerKind;
  /** web.config: the folder asked about relative to this file's folder ('' its own folder, 'api/v1'), `/` separators. */
  below?: string;
}

/** Location paths compare as IIS compares URL paths here: `/` or `\`, no leading/trailing slash, case-insensitive. */
export const normLocation = (p: string | undefined) => (p ?? '').trim().replace(/\\/g, '/').replace(/^\.$/, '').replace(/^\/+|\/+$/g, '').toLowerCase();
const depth = (p: string) => (p ? p.split('/').length : 0);

export interface Contribution { layer: ConfigLayer; lines: () => LineIndex; scope: XmlElement; location?: string; level: number; order: number; locks: boolean }

/** A `<location inheritInChildApplications="false">`: left out (the folder is in a child application), or applied not knowing. */
export interface InheritNote { layer: ConfigLayer; lines: () => LineIndex; scope: XmlElement; application?: string }

const within = (target: string, p: string) => p === '' || target === p || target.startsWith(p + '/');
const joinPath = (a: string, b: string) => (a && b ? `${a}/${b}` : a || b);

/**
 * The sections of one scope element that contribute, in the order IIS merges them. Without a site (the folder's
 * configuration path unknown): applicationHost.config's root and `<location path="">`, then the web.config files by
 * depth with the `<location>` blocks that name the folder relative to them. With one: every configuration path from
 * the server down to the folder, and at each the host's `<location path>` for it before the web.config files'
 * (a web.config's own folder is the folder's path less `below`, the files nested as the URL is).
 */
export function contributions(layers: ConfigLayer[], site: SiteContext | undefined, notes: InheritNote[], outside: string[]): Contribution[] {
  const out: Contribution[] = [];
  const target = site ? normLocation(site.path) : undefined;
  const apps = site?.applications?.map(normLocation);
  /** `loc` at configuration path `full` (undefined: relative to an unknown site), reaching the folder: is it left out? */
  const leftOut = (layer: ConfigLayer, lines: () => LineIndex, loc: XmlElement, full: string | undefined, reachesBelow: boolean): boolean => {
    if (attr(loc, 'inheritInChildApplications')?.trim().toLowerCase() !== 'false' || !reachesBelow) return false;
    if (apps && target !== undefined && full !== undefined) {
      const child = apps.find((a) => depth(a) > depth(full) && within(a, full) && within(target, a));
      if (child !== undefined) notes.push({ layer, lines, scope: loc, application: site!.applications![apps.indexOf(child)] });
      return child !== undefined;
    }
    notes.push({ layer, lines, scope: loc });
    return false;
  };
  layers.forEach((layer, i) => {
    const root = scanXml(layer.text).root;
    if (root?.name !== 'configuration') return;
    let lines: LineIndex | undefined;
    const get = () => (lines ??= new LineIndex(layer.text));
    const base = { layer, lines: get, order: i };
    const locations = root.children.filter((c) => c.name === 'location');
    if (layer.kind === 'apphost') {
      out.push({ ...base, scope: root, level: 0, locks: false });
      for (const loc of locations) {
        const p = normLocation(attr(loc, 'path'));
        if (target === undefined ? p !== '' : !within(target, p)) continue;
        if (leftOut(layer, get, loc, p, target === undefined || target !== p)) continue;
        out.push({ ...base, scope: loc, location: attr(loc, 'path') ?? '', level: target === undefined ? 0 : 10 * depth(p), locks: lockingLocation(loc) });
      }
      return;
    }
    const below = normLocation(layer.below);
    if (target !== undefined) {
      // The file's folder is the folder's configuration path less `below`; above the site's root IIS reads no web.config.
      const own = depth(target) - depth(below);
      if (own < 1) {
        outside.push(layer.path);
        return;
      }
      const cp = target.split('/').slice(0, own).join('/');
      out.push({ ...base, scope: root, level: 10 * own + 5, locks: false });
      for (const loc of locations) {
        const full = joinPath(cp, normLocation(attr(loc, 'path')));
        if (!within(target, full) || leftOut(layer, get, loc, full, target !== full)) continue;
        out.push({ ...base, scope: loc, location: attr(loc, 'path') ?? '', level: 10 * depth(full) + 5, locks: lockingLocation(loc) });
      }
      return;
    }
    out.push({ ...base, scope: root, level: 1000 - depth(below), locks: false });
    for (const loc of locations) {
      const p = normLocation(attr(loc, 'path'));
      if (!within(below, p) || leftOut(layer, get, loc, undefined, below !== p)) continue;
      out.push({ ...base, scope: loc, location: attr(loc, 'path') ?? '', level: 1000 - depth(below) + depth(p), locks: lockingLocation(loc) });
    }
  });
  return out.sort((a, b) => a.level - b.level || a.order - b.order);
}

const attr = (el: XmlElement, name: string) => el.attributes.find((a) => a.name === name)?.value;
const lockingLocation = (loc: XmlElement) => attr(loc, 'overrideMode') === 'Deny' || attr(loc, 'allowOverride') === 'false';
