/**
 * The configuration a folder runs under, computed as IIS does: applicationHost.config (when known), then for each
 * configuration path from the top folder down to the folder asked about, the `<location>` blocks of the files
 * above that target it and that folder's own web.config. Attributes override; collections follow the schema's
 * add / remove / clear (keys, mergeAppend); locks (overrideModeDefault, allowDefinition, `<location
 * overrideMode="Deny">`, lockAttributes, lockElements, lockItem) are kept and what breaks them is recorded.
 * Pure: the callers read the files. effectiveView.ts turns the result into the JSON and text views.
 */
import { LineIndex } from '../text/lineIndex';
import { scanXml } from '../xml/scanner';
import type { XmlElement } from '../xml/types';
import { readDelegation, unlockedFor, type HostDelegation } from './delegation';
import { collectionKeys, keyOf } from './keys';
import { contributions, type ConfigLayer, type Contribution, type InheritNote, type LayerKind } from './contributions';
import type { SiteContext } from './sitePath';
import type { CollectionSchema, ElementSchema, Schema, SectionSchema } from './types';

export type { ConfigLayer, LayerKind } from './contributions';

/** Where a value came from: file, 1-based line and column, and the `<location path>` it sits in, if any. */
export interface Origin {
  file: string;
  line: number;
  column: number;
  kind: LayerKind;
  location?: string;
}

export interface MAttr { name: string; value: string; origin: Origin; overrides?: Origin }
export interface MEntry {
  element: string;
  key: string;
  item: XmlElement;
  origin: Origin;
  source: { path: string; text: string };
  seq: number;
  level: number;
  locked?: Origin;
}
export interface MCollection { schema?: CollectionSchema; entries: Map<string, MEntry>; clearedAt?: Origin; removed: { key: string; item: XmlElement; origin: Origin }[] }
export interface MLocks { attributes?: string[]; allAttributesExcept?: string[]; elements?: string[]; allElementsExcept?: string[]; origin: Origin; level: number }
export interface MElement { name: string; attrs: Map<string, MAttr>; children: Map<string, MElement>; coll?: MCollection; locks?: MLocks }
export interface SectionLock { reason: 'appHostOnly' | 'machineToApplication' | 'overrideModeDefault' | 'location'; exact: boolean; origin?: Origin; level: number }
export interface MSection extends MElement { path: string; lock?: SectionLock; lockRead?: boolean; known: boolean }
export interface Violation { section: string; kind: 'section' | 'attribute' | 'element' | 'item'; name: string; at: Origin; lockedAt?: Origin; reason?: SectionLock['reason'] }
export interface Duplicate { section: string; label: string; at: Origin; first: Origin }

/** `<location inheritInChildApplications="false">`: `application` set: left out, the folder is in that child application; else applied (where applications start is not known). */
export interface InheritanceNote { at: Origin; application?: string }

export interface Merged {
  sections: Map<string, MSection>;
  violations: Violation[];
  duplicates: Duplicate[];
  layers: { file: string; kind: LayerKind; locations: string[] }[];
  /** The folder's configuration path (`Default Web Site/app`) and where it came from, when known. */
  site?: { path: string; source: SiteContext['source'] };
  inheritance: InheritanceNote[];
  /** web.config files above the site's root folder: IIS does not read them. */
  outside: string[];
}

export { normLocation } from './contributions';

const attr = (el: XmlElement, name: string) => el.attributes.find((a) => a.name === name)?.value;
const list = (v: string | undefined) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean);

export function mergeConfiguration(layers: ConfigLayer[], schema: Schema, site?: SiteContext): Merged {
  const merged: Merged = { sections: new Map(), violations: [], duplicates: [], layers: [], inheritance: [], outside: [], ...(site ? { site: { path: site.path, source: site.source } } : {}) };
  const hostLayer = layers.find((l) => l.kind === 'apphost');
  const delegation = hostLayer ? readDelegation(scanXml(hostLayer.text).root) : undefined;
  let hostLines: LineIndex | undefined;
  const hostOrigin = (offset: number): Origin | undefined => {
    if (!hostLayer) return undefined;
    const p = (hostLines ??= new LineIndex(hostLayer.text)).positionAt(offset);
    return { file: hostLayer.path, line: p.line + 1, column: p.character + 1, kind: 'apphost' };
  };
  let seq = 0;
  const notes: InheritNote[] = [];
  const all = contributions(layers, site, notes, merged.outside);
  for (const n of notes) {
    const p = n.lines().positionAt(n.scope.nameStart);
    const at: Origin = { file: n.layer.path, line: p.line + 1, column: p.character + 1, kind: n.layer.kind, location: attr(n.scope, 'path') ?? '' };
    merged.inheritance.push({ at, ...(n.application !== undefined ? { application: n.application } : {}) });
  }
  for (const c of all) {
    const origin = (offset: number): Origin => {
      const p = c.lines().positionAt(offset);
      return { file: c.layer.path, line: p.line + 1, column: p.character + 1, kind: c.layer.kind, ...(c.location !== undefined ? { location: c.location } : {}) };
    };
    const m: Merger = { merged, c, origin, hostOrigin, next: () => seq++, site: site?.path };
    let entry = merged.layers.find((l) => l.file === c.layer.path);
    if (!entry) merged.layers.push((entry = { file: c.layer.path, kind: c.layer.kind, locations: [] }));
    if (c.location !== undefined && !entry.locations.includes(c.location)) entry.locations.push(c.location);
    visit(c.scope, '', (el, path, s) => mergeSection(m, el, path, s, delegation), schema);
  }
  return merged;
}

interface Merger { merged: Merged; c: Contribution; origin: (offset: number) => Origin; hostOrigin: (offset: number) => Origin | undefined; next: () => number; site?: string }

/** Section groups and elements nest a few levels in any real schema; deeper input (hostile or broken) is not merged further. */
const MAX_GROUP_DEPTH = 8;
const MAX_ELEMENT_DEPTH = 24;

const SKIPPED = new Set(['location', 'configSections', 'system.applicationHost']);

/** Calls `f` for each section element below a scope (through the schema's groups; unknown names are sections of their own). */
function visit(scope: XmlElement, group: string, f: (el: XmlElement, path: string, s: SectionSchema | undefined) => void, schema: Schema, depth = 0): void {
  if (depth > MAX_GROUP_DEPTH) return;
  for (const el of scope.children) {
    if (!group && SKIPPED.has(el.name)) continue;
    const path = group ? `${group}/${el.name}` : el.name;
    const s = schema.sections.get(path);
    if (s) f(el, path, s);
    else if (schema.groups.has(path) || (!group && el.children.length && !el.attributes.length && /^system\./.test(el.name))) visit(el, path, f, schema, depth + 1);
    else f(el, path, undefined);
  }
}

function mergeSection(m: Merger, el: XmlElement, path: string, s: SectionSchema | undefined, delegation: HostDelegation | undefined): void {
  let sec = m.merged.sections.get(path);
  if (!sec) m.merged.sections.set(path, (sec = { ...newElement(el.name), path, known: !!s && !s.opaque }));
  const c = m.c;
  const at = m.origin(el.nameStart);
  if (!sec.lockRead) {
    sec.lockRead = true;
    sec.lock = defaultLock(path, s, delegation, m);
  }
  if (c.layer.kind === 'web.config') {
    // machineToApplication is a note (an application's root may set it; where applications start is not known here).
    if (sec.lock && sec.lock.level < c.level && sec.lock.reason !== 'machineToApplication') m.merged.violations.push({ section: path, kind: 'section', name: path, at, lockedAt: sec.lock.origin, reason: sec.lock.reason });
  }
  if (c.locks) sec.lock = { reason: 'location', exact: true, origin: m.origin(c.scope.nameStart), level: c.level };
  mergeElement(m, sec, el, s && !s.opaque ? s : undefined, path);
}

/** The lock the host (or, without one, IIS's defaults) puts on a section for web.config files. */
function defaultLock(path: string, s: SectionSchema | undefined, d: HostDelegation | undefined, m: Merger): SectionLock | undefined {
  if (d) {
    const decl = d.declarations.get(path);
    if (!decl) return undefined;
    const origin = m.hostOrigin(decl.element.nameStart);
    if (decl.allowDefinition === 'AppHostOnly' || decl.allowDefinition === 'MachineOnly') return { reason: 'appHostOnly', exact: true, origin, level: 0 };
    if (decl.overrideModeDefault === 'Deny' && !unlockedFor(d, path, m.site)) return { reason: 'overrideModeDefault', exact: true, origin, level: 0 };
    if (decl.allowDefinition === 'MachineToApplication') return { reason: 'machineToApplication', exact: true, origin, level: 0 };
    return undefined;
  }
  if (s?.allowDefinition === 'AppHostOnly' || s?.allowDefinition === 'MachineOnly') return { reason: 'appHostOnly', exact: false, level: 0 };
  if (s?.overrideModeDefault === 'Deny') return { reason: 'overrideModeDefault', exact: false, level: 0 };
  if (s?.allowDefinition === 'MachineToApplication') return { reason: 'machineToApplication', exact: false, level: 0 };
  return undefined;
}

function newElement(name: string): MElement {
  return { name, attrs: new Map(), children: new Map() };
}

const LOCK_ATTRIBUTES = new Set(['lockAttributes', 'lockAllAttributesExcept', 'lockElements', 'lockAllElementsExcept', 'lockItem', 'configSource']);
const GENERIC_KEYS = ['name', 'key', 'fileExtension', 'path', 'value'];

function attributeLocked(l: MLocks, name: string): boolean {
  return (l.attributes?.includes(name) ?? false) || (l.allAttributesExcept !== undefined && !l.allAttributesExcept.includes(name));
}

function elementLocked(l: MLocks, name: string): boolean {
  return (l.elements?.includes(name) ?? false) || (l.allElementsExcept !== undefined && !l.allElementsExcept.includes(name));
}

function mergeElement(m: Merger, target: MElement, el: XmlElement, s: ElementSchema | undefined, section: string, depth = 0): void {
  if (depth > MAX_ELEMENT_DEPTH) return;
  const c = m.c;
  const locks = target.locks && target.locks.level < c.level ? target.locks : undefined;
  for (const a of el.attributes) {
    if (LOCK_ATTRIBUTES.has(a.name) || a.name === 'xmlns' || a.name.includes(':')) continue;
    const origin = m.origin(a.nameStart);
    if (locks && attributeLocked(locks, a.name)) {
      m.merged.violations.push({ section, kind: 'attribute', name: `${el.name}@${a.name}`, at: origin, lockedAt: locks.origin });
      continue;
    }
    const old = target.attrs.get(a.name);
    target.attrs.set(a.name, { name: a.name, value: a.value, origin, ...(old ? { overrides: old.origin } : {}) });
  }
  const la = attr(el, 'lockAttributes');
  const lae = attr(el, 'lockAllAttributesExcept');
  const le = attr(el, 'lockElements');
  const lee = attr(el, 'lockAllElementsExcept');
  if (la !== undefined || lae !== undefined || le !== undefined || lee !== undefined) {
    target.locks = {
      ...(la !== undefined ? { attributes: list(la) } : {}), ...(lae !== undefined ? { allAttributesExcept: list(lae) } : {}),
      ...(le !== undefined ? { elements: list(le) } : {}), ...(lee !== undefined ? { allElementsExcept: list(lee) } : {}),
      origin: m.origin(el.nameStart), level: c.level,
    };
  }
  const coll = s?.collection;
  for (const child of el.children) {
    if (locks && elementLocked(locks, child.name)) {
      m.merged.violations.push({ section, kind: 'element', name: `${el.name}/${child.name}`, at: m.origin(child.nameStart), lockedAt: locks.origin });
      continue;
    }
    const sub = s?.elements.get(child.name);
    if (sub || (!s && !['add', 'remove', 'clear'].includes(child.name))) {
      let t = target.children.get(child.name);
      if (!t) target.children.set(child.name, (t = newElement(child.name)));
      mergeElement(m, t, child, sub, section, depth + 1);
    } else if (coll || !s) applyItem(m, (target.coll ??= { schema: coll, entries: new Map(), removed: [] }), child, section);
  }
}

/** How an item is named in the view: its key attributes as written (`name="Python"`), else its first attribute. */
export function entryLabel(item: XmlElement, c: CollectionSchema | undefined): string {
  const k = c ? collectionKeys(c) : undefined;
  const names = k?.names ?? GENERIC_KEYS.filter((n) => item.attributes.some((a) => a.name === n)).slice(0, 1);
  const shown = names.map((n) => item.attributes.find((a) => a.name === n)).filter((a) => a !== undefined);
  const parts = (shown.length ? shown : item.attributes.slice(0, 1)).map((a) => `${a.name}="${a.value}"`);
  return parts.join(' ') || `<${item.name}>`;
}

function itemKey(item: XmlElement, c: CollectionSchema | undefined): string | undefined {
  const k = c ? collectionKeys(c) : undefined;
  if (k) return keyOf(item, k)?.key;
  if (c) return String(item.start); // allowDuplicates, or no key: every item is its own entry
  const a = GENERIC_KEYS.map((n) => item.attributes.find((x) => x.name === n)).find(Boolean) ?? item.attributes[0];
  return a ? a.value.trim().toLowerCase() : undefined;
}

function applyItem(m: Merger, coll: MCollection, item: XmlElement, section: string): void {
  const s = coll.schema;
  const c = m.c;
  const origin = m.origin(item.nameStart);
  const lockedBelow = (e: MEntry) => e.locked && e.level < c.level;
  if (item.name === (s ? s.clearElement : 'clear')) {
    const kept = [...coll.entries.values()].filter(lockedBelow);
    for (const e of kept) m.merged.violations.push({ section, kind: 'item', name: entryLabel(e.item, s), at: origin, lockedAt: e.locked });
    coll.entries = new Map(kept.map((e) => [e.key, e]));
    coll.clearedAt = origin;
    return;
  }
  const key = itemKey(item, s);
  if (key === undefined) return;
  if (item.name === (s ? s.removeElement : 'remove')) {
    const e = coll.entries.get(key);
    if (e && lockedBelow(e)) m.merged.violations.push({ section, kind: 'item', name: entryLabel(item, s), at: origin, lockedAt: e.locked });
    else if (coll.entries.delete(key)) coll.removed.push({ key, item, origin });
    return;
  }
  if (s && !s.addElements.includes(item.name)) return;
  const first = coll.entries.get(key);
  if (first) {
    m.merged.duplicates.push({ section, label: entryLabel(item, s), at: origin, first: first.origin });
    return;
  }
  coll.entries.set(key, {
    element: item.name, key, item, origin, source: { path: c.layer.path, text: c.layer.text }, seq: m.next(), level: c.level,
    ...(attr(item, 'lockItem') === 'true' ? { locked: origin } : {}),
  });
}
