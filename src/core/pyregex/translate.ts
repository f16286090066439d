/**
 * Best-effort translation of a parsed Python pattern to a JavaScript RegExp (always with the `u` flag).
 * Anchors, `.`, `\d \s \w \b` and sets are rewritten so that they behave like Python's defaults (Unicode
 * categories, `$` before a final newline, `.` excluding only `\n`); the JS `m`/`s` flags are never used.
 */
import {
  FLAG_ASCII, FLAG_DOTALL, FLAG_IGNORECASE, FLAG_MULTILINE, MAXREPEAT, TYPE_FLAGS,
  type Category, type ParsedPattern, type PyNode, type Seq, type SetItem,
} from './ast';

class Untranslatable extends Error {}

const JS_SYNTAX = new Set('^$\\.*+?()[]{}|/');

/** Class bodies of `\d \s \w`: [ASCII, Unicode]. */
const CLASS_BODY = {
  d: ['0-9', '\\p{Nd}'],
  s: ['\\t-\\r ', '\\t-\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000'],
  w: ['0-9A-Za-z_', '\\p{L}\\p{N}_'],
} as const;

type AtNode = Extract<PyNode, { t: 'at' }>;
type GroupNode = Extract<PyNode, { t: 'group' }>;
type RepeatNode = Extract<PyNode, { t: 'repeat' }>;

let modifiersSupported: boolean | undefined;

/** Whether this JS engine supports `(?i:...)` (pattern modifiers, V8 12.5+). */
function jsSupportsModifiers(): boolean {
  if (modifiersSupported === undefined) {
    try {
      modifiersSupported = new RegExp('(?i:a)', 'u').test('A');
    } catch {
      modifiersSupported = false;
    }
  }
  return modifiersSupported;
}

function jsLiteral(cp: number, inClass: boolean): string {
  if (cp < 0) throw new Untranslatable('\\N{...}');
  const invisible = cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || (cp >= 0xd800 && cp <= 0xdfff) || cp === 0x2028 || cp === 0x2029;
  if (invisible) return `\\u{${cp.toString(16)}}`;
  const ch = String.fromCodePoint(cp);
  return JS_SYNTAX.has(ch) || (inClass && ch === '-') ? '\\' + ch : ch;
}

function categoryBody(c: Category, ascii: boolean): { body: string; negated: boolean } {
  const lower = c.toLowerCase() as 'd' | 's' | 'w';
  return { body: CLASS_BODY[lower][ascii ? 0 : 1], negated: c !== lower };
}

/** A Python set; negated categories (`\W`, ...) become alternatives since JS classes cannot nest. */
function setToJs(negate: boolean, items: SetItem[], ascii: boolean): string {
  const positive: string[] = [];
  const negated: string[] = [];
  for (const item of items) {
    if (item.t === 'lit') positive.push(jsLiteral(item.cp, true));
    else if (item.t === 'range') positive.push(`${jsLiteral(item.lo, true)}-${jsLiteral(item.hi, true)}`);
    else {
      const { body, negated: isNegated } = categoryBody(item.c, ascii);
      (isNegated ? negated : positive).push(body);
    }
  }
  if (!negated.length) return `[${negate ? '^' : ''}${positive.join('')}]`;
  if (!positive.length && negated.length === 1) return `[${negate ? '' : '^'}${negated[0]}]`;
  const alternatives = [...(positive.length ? [`[${positive.join('')}]`] : []), ...negated.map((b) => `[^${b}]`)];
  return negate ? `(?:(?!${alternatives.join('|')})[\\s\\S])` : `(?:${alternatives.join('|')})`;
}

/** `\\b`, `\\B`; sre's `\\B` never matches in an empty string (changed only in 3.14). */
function wordBoundary(boundary: boolean, ascii: boolean): string {
  const nonEmpty = '(?:(?<=[\\s\\S])|(?=[\\s\\S]))';
  if (ascii) return boundary ? '\\b' : `\\B${nonEmpty}`;
  const w = `[${CLASS_BODY.w[1]}]`;
  return boundary ? `(?:(?<=${w})(?!${w})|(?<!${w})(?=${w}))` : `(?:(?<=${w})(?=${w})|(?<!${w})(?!${w})${nonEmpty})`;
}

function anchor(kind: AtNode['kind'], flags: number): string {
  const multiline = (flags & FLAG_MULTILINE) !== 0;
  switch (kind) {
    case '^': return multiline ? '(?<![^\\n])' : '^';
    case '$': return multiline ? '(?=\\n|$)' : '(?=\\n?$)';
    case 'A': return '^';
    case 'Z': return '$(?![\\s\\S])';
    default: return wordBoundary(kind === 'b', (flags & FLAG_ASCII) !== 0);
  }
}

function quantifier(min: number, max: number): string {
  const unbounded = max >= MAXREPEAT;
  if (unbounded) return min === 0 ? '*' : min === 1 ? '+' : `{${min},}`;
  if (min === 0 && max === 1) return '?';
  return min === max ? `{${min}}` : `{${min},${max}}`;
}

/** `_combine_flags` of re._compiler. */
function combineFlags(flags: number, add: number, del: number): number {
  return ((add & TYPE_FLAGS ? flags & ~TYPE_FLAGS : flags) | add) & ~del;
}

const ATOMS = new Set<PyNode['t']>(['lit', 'any', 'set', 'group', 'ref']);

class Emitter {
  /** JS capture groups emitted so far (Python groups plus the helpers for atomic groups). */
  private jsGroups = 0;
  private readonly groupMap = new Map<number, number>();

  /** A sequence; a lone alternation needs no extra group. */
  body(seq: Seq, flags: number): string {
    const only = seq.length === 1 ? seq[0] : undefined;
    if (only?.t === 'alt') return only.branches.map((b) => this.seq(b, flags)).join('|');
    return this.seq(seq, flags);
  }

  private seq(seq: Seq, flags: number): string {
    return seq.map((node) => this.node(node, flags)).join('');
  }

  private node(n: PyNode, flags: number): string {
    switch (n.t) {
      case 'lit': return jsLiteral(n.cp, false);
      case 'any': return flags & FLAG_DOTALL ? '[\\s\\S]' : '[^\\n]';
      case 'set': return setToJs(n.negate, n.items, (flags & FLAG_ASCII) !== 0);
      case 'at': return anchor(n.kind, flags);
      case 'group': return this.group(n, flags);
      case 'atomic': return this.atomic(() => this.body(n.body, flags));
      case 'look': return `(?${n.behind ? '<' : ''}${n.negate ? '!' : '='}${this.body(n.body, flags)})`;
      case 'repeat': return this.repeat(n, flags);
      case 'ref': return this.backreference(n.group);
      case 'cond': throw new Untranslatable('conditional');
      case 'alt': return `(?:${this.body([n], flags)})`;
    }
  }

  private backreference(group: number): string {
    const js = this.groupMap.get(group);
    if (js === undefined) throw new Untranslatable('reference');
    return `(?:\\${js})`;
  }

  /** Atomic group emulation: `(?=(X))\N`. */
  private atomic(emit: () => string): string {
    const helper = ++this.jsGroups;
    return `(?=(${emit()}))(?:\\${helper})`;
  }

  private group(n: GroupNode, flags: number): string {
    const inner = combineFlags(flags, n.add, n.del);
    if (n.index === undefined) return this.modifier(flags, inner) + this.body(n.body, inner) + ')';
    this.groupMap.set(n.index, ++this.jsGroups);
    return (n.name === undefined ? '(' : `(?<${n.name}>`) + this.body(n.body, inner) + ')';
  }

  /** Opening of a non-capturing group; only `i` needs a JS modifier, other flags are applied while emitting. */
  private modifier(outer: number, inner: number): string {
    const ignoreCase = inner & FLAG_IGNORECASE;
    if (ignoreCase === (outer & FLAG_IGNORECASE)) return '(?:';
    if (!jsSupportsModifiers()) throw new Untranslatable('scoped IGNORECASE');
    return ignoreCase ? '(?i:' : '(?-i:';
  }

  private repeat(n: RepeatNode, flags: number): string {
    const emit = (): string => {
      const item = this.seq(n.item, flags);
      const atom = n.item.length === 1 && ATOMS.has(n.item[0].t) ? item : `(?:${item})`;
      return atom + quantifier(n.min, n.max) + (n.mode === '?' ? '?' : '');
    };
    return n.mode === '+' ? this.atomic(emit) : emit();
  }
}

/**
 * Groups certainly set after `seq` matched, given those set before. Python fails a backreference to a group that
 * did not participate (and keeps captures across repeat iterations), JS matches it as empty: refuse those.
 */
function settled(seq: Seq, before: ReadonlySet<number>): Set<number> {
  let set = new Set(before);
  for (const node of seq) set = settledAfter(node, set);
  return set;
}

function settledAfter(n: PyNode, set: Set<number>): Set<number> {
  switch (n.t) {
    case 'ref':
      if (!set.has(n.group)) throw new Untranslatable('backreference to a group that may not have matched');
      return set;
    case 'group': {
      const after = settled(n.body, set);
      if (n.index !== undefined) after.add(n.index);
      return after;
    }
    case 'atomic': return settled(n.body, set);
    case 'look': settled(n.body, set); return set;
    case 'repeat': {
      const after = settled(n.item, set);
      return n.min > 0 ? after : set;
    }
    case 'alt': {
      const [first, ...rest] = n.branches.map((b) => settled(b, set));
      return new Set([...first].filter((g) => rest.every((r) => r.has(g))));
    }
    default: return set;
  }
}

/** The JS RegExp for a successfully parsed pattern, or undefined when some construct has no JS equivalent. */
export function translate(pattern: ParsedPattern): RegExp | undefined {
  try {
    settled(pattern.body, new Set());
    const source = new Emitter().body(pattern.body, pattern.flags);
    return new RegExp(source, pattern.flags & FLAG_IGNORECASE ? 'iu' : 'u');
  } catch {
    return undefined;
  }
}
