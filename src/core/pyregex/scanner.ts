/**
 * Tokenizer mirroring CPython's `re._parser.Tokenizer`: one token of lookahead (`next`), where a token is
 * one code point or a backslash plus the following code point. Positions are UTF-16 indices.
 */

/** Thrown while parsing; carries Python's message and position. */
export class PyReSyntaxError extends Error {
  constructor(message: string, readonly offset: number) {
    super(message);
  }
}

export const DIGITS = new Set('0123456789');
export const OCTDIGITS = new Set('01234567');
export const HEXDIGITS = new Set('0123456789abcdefABCDEF');
export const ASCIILETTERS = new Set('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ');
export const WHITESPACE = new Set(' \t\n\r\v\f');

/** The code point at UTF-16 index `i`, as a string (one or two code units). */
function codePointString(s: string, i: number): string {
  const cp = s.codePointAt(i) ?? 0;
  return cp > 0xffff ? s.slice(i, i + 2) : s[i];
}

/** Code point of a one-code-point string. */
export function cpOf(ch: string): number {
  return ch.codePointAt(0) ?? 0;
}

export class Tokenizer {
  next: string | undefined;
  private index = 0;

  constructor(private readonly src: string) {
    this.advance();
  }

  private advance(): void {
    const s = this.src;
    const i = this.index;
    if (i >= s.length) {
      this.next = undefined;
      return;
    }
    const c0 = codePointString(s, i);
    if (c0 !== '\\') {
      this.index = i + c0.length;
      this.next = c0;
      return;
    }
    if (i + 1 >= s.length) throw new PyReSyntaxError('bad escape (end of pattern)', s.length - 1);
    const c1 = codePointString(s, i + 1);
    this.index = i + 1 + c1.length;
    this.next = '\\' + c1;
  }

  match(ch: string): boolean {
    if (ch !== this.next) return false;
    this.advance();
    return true;
  }

  get(): string | undefined {
    const t = this.next;
    this.advance();
    return t;
  }

  getwhile(n: number, charset: ReadonlySet<string>): string {
    let result = '';
    for (let k = 0; k < n && this.next !== undefined && charset.has(this.next); k++) result += this.get();
    return result;
  }

  getuntil(terminator: string, name: string): string {
    let result = '';
    for (;;) {
      const c = this.get();
      if (c === undefined) {
        if (!result) throw this.error(`missing ${name}`);
        throw this.error(`missing ${terminator}, unterminated name`, result.length);
      }
      if (c === terminator) {
        if (!result) throw this.error(`missing ${name}`, 1);
        return result;
      }
      result += c;
    }
  }

  tell(): number {
    return this.index - (this.next?.length ?? 0);
  }

  seek(index: number): void {
    this.index = index;
    this.advance();
  }

  error(message: string, offset = 0): PyReSyntaxError {
    return new PyReSyntaxError(message, this.tell() - offset);
  }
}

/** Python's `str.isidentifier()`. */
export function isIdentifier(s: string): boolean {
  return /^[\p{XID_Start}_]\p{XID_Continue}*$/u.test(s);
}

/** Python's `str.isalpha()` for a single token. */
export function isAlpha(s: string): boolean {
  return /^\p{L}+$/u.test(s);
}

/** Python's `repr()` of a str (close enough for error messages). */
export function pyRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = '';
  for (const ch of s) {
    const cp = cpOf(ch);
    if (ch === '\\' || ch === quote) out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) out += '\\x' + cp.toString(16).padStart(2, '0');
    else if (cp >= 0xd800 && cp <= 0xdfff) out += '\\u' + cp.toString(16);
    else out += ch;
  }
  return quote + out + quote;
}
