/**
 * The schema under the cursor: from the names of the enclosing elements (outermost first) to what the schema the
 * document resolves to (the host's files, or the profiles of its target) says may go there. Completion and hover
 * read it; the catalogue adds the Python-specific documentation on top.
 */
import { profileSchema } from '../schema/profiles';
import type { AttributeSchema, ElementSchema, Schema, SectionSchema } from '../schema/types';
import { LOCATION_SCHEMA } from '../rules/schemaRules';
import { namesBelow } from '../rules/schemaScope';

export type SchemaNode =
  /** Before <configuration>. */
  | { kind: 'document' }
  /** <configuration> itself, or a <location> in it (`location`: its attributes). */
  | { kind: 'root'; location: boolean }
  | { kind: 'group'; path: string }
  | { kind: 'element'; el: ElementSchema; section: string };

export interface SchemaChild {
  name: string;
  /** The child's schema when it is an element (a section, a child element or a collection entry). */
  el?: ElementSchema;
}

const EMPTY: ElementSchema = { name: 'clear', attributes: new Map(), elements: new Map(), allowUnrecognizedAttributes: false };

export function schemaFor(schema: Schema | undefined): Schema {
  return schema ?? profileSchema();
}

/** A `<remove>` takes only the key attributes. */
function keyOnly(item: ElementSchema, name: string): ElementSchema {
  const keys = [...item.attributes.values()].filter((a) => a.isUniqueKey || a.isCombinedKey);
  return { ...item, name, attributes: new Map(keys.map((a) => [a.name, a])), elements: new Map(), collection: undefined };
}

function step(schema: Schema, node: SchemaNode, name: string): SchemaNode | undefined {
  switch (node.kind) {
    case 'document':
      return name === 'configuration' ? { kind: 'root', location: false } : undefined;
    case 'root':
      if (name === 'location') return node.location ? undefined : { kind: 'root', location: true };
      return sectionOrGroup(schema, '', name);
    case 'group':
      return sectionOrGroup(schema, node.path, name);
    case 'element': {
      const child = childElement(node.el, name);
      return child && { kind: 'element', el: child, section: node.section };
    }
  }
}

function sectionOrGroup(schema: Schema, group: string, name: string): SchemaNode | undefined {
  const path = group ? `${group}/${name}` : name;
  const section = schema.sections.get(path);
  if (section) return section.opaque ? undefined : { kind: 'element', el: section, section: path };
  return schema.groups.has(path) ? { kind: 'group', path } : undefined;
}

function childElement(el: ElementSchema, name: string): ElementSchema | undefined {
  const sub = el.elements.get(name);
  if (sub) return sub;
  const c = el.collection;
  if (!c) return undefined;
  if (c.addElements.includes(name)) return c.allowUnrecognizedAttributes ? { ...c.item, name, allowUnrecognizedAttributes: true } : { ...c.item, name };
  if (name === c.removeElement) return keyOnly(c.item, name);
  if (name === c.clearElement) return { ...EMPTY, name };
  return undefined;
}

/** The node of the element named last in `names` (outermost first); undefined where the schema does not reach. */
export function nodeAt(schema: Schema, names: readonly string[]): SchemaNode | undefined {
  let node: SchemaNode | undefined = { kind: 'document' };
  for (const name of names) {
    node = step(schema, node, name);
    if (!node) return undefined;
  }
  return node;
}

/** What may go directly inside a node, in schema order (a collection's add, remove, clear last). */
export function childrenOf(schema: Schema, node: SchemaNode): SchemaChild[] {
  switch (node.kind) {
    case 'document':
      return [{ name: 'configuration' }];
    case 'root':
    case 'group': {
      const group = node.kind === 'group' ? node.path : '';
      const out: SchemaChild[] = [];
      for (const name of namesBelow(schema, group)) {
        const path = group ? `${group}/${name}` : name;
        const section = schema.sections.get(path);
        if (section && !serverOnly(section)) out.push({ name, el: section });
        else if (schema.groups.has(path)) out.push({ name });
      }
      if (node.kind === 'root' && !node.location) out.push({ name: 'location' });
      return out;
    }
    case 'element': {
      const out: SchemaChild[] = [...node.el.elements.values()].map((el) => ({ name: el.name, el }));
      const c = node.el.collection;
      if (c) {
        for (const name of [...c.addElements, c.removeElement, c.clearElement]) {
          if (name && !out.some((o) => o.name === name)) out.push({ name, el: childElement(node.el, name) });
        }
      }
      return out;
    }
  }
}

/** A section a web.config may never set (AppHostOnly / MachineOnly, as the profiles say): not proposed. */
function serverOnly(section: SectionSchema): boolean {
  return section.allowDefinition === 'AppHostOnly' || section.allowDefinition === 'MachineOnly';
}

/** The attributes an element takes (the <location> element's own, for a location). */
export function attributesOf(node: SchemaNode): AttributeSchema[] {
  if (node.kind === 'element') return [...node.el.attributes.values()];
  if (node.kind === 'root' && node.location) return [...LOCATION_SCHEMA.attributes.values()];
  return [];
}

/** True when an element of this schema holds child elements (completion writes an end tag then). */
export function hasChildren(el: ElementSchema | undefined): boolean {
  return !el || el.elements.size > 0 || !!el.collection;
}
