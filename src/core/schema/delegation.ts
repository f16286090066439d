/**
 * What an applicationHost.config delegates to web.config files: its <configSections> declarations
 * (allowDefinition, overrideModeDefault) and the sections its <location overrideMode="Allow"> blocks unlock.
 * Read by the placement rule and by the effective configuration.
 */
import type { XmlElement } from '../xml/types';

export interface Declaration {
  allowDefinition?: string;
  overrideModeDefault?: string;
  element: XmlElement;
}

export interface HostDelegation {
  declarations: Map<string, Declaration>;
  /** Section paths some <location overrideMode="Allow"> sets (unlocked for the sites below it). */
  allowed: Set<string>;
}

export function readDelegation(root: XmlElement | undefined): HostDelegation {
  const d: HostDelegation = { declarations: new Map(), allowed: new Set() };
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
  const walkSet = (el: XmlElement, prefix: string) => {
    for (const c of el.children) {
      const path = prefix ? `${prefix}/${c.name}` : c.name;
      d.allowed.add(path);
      if (c.children.length && path.split('/').length < 6) walkSet(c, path);
    }
  };
  for (const top of root?.children ?? []) {
    if (top.name === 'configSections') walkDecl(top, '');
    else if (top.name === 'location' && top.attributes.some((a) => a.name === 'overrideMode' && a.value === 'Allow')) walkSet(top, '');
  }
  return d;
}
