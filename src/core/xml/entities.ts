/** Resolves the five predefined XML entities and character references; never expands anything else. */
import { isNameChar } from './chars';

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

/** Maps an index into a decoded attribute value back to an offset into the raw text. */
export function rawIndex(raw: string, decodedIndex: number): number {
  if (raw.indexOf('&') < 0) return decodedIndex;
  let d = 0;
  let r = 0;
  while (r < raw.length && d < decodedIndex) {
    if (raw.charCodeAt(r) === 0x26) {
      const semi = referenceEnd(raw, r);
      const ch = semi > r ? resolve(raw.slice(r + 1, semi)) : undefined;
      if (ch !== undefined) {
        r = semi + 1;
        d += ch.length;
        continue;
      }
    }
    r++;
    d++;
  }
  return r;
}
