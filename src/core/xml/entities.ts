/** Resolves the five predefined XML entities and character references; never expands anything else. */

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
    const semi = semicolonWithin(raw, i + 1, i + 13);
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

function semicolonWithin(raw: string, from: number, to: number): number {
  for (let i = from; i < Math.min(to, raw.length); i++) if (raw.charCodeAt(i) === 0x3b) return i;
  return -1;
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
  if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return undefined;
  return String.fromCodePoint(code);
}

/** Maps an index into a decoded attribute value back to an offset into the raw text. */
export function rawIndex(raw: string, decodedIndex: number): number {
  if (raw.indexOf('&') < 0) return decodedIndex;
  let d = 0;
  let r = 0;
  while (r < raw.length && d < decodedIndex) {
    if (raw.charCodeAt(r) === 0x26) {
      const semi = semicolonWithin(raw, r + 1, r + 13);
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
