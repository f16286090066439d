/** Context-aware completion for web.config: elements, attributes, values from the catalogue, machine and project. */
import { childDocs, elementDoc, type AttributeDoc, type ElementDoc } from '../catalogue/elements';
import { SETTINGS, settingDoc } from '../catalogue/settings';
import type { MessageArgs, MessageKey } from '../messages';
import type { XmlDocument } from '../xml/types';
import { cursorContext, type CursorContext, type TagAttribute } from './cursor';
import type { DocBlock, EditingEnv } from './env';
import { presentSettingKeys } from './presentKeys';
import { SKELETONS } from './skeletons';
import { valueProposals } from './valueCompletion';

export type ProposalKind = 'element' | 'attribute' | 'value' | 'setting' | 'snippet' | 'interpreter' | 'folder' | 'handler';

export interface Proposal {
  label: string;
  kind: ProposalKind;
  /** A short note from the message table, rendered (and translated) by the adapter. */
  detail?: { key: MessageKey; args?: MessageArgs };
  doc?: DocBlock;
  /** Plain text, or a snippet (`${1:x}`) when `snippet` is true. */
  insertText: string;
  snippet: boolean;
  /** The range the proposal replaces. */
  start: number;
  end: number;
  sortText?: string;
  /** Ask for completion again after inserting (attribute name → its values). */
  retrigger?: boolean;
  preselect?: boolean;
  /** What the typed text is matched against, when not the label. */
  filterText?: string;
  /** Risky or deprecated: shown struck through, `detail` says why. */
  deprecated?: boolean;
}

export function complete(text: string, offset: number, doc: XmlDocument | undefined, env: EditingEnv = {}): Proposal[] {
  const ctx = cursorContext(text, offset, doc);
  switch (ctx.kind) {
    case 'elementName':
      return elementProposals(ctx.path, ctx.start, ctx.end, '');
    case 'attributeName':
      return attributeProposals(ctx);
    case 'attributeValue':
      return valueProposals(ctx, text.slice(ctx.start, offset), env, () => presentSettingKeys(text, offset, env.inheritedSettingKeys));
    case 'content':
      return contentProposals(ctx, text, env);
    default:
      return [];
  }
}

function elementProposals(path: string[], start: number, end: number, prefix: string): Proposal[] {
  const parent = path[path.length - 1];
  return childDocs(parent, path[path.length - 2]).map((d, i) => ({
    label: d.name,
    kind: 'element',
    doc: elementBlock(d),
    insertText: prefix + elementSnippet(d),
    snippet: true,
    start,
    end,
    sortText: String(i).padStart(3, '0'),
  }));
}

function elementSnippet(d: ElementDoc): string {
  let n = 0;
  const attrs = d.attributes.filter((a) => a.required).map((a) => ` ${a.name}="\${${++n}${a.example ? `:${a.example.replace(/[$}\\]/g, '\\$&')}` : ''}}"`).join('');
  return d.children.length ? `${d.name}${attrs}>$0</${d.name}>` : `${d.name}${attrs} />$0`;
}

export function elementBlock(d: ElementDoc): DocBlock {
  return { title: `<${d.name}>`, summary: d.summary, link: d.docs };
}

export function attributeBlock(element: string, a: AttributeDoc, link?: string): DocBlock {
  const block: DocBlock = { title: `${element} ${a.name}`, summary: a.summary };
  if (a.default !== undefined) block.default = a.default;
  if (a.values) block.values = a.values;
  if (a.example !== undefined) block.example = a.example;
  if (link) block.link = link;
  return block;
}

function attributeProposals(ctx: Extract<CursorContext, { kind: 'attributeName' }>): Proposal[] {
  const d = elementDoc(ctx.element, ctx.path[ctx.path.length - 1]);
  if (!d) return [];
  return d.attributes
    .filter((a) => !ctx.present.includes(a.name))
    .map((a, i) => ({
      label: a.name,
      kind: 'attribute' as const,
      detail: a.required ? { key: 'completion.required' as const } : a.default !== undefined ? { key: 'completion.default' as const, args: { value: a.default } } : undefined,
      doc: attributeBlock(ctx.element, a, d.docs),
      insertText: `${a.name}="$1"`,
      snippet: true,
      start: ctx.start,
      end: ctx.end,
      sortText: `${a.required ? 0 : 1}${String(i).padStart(3, '0')}`,
      retrigger: true,
    }));
}

function contentProposals(ctx: Extract<CursorContext, { kind: 'content' }>, text: string, env: EditingEnv): Proposal[] {
  if (!ctx.path.length) {
    if (text.trim() && !/^\s*(<\?xml[^>]*>\s*)?$/.test(text)) return [];
    return SKELETONS.map((s, i) => ({ label: s.label, kind: 'snippet', detail: { key: s.detail }, insertText: s.body, snippet: true, start: ctx.offset, end: ctx.offset, sortText: String(i) }));
  }
  const proposals = elementProposals(ctx.path, ctx.offset, ctx.offset, '<');
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

/** A risky or deprecated key: struck through, with the reason as its detail. */
export function riskOf(key: string): Pick<Proposal, 'deprecated' | 'detail'> {
  const risk = settingDoc(key)?.risk;
  return risk ? { deprecated: true, detail: { key: risk } } : {};
}

export function settingBlock(key: string): DocBlock | undefined {
  const s = settingDoc(key);
  if (!s) return undefined;
  const block: DocBlock = { title: s.key, summary: s.summary, example: s.example, link: s.docs };
  if (s.default !== undefined) block.default = s.default;
  return block;
}

export function attributeValue(attributes: TagAttribute[], name: string): string | undefined {
  return attributes.find((a) => a.name === name)?.value;
}
