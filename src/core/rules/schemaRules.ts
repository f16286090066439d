/**
 * The schema-driven check: every element and attribute under <configuration> (and inside <location>) judged
 * against the schema IIS would use, as IIS does (names case-sensitive): config-element-unknown,
 * config-attribute-unknown, config-value-invalid, config-attribute-missing, config-not-in-target,
 * config-section-unknown. Placement and locks: schemaPlacement.ts; duplicate keys: collectionRules.ts.
 */
import type { MessageArgs } from '../messages';
import { iisError } from '../schema/iisErrors';
import { checkValue } from '../schema/values';
import { caseOnly, nearest } from '../schema/suggest';
import { describeTargetFor, describeVersions } from '../schema/target';
import type { AttributeSchema, ElementSchema, Schema, SectionSchema } from '../schema/types';
import type { XmlAttribute, XmlElement } from '../xml/types';
import { nameSpan, valueSpan, type Rule, type RuleContext } from './context';
import { declaredSections, schemaOf, visitSections } from './schemaScope';
import { sectionPlacement } from './schemaPlacement';

/** Attributes the configuration system itself handles on any element (not in any schema file). */
const UNIVERSAL = new Set(['lockAttributes', 'lockAllAttributesExcept', 'lockElements', 'lockAllElementsExcept', 'lockItem', 'configSource']);

const LOCATION_ATTRIBUTES: AttributeSchema[] = [
  { name: 'path', type: 'string' },
  { name: 'overrideMode', type: 'enum', values: [{ name: 'Allow', value: 0 }, { name: 'Deny', value: 1 }, { name: 'Inherit', value: 2 }] },
  { name: 'allowOverride', type: 'bool' },
  { name: 'inheritInChildApplications', type: 'bool' },
].map((a) => ({ required: false, isUniqueKey: false, isCombinedKey: false, caseSensitive: false, expanded: false, encrypted: false, values: [], ...a }) as AttributeSchema);

export const LOCATION_SCHEMA: ElementSchema = {
  name: 'location', attributes: new Map(LOCATION_ATTRIBUTES.map((a) => [a.name, a])), elements: new Map(), allowUnrecognizedAttributes: false,
};

const ignorable = (name: string) => UNIVERSAL.has(name) || name.includes(':') || name === 'xmlns';

export const schemaElements: Rule = (ctx) => {
  const schema = schemaOf(ctx);
  const conf = ctx.model.configuration;
  if (!conf) return;
  const declared = declaredSections(conf);
  for (const loc of ctx.model.scopes) if (loc !== conf) checkAttributes(ctx, schema, loc, LOCATION_SCHEMA);
  visitSections(conf, schema, declared, {
    section: (el, section) => {
      sectionPlacement(ctx, el, section);
      if (!section.opaque) checkElement(ctx, schema, el, section);
    },
    unknown: (el, path, siblings) => unknownSection(ctx, schema, el, path, siblings),
  });
};

/**
 * Sections that widely used add-on modules declare (not IIS, not the bundled profiles): without the host's schema
 * their use is normal, not a slip, so it is said as what it needs. Their attributes are not judged.
 */
const ADD_ON_SECTIONS = new Map([
  ['system.webServer/iisnode', 'iisnode'],
  ['system.webServer/cors', 'IIS CORS Module'],
  ['system.webServer/heliconZoo', 'Helicon Zoo'],
  ['system.webServer/heliconApe', 'Helicon Ape'],
]);

function unknownSection(ctx: RuleContext, schema: Schema, el: XmlElement, path: string, siblings: string[]): void {
  const host = schema.origin === 'host';
  const addOn = ADD_ON_SECTIONS.get(path);
  if (addOn && !host) {
    const span = nameSpan(el);
    ctx.report('config-section-unknown', span.start, span.end, 'schema.sectionThirdParty', { path, module: addOn, ...iisError('section', el.name) }, [], 'information');
    return;
  }
  const group = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
  // Profiles describe system.webServer; elsewhere (system.web, runtime...) only a case slip of a known name is judged.
  const suggestion = nearest(el.name, siblings);
  if (!host && !group.startsWith('system.webServer') && !(suggestion && caseOnly(el.name, suggestion))) return;
  if (!host && el.name.toLowerCase() === 'appsettings') return; // appsettings-misspelled says it
  const span = nameSpan(el);
  const renamable = suggestion !== undefined && caseOnly(el.name, suggestion) && !el.parent?.children.some((c) => c.name === suggestion);
  const args: MessageArgs = { path, name: el.name, suggestion: suggestion ?? '', fixed: renamable ? suggestion! : '', ...iisError('section', el.name) };
  const key = host ? (suggestion ? 'schema.sectionUnknownHostNear' : 'schema.sectionUnknownHost') : suggestion ? 'schema.sectionUnknownNear' : 'schema.sectionUnknown';
  ctx.report('config-section-unknown', span.start, span.end, key, args, [], host ? 'error' : undefined);
}

/** Judges one element against its schema: its attributes, then its children (recursively; schema depth is small). */
export function checkElement(ctx: RuleContext, schema: Schema, el: XmlElement, s: ElementSchema): void {
  checkAttributes(ctx, schema, el, s);
  const c = s.collection;
  for (const child of el.children) {
    const sub = s.elements.get(child.name);
    if (sub) checkElement(ctx, schema, child, sub);
    else if (c && c.addElements.includes(child.name)) checkElement(ctx, schema, child, c.allowUnrecognizedAttributes ? lenient(c.item) : c.item);
    else if (c && child.name === c.removeElement) checkAttributes(ctx, schema, child, keyOnly(c.item), true);
    else if (c && child.name === c.clearElement) checkAttributes(ctx, schema, child, EMPTY);
    else unknownElement(ctx, el, child, s);
  }
}

/** An item schema that accepts unknown attributes (its collection's allowUnrecognizedAttributes): one per item schema. */
const LENIENT = new WeakMap<ElementSchema, ElementSchema>();
function lenient(item: ElementSchema): ElementSchema {
  let out = LENIENT.get(item);
  if (!out) LENIENT.set(item, (out = { ...item, allowUnrecognizedAttributes: true }));
  return out;
}

/** The attributes an element must have (required, and with `keysRequired` the keys): once per element schema. */
const NEEDED = new WeakMap<ElementSchema, [AttributeSchema[], AttributeSchema[]]>();
function neededAttributes(s: ElementSchema, keysRequired: boolean): AttributeSchema[] {
  let pair = NEEDED.get(s);
  if (!pair) {
    const all = [...s.attributes.values()];
    NEEDED.set(s, (pair = [all.filter((a) => a.required), all.filter((a) => a.required || a.isUniqueKey)]));
  }
  return pair[keysRequired ? 1 : 0];
}

const EMPTY: ElementSchema = { name: 'clear', attributes: new Map(), elements: new Map(), allowUnrecognizedAttributes: false };

/** A `<remove>` takes only the key attributes (and needs them). One per item schema. */
const KEY_ONLY = new WeakMap<ElementSchema, ElementSchema>();
function keyOnly(item: ElementSchema): ElementSchema {
  let out = KEY_ONLY.get(item);
  if (!out) {
    const keys = [...item.attributes.values()].filter((a) => a.isUniqueKey || a.isCombinedKey);
    KEY_ONLY.set(item, (out = { ...item, attributes: new Map(keys.map((a) => [a.name, a])), elements: new Map() }));
  }
  return out;
}

function childNames(s: ElementSchema): string[] {
  const c = s.collection;
  return [...s.elements.keys(), ...(c ? [...c.addElements, c.removeElement ?? '', c.clearElement ?? ''] : [])].filter(Boolean);
}

function unknownElement(ctx: RuleContext, parent: XmlElement, el: XmlElement, s: ElementSchema): void {
  const span = nameSpan(el);
  const versions = s.elsewhere?.get(el.name);
  if (versions) {
    ctx.report('config-not-in-target', span.start, span.end, 'schema.elementNotInTarget', { name: el.name, parent: parent.name, versions: describeVersions(versions), target: describeTargetFor(versions, schemaOf(ctx).target), ...iisError('element', el.name) });
    return;
  }
  const suggestion = nearest(el.name, childNames(s));
  const renamable = suggestion !== undefined && caseOnly(el.name, suggestion) && !parent.children.some((c) => c.name === suggestion);
  ctx.report('config-element-unknown', span.start, span.end, suggestion ? 'schema.elementUnknownNear' : 'schema.elementUnknown',
    { name: el.name, parent: parent.name, suggestion: suggestion ?? '', allowed: childNames(s).join(', ') || '-', fixed: renamable ? suggestion! : '', ...iisError('element', el.name) });
}

function checkAttributes(ctx: RuleContext, schema: Schema, el: XmlElement, s: ElementSchema, keysRequired = false): void {
  for (const a of el.attributes) {
    const as = s.attributes.get(a.name);
    if (as) checkAttributeValue(ctx, el, a, as);
    else if (!ignorable(a.name) && !s.allowUnrecognizedAttributes) unknownAttribute(ctx, schema, el, a, s);
  }
  for (const as of neededAttributes(s, keysRequired)) {
    if (el.attributes.some((a) => a.name === as.name)) continue;
    if (el.attributes.some((a) => a.name.toLowerCase() === as.name.toLowerCase())) continue; // the case slip is the finding
    if (ctx.isFull('config-attribute-missing')) {
      ctx.report('config-attribute-missing', el.nameStart, el.nameEnd, 'schema.required', COUNTED_ONLY); // only counted
      continue;
    }
    const span = nameSpan(el);
    ctx.report('config-attribute-missing', span.start, span.end, 'schema.required', { name: as.name, element: el.name, ...iisError('required') });
  }
}

function checkAttributeValue(ctx: RuleContext, el: XmlElement, a: XmlAttribute, as: AttributeSchema): void {
  const p = checkValue(as, a.value);
  if (!p) return;
  const span = valueSpan(a);
  ctx.report('config-value-invalid', span.start, span.end, p.messageKey, { ...p.args, attr: a.name, element: el.name, fixed: p.fixed ?? '', ...iisError('value') });
}

/** The arguments of a finding past the per-code cap, which is only counted (its message is never rendered). */
const COUNTED_ONLY: Readonly<Record<string, string>> = Object.freeze({});

function unknownAttribute(ctx: RuleContext, schema: Schema, el: XmlElement, a: XmlAttribute, s: ElementSchema): void {
  const span = { start: a.nameStart, end: a.nameEnd };
  const versions = s.elsewhere?.get(a.name);
  if (versions) {
    ctx.report('config-not-in-target', span.start, span.end, 'schema.attributeNotInTarget', { name: a.name, element: el.name, versions: describeVersions(versions), target: describeTargetFor(versions, schema.target), ...iisError('attribute', a.name) });
    return;
  }
  if (el.name === 'add' && el.parent?.name.toLowerCase() === 'appsettings' && ['key', 'value'].includes(a.name.toLowerCase())) return; // appsettings-misspelled
  if (ctx.isFull('config-attribute-unknown')) {
    ctx.report('config-attribute-unknown', span.start, span.end, 'schema.attributeUnknown', COUNTED_ONLY); // only counted: no message is made
    return;
  }
  const names = [...s.attributes.keys()];
  const suggestion = nearest(a.name, names);
  // A rename would duplicate an attribute the element already has: then only name it.
  const renamable = suggestion !== undefined && caseOnly(a.name, suggestion) && !el.attributes.some((x) => x.name === suggestion);
  ctx.report('config-attribute-unknown', span.start, span.end, suggestion ? 'schema.attributeUnknownNear' : 'schema.attributeUnknown',
    { name: a.name, element: el.name, suggestion: suggestion ?? '', fixed: renamable ? suggestion! : '', allowed: names.join(', ') || '-', ...iisError('attribute', a.name) });
}

export type { SectionSchema };
