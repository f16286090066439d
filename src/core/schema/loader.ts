/**
 * Reads IIS's configuration schema format (the files in %windir%\System32\inetsrv\config\schema, and our profiles)
 * into the schema model. Takes the file text (the caller reads files); never throws: a broken file gives problems.
 * Tolerates the quirks of the real files: `defaultvalue` in lower case, `default=` instead of `defaultValue=`, and
 * unknown meta-attributes such as `mergeElement`.
 */
import { XMLParser } from 'fast-xml-parser';
import { ATTRIBUTE_TYPES, type AttributeSchema, type AttributeType, type CollectionSchema, type ElementSchema, type EnumValue, type SchemaFile, type SectionSchema, type Validator } from './types';

/** One node of fast-xml-parser's ordered output: `{ tag: children, ':@': attributes }`. */
type Node = Record<string, unknown>;

/**
 * Options chosen for speed on ~100 KB host files: comments are dropped (not kept as nodes) and `jPath: false` spares
 * building a path string for every element with attributes (we use no callbacks that would read it).
 */
export const PARSER_OPTIONS = {
  preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', parseAttributeValue: false, parseTagValue: false,
  ignoreDeclaration: true, ignorePiTags: true, processEntities: false, trimValues: true, jPath: false,
} as const;
export const PARSER = new XMLParser(PARSER_OPTIONS);

/** While reading one file: its problems, and whether our `flaskIis:` meta-attributes count (profiles only). */
export interface ReadContext { problems: string[]; meta: boolean }

/** Our meta-attributes in profiles (ignored in a host's files: see hostLoader.ts). */
const NS = 'flaskIis:';

export function tagOf(node: Node): string | undefined {
  for (const k of Object.keys(node)) if (k !== ':@' && k !== '#text' && k !== '#comment') return k;
  return undefined;
}

/**
 * The five predefined entities and character references, decoded here: fast-xml-parser's own entity processing
 * costs ten times the parse (measured), and schema files only use these.
 */
const ENTITY = /&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
function decode(v: string): string {
  if (!v.includes('&')) return v;
  return v.replace(ENTITY, (m, e: string) => {
    if (e[0] !== '#') return NAMED[e] ?? m;
    const n = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : m;
  });
}

export function attrsOf(node: Node): Record<string, string> {
  const a = node[':@'];
  if (!a || typeof a !== 'object') return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(a as Record<string, unknown>)) out[k] = decode(String(v));
  return out;
}

export function kids(node: Node, tag: string): Node[] {
  const c = node[tag];
  return Array.isArray(c) ? (c as Node[]) : [];
}

/** An attribute of a schema element, looked up case-insensitively (the files are not consistent). */
function meta(attrs: Record<string, string>, name: string): string | undefined {
  if (name in attrs) return attrs[name];
  const lower = name.toLowerCase();
  for (const k of Object.keys(attrs)) if (k.toLowerCase() === lower) return attrs[k];
  return undefined;
}

export const truthy = (v: string | undefined) => (v ?? '').trim().toLowerCase() === 'true';

function versionsOf(attrs: Record<string, string>, meta = true): string[] | undefined {
  const v = meta ? attrs[NS + 'versions'] : undefined;
  return v ? v.split(',').map((s) => s.trim()).filter(Boolean) : undefined;
}

export function parseValidator(type: string | undefined, parameter: string | undefined): Validator | undefined {
  if (!type) return undefined;
  const parts = (parameter ?? '').split(',').map((s) => s.trim());
  const num = (i: number, d: number) => (parts[i] !== undefined && parts[i] !== '' && Number.isFinite(Number(parts[i])) ? Number(parts[i]) : d);
  switch (type) {
    case 'integerRange': return { kind: 'integerRange', min: num(0, -Infinity), max: num(1, Infinity), exclude: parts[2]?.toLowerCase() === 'exclude' };
    case 'timeSpanRange': return { kind: 'timeSpanRange', min: num(0, 0), max: num(1, Infinity), granularity: Math.max(1, num(2, 1)) };
    case 'nonEmptyString': return { kind: 'nonEmptyString' };
    case 'requireTrimmedString': return { kind: 'requireTrimmedString' };
    default: return { kind: 'other', name: type };
  }
}

function readAttribute(node: Node, ctx: ReadContext, where: string): AttributeSchema | undefined {
  const problems = ctx.problems;
  const a = attrsOf(node);
  const name = a['name'];
  if (!name) {
    problems.push(`${where}: an <attribute> without a name`);
    return undefined;
  }
  const rawType = (a['type'] ?? 'string').trim();
  const type = (ATTRIBUTE_TYPES as readonly string[]).includes(rawType) ? (rawType as AttributeType) : undefined;
  if (!type) problems.push(`${where}/@${name}: unknown type '${rawType}' (read as string)`);
  const values: EnumValue[] = [];
  for (const child of kids(node, 'attribute')) {
    const tag = tagOf(child);
    if (tag !== 'enum' && tag !== 'flag') continue;
    const ca = attrsOf(child);
    if (ca['name'] !== undefined) values.push({ name: ca['name'], value: Number(ca['value'] ?? NaN) });
  }
  return {
    name,
    type: type ?? 'string',
    defaultValue: meta(a, 'defaultValue') ?? a['default'],
    required: truthy(a['required']),
    isUniqueKey: truthy(a['isUniqueKey']),
    isCombinedKey: truthy(a['isCombinedKey']),
    caseSensitive: truthy(a['caseSensitive']),
    expanded: truthy(a['expanded']),
    encrypted: truthy(a['encrypted']),
    values,
    validator: parseValidator(a['validationType'], a['validationParameter']),
    versions: versionsOf(a, ctx.meta),
  };
}

export function emptyElement(name: string, attrs: Record<string, string>, meta = true): ElementSchema {
  return {
    name, attributes: new Map(), elements: new Map(),
    allowUnrecognizedAttributes: truthy(attrs['allowUnrecognizedAttributes']), versions: versionsOf(attrs, meta),
  };
}

/** Fills `el` from the children of `node` (attributes, elements, one collection). */
export function readBody(el: ElementSchema, node: Node, tag: string, ctx: ReadContext, where: string): void {
  for (const child of kids(node, tag)) {
    const t = tagOf(child);
    if (t === 'attribute') {
      const a = readAttribute(child, ctx, where);
      if (a) el.attributes.set(a.name, a);
    } else if (t === 'element') {
      const ca = attrsOf(child);
      const name = ca['name'];
      if (!name) {
        ctx.problems.push(`${where}: an <element> without a name`);
        continue;
      }
      const sub = emptyElement(name, ca, ctx.meta);
      readBody(sub, child, 'element', ctx, `${where}/${name}`);
      el.elements.set(name, sub);
    } else if (t === 'collection') {
      el.collection = readCollection(child, ctx, where);
    }
  }
}

function readCollection(node: Node, ctx: ReadContext, where: string): CollectionSchema {
  const a = attrsOf(node);
  const addElements = (a['addElement'] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  if (!addElements.length) ctx.problems.push(`${where}: a <collection> without addElement`);
  const item = emptyElement(addElements[0] ?? 'add', a, ctx.meta);
  readBody(item, node, 'collection', ctx, `${where}/${addElements[0] ?? 'add'}`);
  return {
    addElements,
    removeElement: a['removeElement'] || undefined,
    clearElement: a['clearElement'] || undefined,
    allowDuplicates: truthy(a['allowDuplicates']),
    mergeAppend: a['mergeAppend'] === undefined ? true : truthy(a['mergeAppend']),
    allowUnrecognizedAttributes: truthy(a['allowUnrecognizedAttributes']),
    item,
  };
}

export const DEFINITIONS = new Set(['Everywhere', 'MachineOnly', 'MachineToApplication', 'AppHostOnly']);

/** Parses one schema file's text. `source` names it in problems. */
export function loadSchemaText(text: string, source: string): SchemaFile {
  const problems: string[] = [];
  let nodes: Node[];
  try {
    nodes = PARSER.parse(text) as Node[];
  } catch (e) {
    return { source, sections: [], problems: [`${source}: not well-formed XML (${e instanceof Error ? e.message : String(e)})`] };
  }
  const root = nodes.find((n) => tagOf(n) === 'configSchema');
  if (!root) return { source, sections: [], problems: [`${source}: no <configSchema> root`] };
  const fileVersions = versionsOf(attrsOf(root));
  const sections: SectionSchema[] = [];
  for (const child of kids(root, 'configSchema')) {
    if (tagOf(child) !== 'sectionSchema') continue;
    const a = attrsOf(child);
    const path = a['name'];
    if (!path) {
      problems.push(`${source}: a <sectionSchema> without a name`);
      continue;
    }
    const name = path.slice(path.lastIndexOf('/') + 1);
    const section: SectionSchema = { ...emptyElement(name, a), path, versions: versionsOf(a) ?? fileVersions };
    const def = a[NS + 'allowDefinition'];
    if (def && DEFINITIONS.has(def)) section.allowDefinition = def as SectionSchema['allowDefinition'];
    const om = a[NS + 'overrideModeDefault'];
    if (om === 'Allow' || om === 'Deny') section.overrideModeDefault = om;
    if (truthy(a[NS + 'opaque'])) section.opaque = true;
    readBody(section, child, 'sectionSchema', { problems, meta: true }, `${source}:${path}`);
    sections.push(section);
  }
  return { source, sections, versions: fileVersions, problems };
}
