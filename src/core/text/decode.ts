/** Turns the bytes of a configuration file into text the way IIS reads it (BOM first, UTF-8 otherwise). */

export type Encoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be';

export interface DecodedText {
  text: string;
  encoding: Encoding;
  /** True when the bytes do not look like text at all (NUL bytes in a file without a UTF-16 BOM). */
  binary: boolean;
  /** Set when UTF-8 bytes are not valid UTF-8 (each bad sequence became U+FFFD in `text`): the first one. */
  invalidUtf8?: InvalidUtf8;
}

export interface InvalidUtf8 {
  /** Offset in `text` of the U+FFFD that replaced the first bad sequence. */
  offset: number;
  /** Its offset in the bytes (after a BOM, counted from the start of the file) and the byte found there. */
  byteOffset: number;
  byte: number;
  /** How many bad sequences the file has. */
  count: number;
}

const SNIFF = 8192;

export function decodeBytes(bytes: Uint8Array): DecodedText {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: decodeWith('utf-16le', bytes.subarray(2)), encoding: 'utf-16le', binary: false };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: decodeWith('utf-16be', bytes.subarray(2)), encoding: 'utf-16be', binary: false };
  }
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  const sniff = body.subarray(0, SNIFF);
  if (sniff.includes(0)) return { text: '', encoding: bom ? 'utf-8-bom' : 'utf-8', binary: true };
  const text = decodeWith('utf-8', body);
  const encoding = bom ? 'utf-8-bom' : 'utf-8';
  // Valid UTF-8 decodes without U+FFFD unless the file spells one (EF BF BD): only then look for bad bytes.
  const invalid = text.indexOf('\ufffd') < 0 ? undefined : findInvalidUtf8(body);
  if (!invalid) return { text, encoding, binary: false };
  const offset = decodeWith('utf-8', body.subarray(0, invalid.first)).length;
  const invalidUtf8 = { offset, byteOffset: invalid.first + (bom ? 3 : 0), byte: body[invalid.first]!, count: invalid.count };
  return { text, encoding, binary: false, invalidUtf8 };
}

/**
 * The first byte that does not begin a well-formed UTF-8 sequence (WHATWG decoder rules: no overlong forms,
 * no surrogates, nothing above U+10FFFF), and how many bad sequences there are; undefined when all is valid.
 */
export function findInvalidUtf8(bytes: Uint8Array): { first: number; count: number } | undefined {
  let first = -1;
  let count = 0;
  for (let i = 0; i < bytes.length;) {
    const n = sequenceLength(bytes, i);
    if (n > 0) {
      i += n;
      continue;
    }
    if (first < 0) first = i;
    count++;
    i += Math.max(1, -n);
  }
  return first < 0 ? undefined : { first, count };
}

/** The length of the valid sequence at `i`, or minus the number of bytes the decoder replaces by one U+FFFD. */
function sequenceLength(b: Uint8Array, i: number): number {
  const c = b[i]!;
  if (c < 0x80) return 1;
  let need: number;
  let lo = 0x80;
  let hi = 0xbf;
  if (c >= 0xc2 && c <= 0xdf) need = 1;
  else if (c >= 0xe0 && c <= 0xef) {
    need = 2;
    if (c === 0xe0) lo = 0xa0;
    else if (c === 0xed) hi = 0x9f;
  } else if (c >= 0xf0 && c <= 0xf4) {
    need = 3;
    if (c === 0xf0) lo = 0x90;
    else if (c === 0xf4) hi = 0x8f;
  } else return -1;
  for (let k = 1; k <= need; k++) {
    const d = b[i + k];
    if (d === undefined || d < lo || d > hi) return -k;
    lo = 0x80;
    hi = 0xbf;
  }
  return need + 1;
}

function decodeWith(label: 'utf-8' | 'utf-16le' | 'utf-16be', bytes: Uint8Array): string {
  if (label === 'utf-16be') {
    const swapped = new Uint8Array(bytes.length - (bytes.length % 2));
    for (let i = 0; i + 1 < bytes.length; i += 2) {
      swapped[i] = bytes[i + 1]!;
      swapped[i + 1] = bytes[i]!;
    }
    return new TextDecoder('utf-16le').decode(swapped);
  }
  return new TextDecoder(label).decode(bytes);
}

/** Windows-1252 bytes 0x80-0x9F (U+FFFD where the code page defines none). */
const CP1252_80 = '€\ufffd‚ƒ„…†‡ˆ‰Š‹Œ\ufffdŽ\ufffd\ufffd‘’“”•–—˜™š›œ\ufffdžŸ';

/** What a byte is in Windows-1252 (the ANSI code page of Western Windows), to show what was meant. */
export function windows1252Char(byte: number): string {
  if (byte < 0x80) return String.fromCharCode(byte);
  return byte < 0xa0 ? CP1252_80[byte - 0x80]! : String.fromCharCode(byte);
}

/** The encoding family a declaration's `encoding="..."` must agree with. */
export function encodingFamily(encoding: Encoding): 'utf-8' | 'utf-16' {
  return encoding === 'utf-16le' || encoding === 'utf-16be' ? 'utf-16' : 'utf-8';
}
