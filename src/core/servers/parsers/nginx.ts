/**
 * A small nginx configuration reader: directives (name, arguments, offsets) and blocks, with comments, quoted
 * strings and `\` escapes handled. What it cannot read (an unterminated string or block, a `}` too many) is
 * reported, never guessed; the directives are kept up to that point. Linear in the text.
 */

export interface NginxArg {
  value: string;
  start: number;
  end: number;
}

export interface NginxDirective {
  name: string;
  args: NginxArg[];
  start: number;
  end: number;
  /** The directives of its `{ ... }` block, when it has one. */
  block?: NginxDirective[];
}

/** What a parser could not read: the `servers.parse.*` fragment of the message that names it. */
export type ParseProblem =
  | 'unterminatedString' | 'noSemicolon' | 'closesNoBlock' | 'blockNeverClosed' | 'closesNoSection' | 'sectionNeverClosed'
  | 'iniNotKeyValue' | 'headerNoBracket' | 'notKeyValue' | 'beforeSection' | 'notWholeNumber';

export interface NotUnderstood {
  start: number;
  end: number;
  what: ParseProblem;
  /** The fragment's arguments: the section's tag (Apache), the setting (fcgiext.ini). */
  args?: { tag?: string; setting?: string };
}

export interface NginxConfig {
  directives: NginxDirective[];
  problems: NotUnderstood[];
}

interface Token {
  kind: 'word' | ';' | '{' | '}';
  value: string;
  start: number;
  end: number;
}

function tokenize(text: string, problems: NotUnderstood[]): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') i++;
    else if (c === '#') {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? n : nl + 1;
    } else if (c === ';' || c === '{' || c === '}') {
      tokens.push({ kind: c, value: c, start: i, end: i + 1 });
      i++;
    } else if (c === '"' || c === "'") {
      const start = i;
      let value = '';
      i++;
      while (i < n && text[i] !== c) {
        if (text[i] === '\\' && i + 1 < n) i++;
        value += text[i];
        i++;
      }
      if (i >= n) {
        problems.push({ start, end: n, what: 'unterminatedString' });
        return tokens;
      }
      i++;
      tokens.push({ kind: 'word', value, start, end: i });
    } else {
      const start = i;
      let value = '';
      while (i < n && !/[\s;{}"'#]/.test(text[i]!)) {
        if (text[i] === '\\' && i + 1 < n) i++;
        value += text[i];
        i++;
      }
      // `${var}` style braces inside a word: keep them in the word.
      while (i < n && text[i] === '{' && value.endsWith('$')) {
        const close = text.indexOf('}', i);
        if (close < 0) break;
        value += text.slice(i, close + 1);
        i = close + 1;
      }
      tokens.push({ kind: 'word', value, start, end: i });
    }
  }
  return tokens;
}

export function parseNginx(text: string): NginxConfig {
  const problems: NotUnderstood[] = [];
  const tokens = tokenize(text, problems);
  const root: NginxDirective[] = [];
  const stack: { list: NginxDirective[]; owner?: NginxDirective }[] = [{ list: root }];
  let current: NginxDirective | undefined;
  for (const t of tokens) {
    const top = stack[stack.length - 1]!;
    if (t.kind === 'word') {
      if (!current) current = { name: t.value, args: [], start: t.start, end: t.end };
      else current.args.push({ value: t.value, start: t.start, end: t.end });
    } else if (t.kind === ';') {
      if (current) {
        current.end = t.end;
        top.list.push(current);
        current = undefined;
      }
    } else if (t.kind === '{') {
      const owner: NginxDirective = current ?? { name: '', args: [], start: t.start, end: t.end };
      owner.block = [];
      top.list.push(owner);
      stack.push({ list: owner.block, owner });
      current = undefined;
    } else {
      if (current) {
        problems.push({ start: current.start, end: t.start, what: 'noSemicolon' });
        current = undefined;
      }
      if (stack.length === 1) {
        problems.push({ start: t.start, end: t.end, what: 'closesNoBlock' });
        continue;
      }
      stack.pop()!.owner!.end = t.end;
    }
  }
  if (current) problems.push({ start: current.start, end: text.length, what: 'noSemicolon' });
  if (stack.length > 1 && !problems.length) problems.push({ start: stack[stack.length - 1]!.owner!.start, end: text.length, what: 'blockNeverClosed' });
  return { directives: root, problems };
}

/** Every directive, depth first, with the chain of blocks it is in. */
export function* allDirectives(list: NginxDirective[], parents: NginxDirective[] = []): Generator<{ d: NginxDirective; parents: NginxDirective[] }> {
  for (const d of list) {
    yield { d, parents };
    if (d.block) yield* allDirectives(d.block, [...parents, d]);
  }
}
