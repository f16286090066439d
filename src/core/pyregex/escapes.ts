/** Backslash escapes, mirroring `_class_escape` and `_escape` of CPython's `re._parser`. */
import type { Category, Literal, PyNode, SetItem } from './ast';
import { ASCIILETTERS, DIGITS, HEXDIGITS, OCTDIGITS, Tokenizer, cpOf, pyRepr } from './scanner';

/** What `_escape` needs to know about groups to resolve `\1`..`\99`. */
export interface GroupState {
  /** sre's `state.groups`: number of opened groups + 1. */
  readonly groups: number;
  /** Validates a reference to an existing group number and returns its node. */
  backreference(gid: number, offset: number): PyNode;
}

const ESCAPES: ReadonlyMap<string, number> = new Map([
  ['a', 7], ['b', 8], ['f', 12], ['n', 10], ['r', 13], ['t', 9], ['v', 11], ['\\', 92],
]);
const CATEGORIES = new Set('dDsSwW');
const ANCHORS = new Set('AbBZ');

const lit = (cp: number): Literal => ({ t: 'lit', cp });

/** `\N{name}`: without the Unicode database, accept names that look like character names. */
function namedEscape(tok: Tokenizer): number {
  if (!tok.match('{')) throw tok.error('missing {');
  const name = tok.getuntil('}', 'character name');
  if (!/^[A-Za-z0-9][A-Za-z0-9 -]*$/.test(name)) {
    throw tok.error(`undefined character name ${pyRepr(name)}`, name.length + 4);
  }
  return -1;
}

/** `\x..`, `\u....`, `\U........`, `\N{...}` (shared by both contexts); undefined if `esc` is none of them. */
function codeEscape(tok: Tokenizer, esc: string): number | undefined {
  const c = esc.slice(1);
  const width = c === 'x' ? 2 : c === 'u' ? 4 : c === 'U' ? 8 : 0;
  if (width) {
    const full = esc + tok.getwhile(width, HEXDIGITS);
    if (full.length !== width + 2) throw tok.error(`incomplete escape ${full}`, full.length);
    const cp = parseInt(full.slice(2), 16);
    if (cp > 0x10ffff) throw tok.error(`bad escape ${full}`, full.length);
    return cp;
  }
  return c === 'N' ? namedEscape(tok) : undefined;
}

/** A plain escaped character: ASCII letters without a meaning are errors. */
function identityEscape(tok: Tokenizer, esc: string): Literal {
  const c = esc.slice(1);
  if (ASCIILETTERS.has(c) || DIGITS.has(c)) throw tok.error(`bad escape ${esc}`, esc.length);
  return lit(cpOf(c));
}

function octal(tok: Tokenizer, esc: string): Literal {
  const cp = parseInt(esc.slice(1), 8);
  if (cp > 0o377) throw tok.error(`octal escape value ${esc} outside of range 0-0o377`, esc.length);
  return lit(cp);
}

/** An escape inside `[...]`. */
export function classEscape(tok: Tokenizer, esc: string): SetItem {
  const c = esc.slice(1);
  const simple = ESCAPES.get(c);
  if (simple !== undefined) return lit(simple);
  if (CATEGORIES.has(c)) return { t: 'cat', c: c as Category };
  const code = codeEscape(tok, esc);
  if (code !== undefined) return lit(code);
  if (OCTDIGITS.has(c)) return octal(tok, esc + tok.getwhile(2, OCTDIGITS));
  return identityEscape(tok, esc);
}

/** An escape outside a set. */
export function escape(tok: Tokenizer, esc: string, state: GroupState): PyNode {
  const c = esc.slice(1);
  if (ANCHORS.has(c)) return { t: 'at', kind: c as 'A' | 'b' | 'B' | 'Z' };
  if (CATEGORIES.has(c)) return { t: 'set', negate: false, items: [{ t: 'cat', c: c as Category }] };
  const simple = ESCAPES.get(c);
  if (simple !== undefined) return lit(simple);
  const code = codeEscape(tok, esc);
  if (code !== undefined) return lit(code);
  if (c === '0') return lit(parseInt(esc.slice(1) + tok.getwhile(2, OCTDIGITS), 8));
  if (DIGITS.has(c)) return groupReference(tok, esc, state);
  return identityEscape(tok, esc);
}

/** `\1`..`\99` (a group reference) or `\100`..`\377` (an octal escape). */
function groupReference(tok: Tokenizer, esc: string, state: GroupState): PyNode {
  if (tok.next !== undefined && DIGITS.has(tok.next)) {
    esc += tok.get();
    if (OCTDIGITS.has(esc[1]) && OCTDIGITS.has(esc[2]) && tok.next !== undefined && OCTDIGITS.has(tok.next)) {
      return octal(tok, esc + tok.get());
    }
  }
  const gid = Number(esc.slice(1));
  if (gid >= state.groups) throw tok.error(`invalid group reference ${gid}`, esc.length - 1);
  return state.backreference(gid, esc.length);
}
