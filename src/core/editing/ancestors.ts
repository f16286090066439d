/**
 * The names of the elements open at an offset, found by one lean pass over the text before it (no tree is
 * built): what completion needs while the user types in a large file, before a full scan of the new text.
 */
import { isNameChar } from '../xml/chars';

export function openElementsAt(text: string, offset: number): string[] {
  const stack: string[] = [];
  let i = text.indexOf('<');
  while (i >= 0 && i < offset) {
    const c = text.charCodeAt(i + 1);
    let next: number;
    if (c === 0x21) next = skipBang(text, i);
    else if (c === 0x3f) next = skipUntil(text, '?>', i + 2);
    else if (c === 0x2f) next = endTag(text, i, stack);
    else next = startTag(text, i, stack);
    if (next > offset) break;
    i = text.indexOf('<', next);
  }
  return stack;
}

function skipUntil(text: string, end: string, from: number): number {
  const at = text.indexOf(end, from);
  return at < 0 ? text.length : at + end.length;
}

function skipBang(text: string, i: number): number {
  if (text.startsWith('<!--', i)) return skipUntil(text, '-->', i + 4);
  if (text.startsWith('<![CDATA[', i)) return skipUntil(text, ']]>', i + 9);
  return skipUntil(text, '>', i + 2);
}

function readName(text: string, from: number): number {
  let j = from;
  while (j < text.length && isNameChar(text.charCodeAt(j))) j++;
  return j;
}

function endTag(text: string, i: number, stack: string[]): number {
  const nameEnd = readName(text, i + 2);
  const name = text.slice(i + 2, nameEnd);
  const at = stack.lastIndexOf(name);
  if (at >= 0) stack.length = at;
  const gt = text.indexOf('>', nameEnd);
  return gt < 0 ? text.length : gt + 1;
}

/** Skips a start tag (quoted values may hold `>`); pushes its name unless it is self-closing. */
function startTag(text: string, i: number, stack: string[]): number {
  const nameEnd = readName(text, i + 1);
  if (nameEnd === i + 1) return i + 1;
  let j = nameEnd;
  let quote = 0;
  for (; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === 0x22 || c === 0x27) quote = c;
    else if (c === 0x3e) break;
    else if (c === 0x3c) return j;
  }
  if (j >= text.length) return text.length + 1;
  if (text.charCodeAt(j - 1) !== 0x2f) stack.push(text.slice(i + 1, nameEnd));
  return j + 1;
}
