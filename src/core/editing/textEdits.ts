/** Minimal text edits that keep the user's indentation, comments, quote style and line endings. */
import type { XmlAttribute, XmlDocument, XmlElement } from '../xml/types';

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

/** Inserts `lines` (without indentation or line endings) on new lines after the element, indented like it. */
export function insertLineAfter(text: string, el: XmlElement, lines: string | string[]): TextEdit {
  const at = lineEnd(text, Math.max(el.end - 1, el.start));
  const nl = eol(text);
  const indent = indentationAt(text, el.start);
  const body = (Array.isArray(lines) ? lines : [lines]).map((l) => `${indent}${l}`).join(nl);
  const ending = at === text.length && !text.endsWith('\n') ? nl : '';
  return { start: at, end: at, newText: `${ending}${body}${ending ? '' : nl}` };
}

/** Inserts `lines` as the last children of `parent` (before its end tag), one step deeper than the parent. */
export function insertLastChild(text: string, parent: XmlElement, lines: string | string[]): TextEdit {
  const nl = eol(text);
  const indent = indentationAt(text, parent.start);
  const inner = `${indent}${indentUnit(text)}`;
  const body = (Array.isArray(lines) ? lines : [lines]).map((l) => `${inner}${l}`).join(nl);
  if (parent.selfClosing) {
    // <section /> becomes <section>…</section>; its attributes stay as written.
    const tag = text.slice(parent.start, parent.openEnd);
    const close = /\s*\/>$/.exec(tag);
    const start = parent.start + (close ? close.index : tag.length);
    return { start, end: parent.openEnd, newText: `>${nl}${body}${nl}${indent}</${parent.name}>` };
  }
  const closeTag = text.lastIndexOf('</', parent.end - 1);
  const at = closeTag > parent.openEnd ? lineStart(text, closeTag) : parent.openEnd;
  const onOwnLine = /^[ \t]*$/.test(text.slice(lineStart(text, closeTag), closeTag));
  if (onOwnLine && closeTag > parent.openEnd) return { start: at, end: at, newText: `${body}${nl}` };
  return { start: closeTag, end: closeTag, newText: `${nl}${body}${nl}${indent}` };
}

/** Removes an attribute together with the white space before it. */
export function removeAttribute(text: string, a: XmlAttribute): TextEdit {
  let start = a.nameStart;
  while (start > 0 && /[ \t\r\n]/.test(text.charAt(start - 1))) start--;
  const closed = text.charAt(a.valueEnd) === a.quote && a.quote !== '';
  return { start, end: closed ? a.valueEnd + 1 : a.valueEnd, newText: '' };
}

/**
 * The quote character to write a new attribute with: the one `el`'s attributes use, else the one most
 * attributes of the file use (double when it cannot tell).
 */
export function quoteFor(doc: XmlDocument, el?: XmlElement): '"' | "'" {
  const own = el?.attributes.find((a) => a.quote === '"' || a.quote === "'");
  if (own) return own.quote as '"' | "'";
  let singles = 0;
  let doubles = 0;
  for (const e of doc.elements) {
    for (const a of e.attributes) {
      if (a.quote === "'") singles++;
      else if (a.quote === '"') doubles++;
    }
    if (singles + doubles > 200) break;
  }
  return singles > doubles ? "'" : '"';
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
