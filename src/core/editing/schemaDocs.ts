/**
 * Documentation of elements and attributes for completion and hover: what the schema says (type, default, allowed
 * values, range, required) with the catalogue's Python-specific text and link on top (it wins where it says more).
 */
import { elementDoc, type AttributeDoc, type ElementDoc } from '../catalogue/elements';
import { formatTimeSpan } from '../schema/values';
import { describeVersions } from '../schema/target';
import type { AttributeSchema, ElementSchema } from '../schema/types';
import type { DocBlock } from './env';

/** The values an attribute takes: true and false; enumerations and flags in schema order, the default first. */
export function allowedValues(a: AttributeSchema): string[] {
  if (a.type === 'bool') return ['true', 'false'];
  const names = a.type === 'enum' || a.type === 'flags' ? a.values.map((v) => v.name) : [];
  const d = a.defaultValue;
  const i = d === undefined ? -1 : names.findIndex((n) => n.toLowerCase() === d.toLowerCase());
  return i > 0 ? [names[i]!, ...names.slice(0, i), ...names.slice(i + 1)] : names;
}

function facts(a: AttributeSchema): NonNullable<DocBlock['facts']> {
  const out: NonNullable<DocBlock['facts']> = [{ key: 'hover.type', args: { type: a.type } }];
  if (a.required) out.push({ key: 'hover.required' });
  if (a.type === 'flags') out.push({ key: 'hover.flags' });
  const v = a.validator;
  if (v?.kind === 'integerRange' && a.type !== 'enum' && a.type !== 'flags') out.push({ key: v.exclude ? 'hover.rangeExcluded' : 'hover.range', args: { min: v.min, max: v.max } });
  if (v?.kind === 'timeSpanRange') {
    out.push({ key: 'hover.range', args: { min: formatTimeSpan(v.min), max: formatTimeSpan(v.max) } });
    if (v.granularity > 1) out.push({ key: 'hover.granularity', args: { granularity: v.granularity } });
  }
  if (v?.kind === 'nonEmptyString') out.push({ key: 'hover.nonEmpty' });
  if (v?.kind === 'requireTrimmedString') out.push({ key: 'hover.trimmed' });
  if (a.versions?.length) out.push({ key: 'hover.onlyIn', args: { versions: describeVersions(a.versions) } });
  return out;
}

/** An attribute's documentation: the schema's facts, the catalogue's text, link and example. */
export function attributeBlock(element: string, a: AttributeSchema | undefined, cat: AttributeDoc | undefined, link?: string): DocBlock {
  const block: DocBlock = { title: `${element} ${a?.name ?? cat?.name ?? ''}`, summary: cat?.summary ?? '' };
  if (a) {
    block.facts = facts(a);
    if (a.defaultValue !== undefined && a.defaultValue !== '') block.default = a.defaultValue;
    const values = allowedValues(a);
    if (values.length) block.values = values;
  } else if (cat?.values) block.values = cat.values;
  if (cat?.example !== undefined) block.example = cat.example;
  if (link) block.link = link;
  return block;
}

/** An element's documentation: the catalogue's text and link; a section names its path. */
export function elementBlock(name: string, cat: ElementDoc | undefined, section?: string): DocBlock {
  const block: DocBlock = { title: `<${name}>`, summary: cat?.summary ?? '' };
  if (section) block.facts = [{ key: 'hover.section', args: { path: section } }];
  if (cat) block.link = cat.docs;
  return block;
}

/** The catalogue entry of an element and the documentation of its attribute `name`. */
export function catalogueAttribute(element: string, parent: string | undefined, name: string): { el?: ElementDoc; attr?: AttributeDoc } {
  const el = elementDoc(element, parent);
  return { el, attr: el?.attributes.find((x) => x.name === name) };
}

/** Whether an element schema is a section (it has a path). */
export function sectionPath(el: ElementSchema | undefined): string | undefined {
  return el && 'path' in el ? String((el as { path: unknown }).path) : undefined;
}
