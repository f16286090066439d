/** What completion proposes, and the helpers completion.ts and valueCompletion.ts both use. */
import { settingDoc } from '../catalogue/settings';
import type { MessageArgs, MessageKey } from '../messages';
import type { TagAttribute } from './cursor';
import type { DocBlock } from './env';

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
