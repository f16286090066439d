/**
 * Where sections are in a web.config: under <configuration> and each <location>, through section groups
 * (`system.webServer`, `system.webServer/security`...) to the section elements. Shared by the schema rules.
 */
import { profileSchema } from '../schema/profiles';
import type { Schema, SectionSchema } from '../schema/types';
import type { XmlElement } from '../xml/types';
import type { RuleContext } from './context';

/** The schema of this check: the host's when given, else the profiles for the target. */
export function schemaOf(ctx: RuleContext): Schema {
  return ctx.options.schema ?? profileSchema(ctx.options.target);
}

/** Section and group paths declared in the file's own <configSections> (a module's custom sections). */
export function declaredSections(conf: XmlElement): Set<string> {
  const out = new Set<string>();
  const walk = (el: XmlElement, prefix: string) => {
    for (const c of el.children) {
      const name = c.attributes.find((a) => a.name === 'name')?.value.trim();
      if (!name) continue;
      const path = prefix ? `${prefix}/${name}` : name;
      if (c.name === 'section') out.add(path);
      else if (c.name === 'sectionGroup') {
        out.add(path);
        walk(c, path);
      }
    }
  };
  for (const cs of conf.children) if (cs.name === 'configSections') walk(cs, '');
  return out;
}

const CHILDREN = new WeakMap<Schema, Map<string, string[]>>();

/** Known names directly below a group path ('' for the top level). */
export function namesBelow(schema: Schema, group: string): string[] {
  let map = CHILDREN.get(schema);
  if (!map) {
    map = new Map();
    for (const path of [...schema.sections.keys(), ...schema.groups, ...schema.elsewhere.keys()]) {
      const i = path.lastIndexOf('/');
      const parent = i < 0 ? '' : path.slice(0, i);
      const list = map.get(parent) ?? [];
      if (!list.includes(path.slice(i + 1))) list.push(path.slice(i + 1));
      map.set(parent, list);
    }
    CHILDREN.set(schema, map);
  }
  return map.get(group) ?? [];
}

export interface SectionVisitor {
  section(el: XmlElement, section: SectionSchema, scope: XmlElement): void;
  unknown?(el: XmlElement, path: string, siblings: string[], scope: XmlElement): void;
}

const STRUCTURAL = new Set(['location', 'configSections']);

/** Calls the visitor for every section element in <configuration> and its <location> blocks, in document order. */
export function visitSections(conf: XmlElement, schema: Schema, declared: Set<string>, v: SectionVisitor): void {
  const visit = (el: XmlElement, group: string, scope: XmlElement) => {
    const path = group ? `${group}/${el.name}` : el.name;
    const section = schema.sections.get(path);
    if (section) v.section(el, section, scope);
    else if (schema.groups.has(path)) for (const c of el.children) visit(c, path, scope);
    else if (!declared.has(path) && !declaredBelow(declared, group)) v.unknown?.(el, path, namesBelow(schema, group), scope);
  };
  for (const top of conf.children) {
    if (top.name === 'location') for (const c of top.children) visit(c, '', top);
    else if (!STRUCTURAL.has(top.name)) visit(top, '', conf);
  }
}

/** A group the file declares itself: whatever is below it is the module's business. */
function declaredBelow(declared: Set<string>, group: string): boolean {
  return group !== '' && declared.has(group);
}
