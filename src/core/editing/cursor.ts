/**
 * Where the cursor is in a (possibly half-typed) web.config: in an element name, an attribute name, an
 * attribute value, or between tags; and which elements enclose it. The enclosing elements come from the
 * tolerant scan of the whole document; the tag under the cursor is read locally, so unfinished text works.
 */
import { isNameChar, isXmlSpace } from '../xml/chars';
import { leanScan } from './ancestors';
import type { XmlDocument, XmlElement } from '../xml/types';

export interface TagAttribute {
  name: string;
  value: string;
}

interface Base {
  /** Names of the enclosing elements, outermost first (the parent of the tag under the cursor last). */
  path: string[];
}

export type CursorContext =
  | (Base & { kind: 'elementName'; start: number; end: number })
  | (Base & { kind: 'attributeName'; element: string; start: number; end: number; present: string[] })
  | (Base & { kind: 'attributeValue'; element: string; attribute: string; start: number; end: number; quote: string; attributes: TagAttribute[] })
  | (Base & { kind: 'content'; offset: number })
  | { kind: 'none' };

/** `doc` is the scan of `text` when one is at hand; without it a lean pass over the text finds the enclosing elements. */
export function cursorContext(text: string, offset: number, doc?: XmlDocument): CursorContext {
  const tagStart = enclosingTagStart(text, offset);
  const at = tagStart ?? offset;
  // Without a scan, one lean pass up to the tag (or the cursor) gives both the enclosing elements and whether it is
  // inside a comment (no backward search over a large file).
  const lean = doc ? undefined : leanScan(text, at);
  if (lean ? lean.inComment : insideComment(doc!, at)) return { kind: 'none' };
  const path = lean ? lean.open : enclosingPath(doc!, at);
  if (tagStart === undefined) return { kind: 'content', offset, path };
  const next = text.charCodeAt(tagStart + 1);
  if (next === 0x2f || next === 0x21 || next === 0x3f) return { kind: 'none' };
  return readTag(text, tagStart, offset, path);
}

/** The `<` of the tag the cursor is in, or undefined when it is between tags. */
function enclosingTagStart(text: string, offset: number): number | undefined {
  for (let i = offset - 1; i >= 0 && offset - i < 8192; i--) {
    const c = text.charCodeAt(i);
    if (c === 0x3e) return undefined;
    if (c === 0x3c) return i;
  }
  return undefined;
}

/** Whether `offset` lies inside a comment of the scanned document (binary search; an unterminated one runs to the end). */
function insideComment(doc: XmlDocument, offset: number): boolean {
  const cs = doc.comments;
  let lo = 0;
  let hi = cs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = cs[mid]!;
    if (offset <= c.start) hi = mid - 1;
    else if (offset >= c.end) lo = mid + 1;
    else return true;
  }
  return doc.problems.some((p) => p.message === 'xml.unterminatedComment' && p.start < offset);
}

/** Names of the elements whose content contains `offset`, outermost first. */
export function enclosingPath(doc: XmlDocument, offset: number): string[] {
  return enclosingElements(doc, offset).map((e) => e.name);
}

export function enclosingElements(doc: XmlDocument, offset: number): XmlElement[] {
  const out: XmlElement[] = [];
  let candidates = doc.root ? [doc.root] : [];
  for (;;) {
    const el = candidates.find((e) => !e.selfClosing && e.openEnd <= offset && (offset < e.end || e.end === doc.text.length));
    if (!el) return out;
    out.push(el);
    candidates = el.children;
  }
}

function readTag(text: string, tagStart: number, offset: number, path: string[]): CursorContext {
  let i = tagStart + 1;
  while (i < text.length && isNameChar(text.charCodeAt(i))) i++;
  const element = text.slice(tagStart + 1, i);
  if (offset <= i) return { kind: 'elementName', start: tagStart + 1, end: i, path };
  const attributes: TagAttribute[] = [];
  for (;;) {
    while (i < offset && isXmlSpace(text.charCodeAt(i))) i++;
    if (i >= offset) return { kind: 'attributeName', element, start: offset, end: offset, present: attributes.map((a) => a.name), path };
    const nameStart = i;
    while (i < text.length && isNameChar(text.charCodeAt(i))) i++;
    const name = text.slice(nameStart, i);
    if (offset <= i) {
      return { kind: 'attributeName', element, start: nameStart, end: i, present: attributes.map((a) => a.name).filter((n) => n !== name), path };
    }
    if (!name) return { kind: 'none' };
    while (i < offset && isXmlSpace(text.charCodeAt(i))) i++;
    if (text[i] !== '=') return { kind: 'none' };
    i++;
    while (i < offset && isXmlSpace(text.charCodeAt(i))) i++;
    const quote = text[i] ?? '';
    if (quote !== '"' && quote !== "'") return { kind: 'none' };
    const valueStart = i + 1;
    let close = text.indexOf(quote, valueStart);
    const lineEnd = text.indexOf('\n', valueStart);
    if (close < 0 || (lineEnd >= 0 && lineEnd < close && offset <= lineEnd)) close = -1;
    if (close < 0 || offset <= close) {
      const end = close < 0 ? Math.max(offset, endOfPartialValue(text, offset)) : close;
      return { kind: 'attributeValue', element, attribute: name, start: valueStart, end, quote, attributes: [...attributes, ...restOfTag(text, end + 1)], path };
    }
    attributes.push({ name, value: text.slice(valueStart, close) });
    i = close + 1;
  }
}

function endOfPartialValue(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && !/[\s"'<>]/.test(text[i]!)) i++;
  return i;
}

/** Attributes after the cursor's value in the same tag (best effort, for context such as key= after value=). */
function restOfTag(text: string, from: number): TagAttribute[] {
  const end = text.indexOf('>', from);
  const slice = text.slice(from, end < 0 ? Math.min(text.length, from + 400) : end);
  return [...slice.matchAll(/([\w.:-]+)\s*=\s*("([^"]*)"|'([^']*)')/g)].map((m) => ({ name: m[1]!, value: m[3] ?? m[4] ?? '' }));
}
