/** Renders core documentation blocks and notes as translated, escaped Markdown. */
import * as vscode from 'vscode';
import { existsSync } from 'node:fs';
import type { DocBlock } from '../core/editing/env';
import { fill, MESSAGES, renderMessage, type MessageArgs, type MessageKey } from '../core/messages';
import { translate } from './convert';

export function message(key: MessageKey, args?: MessageArgs): string {
  return renderMessage(key, args ?? {}, translate);
}

export interface NoteLink {
  arg: string;
  file: string;
  line?: number;
}

/**
 * A message as Markdown: its own text escaped, arguments escaped or shown as code; an argument that names a
 * local file that exists becomes a link to it (and its line).
 */
function markdownMessage(key: MessageKey, args: MessageArgs = {}, asCode = false, links: NoteLink[] = []): string {
  const shown: MessageArgs = {};
  for (const [k, v] of Object.entries(args)) shown[k] = typeof v === 'string' && v.startsWith('@') ? v : asCode ? code(String(v)) : escapeMarkdown(String(v));
  for (const l of links) {
    if (!(l.arg in shown) || !existsSync(l.file)) continue;
    const uri = vscode.Uri.file(l.file).with(l.line ? { fragment: `L${l.line}` } : {});
    shown[l.arg] = `[${shown[l.arg]}](${uri.toString()})`;
  }
  return fill(escapeMarkdown(translate(MESSAGES[key])), shown, (t) => escapeMarkdown(translate(t)));
}

export function docMarkdown(block: DocBlock | undefined, notes: { key: MessageKey; args?: MessageArgs; links?: NoteLink[] }[] = []): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  if (block) {
    md.appendMarkdown(`**${escapeMarkdown(block.title)}**\n\n`);
    if (block.summary) md.appendMarkdown(`${translate(block.summary)}\n\n`);
    for (const f of block.facts ?? []) md.appendMarkdown(`${markdownMessage(f.key, f.args, true)}\n\n`);
    if (block.default !== undefined) md.appendMarkdown(`${markdownMessage('hover.default', { value: block.default }, true)}\n\n`);
    if (block.values?.length) md.appendMarkdown(`${fill(escapeMarkdown(translate(MESSAGES['hover.values'])), { values: block.values.map(code).join(', ') })}\n\n`);
    if (block.example !== undefined) md.appendMarkdown(`${markdownMessage('hover.example', { value: block.example }, true)}\n\n`);
  }
  for (const n of notes) md.appendMarkdown(`${markdownMessage(n.key, n.args, false, n.links)}\n\n`);
  if (block?.link) md.appendMarkdown(`[${escapeMarkdown(message('hover.docs'))}](${block.link})`);
  return md;
}

function code(value: string): string {
  const fence = value.includes('`') ? '``' : '`';
  return `${fence}${value}${fence}`;
}

/** Escapes Markdown punctuation, keeping `{name}` placeholders intact. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>#|]/g, '\\$&');
}
