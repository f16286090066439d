/** Values wfastcgi parses: wsgi-handler-syntax, pythonpath-separator, restart-regex-invalid, restart-regex-ineffective. */
import type { MessageKey } from '../messages';
import { checkPythonRegex } from '../pyregex';
import { valueOffset } from '../xml/entities';
import type { XmlAttribute } from '../xml/types';
import { valueSpan, type Rule, type RuleContext } from './context';

const DOTTED = /^[\p{L}_][\p{L}\p{N}_]*(?:\(\))?(?:\.[\p{L}_][\p{L}\p{N}_]*(?:\(\))?)*$/u;

export function wsgiHandlerProblem(value: string): { key: MessageKey; fixed?: string } | undefined {
  if (!value.trim() || (DOTTED.test(value) && !/\.py(\.|$)/.test(value))) return undefined;
  if (/\s/.test(value)) return { key: 'wsgi.syntax.space' };
  if (/^[A-Za-z]:[\\/]|[\\/]/.test(value)) return { key: 'wsgi.syntax.path' };
  if (value.includes(':')) return { key: 'wsgi.syntax.colon', fixed: value.replace(/:/g, '.') };
  if (/\.py(\.|$)/.test(value)) {
    const fixed = value.endsWith('.py') ? `${value.slice(0, -3)}.app` : value.replace('.py.', '.');
    return { key: 'wsgi.syntax.pyExt', fixed };
  }
  if (/\([^)]/.test(value)) return { key: 'wsgi.syntax.args' };
  return { key: 'wsgi.syntax.generic' };
}

export const wsgiHandlerSyntax: Rule = (ctx) => {
  for (const s of ctx.model.appSettings) {
    if (s.key.toUpperCase() !== 'WSGI_HANDLER' || !s.valueAttr) continue;
    const problem = wsgiHandlerProblem(s.value);
    if (!problem) continue;
    const span = valueSpan(s.valueAttr);
    ctx.report('wsgi-handler-syntax', span.start, span.end, problem.key, { value: s.value, fixed: problem.fixed ?? '' });
  }
};

export const pythonPathSeparators: Rule = (ctx) => {
  for (const s of ctx.model.appSettings) {
    if (s.key.toLowerCase() !== 'pythonpath' || !s.valueAttr) continue;
    checkPythonPath(ctx, s.valueAttr);
  }
};

function checkPythonPath(ctx: RuleContext, a: XmlAttribute): void {
  const v = a.value;
  const report = (i: number, len: number, key: MessageKey, args: Record<string, string>) => {
    const start = valueOffset(ctx.text, a, i);
    ctx.report('pythonpath-separator', start, Math.max(start + 1, valueOffset(ctx.text, a, i + len)), key, args);
  };
  const dollar = /\$\{?\w+\}?/.exec(v);
  if (dollar) report(dollar.index, dollar[0].length, 'pp.dollar', { var: dollar[0] });
  let offset = 0;
  for (const entry of v.split(';')) {
    const here = offset;
    offset += entry.length + 1;
    if (!entry) continue;
    const comma = entry.indexOf(',');
    const colon = strayColon(entry);
    if (comma >= 0) report(here + comma, 1, 'pp.comma', { entry });
    else if (colon >= 0) report(here + colon, 1, 'pp.colon', { entry });
    if (entry !== entry.trim() && entry.trim()) report(here, entry.length, 'pp.space', { entry });
    if (entry.includes('"')) report(here, entry.length, 'pp.quote', { entry });
  }
}

/** An entry pythonpath-separator reports (a comma, a stray colon, surrounding space, quotes): other rules leave it to that one finding. */
export function pythonPathEntryMalformed(entry: string): boolean {
  return entry.includes(',') || strayColon(entry) >= 0 || (entry !== entry.trim() && !!entry.trim()) || entry.includes('"');
}

/** A `:` that is not the drive letter's (`C:`) at the start of the entry, or -1. */
function strayColon(entry: string): number {
  const drive = /^\s*"?[A-Za-z]:/.exec(entry);
  const allowed = drive ? drive[0].length - 1 : -1;
  for (let i = entry.indexOf(':'); i >= 0; i = entry.indexOf(':', i + 1)) if (i !== allowed) return i;
  return -1;
}

const REGEX_KEY = 'WSGI_RESTART_FILE_REGEX';
/**
 * The longest pattern the built-in checker parses (~30 ms): real restart patterns are tens of characters, and
 * parsing (building the syntax tree) a pattern of megabytes takes seconds. A longer one gets a check-truncated note.
 */
export const MAX_CHECKED_REGEX = 64 * 1024;

export const restartRegex: Rule = (ctx) => {
  for (const s of ctx.model.appSettings) {
    if (s.key.toUpperCase() !== REGEX_KEY) continue;
    if (s.key !== REGEX_KEY) {
      const span = valueSpan(s.keyAttr);
      ctx.report('restart-regex-ineffective', span.start, span.end, 'regex.miscased', { key: s.key });
      continue;
    }
    if (!s.valueAttr || s.value === '') continue;
    checkRegex(ctx, s.valueAttr);
  }
};

function checkRegex(ctx: RuleContext, a: XmlAttribute): void {
  const v = a.value;
  const verdict = ctx.options.regexVerdict?.(v);
  const span = valueSpan(a);
  if (verdict === undefined && v.length > MAX_CHECKED_REGEX) {
    ctx.report('check-truncated', span.start, span.end, 'regex.tooLong', { length: v.length, limit: MAX_CHECKED_REGEX });
    return;
  }
  const error = verdict === undefined ? checkPythonRegex(v) : verdict ?? undefined;
  if (error) {
    const glob = /^\*|;\s*\*|^\*\.\w+$/.test(v);
    ctx.report('restart-regex-invalid', span.start, span.end, 'regex.invalid', { error: error.message, pos: error.offset, hint: glob ? '@regex.globHint' : '' });
    return;
  }
  const body = v.replace(/^\^/, '');
  if (/^(\\\\|\/)/.test(body)) ctx.report('restart-regex-ineffective', span.start, span.end, 'regex.leadingSeparator', { value: v });
  else if (/^\\\.[\w(|)\\.]*\$?$/.test(body)) ctx.report('restart-regex-ineffective', span.start, span.end, 'regex.anchored', { value: v });
}
