/**
 * The effective configuration as data (the `flask-iis effective --format json` document) and as text or Markdown
 * (the CLI's text, VS Code's read-only document). Every value carries its origin (file, line, column, location).
 */
import type { MessageArgs, MessageKey } from '../messages';
import type { XmlElement } from '../xml/types';
import { entryLabel, mergeConfiguration, type ConfigLayer, type InheritanceNote, type MElement, type MLocks, type MSection, type Origin } from './effective';
import type { SiteContext } from './sitePath';
import type { Schema } from './types';

export interface EffectiveAttribute { name: string; value: string; origin: Origin; overrides?: Origin; locked?: Origin }
export interface EffectiveEntry { element: string; label: string; attributes: { name: string; value: string }[]; children: RawElement[]; origin: Origin; locked?: Origin }
export interface RawElement { name: string; attributes: { name: string; value: string }[]; children: RawElement[] }
export interface EffectiveCollection { entries: EffectiveEntry[]; clearedAt?: Origin; removed: { label: string; origin: Origin }[] }
export interface EffectiveLocks { attributes?: string[]; allAttributesExcept?: string[]; elements?: string[]; allElementsExcept?: string[]; origin: Origin }
export interface EffectiveElement { name: string; attributes: EffectiveAttribute[]; elements: EffectiveElement[]; collection?: EffectiveCollection; locks?: EffectiveLocks }
export interface EffectiveSection extends EffectiveElement {
  path: string;
  /** The section may not be set below its lock: `exact` when the host's applicationHost.config says so, else IIS's default. */
  locked?: { reason: 'appHostOnly' | 'machineToApplication' | 'overrideModeDefault' | 'location'; exact: boolean; origin?: Origin };
}

export interface EffectiveConfig {
  /** The folder asked about, as the caller names it. */
  folder: string;
  /** True when an applicationHost.config was read (locks are exact); else the locks are IIS's defaults. */
  host: boolean;
  layers: { file: string; kind: 'apphost' | 'web.config'; locations: string[] }[];
  sections: EffectiveSection[];
  violations: { section: string; kind: 'section' | 'attribute' | 'element' | 'item'; name: string; at: Origin; lockedAt?: Origin; reason?: string }[];
  duplicates: { section: string; label: string; at: Origin; first: Origin }[];
  /** The folder's IIS configuration path (`Default Web Site/app`), when known, and where it came from. */
  site?: { path: string; source: SiteContext['source'] };
  /** `<location inheritInChildApplications="false">` blocks: left out here (`application`: the child application), or applied not knowing. */
  inheritance: InheritanceNote[];
  /** web.config files above the site's root folder (IIS does not read them; not merged). */
  outside: string[];
}

const MAX_RAW_DEPTH = 6;

function raw(el: XmlElement, d = 0): RawElement {
  return { name: el.name, attributes: el.attributes.map((a) => ({ name: a.name, value: a.value })), children: d < MAX_RAW_DEPTH ? el.children.map((c) => raw(c, d + 1)) : [] };
}

function lockedBy(l: MLocks | undefined, name: string): Origin | undefined {
  if (!l) return undefined;
  const locked = (l.attributes?.includes(name) ?? false) || (l.allAttributesExcept !== undefined && !l.allAttributesExcept.includes(name));
  return locked ? l.origin : undefined;
}

function element(m: MElement): EffectiveElement {
  const out: EffectiveElement = {
    name: m.name,
    attributes: [...m.attrs.values()].map((a) => {
      const locked = lockedBy(m.locks, a.name);
      return { name: a.name, value: a.value, origin: a.origin, ...(a.overrides ? { overrides: a.overrides } : {}), ...(locked ? { locked } : {}) };
    }),
    elements: [...m.children.values()].map(element),
  };
  if (m.locks) {
    const { level: _level, ...locks } = m.locks;
    out.locks = locks;
  }
  if (m.coll) {
    const c = m.coll;
    const entries = [...c.entries.values()];
    // mergeAppend="false" (handlers): a lower level's entries come before the ones it inherits.
    if (c.schema && !c.schema.mergeAppend) entries.sort((a, b) => b.level - a.level || a.seq - b.seq);
    out.collection = {
      entries: entries.map((e) => ({
        element: e.element, label: entryLabel(e.item, c.schema), attributes: e.item.attributes.map((a) => ({ name: a.name, value: a.value })),
        children: e.item.children.map((x) => raw(x)), origin: e.origin, ...(e.locked ? { locked: e.locked } : {}),
      })),
      ...(c.clearedAt ? { clearedAt: c.clearedAt } : {}),
      removed: c.removed.map((r) => ({ label: entryLabel(r.item, c.schema), origin: r.origin })),
    };
  }
  return out;
}

function section(s: MSection): EffectiveSection {
  const { lock } = s;
  return { path: s.path, ...element(s), ...(lock ? { locked: { reason: lock.reason, exact: lock.exact, ...(lock.origin ? { origin: lock.origin } : {}) } } : {}) };
}

/** The effective configuration of the folder the layers lead to (apphost first, then web.config files outermost first). */
export function effectiveConfig(folder: string, layers: ConfigLayer[], schema: Schema, site?: SiteContext): EffectiveConfig {
  const m = mergeConfiguration(layers, schema, site);
  return {
    folder,
    host: layers.some((l) => l.kind === 'apphost'),
    layers: m.layers,
    sections: [...m.sections.values()].sort((a, b) => a.path.localeCompare(b.path)).map(section),
    violations: m.violations.map((v) => ({ ...v })),
    duplicates: m.duplicates.map((d) => ({ ...d })),
    ...(m.site ? { site: m.site } : {}),
    inheritance: m.inheritance,
    outside: m.outside,
  };
}

export interface RenderOptions {
  /** Renders a message of the table (translated). */
  say: (key: MessageKey, args?: MessageArgs) => string;
  /** How an origin is shown: `web.config:12` (text), or a Markdown link. */
  origin: (o: Origin) => string;
  /** How a whole file is shown in the list of files. */
  file: (path: string) => string;
  markdown?: boolean;
}

/** The view as lines: one heading per section, each value with where it came from. */
export function renderEffective(view: EffectiveConfig, o: RenderOptions): string {
  const md = !!o.markdown;
  const code = (s: string) => (md ? '`' + s.replace(/`/g, "'") + '`' : s);
  const lines: string[] = [md ? `# ${o.say('effective.title', { folder: view.folder })}` : o.say('effective.title', { folder: view.folder }), ''];
  lines.push(o.say('effective.files'));
  view.layers.forEach((l, i) => {
    const where = l.locations.filter((p) => p !== '' && p !== '.').map((p) => `<location path="${p}">`);
    lines.push(`${md ? `${i + 1}.` : `  ${i + 1}.`} ${o.file(l.file)}${where.length ? ` (${code(where.join(', '))})` : ''}`);
  });
  for (const f of view.outside) lines.push(`${md ? '-' : ' '} ${o.say('effective.outside', { file: o.file(f) })}`);
  if (view.site) lines.push('', o.say('effective.site', { path: code(view.site.path), source: o.say(`effective.siteSource.${view.site.source}` as MessageKey) }));
  else if (view.host) lines.push('', o.say('effective.noSite'));
  for (const n of view.inheritance) {
    lines.push(n.application !== undefined
      ? o.say('effective.notInherited', { at: o.origin(n.at), application: code(n.application) })
      : o.say('effective.inheritUnknown', { at: o.origin(n.at) }));
  }
  if (!view.host) lines.push('', o.say('effective.noHost'));
  if (!view.sections.length) lines.push('', o.say('effective.noSections'));
  const item = (depth: number) => (md ? `${'  '.repeat(depth)}- ` : '  '.repeat(depth + 1));
  const lockNote = (s: EffectiveSection) => {
    if (!s.locked) return '';
    const reason = o.say(`effective.lock.${s.locked.reason}` as MessageKey);
    const by = s.locked.origin ? ` ${o.origin(s.locked.origin)}` : s.locked.exact ? '' : ` (${o.say('effective.lockDefault')})`;
    return ` ${md ? '**' : '['}${o.say('effective.locked')}: ${reason}${by}${md ? '**' : ']'}`;
  };
  const renderElement = (el: EffectiveElement, depth: number) => {
    if (el.locks) lines.push(`${item(depth)}${o.say('effective.locks', { what: describeLocks(el.locks) })} ${o.origin(el.locks.origin)}`);
    for (const a of el.attributes) {
      const extra = [a.overrides ? o.say('effective.overrides', { origin: o.origin(a.overrides) }) : '', a.locked ? o.say('effective.lockedAttribute') : ''].filter(Boolean);
      lines.push(`${item(depth)}${code(`${a.name}="${a.value}"`)} ← ${o.origin(a.origin)}${extra.length ? ` (${extra.join('; ')})` : ''}`);
    }
    const c = el.collection;
    if (c) {
      if (c.clearedAt) lines.push(`${item(depth)}${o.say('effective.cleared', { origin: o.origin(c.clearedAt) })}`);
      for (const r of c.removed) lines.push(`${item(depth)}${o.say('effective.removed', { label: code(r.label), origin: o.origin(r.origin) })}`);
      for (const e of c.entries) {
        const rest = e.attributes.filter((a) => !e.label.includes(`${a.name}="`)).map((a) => `${a.name}="${a.value}"`);
        const children = e.children.length ? ` ${o.say('effective.children', { names: e.children.map((x) => x.name).join(', ') })}` : '';
        lines.push(`${item(depth)}${code(`<${e.element} ${[e.label, ...rest].join(' ')}/>`)} ← ${o.origin(e.origin)}${e.locked ? ` (${o.say('effective.lockedItem')})` : ''}${children}`);
      }
    }
    for (const child of el.elements) {
      lines.push(`${item(depth)}${code(`<${child.name}>`)}`);
      renderElement(child, depth + 1);
    }
  };
  for (const s of view.sections) {
    lines.push('', `${md ? '## ' : ''}${s.path}${lockNote(s)}`);
    if (md) lines.push('');
    renderElement(s, 0);
  }
  if (view.violations.length) {
    lines.push('', `${md ? '## ' : ''}${o.say('effective.violations')}`);
    if (md) lines.push('');
    for (const v of view.violations) lines.push(`${item(0)}${o.say(v.kind === 'item' ? 'effective.violationItem' : 'effective.violation', { what: code(v.name), at: o.origin(v.at), lockedAt: v.lockedAt ? o.origin(v.lockedAt) : o.say('effective.lockDefault') })}`);
  }
  if (view.duplicates.length) {
    lines.push('', `${md ? '## ' : ''}${o.say('effective.duplicates')}`);
    if (md) lines.push('');
    for (const d of view.duplicates) lines.push(`${item(0)}${o.say('effective.duplicate', { what: code(d.label), at: o.origin(d.at), first: o.origin(d.first) })}`);
  }
  return lines.join('\n') + '\n';
}

function describeLocks(l: EffectiveLocks): string {
  const parts: string[] = [];
  if (l.attributes) parts.push(`lockAttributes="${l.attributes.join(',')}"`);
  if (l.allAttributesExcept) parts.push(`lockAllAttributesExcept="${l.allAttributesExcept.join(',')}"`);
  if (l.elements) parts.push(`lockElements="${l.elements.join(',')}"`);
  if (l.allElementsExcept) parts.push(`lockAllElementsExcept="${l.allElementsExcept.join(',')}"`);
  return parts.join(' ');
}
