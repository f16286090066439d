/** Character classes for the XML scanner. */

/** Typographic quotes that blog posts and word processors put where `"` belongs. */
export const TYPOGRAPHIC_QUOTES = new Set([0x201c, 0x201d, 0x201e, 0x201f, 0x2018, 0x2019, 0x201a, 0x201b, 0x00ab, 0x00bb, 0x2033, 0x2032, 0xff02]);

/** Characters that look like a space or nothing at all but are not XML white space. */
export const INVISIBLE = new Set([0x00a0, 0x200b, 0x200c, 0x200d, 0x2060, 0xfeff, 0x2007, 0x202f, 0x3000, 0x00ad, 0x2002, 0x2003, 0x2009]);

/** Dashes that replace `-` in copied command lines (`–m waitress`). */
export const TYPOGRAPHIC_DASHES = new Set([0x2013, 0x2014, 0x2212]);

export function isXmlSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;
}

export function isNameStart(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c === 0x3a || (c >= 0xc0 && isNonAsciiNameChar(c));
}

export function isNameChar(c: number): boolean {
  return (
    (c >= 0x61 && c <= 0x7a) ||
    (c >= 0x41 && c <= 0x5a) ||
    (c >= 0x30 && c <= 0x39) ||
    c === 0x5f || c === 0x2d || c === 0x2e || c === 0x3a ||
    (c >= 0xb7 && isNonAsciiNameChar(c))
  );
}

function isNonAsciiNameChar(c: number): boolean {
  if (INVISIBLE.has(c) || TYPOGRAPHIC_QUOTES.has(c) || TYPOGRAPHIC_DASHES.has(c)) return false;
  if (c === 0xd7 || c === 0xf7) return false;
  if (c >= 0x2000 && c <= 0x206f) return c === 0x203f || c === 0x2040;
  return true;
}

export function isSuspicious(c: number): boolean {
  return TYPOGRAPHIC_QUOTES.has(c) || INVISIBLE.has(c);
}
