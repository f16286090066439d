/** Recursive-descent parser mirroring `_parse_sub`, `_parse` and `_parse_flags` of CPython 3.11/3.12's `re._parser`. */
import {
  FLAG_ASCII, FLAG_UNICODE, FLAG_VERBOSE, FLAGS, GLOBAL_FLAGS, literal, MAXGROUPS, MAXREPEAT,
  type ParsedPattern, type PyNode, type Seq,
} from './ast';
import { escape, type GroupState } from './escapes';
import { PyReSyntaxError, Tokenizer, WHITESPACE, cpOf, isIdentifier, pyRepr } from './scanner';
import { parseBraces, parseSet, readFlags, readRemovedFlags } from './pieces';

const SPECIAL_CHARS = '.\\[{()*+?^$|';
/** CPython raises RecursionError for deep nesting (group: 2 frames, conditional: 1); from module level 495 pass. */
const MAX_NESTING_COST = 993;

interface SeqContext {
  verbose: boolean;
  readonly nested: number;
  readonly first: boolean;
}

export class Parser implements GroupState {
  private readonly tok: Tokenizer;
  /** Global flags. */
  private flags = 0;
  /** sre's `state.groups`: number of opened groups + 1. */
  groups = 1;
  private readonly closed = new Map<number, Seq>();
  private readonly names = new Map<string, number>();
  private lookbehindGroups: number | undefined;
  private readonly grouprefpos = new Map<number, number>();
  private cost = 0;
  private hasBackreferences = false;

  constructor(pattern: string) {
    this.tok = new Tokenizer(pattern);
  }

  /** sre_parse.parse(): the whole pattern, including the checks done after parsing. */
  parse(): ParsedPattern {
    const body = this.parseSub(false, 0);
    if (this.flags & FLAG_ASCII && this.flags & FLAG_UNICODE) {
      throw new PyReSyntaxError('ASCII and UNICODE flags are incompatible', 0);
    }
    if (this.tok.next !== undefined) throw this.tok.error('unbalanced parenthesis');
    for (const [gid, pos] of this.grouprefpos) {
      if (gid >= this.groups) throw new PyReSyntaxError(`invalid group reference ${gid}`, pos);
    }
    return { flags: this.flags, body, groups: this.closed, hasBackreferences: this.hasBackreferences };
  }

  private isClosed(gid: number): boolean {
    return gid < this.groups && this.closed.has(gid);
  }

  /** `\1` or `(?P=name)`, checked like sre; `offset` positions the open-group error. */
  backreference(gid: number, offset: number): PyNode {
    if (!this.isClosed(gid)) throw this.tok.error('cannot refer to an open group', offset);
    this.checkLookbehindGroup(gid);
    this.hasBackreferences = true;
    return { t: 'ref', group: gid };
  }

  private checkLookbehindGroup(gid: number): void {
    if (this.lookbehindGroups === undefined) return;
    if (!this.isClosed(gid)) throw this.tok.error('cannot refer to an open group');
    if (gid >= this.lookbehindGroups) {
      throw this.tok.error('cannot refer to group defined in the same lookbehind subpattern');
    }
  }

  /** An alternation `a|b|c`. */
  private parseSub(verbose: boolean, nested: number): Seq {
    this.enter(2);
    const branches: Seq[] = [];
    for (;;) {
      branches.push(this.parseSeq({ verbose, nested: nested + 1, first: nested === 0 && branches.length === 0 }));
      if (!this.tok.match('|')) break;
      if (nested === 0) verbose = (this.flags & FLAG_VERBOSE) !== 0;
    }
    this.cost -= 2;
    return branches.length === 1 ? branches[0] : [{ t: 'alt', branches }];
  }

  private enter(cost: number): void {
    this.cost += cost;
    if (this.cost > MAX_NESTING_COST) throw this.tok.error('maximum recursion depth exceeded');
  }

  /** A sequence of items, up to `|`, `)` or the end. */
  private parseSeq(ctx: SeqContext): Seq {
    const tok = this.tok;
    const seq: Seq = [];
    for (;;) {
      const t = tok.next;
      if (t === undefined || t === '|' || t === ')') return seq;
      tok.get();
      if (ctx.verbose && this.skipVerbose(t)) continue;
      if (t[0] === '\\') seq.push(escape(tok, t, this));
      else if (!SPECIAL_CHARS.includes(t)) seq.push(literal(cpOf(t)));
      else if (t === '[') seq.push(parseSet(this.tok));
      else if ('*+?{'.includes(t)) this.parseRepeat(t, seq);
      else if (t === '.') seq.push({ t: 'any' });
      else if (t === '(') this.parseParen(seq, ctx);
      else seq.push({ t: 'at', kind: t === '^' ? '^' : '$' });
    }
  }

  /** Verbose mode: whitespace and `#` comments (already consumed `t`). */
  private skipVerbose(t: string): boolean {
    if (WHITESPACE.has(t)) return true;
    if (t !== '#') return false;
    for (let c = this.tok.get(); c !== undefined && c !== '\n'; c = this.tok.get());
    return true;
  }

  /** A quantifier `*`, `+`, `?` or `{m,n}` (already consumed `t`), applied to the last item of `seq`. */
  private parseRepeat(t: string, seq: Seq): void {
    const tok = this.tok;
    const here = tok.tell();
    let range: [number, number] | undefined = t === '?' ? [0, 1] : t === '*' ? [0, MAXREPEAT] : [1, MAXREPEAT];
    if (t === '{') range = parseBraces(this.tok, here);
    if (!range) {
      seq.push({ t: 'lit', cp: 0x7b });
      return;
    }
    const last = seq[seq.length - 1];
    if (!last || last.t === 'at') throw tok.error('nothing to repeat', tok.tell() - here + t.length);
    if (last.t === 'repeat') throw tok.error('multiple repeat', tok.tell() - here + t.length);
    const plain = last.t === 'group' && last.index === undefined && !last.add && !last.del;
    const mode = tok.match('?') ? '?' : tok.match('+') ? '+' : '';
    const item = plain ? last.body : [last];
    seq[seq.length - 1] = { t: 'repeat', min: range[0], max: range[1], mode, item, pos: here - t.length };
  }

  /** `(` (already consumed): a group or an extension `(?...)`. */
  private parseParen(seq: Seq, ctx: SeqContext): void {
    const tok = this.tok;
    const start = tok.tell() - 1;
    if (!tok.match('?')) {
      seq.push(this.parseGroup(start, ctx, { capture: true }));
      return;
    }
    const ch = tok.get();
    if (ch === undefined) throw tok.error('unexpected end of pattern');
    if (ch === 'P') this.parsePythonExtension(start, seq, ctx);
    else if (ch === ':') seq.push(this.parseGroup(start, ctx, {}));
    else if (ch === '#') this.skipComment(start);
    else if (ch === '=' || ch === '!' || ch === '<') seq.push(this.parseLookaround(start, ch, ctx));
    else if (ch === '(') seq.push(this.parseConditional(start, ctx));
    else if (ch === '>') seq.push(this.parseGroup(start, ctx, { atomic: true }));
    else if (FLAGS.has(ch) || ch === '-') this.parseFlagGroup(start, ch, seq, ctx);
    else throw tok.error(`unknown extension ?${ch}`, ch.length + 1);
  }

  /** `(?P<name>...)` and `(?P=name)`. */
  private parsePythonExtension(start: number, seq: Seq, ctx: SeqContext): void {
    const tok = this.tok;
    if (tok.match('<')) {
      const name = tok.getuntil('>', 'group name');
      this.checkGroupName(name);
      seq.push(this.parseGroup(start, ctx, { capture: true, name }));
    } else if (tok.match('=')) {
      const name = tok.getuntil(')', 'group name');
      this.checkGroupName(name);
      const gid = this.names.get(name);
      if (gid === undefined) throw tok.error(`unknown group name ${pyRepr(name)}`, name.length + 1);
      seq.push(this.backreference(gid, name.length + 1));
    } else {
      const c = tok.get();
      if (c === undefined) throw tok.error('unexpected end of pattern');
      throw tok.error(`unknown extension ?P${c}`, c.length + 2);
    }
  }

  private checkGroupName(name: string): void {
    if (!isIdentifier(name)) throw this.tok.error(`bad character in group name ${pyRepr(name)}`, name.length + 1);
  }

  private skipComment(start: number): void {
    const tok = this.tok;
    for (;;) {
      if (tok.next === undefined) throw tok.error('missing ), unterminated comment', tok.tell() - start);
      if (tok.get() === ')') return;
    }
  }

  private expectClose(start: number): void {
    if (!this.tok.match(')')) throw this.tok.error('missing ), unterminated subpattern', this.tok.tell() - start);
  }

  /** The body and `)` of a group whose opening has been consumed. */
  private parseGroup(
    start: number, ctx: SeqContext,
    opts: { capture?: boolean; name?: string; atomic?: boolean; add?: number; del?: number },
  ): PyNode {
    const { name, add = 0, del = 0 } = opts;
    const gid = opts.capture ? this.openGroup(name) : undefined;
    const verbose = (ctx.verbose || (add & FLAG_VERBOSE) !== 0) && !(del & FLAG_VERBOSE);
    const body = this.parseSub(verbose, ctx.nested + 1);
    this.expectClose(start);
    if (gid !== undefined) this.closed.set(gid, body);
    if (opts.atomic) return { t: 'atomic', body };
    return { t: 'group', index: gid, name, add, del, body };
  }

  private openGroup(name: string | undefined): number {
    const gid = this.groups++;
    if (name === undefined) return gid;
    const previous = this.names.get(name);
    if (previous !== undefined) {
      const msg = `redefinition of group name ${pyRepr(name)} as group ${gid}; was group ${previous}`;
      throw this.tok.error(msg, name.length + 1);
    }
    this.names.set(name, gid);
    return gid;
  }

  /** `(?=...)`, `(?!...)`, `(?<=...)`, `(?<!...)` after the `(?` and `ch`. */
  private parseLookaround(start: number, ch: string, ctx: SeqContext): PyNode {
    const tok = this.tok;
    let kind: string | undefined = ch;
    const behind = ch === '<';
    if (behind) {
      kind = tok.get();
      if (kind === undefined) throw tok.error('unexpected end of pattern');
      if (kind !== '=' && kind !== '!') throw tok.error(`unknown extension ?<${kind}`, kind.length + 2);
    }
    const outermost = behind && this.lookbehindGroups === undefined;
    if (outermost) this.lookbehindGroups = this.groups;
    const body = this.parseSub(ctx.verbose, ctx.nested + 1);
    if (outermost) this.lookbehindGroups = undefined;
    this.expectClose(start);
    return { t: 'look', behind, negate: kind === '!', body, pos: start };
  }

  /** `(?(group)yes|no)` after the `(?(`. */
  private parseConditional(start: number, ctx: SeqContext): PyNode {
    const tok = this.tok;
    const group = this.conditionGroup();
    this.checkLookbehindGroup(group);
    this.enter(1);
    const yes = this.parseSeq({ verbose: ctx.verbose, nested: ctx.nested + 1, first: false });
    let no: Seq | undefined;
    if (tok.match('|')) {
      no = this.parseSeq({ verbose: ctx.verbose, nested: ctx.nested + 1, first: false });
      if (tok.next === '|') throw tok.error('conditional backref with more than two branches');
    }
    this.cost -= 1;
    this.expectClose(start);
    return { t: 'cond', group, yes, no };
  }

  /** The group name or number of a conditional (3.12 rules: only ASCII digits for numbers). */
  private conditionGroup(): number {
    const tok = this.tok;
    const name = tok.getuntil(')', 'group name');
    if (isIdentifier(name)) {
      const gid = this.names.get(name);
      if (gid === undefined) throw tok.error(`unknown group name ${pyRepr(name)}`, name.length + 1);
      return gid;
    }
    if (!/^[0-9]+$/.test(name)) throw tok.error(`bad character in group name ${pyRepr(name)}`, name.length + 1);
    const gid = Number(name);
    if (gid === 0) throw tok.error('bad group number', name.length + 1);
    if (gid >= MAXGROUPS) throw tok.error(`invalid group reference ${BigInt(name)}`, name.length + 1);
    if (!this.grouprefpos.has(gid)) this.grouprefpos.set(gid, tok.tell() - name.length - 1);
    return gid;
  }

  /** `(?flags)` (global) or `(?flags-flags:...)` (scoped). */
  private parseFlagGroup(start: number, ch: string, seq: Seq, ctx: SeqContext): void {
    const flags = this.parseFlags(ch);
    if (flags) {
      seq.push(this.parseGroup(start, ctx, { add: flags[0], del: flags[1] }));
      return;
    }
    if (!ctx.first || seq.length) {
      throw this.tok.error('global flags not at the start of the expression', this.tok.tell() - start);
    }
    ctx.verbose = (this.flags & FLAG_VERBOSE) !== 0;
  }

  /** `_parse_flags`: undefined for global flags `(?aiLmsux)`, else [added, removed]. */
  private parseFlags(ch: string): [number, number] | undefined {
    const tok = this.tok;
    let add = 0;
    let c: string | undefined = ch;
    if (c !== '-') {
      [add, c] = readFlags(this.tok, c);
    }
    if (c === ')') {
      this.flags |= add;
      return undefined;
    }
    if (add & GLOBAL_FLAGS) throw tok.error('bad inline flags: cannot turn on global flag', 1);
    const del = c === '-' ? readRemovedFlags(this.tok) : 0;
    if (del & GLOBAL_FLAGS) throw tok.error('bad inline flags: cannot turn off global flag', 1);
    if (add & del) throw tok.error('bad inline flags: flag turned on and off', 1);
    return [add, del];
  }
}
