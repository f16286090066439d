/**
 * Quick fixes for typographic-quotes: typographic quotes around a value become the straight quote the value
 * closes with (or the file's), and every typographic character inside one value is fixed at once.
 */
import { INVISIBLE, TYPOGRAPHIC_DASHES, TYPOGRAPHIC_QUOTES } from '../xml/chars';
import { escapeAttribute } from '../xml/escape';
import { decodeEntities } from '../xml/entities';
import type { XmlAttribute } from '../xml/types';
import type { Fix, FixContext } from './fixTypes';
import { quoteFor, type TextEdit } from './textEdits';

const QUOTE_FOR: Record<number, string> = { 0x2018: "'", 0x2019: "'", 0x201a: "'", 0x201b: "'" };
/** Attributes holding command lines and paths: a dash there means `-`, a no-break space means a space. */
const COMMAND_ATTRIBUTES = new Set(['scriptProcessor', 'processPath', 'arguments', 'path', 'physicalPath', 'stdoutLogFile', 'fullPath']);
const SPACE_LIKE = new Set([0x00a0, 0x2007, 0x202f, 0x3000, 0x2002, 0x2003, 0x2009]);

const fix = (key: Fix['title']['key'], edits: TextEdit[], args?: Fix['title']['args']): Fix => ({ title: args ? { key, args } : { key }, edits, isPreferred: true });

export function typographic(c: FixContext): Fix[] {
  const { finding: f, text } = c;
  if (f.messageKey === 'typo.quotes') return straightenQuotes(c);
  const ch = text.charCodeAt(f.start);
  if (f.messageKey === 'typo.invisibleInTag') return [fix('fix.replaceInvisible', [{ start: f.start, end: f.end, newText: ' ' }])];
  if (f.messageKey === 'typo.strayInTag') return strayQuote(c);
  const a = c.element?.attributes.find((x) => x.valueStart <= f.start && f.end <= x.valueEnd);
  if (!a) return [];
  const edits = valueEdits(text, a);
  if (!edits.length) return [];
  const first = decodeEntities(text.slice(edits[0]!.start, edits[0]!.end)).value.charCodeAt(0) || ch;
  if (TYPOGRAPHIC_DASHES.has(first)) return [fix('fix.replaceWith', edits, { value: '-' })];
  return [fix(TYPOGRAPHIC_QUOTES.has(first) ? 'fix.removeQuote' : 'fix.removeInvisible', edits)];
}

/** One edit per typographic character of the value (written as itself or as a character reference). */
function valueEdits(text: string, a: XmlAttribute): TextEdit[] {
  const command = COMMAND_ATTRIBUTES.has(a.name);
  const edits: TextEdit[] = [];
  for (const part of rawCharacters(text, a.valueStart, a.valueEnd)) {
    const c = part.value.charCodeAt(0);
    let newText: string | undefined;
    if (INVISIBLE.has(c)) newText = command && SPACE_LIKE.has(c) ? ' ' : '';
    else if (TYPOGRAPHIC_QUOTES.has(c)) newText = '';
    else if (command && TYPOGRAPHIC_DASHES.has(c)) newText = '-';
    if (newText !== undefined) edits.push({ start: part.start, end: part.end, newText });
  }
  return edits;
}

/** The characters of a raw attribute value with their raw spans (a character reference spans its `&...;`). */
export function* rawCharacters(text: string, start: number, end: number): Generator<{ value: string; start: number; end: number }> {
  let i = start;
  while (i < end) {
    if (text.charCodeAt(i) === 0x26) {
      const semi = text.indexOf(';', i + 1);
      if (semi > i && semi < end && semi - i <= 12) {
        const decoded = decodeEntities(text.slice(i, semi + 1));
        if (!decoded.bad.length) {
          yield { value: decoded.value, start: i, end: semi + 1 };
          i = semi + 1;
          continue;
        }
      }
    }
    yield { value: text.charAt(i), start: i, end: i + 1 };
    i++;
  }
}

/**
 * `key=“X”` → `key="X"`; `key=‘X'` → `key='X'` (the straight closing quote decides); without a closing quote
 * one is added. The content is escaped when it holds the chosen quote.
 */
function straightenQuotes(c: FixContext): Fix[] {
  const { finding: f, text } = c;
  const open = f.start;
  const closeChar = String(f.args['close'] ?? '');
  let close: number | undefined = closeChar ? f.end - 1 : undefined;
  let quote: '"' | "'" | undefined;
  const last = text.charAt(f.end - 1);
  if (close !== undefined && last === '"') quote = '"';
  else if (close === undefined && f.end - f.start > 1 && (last === "'" || last === '"')) {
    close = f.end - 1;
    quote = last;
  }
  const contentEnd = close ?? f.end;
  const content = text.slice(open + 1, contentEnd);
  quote ??= pickQuote(content, QUOTE_FOR[text.charCodeAt(open)] === "'" ? "'" : quoteFor(c.result.model.doc, c.element));
  const edits: TextEdit[] = [];
  if (content.includes(quote)) {
    const whole = escapeAttribute(decodeEntities(content).value, quote);
    edits.push({ start: open, end: close === undefined ? contentEnd : close + 1, newText: `${quote}${whole}${quote}` });
  } else {
    edits.push({ start: open, end: open + 1, newText: quote });
    edits.push(close === undefined ? { start: contentEnd, end: contentEnd, newText: quote } : { start: close, end: close + 1, newText: quote });
  }
  if (edits.length === 2 && text.slice(edits[1]!.start, edits[1]!.end) === quote) edits.pop();
  return [fix('fix.straightenQuotes', edits)];
}

/** The preferred quote unless the content holds it and not the other one. */
function pickQuote(content: string, preferred: '"' | "'"): '"' | "'" {
  const other = preferred === '"' ? "'" : '"';
  return content.includes(preferred) && !content.includes(other) ? other : preferred;
}

/**
 * A typographic quote where an attribute name belongs: right after a value (`value="x"”`) it is a stray copy
 * and goes; elsewhere it becomes the straight quote it stands for.
 */
function strayQuote(c: FixContext): Fix[] {
  const { finding: f, text } = c;
  const before = text.charAt(f.start - 1);
  const afterValue = (before === '"' || before === "'") && c.element?.attributes.some((a) => a.valueEnd === f.start - 1);
  if (afterValue || INVISIBLE.has(text.charCodeAt(f.start))) return [fix('fix.removeQuote', [{ start: f.start, end: f.end, newText: '' }])];
  return [fix('fix.straightenQuotes', [{ start: f.start, end: f.end, newText: QUOTE_FOR[text.charCodeAt(f.start)] ?? '"' }])];
}
