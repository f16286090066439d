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
type LookNode = Extract<PyNode, { t: 'look' }>;
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

/** `\b`, `\B`; sre's `\B` never matches in an empty string (changed only in 3.14). */
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

/** Whether `seq` can match the empty string (backreferences count as possibly empty). */
function canMatchEmpty(seq: Seq): boolean {
  return seq.every((n) => {
    switch (n.t) {
      case 'lit': case 'any': case 'set': return false;
      case 'group': case 'atomic': return canMatchEmpty(n.body);
      case 'repeat': return n.min === 0 || canMatchEmpty(n.item);
      case 'alt': return n.branches.some(canMatchEmpty);
      default: return true;
    }
  });
}

/**
 * Whether `seq` has an optional repetition of something that can match empty. Python then stops iterating,
 * JS rejects the empty iteration and backtracks into it: the first match found differs, which atomic groups
 * (emulated with a lookahead) make visible.
 */
function hasEmptyLoop(seq: Seq): boolean {
  return seq.some((n) => {
    switch (n.t) {
      case 'repeat': return (n.max > n.min && canMatchEmpty(n.item)) || hasEmptyLoop(n.item);
      case 'group': case 'atomic': case 'look': return hasEmptyLoop(n.body);
      case 'alt': return n.branches.some(hasEmptyLoop);
      case 'cond': return hasEmptyLoop(n.yes) || hasEmptyLoop(n.no ?? []);
      default: return false;
    }
  });
}

const ATOMS = new Set<PyNode['t']>(['lit', 'any', 'set', 'group', 'ref']);

class Emitter {
  /** JS capture groups emitted so far (Python groups plus the helpers for atomic groups). */
  private jsGroups = 0;
  private readonly groupMap = new Map<number, number>();
  /** Depth of look-behinds around the node being emitted. */
  private lookbehinds = 0;

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
      case 'atomic': return this.atomic(n.body, () => this.body(n.body, flags));
      case 'look': return this.lookaround(n, flags);
      case 'repeat': return this.repeat(n, flags);
      case 'ref': return this.backreference(n.group);
      case 'cond': throw new Untranslatable('conditional');
      case 'alt': return `(?:${this.body([n], flags)})`;
    }
  }

  private lookaround(n: LookNode, flags: number): string {
    if (n.behind) this.lookbehinds++;
    const body = this.body(n.body, flags);
    if (n.behind) this.lookbehinds--;
    return `(?${n.behind ? '<' : ''}${n.negate ? '!' : '='}${body})`;
  }

  private backreference(group: number): string {
    const js = this.groupMap.get(group);
    if (js === undefined) throw new Untranslatable('reference');
    return `(?:\\${js})`;
  }

  /**
   * Atomic group emulation: `(?=(X))\N`. JS matches look-behinds backwards, where that trick fails; but there
   * Python requires a fixed width, which makes atomicity irrelevant to whether the look-behind matches.
   */
  private atomic(content: Seq, emit: () => string): string {
    if (this.lookbehinds) return `(?:${emit()})`;
    if (hasEmptyLoop(content)) throw new Untranslatable('atomic group around an empty-matching loop');
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
    return n.mode === '+' ? this.atomic([n], emit) : emit();
  }
}

/**
 * Python fails a backreference to a group that did not participate (and keeps captures across repeat
 * iterations); JS matches it as empty. Refuse backreferences to groups that may be unset at that point.
 */
class SettledGroups {
  private readonly set = new Set<number>();
  /** Groups in `set`, in the order added, so that optional parts can be rolled back. */
  private readonly log: number[] = [];

  seq(seq: Seq): void {
    for (const node of seq) this.node(node);
  }

  private node(n: PyNode): void {
    switch (n.t) {
      case 'ref':
        if (!this.set.has(n.group)) throw new Untranslatable('backreference to a group that may not have matched');
        return;
      case 'group':
        this.seq(n.body);
        if (n.index !== undefined) this.add(n.index);
        return;
      case 'atomic': return this.seq(n.body);
      case 'repeat': return n.min > 0 ? this.seq(n.item) : this.optional(n.item);
      case 'look': return this.optional(n.body);
      // A group is defined in one branch only, so no branch adds groups set after every branch.
      case 'alt': return n.branches.forEach((branch) => this.optional(branch));
      default: return;
    }
  }

  private add(gid: number): void {
    this.set.add(gid);
    this.log.push(gid);
  }

  /** Checks `seq`, then forgets the groups it set. */
  private optional(seq: Seq): void {
    const mark = this.log.length;
    this.seq(seq);
    for (const gid of this.log.splice(mark)) this.set.delete(gid);
  }
}

/** The JS RegExp for a successfully parsed pattern, or undefined when some construct has no JS equivalent. */
export function translate(pattern: ParsedPattern): RegExp | undefined {
  try {
    if (pattern.hasBackreferences) new SettledGroups().seq(pattern.body);
    const source = new Emitter().body(pattern.body, pattern.flags);
    return new RegExp(source, pattern.flags & FLAG_IGNORECASE ? 'iu' : 'u');
  } catch (e) {
    if (e instanceof Untranslatable || e instanceof SyntaxError) return undefined;
    throw e;
  }
}
