/** Resolves the five predefined XML entities and character references; never expands anything else. */
import { isNameChar } from './chars';
import type { XmlAttribute } from './types';

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export interface DecodedValue {
  value: string;
  /** Spans (relative to the input) of `&` sequences that are not valid references. */
  bad: { start: number; end: number }[];
}

export function decodeEntities(raw: string): DecodedValue {
  if (raw.indexOf('&') < 0) return { value: raw, bad: [] };
  let out = '';
  let last = 0;
  const bad: { start: number; end: number }[] = [];
  for (let i = raw.indexOf('&'); i >= 0; i = raw.indexOf('&', i + 1)) {
    const semi = referenceEnd(raw, i);
    const ch = semi < 0 ? undefined : resolve(raw.slice(i + 1, semi));
    if (ch === undefined) {
      bad.push({ start: i, end: semi < 0 ? i + 1 : semi + 1 });
      continue;
    }
    out += raw.slice(last, i) + ch;
    last = semi + 1;
    i = semi;
  }
  return { value: out + raw.slice(last), bad };
}

/**
 * The `;` ending the reference that starts with the `&` at `i`, or -1. Reads only what a reference may contain
 * (a name, `#` digits or `#x` hex digits), none of which is `&`, so a whole value is read once (linear).
 */
export function referenceEnd(raw: string, i: number): number {
  let j = i + 1;
  if (raw.charCodeAt(j) === 0x23) {
    const hexForm = raw.charCodeAt(j + 1) === 0x78;
    j += hexForm ? 2 : 1;
    for (let c = raw.charCodeAt(j); (c >= 0x30 && c <= 0x39) || (hexForm && ((c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46))); c = raw.charCodeAt(++j));
  } else {
    while (j < raw.length && isNameChar(raw.charCodeAt(j))) j++;
  }
  return raw.charCodeAt(j) === 0x3b ? j : -1;
}

function resolve(ref: string): string | undefined {
  if (!ref) return undefined;
  const named = NAMED[ref];
  if (named !== undefined) return named;
  if (ref.charCodeAt(0) !== 0x23) return undefined;
  const hexForm = ref[1] === 'x';
  const digits = ref.slice(hexForm ? 2 : 1);
  if (!digits || !(hexForm ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/).test(digits)) return undefined;
  const code = parseInt(digits, hexForm ? 16 : 10);
  // Only characters XML allows (XML 1.0 [2] Char, WFC: Legal Character): not &#5;, &#xFFFE; or a surrogate.
  if (code < 0x20 ? code !== 0x09 && code !== 0x0a && code !== 0x0d : code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) || code === 0xfffe || code === 0xffff) return undefined;
  return String.fromCodePoint(code);
}

/**
 * Maps an index into a decoded attribute value back to an offset into the raw text. O(length) per call:
 * rules that map many indexes of one value use `valueOffset`, which maps each in O(log references).
 */
export function rawIndex(raw: string, decodedIndex: number): number {
  if (raw.indexOf('&') < 0) return decodedIndex;
  return referenceMap(raw).rawIndex(decodedIndex);
}

/**
 * The resolved references of one raw value, in order: where each starts in the decoded value and in the raw
 * text, where it ends in the raw text, and how many code units it decodes to.
 */
export class ReferenceMap {
  private readonly decodedStarts: number[] = [];
  private readonly rawEnds: number[] = [];
  private readonly decodedLengths: number[] = [];

  constructor(private readonly rawLength: number) {}

  add(decodedStart: number, rawEnd: number, decodedLength: number): void {
    this.decodedStarts.push(decodedStart);
    this.rawEnds.push(rawEnd);
    this.decodedLengths.push(decodedLength);
  }

  /**
   * The raw offset of a decoded index: after the last reference that starts before it (a reference is taken
   * whole, even when the index falls inside its expansion), plus the plain characters that follow.
   */
  rawIndex(decodedIndex: number): number {
    const starts = this.decodedStarts;
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid]! < decodedIndex) lo = mid + 1;
      else hi = mid;
    }
    if (lo === 0) return Math.min(decodedIndex, this.rawLength);
    const k = lo - 1;
    const after = starts[k]! + this.decodedLengths[k]!;
    return Math.min(this.rawEnds[k]! + Math.max(0, decodedIndex - after), this.rawLength);
  }
}

/** The map of every reference `decodeEntities` resolves in `raw` (the same scan, the same rules). */
export function referenceMap(raw: string): ReferenceMap {
  const map = new ReferenceMap(raw.length);
  let decoded = 0;
  let last = 0;
  for (let i = raw.indexOf('&'); i >= 0; i = raw.indexOf('&', i + 1)) {
    const semi = referenceEnd(raw, i);
    const ch = semi > i ? resolve(raw.slice(i + 1, semi)) : undefined;
    if (ch === undefined) continue;
    decoded += i - last;
    map.add(decoded, semi + 1, ch.length);
    decoded += ch.length;
    last = semi + 1;
    i = semi;
  }
  return map;
}

const MAPS = new WeakMap<XmlAttribute, ReferenceMap>();

/**
 * The document offset of index `decodedIndex` of attribute `a`'s decoded value (`text` is the scanned text).
 * The value's reference map is built once per attribute, so many findings in one long value stay linear.
 */
export function valueOffset(text: string, a: XmlAttribute, decodedIndex: number): number {
  if (!a.hasEntities) return a.valueStart + decodedIndex;
  let map = MAPS.get(a);
  if (!map) {
    map = referenceMap(text.slice(a.valueStart, a.valueEnd));
    MAPS.set(a, map);
  }
  return a.valueStart + map.rawIndex(decodedIndex);
}
