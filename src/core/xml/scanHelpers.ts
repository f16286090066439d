/** Character-level helpers of the XML scanner: quote and entity boundaries, characters XML forbids. */
import { isNameStart, isXmlSpace, TYPOGRAPHIC_QUOTES } from './chars';
import { decodeEntities, referenceEnd } from './entities';

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const QUOT = 0x22;

/** `<name attr=`: the start of a later tag up to its first attribute's opening quote. */
const NEXT_TAG_ATTRIBUTE = /^<[^\s<>"'=/]+\s+[^\s<>"'=/]+\s*=\s*$/;

export function findQuoteClose(text: string, from: number, q: number, lt: number): { end: number; found: boolean } {
  const close = text.indexOf(q === QUOT ? '"' : "'", from);
  if (close >= 0) {
    if (lt < 0 || lt > close || !isNameStart(text.charCodeAt(lt + 1)) && text.charCodeAt(lt + 1) !== SLASH) return { end: close, found: true };
    // A `<` starting a tag before the quote: a raw `<` in the value (`value="<b>"`, reported as such), unless the
    // quote found opens the first attribute of a later tag (`<add key=`): then this value's quote is missing.
    // (The slice has no quote and is read again as that tag: linear.)
    if (!NEXT_TAG_ATTRIBUTE.test(text.slice(text.lastIndexOf('<', close), close))) return { end: close, found: true };
    // The last `>` before that tag, searched back to the value's start only: lastIndexOf would scan the whole
    // file before `from` when there is none, for every such value (quadratic on a file of unclosed values).
    const gt = boundedLastIndexOf(text, GT, from, lt);
    return { end: gt >= 0 ? gt : lt, found: false };
  }
  const gt = text.indexOf('>', from);
  return { end: gt < 0 ? text.length : gt, found: false };
}

export function findTypographicClose(text: string, from: number): { end: number; found: boolean } {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (TYPOGRAPHIC_QUOTES.has(c) || c === QUOT) return { end: i, found: true };
    if (c === GT || c === LT || c === 0x0a || isXmlSpace(c)) return { end: i, found: false };
  }
  return { end: text.length, found: false };
}

/** Returns the end of an invalid entity reference starting at `i` (an `&`), or 0 when it is valid. */
export function checkEntityAt(text: string, i: number, limit: number): number {
  const semi = referenceEnd(text, i);
  if (semi < 0 || semi >= limit) return i + 1;
  return decodeEntities(text.slice(i, semi + 1)).bad.length ? semi + 1 : 0;
}

/** lastIndexOf for one character within [from, to): never scans back over the start of a large file. */
export function boundedLastIndexOf(text: string, code: number, from: number, to: number): number {
  for (let i = to - 1; i >= from; i--) if (text.charCodeAt(i) === code) return i;
  return -1;
}


/** False for characters XML forbids: C0 controls other than tab/LF/CR, U+FFFE, U+FFFF, unpaired surrogates. */
export function isXmlChar(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 0x20) return c === 0x09 || c === 0x0a || c === 0x0d;
  if (c === 0xfffe || c === 0xffff) return false;
  if (c >= 0xd800 && c <= 0xdbff) {
    const n = text.charCodeAt(i + 1);
    return n >= 0xdc00 && n <= 0xdfff;
  }
  if (c >= 0xdc00 && c <= 0xdfff) {
    const p = text.charCodeAt(i - 1);
    return p >= 0xd800 && p <= 0xdbff;
  }
  return true;
}

/** The first character XML forbids in text[from, to), or -1. */
export function firstNonXmlChar(text: string, from = 0, to = text.length): number {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 || c >= 0xd800) && !isXmlChar(text, i)) return i;
  }
  return -1;
}

export function skipDoctype(text: string, i: number): number {
  let depth = 0;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5b) depth++;
    else if (c === 0x5d) depth--;
    else if (c === GT && depth <= 0) return i + 1;
  }
  return text.length;
}

export function hex(c: number): string {
  return 'U+' + c.toString(16).toUpperCase().padStart(4, '0');
}
