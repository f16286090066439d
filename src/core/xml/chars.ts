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
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c === 0x3a || (c >= 0xc0 && isNonAsciiNameStart(c));
}

export function isNameChar(c: number): boolean {
  return (
    (c >= 0x61 && c <= 0x7a) ||
    (c >= 0x41 && c <= 0x5a) ||
    (c >= 0x30 && c <= 0x39) ||
    c === 0x5f || c === 0x2d || c === 0x2e || c === 0x3a ||
    (c >= 0xb7 && (c === 0xb7 || (c >= 0x300 && c <= 0x36f) || c === 0x203f || c === 0x2040 || isNonAsciiNameStart(c)))
  );
}

/**
 * XML 1.0 (5th edition) NameStartChar [4] above U+00BF, UTF-16 code unit by code unit (a surrogate pair of
 * U+10000-U+EFFFF passes both halves). Deliberately not name characters, though XML allows them: the zero-width
 * (non-)joiner, U+FEFF and the full-width quote, which in a configuration file are copy-paste accidents.
 */
function isNonAsciiNameStart(c: number): boolean {
  if (c < 0xc0) return false;
  if (c <= 0x2ff) return c !== 0xd7 && c !== 0xf7;
  if (c < 0x370) return false;
  if (c <= 0x1fff) return c !== 0x37e;
  if (c < 0x2070) return false;
  if (c <= 0x218f) return true;
  if (c < 0x2c00) return false;
  if (c <= 0x2fef) return true;
  if (c <= 0x3000) return false;
  if (c <= 0xdb7f) return true;
  if (c <= 0xdbff) return false;
  if (c <= 0xdfff) return true;
  if (c < 0xf900) return false;
  if (c <= 0xfdcf) return true;
  if (c < 0xfdf0) return false;
  return c <= 0xfffd && c !== 0xfeff && c !== 0xff02;
}

export function isSuspicious(c: number): boolean {
  return TYPOGRAPHIC_QUOTES.has(c) || INVISIBLE.has(c);
}
