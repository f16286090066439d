/** Minimal text edits that keep the user's indentation, comments, quote style and line endings. */
import type { XmlElement } from '../xml/types';

export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

export function eol(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

export function lineStart(text: string, offset: number): number {
  return Math.max(text.lastIndexOf('\n', offset - 1) + 1, 0);
}

export function lineEnd(text: string, offset: number): number {
  const n = text.indexOf('\n', offset);
  return n < 0 ? text.length : n + 1;
}

export function indentationAt(text: string, offset: number): string {
  const start = lineStart(text, offset);
  return /^[ \t]*/.exec(text.slice(start, offset))![0];
}

/** One indentation step as this file uses it (two spaces when it cannot tell). */
export function indentUnit(text: string): string {
  const m = /\n([ \t]+)</.exec(text);
  if (!m) return '  ';
  return m[1]!.startsWith('\t') ? '\t' : ' '.repeat(Math.min(m[1]!.length, 4));
}

/**
 * Removes an element. When it stands alone on its lines, the whole lines go (with their line ending), so no
 * blank line is left; otherwise only its own text.
 */
export function removeElement(text: string, el: XmlElement): TextEdit {
  const start = lineStart(text, el.start);
  const end = lineEnd(text, Math.max(el.end - 1, el.start));
  const before = text.slice(start, el.start);
  const after = text.slice(el.end, end);
  if (/^[ \t]*$/.test(before) && /^[ \t]*\r?\n?$/.test(after)) return { start, end, newText: '' };
  return { start: el.start, end: el.end, newText: '' };
}

/** Inserts `line` (without indentation or line ending) on a new line after the element, indented like it. */
export function insertLineAfter(text: string, el: XmlElement, line: string): TextEdit {
  const at = lineEnd(text, Math.max(el.end - 1, el.start));
  const nl = eol(text);
  const ending = at === text.length && !text.endsWith('\n') ? nl : '';
  return { start: at, end: at, newText: `${ending}${indentationAt(text, el.start)}${line}${ending ? '' : nl}` };
}

/** Inserts `line` as the last child of `parent` (before its end tag), one step deeper than the parent. */
export function insertLastChild(text: string, parent: XmlElement, line: string): TextEdit {
  const nl = eol(text);
  const indent = indentationAt(text, parent.start);
  const closeTag = text.lastIndexOf('</', parent.end - 1);
  const at = closeTag > parent.openEnd ? lineStart(text, closeTag) : parent.openEnd;
  const onOwnLine = /^[ \t]*$/.test(text.slice(lineStart(text, closeTag), closeTag));
  if (onOwnLine && closeTag > parent.openEnd) return { start: at, end: at, newText: `${indent}${indentUnit(text)}${line}${nl}` };
  return { start: closeTag, end: closeTag, newText: `${nl}${indent}${indentUnit(text)}${line}${nl}${indent}` };
}

/** Renames an element's start tag and, when present, its end tag. */
export function renameElement(text: string, el: XmlElement, name: string): TextEdit[] {
  const edits: TextEdit[] = [{ start: el.nameStart, end: el.nameEnd, newText: name }];
  if (!el.selfClosing) {
    const close = text.lastIndexOf(`</${el.name}`, el.end);
    if (close > el.openEnd - 1) edits.push({ start: close + 2, end: close + 2 + el.name.length, newText: name });
  }
  return edits;
}
