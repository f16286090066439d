/** Turns the bytes of a configuration file into text the way IIS reads it (BOM first, UTF-8 otherwise). */

export type Encoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be';

export interface DecodedText {
  text: string;
  encoding: Encoding;
  /** True when the bytes do not look like text at all (NUL bytes in a file without a UTF-16 BOM). */
  binary: boolean;
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
  return { text: decodeWith('utf-8', body), encoding: bom ? 'utf-8-bom' : 'utf-8', binary: false };
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

/** The encoding family a declaration's `encoding="..."` must agree with. */
export function encodingFamily(encoding: Encoding): 'utf-8' | 'utf-16' {
  return encoding === 'utf-16le' || encoding === 'utf-16be' ? 'utf-16' : 'utf-8';
}
