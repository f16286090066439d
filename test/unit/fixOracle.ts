/**
 * The oracles of the quick-fix property test: well-formedness judged by third-party parsers (never our scanner),
 * and the invariants every applied fix must keep. Each check returns violation texts (empty when it holds).
 */
import { posix } from 'node:path';
import { SaxesParser } from 'saxes';
import type { Fix } from '../../src/core/editing/fixes';
import type { TextEdit } from '../../src/core/editing/textEdits';
import type { Finding } from '../../src/core/findings';

/**
 * Why `text` is not well-formed XML, or undefined when it is: judged by saxes, a conformant XML 1.0 parser
 * (never our own scanner). saxes reports `<` in attribute values, two root elements, forbidden characters,
 * bad entities and duplicate attributes, which the validators used before missed.
 */
export function wellFormedError(text: string): string | undefined {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let error: string | undefined;
  const parser = new SaxesParser({ xmlns: false, position: true });
  parser.on('error', (e: Error) => {
    error ??= `saxes: ${e.message.split('\n')[0]}`;
  });
  try {
    parser.write(body).close();
  } catch (e) {
    error ??= `saxes: ${e instanceof Error ? e.message : String(e)}`;
  }
  return error;
}

export function applyEdits(text: string, edits: TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start || b.end - a.end)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

/** Where an offset of the original text lands after the edits (inside a replaced range: its start, or end with `atEnd`). */
export function mapOffset(offset: number, edits: TextEdit[], atEnd = false): number {
  let delta = 0;
  for (const e of edits) {
    if (e.end <= offset && !(e.start === e.end && e.start === offset && !atEnd)) delta += e.newText.length - (e.end - e.start);
    else if (e.start < offset && offset < e.end) return e.start + delta + (atEnd ? e.newText.length : 0);
  }
  return offset + delta;
}

/** No two edits overlap or share a point (two insertions at one offset, or an insertion where a replacement starts). */
export function overlapViolations(edits: TextEdit[]): string[] {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: string[] = [];
  for (let i = 1; i < sorted.length; i++) {
    const p = sorted[i - 1]!;
    const e = sorted[i]!;
    if (e.start < p.end) out.push(`edits overlap at ${e.start} (${p.start}-${p.end} and ${e.start}-${e.end})`);
    else if (e.start === p.start) out.push(`two edits share the point ${e.start}`);
  }
  return out;
}

/** Files a fix creates stay inside the folder of the web.config (the workspace folder of the test). */
export function createdFileViolations(fix: Fix): string[] {
  const out: string[] = [];
  for (const f of fix.createFiles ?? []) {
    const p = f.relativePath.replace(/\\/g, '/');
    const norm = posix.normalize(p);
    if (!p || posix.isAbsolute(p) || /^[A-Za-z]:/.test(p) || norm === '..' || norm.startsWith('../') || norm === '.') out.push(`creates a file outside the workspace folder: ${f.relativePath}`);
  }
  return out;
}

const eolOf = (text: string): string => (text.includes('\r\n') ? '\r\n' : '\n');

function lines(text: string): string[] {
  return text.split(/\r?\n/);
}

/** The file's conventions: line ending, indentation character, quote style; and the comments it has. */
export function styleViolations(before: string, after: string, edits: TextEdit[]): string[] {
  const out: string[] = [];
  const nl = eolOf(before);
  const mixedEol = before.includes('\r\n') && /(^|[^\r])\n/.test(before);
  for (const e of edits) {
    if (!mixedEol && nl === '\r\n' && /(^|[^\r])\n/.test(e.newText)) out.push(`LF line ending inserted into a CRLF file: ${JSON.stringify(e.newText)}`);
    if (!mixedEol && nl === '\n' && e.newText.includes('\r')) out.push(`CR inserted into an LF file: ${JSON.stringify(e.newText)}`);
    const indents = lines(e.newText).slice(1).map((l) => /^[ \t]*/.exec(l)![0]).filter(Boolean);
    if (usesOnly(before, '\t') && indents.some((i) => i.includes(' '))) out.push(`space indentation inserted into a tab-indented file: ${JSON.stringify(e.newText)}`);
    if (usesOnly(before, ' ') && indents.some((i) => i.includes('\t'))) out.push(`tab indentation inserted into a space-indented file: ${JSON.stringify(e.newText)}`);
    const quote = quoteStyle(before);
    if (quote === "'" && /[\w-]="/.test(e.newText)) out.push(`double-quoted attribute inserted into a single-quoted file: ${JSON.stringify(e.newText)}`);
    if (quote === '"' && /[\w-]='/.test(e.newText)) out.push(`single-quoted attribute inserted into a double-quoted file: ${JSON.stringify(e.newText)}`);
  }
  const blank = (t: string) => lines(t).filter((l) => l.length > 0 && /^[ \t]+$/.test(l)).length;
  if (blank(after) > blank(before)) out.push('a line of only white space was left behind');
  const emptyLines = (t: string) => lines(t).slice(0, -1).filter((l) => l === '').length;
  if (emptyLines(after) > emptyLines(before)) out.push('an empty line was left behind');
  return out;
}

/** Indentation of element lines uses only this character. */
function usesOnly(text: string, ch: ' ' | '\t'): boolean {
  const indents = text.split(/\r?\n/).map((l) => /^([ \t]*)</.exec(l)?.[1] ?? '').filter(Boolean);
  return indents.length > 0 && indents.every((i) => [...i].every((c) => c === ch));
}

/** The quote every attribute in the file uses, or undefined when mixed or none. */
function quoteStyle(text: string): '"' | "'" | undefined {
  const doubles = (text.match(/[\w-]="/g) ?? []).length;
  const singles = (text.match(/[\w-]='/g) ?? []).length;
  return doubles && !singles ? '"' : singles && !doubles ? "'" : undefined;
}

/** Comments outside the edited ranges are kept; one inside a removed range goes only with the element around it. */
export function commentViolations(before: string, comments: { start: number; end: number }[], edits: TextEdit[]): string[] {
  const out: string[] = [];
  for (const c of comments) {
    for (const e of edits) {
      if (e.end <= c.start || e.start >= c.end) continue;
      const inside = e.start <= c.start && c.end <= e.end && e.newText === '' && enclosedByElement(before.slice(e.start, e.end), c.start - e.start);
      if (!inside) out.push(`an edit touches the comment ${JSON.stringify(before.slice(c.start, c.end))}`);
    }
  }
  return out;
}

/** The removed text is one element with the comment inside its start and end tags. */
function enclosedByElement(removed: string, at: number): boolean {
  const open = removed.indexOf('<');
  return open >= 0 && open < at && removed.charAt(open + 1) !== '!' && removed.lastIndexOf('</') > at;
}

/** Errors (by code and message) that are more numerous after than before. */
export function newErrors(before: Finding[], after: Finding[], removed: Finding | undefined): Finding[] {
  const count = new Map<string, number>();
  const key = (f: Finding) => `${f.code}/${f.messageKey}`;
  for (const f of before) if (f.severity === 'error' && f !== removed) count.set(key(f), (count.get(key(f)) ?? 0) + 1);
  const out: Finding[] = [];
  for (const f of after) {
    if (f.severity !== 'error') continue;
    const n = count.get(key(f)) ?? 0;
    if (n > 0) count.set(key(f), n - 1);
    else out.push(f);
  }
  return out;
}
