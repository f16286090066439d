/**
 * duplicate-collection-entry, driven by the schema: every collection's unique or combined key (defaults filling
 * absent key attributes, case-insensitive unless the key is caseSensitive), computed with add / remove / clear
 * semantics across the file's sections for one path (the file itself and `<location path=".">`) and the parent
 * folders' web.config files; and a section defined twice in one place.
 */
import type { RelatedLocation } from '../findings';
import { collectionKeys as keyAttributes, keyOf, type CollectionKeys } from '../schema/keys';
import type { CollectionSchema, ElementSchema, SectionSchema } from '../schema/types';
import type { XmlAttribute, XmlElement } from '../xml/types';
import { nameSpan, valueSpan, type Rule, type RuleContext } from './context';
import { declaredSections, schemaOf, visitSections } from './schemaScope';
import { inheritedCollection, inheritedConfig } from './inheritedConfig';
import type { MCollection } from '../schema/effective';

/** Duplicates reported one by one per collection (or per place, for sections); the rest get one summary finding. */
export const MAX_DUPLICATES_LISTED = 100;

interface Entry {
  item: XmlElement;
  attr: XmlAttribute | undefined;
  /** The parent file that adds it; undefined for the checked file. */
  file?: { path: string; text: string };
}

interface State {
  label: string;
  entries: Map<string, Entry>;
  found: number;
  more?: { item: XmlElement; attr: XmlAttribute; first: Entry };
}

type Keys = CollectionKeys;

/** The entries a collection starts with (an element path inside the section → key → entry). */
type Seed = (path: string) => Iterable<[string, Entry]> | undefined;

type Report = (state: State, item: XmlElement, attr: XmlAttribute, first: Entry, label: string, keys: Keys) => void;

/** Applies one collection element's children to the state; `report` is undefined for a parent file (silent). */
function applyCollection(el: XmlElement, c: CollectionSchema, state: State, label: string, file: Entry['file'], report: Report | undefined): void {
  const k = keyAttributes(c);
  for (const item of el.children) {
    if (item.name === c.clearElement) state.entries.clear();
    else if (k && item.name === c.removeElement) {
      const key = keyOf(item, k);
      if (key) state.entries.delete(key.key);
    } else if (k && c.addElements.includes(item.name)) {
      const key = keyOf(item, k);
      if (!key) continue;
      const first = state.entries.get(key.key);
      if (!first) state.entries.set(key.key, { item, attr: key.attr, file });
      else if (report && key.attr) report(state, item, key.attr, first, label, k);
      else if (!report) state.entries.set(key.key, { item, attr: key.attr, file });
    }
  }
}

/** Walks a section's elements, merging into `states` (keyed by the element path inside the section). */
function walk(el: XmlElement, s: ElementSchema, states: Map<string, State>, path: string, label: string, file: Entry['file'], report: Report | undefined, seed?: Seed): void {
  if (s.collection) {
    const full = label + (path ? ` ${path.slice(1).replace(/\//g, ' ')}` : '') + (s.collection.addElements[0] !== 'add' && s.collection.addElements[0] !== 'rule' ? ` ${s.collection.addElements[0]}` : '');
    let state = states.get(path);
    if (!state) states.set(path, (state = { label: full, entries: new Map(seed?.(path)), found: 0 }));
    applyCollection(el, s.collection, state, full, file, report);
    // Collections inside items belong to that item: fresh state each (a parent never adds to them).
    if (report && keyedBelow(s.collection.item)) {
      for (const item of el.children) {
        if (s.collection.addElements.includes(item.name)) walk(item, s.collection.item, new Map(), '', `${label} ${item.name}`, file, report);
      }
    }
  }
  for (const child of el.children) {
    const sub = s.elements.get(child.name);
    if (sub && keyedBelow(sub)) walk(child, sub, states, `${path}/${child.name}`, label, file, report, seed);
  }
}

const KEYED = new WeakMap<ElementSchema, boolean>();

/** True when some collection with keys lies in or below this element's schema (else its instances need no walk). */
function keyedBelow(s: ElementSchema): boolean {
  let v = KEYED.get(s);
  if (v === undefined) {
    KEYED.set(s, false); // schemas are trees, but never loop on a malformed one
    v = (!!s.collection && (keyAttributes(s.collection) !== undefined || keyedBelow(s.collection.item))) || [...s.elements.values()].some(keyedBelow);
    KEYED.set(s, v);
  }
  return v;
}

const labelOf = (section: SectionSchema) => section.path.replace(/^system\.webServer\//, '').replace(/\//g, ' ');
const normPath = (p: string | undefined) => (p ?? '').trim().replace(/^[./\\]+$/, '').replace(/^\/+|\/+$/g, '');

const isRoot = (conf: XmlElement, scope: XmlElement) => scope === conf || normPath(scope.attributes.find((a) => a.name === 'path')?.value) === '';

export const duplicateEntries: Rule = (ctx) => {
  const schema = schemaOf(ctx);
  const conf = ctx.model.configuration;
  if (!conf) return;
  const states = new Map<string, Map<string, State>>();
  const scopeKey = (scope: XmlElement) => (isRoot(conf, scope) ? '' : normPath(scope.attributes.find((a) => a.name === 'path')?.value));
  const statesFor = (scope: XmlElement, path: string) => {
    const key = `${scopeKey(scope)}\u0000${path}`;
    let s = states.get(key);
    if (!s) states.set(key, (s = new Map()));
    return s;
  };
  const inherited = inheritedConfig(ctx);
  // The folder's own sections start from what the host and the parents leave in force.
  const fromParents = (section: string): Seed => (path) => {
    const coll = inheritedCollection(inherited, section, path);
    return coll && [...coll.entries].map(([key, e]) => [key, { item: e.item, attr: keyAttr(e.item, coll), file: e.source }]);
  };
  // A <location path="sub"> starts from this file's own root-level entries (as IIS merges it: after them).
  // appSettings is read by .NET and wfastcgi only, which let a deeper level override a key: not seeded.
  const fromRoot = (section: string): Seed => (path) => (section === 'appSettings' ? undefined : states.get(`\u0000${section}`)?.get(path)?.entries ?? fromParents(section)(path));
  const perScope = new Map<XmlElement, Map<string, XmlElement[]>>();
  const report = reporter(ctx);
  for (const rootPass of [true, false]) {
    visitSections(conf, schema, declaredSections(conf), {
      section(el, section, scope) {
        if (isRoot(conf, scope) !== rootPass) return;
        let m = perScope.get(scope);
        if (!m) perScope.set(scope, (m = new Map()));
        const list = m.get(section.path);
        if (list) list.push(el);
        else m.set(section.path, [el]);
        if (!section.opaque) walk(el, section, statesFor(scope, section.path), '', labelOf(section), undefined, report, rootPass ? fromParents(section.path) : fromRoot(section.path));
      },
    });
  }
  for (const [, byPath] of perScope) checkSections(ctx, [...byPath.values()].filter((l) => l.length > 1));
  for (const byPath of states.values()) for (const st of byPath.values()) summarize(ctx, st);
};

function keyAttr(item: XmlElement, coll: MCollection): XmlAttribute | undefined {
  const k = coll.schema && keyAttributes(coll.schema);
  return k ? keyOf(item, k)?.attr : undefined;
}

function reporter(ctx: RuleContext): Report {
  return (state, item, a, first, label, k) => {
    if (++state.found > MAX_DUPLICATES_LISTED) {
      state.more ??= { item, attr: a, first };
      return;
    }
    const span = valueSpan(a);
    const value = a.value;
    const attrName = k.names.join(', ');
    const related = relatedFirst(first);
    if (first.file) {
      const line = lineIn(first.file.text, first.item.start);
      ctx.report('duplicate-collection-entry', span.start, span.end, 'dup.entryParent', { collection: label, attr: attrName, value, line, parent: first.file.path }, related);
      return;
    }
    const line = ctx.lines().positionAt(first.item.start).line + 1;
    ctx.report('duplicate-collection-entry', span.start, span.end, 'dup.entry',
      { collection: label, attr: a.name, value, line, lastWins: label === 'appSettings' ? '@dup.lastWins' : '' }, related);
  };
}

function relatedFirst(first: Entry): RelatedLocation[] {
  const span = first.attr ? valueSpan(first.attr) : nameSpan(first.item);
  return [{ ...span, ...(first.file ? { path: first.file.path, text: first.file.text } : {}), messageKey: 'related.first' }];
}

function lineIn(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

function summarize(ctx: RuleContext, st: State): void {
  const more = st.more;
  if (!more) return;
  const span = valueSpan(more.attr);
  ctx.report('duplicate-collection-entry', span.start, span.end, 'dup.more',
    { count: st.found - MAX_DUPLICATES_LISTED, collection: st.label, attr: more.attr.name, value: more.attr.value, shown: MAX_DUPLICATES_LISTED }, relatedFirst(more.first));
}

function checkSections(ctx: RuleContext, groups: XmlElement[][]): void {
  let found = 0;
  let more: { el: XmlElement; first: XmlElement } | undefined;
  for (const list of groups) {
    const first = list[0]!;
    for (const s of list.slice(1)) {
      if (++found > MAX_DUPLICATES_LISTED) {
        more ??= { el: s, first };
        continue;
      }
      const span = nameSpan(s);
      ctx.report('duplicate-collection-entry', span.start, span.end, 'dup.section',
        { name: s.name, line: ctx.lines().positionAt(first.start).line + 1 }, [{ ...nameSpan(first), messageKey: 'related.first' }]);
    }
  }
  if (!more) return;
  const span = nameSpan(more.el);
  ctx.report('duplicate-collection-entry', span.start, span.end, 'dup.moreSections',
    { count: found - MAX_DUPLICATES_LISTED, name: more.el.name, shown: MAX_DUPLICATES_LISTED }, [{ ...nameSpan(more.first), messageKey: 'related.first' }]);
}
