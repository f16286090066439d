/**
 * PowerShell command lines for DEPLOY.md. Every value (a path, a name, an appcmd `/key:value`) is one argument
 * that PowerShell reads back literally: a plain word when it has nothing PowerShell would interpret, otherwise
 * a single-quoted literal (psLiteral of the host's quoting: only the quotes are special there, and they are
 * doubled, the typographic ‘ ’ ‚ ‛ included). Values with control characters are refused before this point.
 */
import { psLiteral } from '../host/quoting';

/**
 * A word PowerShell passes literally in argument mode: starts with a letter or `/` (never `-`, a digit or `.`,
 * which PowerShell may read as a parameter or a number like `1kb`) and holds only letters, digits and `_ . / : = -`.
 */
const BARE = /^[A-Za-z/][A-Za-z0-9_./:=-]*$/;

/** One literal argument: the word itself when that is safe, else a single-quoted literal. */
export function psArg(value: string): string {
  return BARE.test(value) ? value : psLiteral(value);
}

/**
 * A command: `program arg...`. A program given as a path is quoted and started with the call operator
 * (`& 'C:\...\python.exe' ...`); `$name` starts the program held in that variable (`& $appcmd ...`).
 * `fixed` words are our own (`-m`, `pip`) and written as they are; `values` go through psArg.
 */
export function psCommand(program: string, ...args: (string | { fixed: string })[]): string {
  const head = /^\$[A-Za-z_]\w*$/.test(program) ? `& ${program}` : BARE.test(program) ? program : `& ${psLiteral(program)}`;
  return [head, ...args.map((a) => (typeof a === 'string' ? psArg(a) : a.fixed))].join(' ');
}

/** Our own words, written as they are (`-m`, `pip`, `-r`): a shorthand for psCommand's fixed arguments. */
export function fixed(words: string): { fixed: string }[] {
  return words.split(' ').map((w) => ({ fixed: w }));
}
