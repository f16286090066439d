/** Self-contained pieces of the pattern parser: character sets, `{m,n}` and inline flag letters. */
import { FLAGS, MAXREPEAT, TYPE_FLAGS, type PyNode, type SetItem } from './ast';
import { classEscape } from './escapes';
import { DIGITS, PyReSyntaxError, Tokenizer, cpOf, isAlpha } from './scanner';

/** `[...]`, after the `[`. */
export function parseSet(tok: Tokenizer): PyNode {
  const here = tok.tell() - 1;
  const negate = tok.match('^');
  const items: SetItem[] = [];
  for (;;) {
    const t = tok.get();
    if (t === undefined) throw tok.error('unterminated character set', tok.tell() - here);
    if (t === ']' && items.length) break;
    const code1 = t[0] === '\\' ? classEscape(tok, t) : { t: 'lit' as const, cp: cpOf(t) };
    if (!tok.match('-')) {
      items.push(code1);
      continue;
    }
    const that = tok.get();
    if (that === undefined) throw tok.error('unterminated character set', tok.tell() - here);
    if (that === ']') {
      items.push(code1, { t: 'lit', cp: 0x2d });
      break;
    }
    const code2 = that[0] === '\\' ? classEscape(tok, that) : { t: 'lit' as const, cp: cpOf(that) };
    if (code1.t !== 'lit' || code2.t !== 'lit' || (code1.cp >= 0 && code2.cp >= 0 && code2.cp < code1.cp)) {
      throw tok.error(`bad character range ${t}-${that}`, t.length + 1 + that.length);
    }
    items.push({ t: 'range', lo: code1.cp, hi: code2.cp });
  }
  return { t: 'set', negate, items };
}

/** `{m,n}` after the `{`; undefined when it is a literal `{`. */
export function parseBraces(tok: Tokenizer, here: number): [number, number] | undefined {
  if (tok.next === '}') return undefined;
  let lo = '';
  let hi = '';
  while (tok.next !== undefined && DIGITS.has(tok.next)) lo += tok.get();
  if (tok.match(',')) {
    while (tok.next !== undefined && DIGITS.has(tok.next)) hi += tok.get();
  } else hi = lo;
  if (!tok.match('}')) {
    tok.seek(here);
    return undefined;
  }
  const min = lo ? Number(lo) : 0;
  const max = hi ? Number(hi) : MAXREPEAT;
  if (min >= MAXREPEAT || (hi && max >= MAXREPEAT)) {
    throw new PyReSyntaxError('the repetition number is too large', here - 1);
  }
  if (max < min) throw tok.error('min repeat greater than max repeat', tok.tell() - here);
  return [min, max];
}

/** Flags to turn on, starting with `c`; returns them and the terminating `)`, `-` or `:`. */
export function readFlags(tok: Tokenizer, c: string): [number, string] {
  let add = 0;
  for (;;) {
    const flag = FLAGS.get(c) ?? 0;
    if (c === 'L') throw tok.error("bad inline flags: cannot use 'L' flag with a str pattern");
    add |= flag;
    if (flag & TYPE_FLAGS && (add & TYPE_FLAGS) !== flag) {
      throw tok.error("bad inline flags: flags 'a', 'u' and 'L' are incompatible");
    }
    const next = tok.get();
    if (next === undefined) throw tok.error('missing -, : or )');
    if (next === ')' || next === '-' || next === ':') return [add, next];
    if (!FLAGS.has(next)) throw tok.error(isAlpha(next) ? 'unknown flag' : 'missing -, : or )', next.length);
    c = next;
  }
}

/** Flags to turn off, after the `-`, up to the `:`. */
export function readRemovedFlags(tok: Tokenizer): number {
  let del = 0;
  let c = tok.get();
  if (c === undefined) throw tok.error('missing flag');
  if (!FLAGS.has(c)) throw tok.error(isAlpha(c) ? 'unknown flag' : 'missing flag', c.length);
  for (;;) {
    const flag = FLAGS.get(c) ?? 0;
    if (flag & TYPE_FLAGS) throw tok.error("bad inline flags: cannot turn off flags 'a', 'u' and 'L'");
    del |= flag;
    c = tok.get();
    if (c === undefined) throw tok.error('missing :');
    if (c === ':') return del;
    if (!FLAGS.has(c)) throw tok.error(isAlpha(c) ? 'unknown flag' : 'missing :', c.length);
  }
}
