/**
 * A small, strict PowerShell command-line tokenizer for the lines DEPLOY.md generates, written from the language
 * specification (about_Parsing, about_Quoting_Rules, and the PowerShell tokenizer's ScanStringLiteral):
 * - single-quoted strings open and close with any of ' ‘ ’ ‚ ‛; inside, nothing is expanded and the only special
 *   thing is two quote characters in a row, which stand for one (the second is kept);
 * - in argument mode a plain word is taken literally only when it holds nothing PowerShell interprets. This
 *   tokenizer accepts only ASCII letters, digits and `_ . / \ : = + -` there, and refuses a word that PowerShell
 *   could read as a number other than a plain integer (`1kb` is 1024, `0x10` is 16, `007` is 7) or as the
 *   stop-parsing token `--%`;
 * - `&` first is the call operator; `$name` and `$env:name` are variables; `$name = ...` is an assignment.
 * Anything else unquoted ($ inside a word, `, ;, |, &, (, ), {, }, @, #, ",", <, >, double quotes of any kind,
 * Unicode spaces and dashes...) makes it throw: the line would not mean what it says literally.
 */

export type PsToken = { kind: 'word'; text: string } | { kind: 'string'; text: string } | { kind: 'variable'; name: string };

export interface PsStatement {
  /** `$name = ...` */
  assign?: string;
  /** `& program ...` */
  call: boolean;
  tokens: PsToken[];
}

const QUOTES = "'\u2018\u2019\u201a\u201b";
const WORD = /^[A-Za-z0-9_./\\:=+-]+$/;
const WHITESPACE = /[ \t]/;

export function tokenizePs(line: string): PsStatement {
  const tokens: PsToken[] = [];
  let i = 0;
  const skipSpace = () => {
    while (i < line.length && WHITESPACE.test(line[i]!)) i++;
  };
  skipSpace();
  while (i < line.length) {
    const ch = line[i]!;
    if (QUOTES.includes(ch)) {
      let text = '';
      let closed = false;
      for (i++; i < line.length; i++) {
        let c = line[i]!;
        if (QUOTES.includes(c)) {
          const after = line[i + 1];
          if (after === undefined || !QUOTES.includes(after)) {
            closed = true;
            i++;
            break;
          }
          c = line[++i]!;
        }
        text += c;
      }
      if (!closed) throw new Error(`unterminated string in: ${line}`);
      if (i < line.length && !WHITESPACE.test(line[i]!)) throw new Error(`text right after a string (${line.slice(i, i + 10)}) in: ${line}`);
      tokens.push({ kind: 'string', text });
    } else {
      let end = i;
      while (end < line.length && !WHITESPACE.test(line[end]!)) end++;
      const word = line.slice(i, end);
      tokens.push(readWord(word, tokens.length === 0, line));
      i = end;
    }
    skipSpace();
  }
  let call = false;
  let assign: string | undefined;
  if (tokens[0]?.kind === 'variable' && tokens[1]?.kind === 'word' && tokens[1].text === '=') {
    if (tokens.length < 3) throw new Error(`assignment of nothing: ${line}`);
    assign = tokens[0].name;
    tokens.splice(0, 2);
  }
  if (tokens[0]?.kind === 'word' && tokens[0].text === '&') {
    call = true;
    tokens.shift();
    if (!tokens.length) throw new Error(`& without a command: ${line}`);
  }
  return { ...(assign ? { assign } : {}), call, tokens };
}

function readWord(word: string, first: boolean, line: string): PsToken {
  if ((word === '&' && first) || word === '=') return { kind: 'word', text: word };
  const variable = /^\$(?:env:)?([A-Za-z_][A-Za-z0-9_]*)$/.exec(word);
  if (variable) return { kind: 'variable', name: word.slice(1) };
  if (!WORD.test(word)) throw new Error(`unquoted special character in "${word}": ${line}`);
  if (word.startsWith('--%')) throw new Error(`stop-parsing token: ${line}`);
  if (word.startsWith('-') && word.includes(':')) throw new Error(`"${word}" is a -parameter:value: ${line}`);
  if (first && word.startsWith(':')) throw new Error(`"${word}" is a loop label: ${line}`);
  if (/^[-+]?\.?\d/.test(word) && !/^-?(0|[1-9]\d*)$/.test(word)) throw new Error(`"${word}" may be read as a number: ${line}`);
  return { kind: 'word', text: word };
}

/** The literal argument values of a statement (variables as `$name`). */
export function psArgv(line: string): string[] {
  return tokenizePs(line).tokens.map((t) => (t.kind === 'variable' ? `$${t.name}` : t.text));
}

/** The lines of every ```powershell block of a Markdown text. */
export function powershellLines(markdown: string): string[] {
  const out: string[] = [];
  for (const m of markdown.matchAll(/^(`{3,})powershell\n([\s\S]*?)^\1$/gm)) out.push(...m[2]!.split('\n').filter((l) => l.trim()));
  return out;
}

export { rng } from './rng';

/** Characters that mean something to PowerShell, cmd.exe or XML, and some that only look harmless. */
export const HOSTILE_CHARS = [
  ...'&|;`$()\'"%<>[]{}@#,*?!^~=+-./\\: \t', '\n', '\r', '\u0000', '\u2018', '\u2019', '\u201a', '\u201b', '\u201c', '\u201d', '\u201e',
  '\u00a0', '\u2013', '\u2014', 'é', '日', 'ß', '😀', 'a', 'Z', '0', '1', '9', '_', 'k', 'b', 'x',
];

/** A random string of 0..`max` hostile characters, or one of the classic injection shapes. */
export function hostileString(next: () => number, max = 12): string {
  const shapes = ["zz&calc", "a'b", '$(calc)', 'x;calc', '`$x', "'; calc; '", '1kb', '0x10', '--%', '-m', '‘’', "''", '%PATH%', '"&calc&"'];
  if (next() < 0.15) return shapes[Math.floor(next() * shapes.length)]!;
  const n = Math.floor(next() * (max + 1));
  let s = '';
  for (let i = 0; i < n; i++) s += HOSTILE_CHARS[Math.floor(next() * HOSTILE_CHARS.length)]!;
  return s;
}
