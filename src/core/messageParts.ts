/**
 * A message's first sentence (what is wrong and what to do, about 100 characters at most) and the
 * explanation after it. The Problems panel shows about 110 characters of a message on one line, so the
 * diagnostic message is the first sentence, a line break, then the detail (shown in the hover and with
 * the panel's multi-line view).
 *
 * The split is made on the (translated) template, before the arguments are filled in, so a value that
 * contains a full stop (a traceback, a path) never moves the boundary.
 */
import { fill, MESSAGES, type MessageArgs, type MessageKey, type Translate } from './messages';

export interface MessageParts {
  /** The first sentence, with its final punctuation. */
  summary: string;
  /** The rest (may be empty). */
  detail: string;
}

/** Abbreviations whose full stop does not end a sentence. */
const ABBREVIATIONS = /(?:\be\.g|\bi\.e|\betc|\bvs)$/;

/**
 * The offset where the first sentence of `template` ends (after its punctuation), or the template's
 * length. A sentence ends at ". " / "! " / "? " (English), at "。", "！", "？" (Chinese, no space needed),
 * or at a line break. Punctuation inside {placeholders} and inside quoted or bracketed text does not
 * count: `"… could not be imported."` stays one unit.
 */
export function firstSentenceEnd(template: string): number {
  let depth = 0;
  let inQuote = false;
  for (let i = 0; i < template.length; i++) {
    const c = template[i]!;
    if (c === '\n') return i;
    if (c === '"') inQuote = !inQuote;
    else if (c === '(' || c === '（' || c === '{') depth++;
    else if ((c === ')' || c === '）' || c === '}') && depth > 0) depth--;
    if (depth > 0 || inQuote) continue;
    if (c === '。' || c === '！' || c === '？') return i + 1;
    if ((c === '.' || c === '!' || c === '?') && (i + 1 === template.length || /\s/.test(template[i + 1]!))) {
      if (c === '.' && ABBREVIATIONS.test(template.slice(Math.max(0, i - 4), i))) continue;
      return i + 1;
    }
  }
  return template.length;
}

/** Splits a template into its first sentence and the rest (white space between them dropped). */
export function splitTemplate(template: string): { summary: string; detail: string } {
  const end = firstSentenceEnd(template);
  return { summary: template.slice(0, end).trimEnd(), detail: template.slice(end).trim() };
}

/** Renders a message as first sentence + detail. */
export function renderMessageParts(key: MessageKey, args: MessageArgs = {}, translate: Translate = (t) => t): MessageParts {
  const { summary, detail } = splitTemplate(translate(MESSAGES[key]));
  return { summary: fill(summary, args, translate), detail: fill(detail, args, translate) };
}

/** First sentence, a line break, then the detail: what a diagnostic shows (the Problems panel's first line is the summary). */
export function joinParts(parts: MessageParts): string {
  return parts.detail ? `${parts.summary}\n${parts.detail}` : parts.summary;
}
