/**
 * Python `re` syntax checking (CPython 3.11/3.12 `re.compile` of a str pattern) and a best-effort
 * translation to a JavaScript RegExp. Pure TypeScript: no `vscode` or Node imports.
 */
import type { ParsedPattern } from './ast';
import { checkCompilable } from './compileCheck';
import { Parser } from './parser';
import { PyReSyntaxError } from './scanner';
import { translate } from './translate';

export interface PyRegexError {
  /** Python's error text, e.g. `nothing to repeat`. */
  message: string;
  /** Position in the pattern (UTF-16 index), like `re.error.pos`. */
  offset: number;
}

function parsePattern(pattern: string): ParsedPattern | PyRegexError {
  try {
    const parsed = new Parser(pattern).parse();
    checkCompilable(parsed);
    return parsed;
  } catch (e) {
    if (e instanceof PyReSyntaxError) return { message: e.message, offset: e.offset };
    throw e;
  }
}

/** undefined when Python 3.11+'s `re.compile(pattern)` accepts the pattern, else the error it raises. */
export function checkPythonRegex(pattern: string): PyRegexError | undefined {
  const result = parsePattern(pattern);
  return 'message' in result ? result : undefined;
}

/** A JS RegExp matching like the Python pattern, or undefined if it is invalid or has no JS equivalent. */
export function toJsRegExp(pattern: string): RegExp | undefined {
  const result = parsePattern(pattern);
  return 'message' in result ? undefined : translate(result);
}
