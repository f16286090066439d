/** Reads the attributes of a start tag or XML declaration, with recovery, for the scanner. */
import { isNameChar, isNameStart, isSuspicious, isXmlSpace, TYPOGRAPHIC_QUOTES } from './chars';
import { decodeEntities } from './entities';
import { findQuoteClose, findTypographicClose, firstNonXmlChar, hex } from './scanHelpers';
import type { XmlAttribute, XmlProblemKind } from './types';

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const EQ = 0x3d;
const QUOT = 0x22;
const APOS = 0x27;
const QUESTION = 0x3f;

export type ProblemSink = (kind: XmlProblemKind, start: number, end: number, message: string, args: Record<string, string | number>) => void;

export class AttributeScanner {
  constructor(private readonly text: string, private readonly report: ProblemSink) {}

  /** The next `<` at or after `from`, remembered so a tag with many attributes is scanned once (offsets only grow). */
  private ltMemo = -2;

  private nextLt(from: number): number {
    if (this.ltMemo === -1 || this.ltMemo >= from) return this.ltMemo;
    this.ltMemo = this.text.indexOf('<', from);
    return this.ltMemo;
  }

  /** Scans attributes from `i` up to and including the tag's closing `>`; returns the offset after it. */
  scanAttributes(i: number, out: XmlAttribute[], inPi: boolean): number {
    const { text } = this;
    const len = text.length;
    let names: Set<string> | undefined;
    for (;;) {
      i = this.skipTagSpace(i);
      const c = text.charCodeAt(i);
      if (i >= len || c === LT) {
        this.report('malformed', Math.max(0, i - 1), Math.min(len, i), 'xml.unterminatedTag', {});
        return i;
      }
      if (c === GT) return i + 1;
      if ((c === SLASH || c === QUESTION) && text.charCodeAt(i + 1) === GT) {
        if ((c === QUESTION) !== inPi) this.report('malformed', i, i + 2, 'xml.badTagEnd', { text: text.slice(i, i + 2) });
        return i + 2;
      }
      if (!isNameStart(c)) {
        this.report(isSuspicious(c) ? 'typographic' : 'malformed', i, i + 1, isSuspicious(c) ? 'typo.strayInTag' : 'xml.badCharInTag', { char: text[i]! });
        i++;
        continue;
      }
      if (out.length && !isXmlSpace(text.charCodeAt(i - 1)) && !isSuspicious(text.charCodeAt(i - 1))) this.report('malformed', i, i + 1, 'xml.attrNoSpace', {});
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
        this.report('typographic', i, i + 1, 'typo.invisibleInTag', { code: hex(c) });
        i++;
      } else return i;
    }
  }

  private scanAttribute(i: number, out: XmlAttribute[], names: Set<string> | undefined): number {
    const { text } = this;
    const nameStart = i;
    while (i < text.length && isNameChar(text.charCodeAt(i))) i++;
    const nameEnd = i;
    const name = text.slice(nameStart, nameEnd);
    i = this.skipTagSpace(i);
    if (text.charCodeAt(i) !== EQ) {
      this.report('malformed', nameStart, nameEnd, 'xml.attrNoValue', { name });
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
      if (!close.found) this.report('malformed', i, valueEnd, 'xml.unterminatedValue', { name });
    } else if (TYPOGRAPHIC_QUOTES.has(q)) {
      valueStart = i + 1;
      const close = findTypographicClose(text, valueStart);
      valueEnd = close.end;
      next = close.found ? valueEnd + 1 : valueEnd;
      this.report('typographic', i, next, 'typo.quotes', { name, open: text[i]!, close: close.found ? text[valueEnd]! : '' });
    } else {
      valueStart = i;
      while (i < text.length && !isXmlSpace(text.charCodeAt(i)) && text.charCodeAt(i) !== GT && !(text.charCodeAt(i) === SLASH && text.charCodeAt(i + 1) === GT)) i++;
      valueEnd = next = i;
      this.report('malformed', nameStart, Math.max(valueEnd, nameEnd), 'xml.unquotedValue', { name });
    }
    const raw = text.slice(valueStart, valueEnd);
    let value = raw;
    if (raw.indexOf('&') >= 0) {
      const decoded = decodeEntities(raw);
      for (const bad of decoded.bad) this.report('malformed', valueStart + bad.start, valueStart + bad.end, 'xml.badEntity', { text: raw.slice(bad.start, bad.end) });
      value = decoded.value;
    }
    const bad = firstNonXmlChar(raw);
    if (bad >= 0) this.report('malformed', valueStart + bad, valueStart + bad + 1, 'xml.controlChar', { code: hex(raw.charCodeAt(bad)) });
    const lt = raw.indexOf('<');
    if (lt >= 0) this.report('malformed', valueStart + lt, valueStart + lt + 1, 'xml.ltInValue', { name });
    if (names ? names.has(name) : out.some((a) => a.name === name)) this.report('malformed', nameStart, nameEnd, 'xml.duplicateAttribute', { name });
    names?.add(name);
    out.push({ name, nameStart, nameEnd, value, valueStart, valueEnd, quote: text[valueStart - 1] ?? '', hasEntities: value !== raw });
    return next;
  }
}
