/** Parse tree of a Python `re` pattern (a simplified form of sre_parse's SubPattern data). */

export const FLAG_TEMPLATE = 1;
export const FLAG_IGNORECASE = 2;
export const FLAG_LOCALE = 4;
export const FLAG_MULTILINE = 8;
export const FLAG_DOTALL = 16;
export const FLAG_UNICODE = 32;
export const FLAG_VERBOSE = 64;
export const FLAG_ASCII = 256;
export const TYPE_FLAGS = FLAG_ASCII | FLAG_LOCALE | FLAG_UNICODE;
export const GLOBAL_FLAGS = FLAG_TEMPLATE;

/** Inline flag letters accepted by `(?...)`. */
export const FLAGS: ReadonlyMap<string, number> = new Map([
  ['i', FLAG_IGNORECASE],
  ['L', FLAG_LOCALE],
  ['m', FLAG_MULTILINE],
  ['s', FLAG_DOTALL],
  ['x', FLAG_VERBOSE],
  ['a', FLAG_ASCII],
  ['t', FLAG_TEMPLATE],
  ['u', FLAG_UNICODE],
]);

export const MAXREPEAT = 4294967295;
export const MAXGROUPS = 1073741823;

/** `\d \D \s \S \w \W`. */
export type Category = 'd' | 'D' | 's' | 'S' | 'w' | 'W';

/** A literal; `cp` is -1 for `\N{...}`, whose code point needs the Unicode name database. */
export interface Literal {
  t: 'lit';
  cp: number;
}

export type SetItem = Literal | { t: 'range'; lo: number; hi: number } | { t: 'cat'; c: Category };

export type Seq = PyNode[];

export type PyNode =
  | Literal
  | { t: 'any' }
  | { t: 'set'; negate: boolean; items: SetItem[] }
  | { t: 'at'; kind: '^' | '$' | 'A' | 'Z' | 'b' | 'B' }
  | { t: 'group'; index?: number; name?: string; add: number; del: number; body: Seq }
  | { t: 'atomic'; body: Seq }
  | { t: 'look'; behind: boolean; negate: boolean; body: Seq; pos: number }
  | { t: 'repeat'; min: number; max: number; mode: '' | '?' | '+'; item: Seq; pos: number }
  | { t: 'ref'; group: number }
  | { t: 'cond'; group: number; yes: Seq; no?: Seq }
  | { t: 'alt'; branches: Seq[] };

export interface ParsedPattern {
  /** Global flags (inline `(?...)` at the start). */
  flags: number;
  body: Seq;
  /** Bodies of the capturing groups, by group number. */
  groups: ReadonlyMap<number, Seq>;
  /** Whether the pattern contains `\1` or `(?P=name)`. */
  hasBackreferences: boolean;
}

/** Literal nodes are never changed after parsing: ASCII ones are shared (a long pattern allocates far less). */
const ASCII_LITERALS: PyNode[] = Array.from({ length: 128 }, (_, cp) => ({ t: 'lit', cp }));
export const literal = (cp: number): PyNode => (cp < 128 ? ASCII_LITERALS[cp]! : { t: 'lit', cp });
