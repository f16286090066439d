/**
 * Reads the attributes of a start tag or XML declaration, with recovery, for the scanner.
 *
 * One problem, one finding: after the first error that breaks the tag's structure (a stray character, a
 * missing `=`, quote or space, doubled quotes) the rest of the tag is read quietly up to its end, so one bad
 * attribute gives one finding, not one per character. Attributes read after that are kept (completion and
 * hover still see them), and the tag is marked malformed so the rules do not judge recovered values.
 */
import { isNameChar, isNameStart, isSuspicious, isXmlSpace, TYPOGRAPHIC_QUOTES } from './chars';
import { decodeEntities } from './entities';
import type { NameTable } from './names';
import { findQuoteClose, findTypographicClose, firstNonXmlChar, hex } from './scanHelpers';
import type { XmlAttribute, XmlProblemKind } from './types';

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const EQ = 0x3d;
const QUOT = 0x22;
const APOS = 0x27;
const QUESTION = 0x3f;
const LF = 0x0a;

export type ProblemSink = (kind: XmlProblemKind, start: number, end: number, message: string, args: Record<string, string | number>) => void;

/** A value that ends with ` name=`: its closing quote is missing and the quote found opens the next value. */
const SWALLOWED_ATTRIBUTE = /\s([A-Za-z_:][\w:.-]*)\s*=\s*$/;

export class AttributeScanner {
  constructor(private readonly text: string, private readonly report: ProblemSink, private readonly names?: NameTable) {}

  /** The next `<` at or after `from`, remembered so a tag with many attributes is scanned once (offsets only grow). */
  private ltMemo = -2;
  /** Set by a structural error: the rest of the tag is read without findings. */
  private quiet = false;
  /** True after `scanAttributes` when the tag had a well-formedness error (not a typographic one). */
  malformed = false;

  private nextLt(from: number): number {
    if (this.ltMemo === -1 || this.ltMemo >= from) return this.ltMemo;
    this.ltMemo = this.text.indexOf('<', from);
    return this.ltMemo;
  }

  /** Reports a problem unless the tag is already broken; `breaks` makes the rest of the tag quiet. */
  private problem(kind: XmlProblemKind, start: number, end: number, message: string, args: Record<string, string | number>, breaks: boolean): void {
    if (kind === 'malformed') this.malformed = true;
    if (this.quiet) return;
    this.report(kind, start, end, message, args);
    if (breaks) this.quiet = true;
  }

  /** Scans attributes from `i` up to and including the tag's closing `>`; returns the offset after it. */
  scanAttributes(i: number, out: XmlAttribute[], inPi: boolean): number {
    const { text } = this;
    const len = text.length;
    this.quiet = false;
    this.malformed = false;
    let names: Set<string> | undefined;
    for (;;) {
      i = this.skipTagSpace(i);
      const c = text.charCodeAt(i);
      if (i >= len || c === LT) {
        this.problem('malformed', Math.max(0, i - 1), Math.min(len, i), 'xml.unterminatedTag', {}, true);
        return i;
      }
      if (c === GT) return i + 1;
      if ((c === SLASH || c === QUESTION) && text.charCodeAt(i + 1) === GT) {
        if ((c === QUESTION) !== inPi) this.problem('malformed', i, i + 2, 'xml.badTagEnd', { text: text.slice(i, i + 2) }, true);
        return i + 2;
      }
      if (!isNameStart(c)) {
        const typo = isSuspicious(c);
        this.problem(typo ? 'typographic' : 'malformed', i, i + 1, typo ? 'typo.strayInTag' : 'xml.badCharInTag', { char: text[i]! }, !typo);
        i++;
        continue;
      }
      if (out.length && !isXmlSpace(text.charCodeAt(i - 1)) && !isSuspicious(text.charCodeAt(i - 1))) this.problem('malformed', i, i + 1, 'xml.attrNoSpace', {}, true);
      if (out.length === 8) names = new Set(out.map((a) => a.name));
      i = this.scanAttribute(i, out, names);
    }
  }

  skipTagSpace(i: number): number {
    const { text } = this;
    for (;;) {
      const c = text.charCodeAt(i);
      if (isXmlSpace(c)) i++;
      else if (c >= 0x80 && isSuspicious(c) && !TYPOGRAPHIC_QUOTES.has(c)) {
        this.problem('typographic', i, i + 1, 'typo.invisibleInTag', { code: hex(c) }, false);
        i++;
      } else return i;
    }
  }

  private scanAttribute(i: number, out: XmlAttribute[], names: Set<string> | undefined): number {
    const { text } = this;
    const nameStart = i;
    while (i < text.length && isNameChar(text.charCodeAt(i))) i++;
    const nameEnd = i;
    const name = this.names ? this.names.name(nameStart, nameEnd) : text.slice(nameStart, nameEnd);
    i = this.skipTagSpace(i);
    if (text.charCodeAt(i) !== EQ) {
      this.problem('malformed', nameStart, nameEnd, 'xml.attrNoValue', { name }, true);
      return i;
    }
    i = this.skipTagSpace(i + 1);
    const q = text.charCodeAt(i);
    let valueStart: number;
    let valueEnd: number;
    let next: number;
    if (q === QUOT || q === APOS) {
      valueStart = i + 1;
      const close = findQuoteClose(text, valueStart, q, this.nextLt(valueStart));
      valueEnd = close.end;
      next = close.found ? valueEnd + 1 : valueEnd;
      if (!close.found) this.problem('malformed', i, valueEnd, 'xml.unterminatedValue', { name }, true);
      else if (next < text.length && isNameChar(text.charCodeAt(next))) {
        // `a=""C:\x""`: doubled quotes; `a="x b="y"`: a missing closing quote swallowed the next name.
        const doubled = valueEnd === valueStart ? this.doubledClose(next, q) : -1;
        const swallowed = doubled < 0 ? SWALLOWED_ATTRIBUTE.exec(text.slice(Math.max(valueStart, valueEnd - 200), valueEnd)) : null;
        if (doubled >= 0) {
          this.problem('malformed', i, doubled + 2, 'xml.doubledQuotes', { name, quote: text[i]! }, true);
          valueStart = next;
          valueEnd = doubled;
          next = doubled + 2;
        } else if (swallowed) {
          valueEnd -= swallowed[0].length;
          next = valueEnd + swallowed[0].length - swallowed[0].trimStart().length;
          this.problem('malformed', i, valueEnd, 'xml.unterminatedValue', { name }, true);
        }
      }
    } else if (TYPOGRAPHIC_QUOTES.has(q)) {
      valueStart = i + 1;
      const close = findTypographicClose(text, valueStart);
      valueEnd = close.end;
      next = close.found ? valueEnd + 1 : valueEnd;
      this.problem('typographic', i, next, 'typo.quotes', { name, open: text[i]!, close: close.found ? text[valueEnd]! : '' }, false);
    } else {
      valueStart = i;
      while (i < text.length && !isXmlSpace(text.charCodeAt(i)) && text.charCodeAt(i) !== GT && !(text.charCodeAt(i) === SLASH && text.charCodeAt(i + 1) === GT)) i++;
      valueEnd = next = i;
      this.problem('malformed', nameStart, Math.max(valueEnd, nameEnd), 'xml.unquotedValue', { name }, true);
    }
    const raw = text.slice(valueStart, valueEnd);
    let value = raw;
    if (raw.indexOf('&') >= 0) {
      const decoded = decodeEntities(raw);
      for (const bad of decoded.bad) this.badReference(valueStart + bad.start, valueStart + bad.end);
      value = decoded.value;
    }
    const bad = firstNonXmlChar(raw);
    if (bad >= 0) this.problem('malformed', valueStart + bad, valueStart + bad + 1, 'xml.controlChar', { code: hex(raw.charCodeAt(bad)) }, false);
    const lt = raw.indexOf('<');
    if (lt >= 0) this.problem('malformed', valueStart + lt, valueStart + lt + 1, 'xml.ltInValue', { name }, false);
    if (names ? names.has(name) : out.some((a) => a.name === name)) this.problem('malformed', nameStart, nameEnd, 'xml.duplicateAttribute', { name }, false);
    names?.add(name);
    out.push({ name, nameStart, nameEnd, value, valueStart, valueEnd, quote: text[valueStart - 1] ?? '', hasEntities: value !== raw });
    return next;
  }

  /** An `&` that starts no valid reference, or a character reference to a character XML forbids (`&#5;`). */
  badReference(start: number, end: number): void {
    this.problem('malformed', start, end, ...badReferenceMessage(this.text.slice(start, end)), false);
  }

  /** After `a=""` and a name character: the offset of the doubled closing quote on the same line, or -1. */
  private doubledClose(from: number, q: number): number {
    const { text } = this;
    for (let i = from; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === q) return text.charCodeAt(i + 1) === q ? i : -1;
      if (c === LT || c === GT || c === LF) return -1;
    }
    return -1;
  }
}

/** The message of a bad reference: a character reference to a forbidden character, or any other bad `&`. */
export function badReferenceMessage(ref: string): [string, Record<string, string | number>] {
  const m = /^&#(?:x([0-9a-fA-F]+)|([0-9]+));$/.exec(ref);
  if (!m) return ['xml.badEntity', { text: ref.slice(0, 20) }];
  const code = m[1] !== undefined ? parseInt(m[1], 16) : parseInt(m[2]!, 10);
  return ['xml.badCharRef', { text: ref.length > 20 ? ref.slice(0, 19) + '…' : ref, code: code > 0x10ffff ? '> U+10FFFF' : hex(code) }];
}
