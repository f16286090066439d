/**
 * What an applicationHost.config delegates to web.config files: its <configSections> declarations
 * (allowDefinition, overrideModeDefault) and the sections its <location overrideMode="Allow"> blocks unlock.
 * Read by the placement rule and by the effective configuration.
 */
import type { XmlElement } from '../xml/types';
import { normLocation } from './contributions';

export interface Declaration {
  allowDefinition?: string;
  overrideModeDefault?: string;
  element: XmlElement;
}

export interface HostDelegation {
  declarations: Map<string, Declaration>;
  /** Section paths some <location overrideMode="Allow"> sets (unlocked for the sites below it). */
  allowed: Set<string>;
  /** The same, with the location paths that unlock each (normalized: `shop/api`, '' for every site). */
  allowedAt: Map<string, string[]>;
}

/** Whether `section` is unlocked for the configuration path `site` (undefined: not known, any unlocking counts). */
export function unlockedFor(d: HostDelegation, section: string, site: string | undefined): boolean {
  if (site === undefined) return d.allowed.has(section);
  const t = normLocation(site);
  return (d.allowedAt.get(section) ?? []).some((p) => p === '' || t === p || t.startsWith(p + '/'));
}

export function readDelegation(root: XmlElement | undefined): HostDelegation {
  const d: HostDelegation = { declarations: new Map(), allowed: new Set(), allowedAt: new Map() };
  const walkDecl = (el: XmlElement, prefix: string) => {
    for (const c of el.children) {
      const name = c.attributes.find((a) => a.name === 'name')?.value;
      if (!name) continue;
      const path = prefix ? `${prefix}/${name}` : name;
      if (c.name === 'sectionGroup') walkDecl(c, path);
      else if (c.name === 'section') {
        const get = (n: string) => c.attributes.find((a) => a.name === n)?.value;
        d.declarations.set(path, { allowDefinition: get('allowDefinition'), overrideModeDefault: get('overrideModeDefault'), element: c });
      }
    }
  };
  const walkSet = (el: XmlElement, prefix: string, at: string) => {
    for (const c of el.children) {
      const path = prefix ? `${prefix}/${c.name}` : c.name;
      d.allowed.add(path);
      const list = d.allowedAt.get(path) ?? [];
      if (!list.includes(at)) d.allowedAt.set(path, [...list, at]);
      if (c.children.length && path.split('/').length < 6) walkSet(c, path, at);
    }
  };
  for (const top of root?.children ?? []) {
    if (top.name === 'configSections') walkDecl(top, '');
    else if (top.name === 'location' && top.attributes.some((a) => a.name === 'overrideMode' && a.value === 'Allow')) walkSet(top, '', normLocation(top.attributes.find((a) => a.name === 'path')?.value));
  }
  return d;
}
