/**
 * Context-aware completion for web.config: elements, attributes and values from the schema the document resolves to
 * (its target's profiles, or the host's schema), documented from the schema and the catalogue; values from the
 * machine and the project.
 */
import { elementDoc, type ElementDoc } from '../catalogue/elements';
import { SETTINGS } from '../catalogue/settings';
import type { ElementSchema, Schema } from '../schema/types';
import type { XmlDocument } from '../xml/types';
import { cursorContext, type CursorContext } from './cursor';
import type { EditingEnv } from './env';
import { presentSettingKeys } from './presentKeys';
import { attributeBlock, elementBlock, sectionPath } from './schemaDocs';
import { attributesOf, childrenOf, hasChildren, nodeAt, schemaFor } from './schemaNav';
import { SKELETONS } from './skeletons';
import { valueProposals } from './valueCompletion';
import { riskOf, settingBlock, type Proposal } from './proposals';

export { attributeValue, riskOf, settingBlock, type Proposal, type ProposalKind } from './proposals';

export function complete(text: string, offset: number, doc: XmlDocument | undefined, env: EditingEnv = {}): Proposal[] {
  const ctx = cursorContext(text, offset, doc);
  const schema = schemaFor(env.schema);
  switch (ctx.kind) {
    case 'elementName':
      return elementProposals(schema, ctx.path, ctx.start, ctx.end, '');
    case 'attributeName':
      return attributeProposals(schema, ctx);
    case 'attributeValue':
      return valueProposals(ctx, text.slice(ctx.start, ctx.end), offset - ctx.start, schema, env, () => presentSettingKeys(text, offset, env.inheritedSettingKeys));
    case 'content':
      return contentProposals(schema, ctx, text, env);
    default:
      return [];
  }
}

/** The children the schema allows inside the element at the end of `path`; the catalogue's first (Python's own). */
function elementProposals(schema: Schema, path: string[], start: number, end: number, prefix: string): Proposal[] {
  const node = nodeAt(schema, path);
  if (!node) return [];
  const parent = path[path.length - 1];
  return bySortText(childrenOf(schema, node).map((c, i) => {
    const cat = elementDoc(c.name, parent);
    return {
      label: c.name,
      kind: 'element' as const,
      doc: elementBlock(c.name, cat, sectionPath(c.el)),
      insertText: prefix + elementSnippet(c.name, c.el, cat),
      snippet: true,
      start,
      end,
      sortText: `${cat ? 0 : 1}${String(i).padStart(3, '0')}`,
    };
  }));
}

/** Proposals in the order the editor shows them (the core's callers and tests see the same). */
function bySortText(list: Proposal[]): Proposal[] {
  return list.sort((x, y) => (x.sortText ?? '').localeCompare(y.sortText ?? ''));
}

function elementSnippet(name: string, el: ElementSchema | undefined, cat: ElementDoc | undefined): string {
  let n = 0;
  // A collection item's key too: an entry without it is no use, even where the schema does not require it (appSettings).
  const written = el ? [...el.attributes.values()].filter((a) => a.required || a.isUniqueKey || cat?.attributes.some((x) => x.name === a.name && x.insert)) : [];
  const attrs = written.map((a) => {
    const example = cat?.attributes.find((x) => x.name === a.name)?.example;
    return ` ${a.name}="\${${++n}${example ? `:${example.replace(/[$}\\]/g, '\\$&')}` : ''}}"`;
  }).join('');
  return hasChildren(el) ? `${name}${attrs}>$0</${name}>` : `${name}${attrs} />$0`;
}

/** The attributes the schema gives the element under the cursor, minus those present; required first. */
function attributeProposals(schema: Schema, ctx: Extract<CursorContext, { kind: 'attributeName' }>): Proposal[] {
  const node = nodeAt(schema, [...ctx.path, ctx.element]);
  if (!node) return [];
  const cat = elementDoc(ctx.element, ctx.path[ctx.path.length - 1]);
  return bySortText(attributesOf(node)
    .filter((a) => !ctx.present.includes(a.name))
    .map((a, i): Proposal => {
      const catAttr = cat?.attributes.find((x) => x.name === a.name);
      const detail: Proposal['detail'] = a.required ? { key: 'completion.required', args: { type: a.type } }
        : a.defaultValue ? { key: 'completion.default', args: { type: a.type, value: a.defaultValue } }
        : { key: 'completion.type', args: { type: a.type } };
      return {
        label: a.name,
        kind: 'attribute' as const,
        detail,
        doc: attributeBlock(ctx.element, a, catAttr, cat?.docs),
        insertText: `${a.name}="$1"`,
        snippet: true,
        start: ctx.start,
        end: ctx.end,
        sortText: `${a.required ? 0 : 1}${catAttr ? 0 : 1}${String(i).padStart(3, '0')}`,
        retrigger: true,
      };
    }));
}

function contentProposals(schema: Schema, ctx: Extract<CursorContext, { kind: 'content' }>, text: string, env: EditingEnv): Proposal[] {
  if (!ctx.path.length) {
    if (text.trim() && !/^\s*(<\?xml[^>]*>\s*)?$/.test(text)) return [];
    return SKELETONS.map((s, i) => ({ label: s.label, kind: 'snippet', detail: { key: s.detail }, insertText: s.body, snippet: true, start: ctx.offset, end: ctx.offset, sortText: String(i) }));
  }
  const proposals = elementProposals(schema, ctx.path, ctx.offset, ctx.offset, '<');
  if (ctx.path[ctx.path.length - 1] === 'appSettings') proposals.push(...settingSnippets(ctx.offset, presentSettingKeys(text, ctx.offset, env.inheritedSettingKeys)));
  return proposals;
}

/**
 * `<add key="WSGI_HANDLER" value="..."/>` for each known key not yet in force, offered between tags inside
 * <appSettings>; the value is selected, and Tab leaves the cursor after the tag.
 */
function settingSnippets(offset: number, present: Set<string>): Proposal[] {
  return SETTINGS.filter((s) => !present.has(s.key.toUpperCase())).map((s, i) => ({
    label: s.key,
    kind: 'setting' as const,
    doc: settingBlock(s.key),
    insertText: `<add key="${s.key}" value="\${1:${s.example.replace(/[$}\\]/g, '\\$&')}}" />$0`,
    snippet: true,
    start: offset,
    end: offset,
    sortText: `${s.risk ? 'zz' : 'z'}${String(i).padStart(3, '0')}`,
    ...riskOf(s.key),
  }));
}
