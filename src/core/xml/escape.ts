/** Escaping for text we write into XML: attribute values and comments. */

/**
 * An attribute value for `name="..."` (or `'...'`): `&`, `<`, `>` and the quote are escaped, and tab, CR and LF
 * are written as character references so an XML parser's attribute normalisation gives them back unchanged.
 */
export function escapeAttribute(value: string, quote: '"' | "'" = '"'): string {
  const escaped = value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
  return quote === "'" ? escaped.replace(/'/g, '&apos;') : escaped.replace(/"/g, '&quot;');
}

/** Text that may go inside `<!-- ... -->`: no `--` and no trailing `-` (both end a comment early or make it malformed). */
export function commentSafe(text: string): string {
  let out = text;
  while (out.includes('--')) out = out.replace(/--/g, '- -');
  return out.endsWith('-') ? `${out} ` : out;
}
