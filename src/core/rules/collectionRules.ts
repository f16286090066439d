/** duplicate-collection-entry: IIS collections with unique keys, and sections defined twice in one place. */
import { attr, children } from '../model/webConfig';
import type { XmlElement } from '../xml/types';
import { nameSpan, valueSpan, type Rule, type RuleContext } from './context';

interface Collection {
  /** Element name of the collection, and of its parent (to tell `<system.webServer><modules>` from others). */
  name: string;
  parent?: string;
  item: string;
  key: string;
  label: string;
}

const COLLECTIONS: Collection[] = [
  { name: 'appSettings', item: 'add', key: 'key', label: 'appSettings' },
  { name: 'connectionStrings', item: 'add', key: 'name', label: 'connectionStrings' },
  { name: 'handlers', parent: 'system.webServer', item: 'add', key: 'name', label: 'handlers' },
  { name: 'modules', parent: 'system.webServer', item: 'add', key: 'name', label: 'modules' },
  { name: 'environmentVariables', parent: 'httpPlatform', item: 'environmentVariable', key: 'name', label: 'environmentVariables' },
  { name: 'staticContent', parent: 'system.webServer', item: 'mimeMap', key: 'fileExtension', label: 'staticContent mimeMap' },
  { name: 'files', parent: 'defaultDocument', item: 'add', key: 'value', label: 'defaultDocument' },
  { name: 'rules', parent: 'rewrite', item: 'rule', key: 'name', label: 'rewrite rules' },
  { name: 'outboundRules', parent: 'rewrite', item: 'rule', key: 'name', label: 'rewrite outboundRules' },
];

const BY_NAME = new Map(COLLECTIONS.map((c) => [c.name, c]));

/** Sections (not section groups) that may appear once per location path. */
const SCOPE_SECTIONS = new Set(['appSettings', 'connectionStrings']);
const WEBSERVER_SECTIONS = new Set(['handlers', 'modules', 'httpPlatform', 'staticContent', 'defaultDocument', 'httpErrors', 'fastCgi', 'directoryBrowse', 'applicationInitialization', 'httpProtocol', 'urlCompression', 'validation']);

export const duplicateEntries: Rule = (ctx) => {
  for (const el of ctx.model.doc.elements) {
    const c = BY_NAME.get(el.name);
    if (c && (!c.parent || el.parent?.name === c.parent)) checkCollection(ctx, el, c);
  }
  for (const scope of ctx.model.scopes) {
    checkSections(ctx, scope.children.filter((e) => SCOPE_SECTIONS.has(e.name)));
    const webServer = children(scope, 'system.webServer').flatMap((w) => w.children);
    checkSections(ctx, webServer.filter((e) => WEBSERVER_SECTIONS.has(e.name)));
  }
};

/** Duplicates reported one by one per collection (or per place, for sections); the rest get one summary finding. */
export const MAX_DUPLICATES_LISTED = 100;

function checkCollection(ctx: RuleContext, el: XmlElement, c: Collection): void {
  const seen = new Map<string, XmlElement>();
  let found = 0;
  let more: { attr: XmlElement; first: XmlElement } | undefined;
  for (const item of el.children) {
    if (item.name === 'clear') seen.clear();
    else if (item.name === 'remove') {
      const k = attr(item, c.key)?.value;
      if (k !== undefined) seen.delete(k.trim().toLowerCase());
    } else if (item.name === c.item) {
      const a = attr(item, c.key);
      if (!a) continue;
      const k = a.value.trim().toLowerCase();
      const first = seen.get(k);
      if (!first) {
        seen.set(k, item);
        continue;
      }
      if (++found > MAX_DUPLICATES_LISTED) {
        more ??= { attr: item, first };
        continue;
      }
      const firstAttr = attr(first, c.key)!;
      const line = ctx.lines().positionAt(first.start).line + 1;
      const span = valueSpan(a);
      ctx.report('duplicate-collection-entry', span.start, span.end, 'dup.entry',
        { collection: c.label, attr: c.key, value: a.value, line, lastWins: c.name === 'appSettings' ? '@dup.lastWins' : '' },
        [{ ...valueSpan(firstAttr), messageKey: 'related.first' }]);
    }
  }
  if (!more) return;
  const a = attr(more.attr, c.key)!;
  const span = valueSpan(a);
  ctx.report('duplicate-collection-entry', span.start, span.end, 'dup.more',
    { count: found - MAX_DUPLICATES_LISTED, collection: c.label, attr: c.key, value: a.value, shown: MAX_DUPLICATES_LISTED },
    [{ ...valueSpan(attr(more.first, c.key)!), messageKey: 'related.first' }]);
}

function checkSections(ctx: RuleContext, sections: XmlElement[]): void {
  const seen = new Map<string, XmlElement>();
  let found = 0;
  let more: XmlElement | undefined;
  for (const s of sections) {
    const first = seen.get(s.name);
    if (!first) {
      seen.set(s.name, s);
      continue;
    }
    if (++found > MAX_DUPLICATES_LISTED) {
      more ??= s;
      continue;
    }
    const span = nameSpan(s);
    ctx.report('duplicate-collection-entry', span.start, span.end, 'dup.section',
      { name: s.name, line: ctx.lines().positionAt(first.start).line + 1 }, [{ ...nameSpan(first), messageKey: 'related.first' }]);
  }
  if (!more) return;
  const span = nameSpan(more);
  ctx.report('duplicate-collection-entry', span.start, span.end, 'dup.moreSections',
    { count: found - MAX_DUPLICATES_LISTED, name: more.name, shown: MAX_DUPLICATES_LISTED }, [{ ...nameSpan(seen.get(more.name)!), messageKey: 'related.first' }]);
}
