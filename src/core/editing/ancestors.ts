/**
 * The names of the elements open at an offset, found by one lean pass over the text before it (no tree is
 * built): what completion needs while the user types in a large file, before a full scan of the new text.
 */
import { isNameChar } from '../xml/chars';

/**
 * A checkpoint of the pass: at `at` (a `<` not yet read) these elements were open. Everything the pass read to
 * get there lies before `at`, so the checkpoint holds for any text with the same first `at + 1` characters.
 */
interface Checkpoint {
  at: number;
  stack: string[];
}

const CHECKPOINT_EVERY = 32 * 1024;
/** Below this size a whole pass is cheaper than comparing prefixes. */
const CACHE_FROM = 64 * 1024;
let last: { text: string; points: Checkpoint[] } | undefined;

/**
 * The names of the elements open at `offset`. While the user types in a large file, the text before the edit is
 * unchanged: the pass starts from the last checkpoint of the previous call whose prefix is the same (compared
 * natively, chunk by chunk), so a keystroke costs a pass over the text since that checkpoint, not the whole file.
 */
export function openElementsAt(text: string, offset: number): string[] {
  return leanScan(text, offset).open;
}

export interface LeanState {
  /** Names of the elements open at the offset, outermost first. */
  open: string[];
  /** The offset lies inside a comment (or a CDATA section or processing instruction): nothing to complete. */
  inComment: boolean;
}

/** The open elements at `offset` and whether it lies inside a comment (one lean pass, checkpointed). */
export function leanScan(text: string, offset: number): LeanState {
  if (text.length < CACHE_FROM) return pass(text, offset, text.indexOf('<'), [], undefined);
  const points: Checkpoint[] = [];
  let start: Checkpoint | undefined;
  if (last) {
    let from = 0;
    for (const cp of last.points) {
      if (cp.at >= offset || cp.at >= text.length || text.slice(from, cp.at + 1) !== last.text.slice(from, cp.at + 1)) break;
      points.push(cp);
      start = cp;
      from = cp.at + 1;
    }
  }
  const state = pass(text, offset, start ? start.at : text.indexOf('<'), start ? [...start.stack] : [], points);
  last = { text, points };
  return state;
}

/** The pass itself, from the `<` at `i` with `stack` open; records checkpoints into `points` when given. */
function pass(text: string, offset: number, i: number, stack: string[], points: Checkpoint[] | undefined): LeanState {
  let lastPoint = points?.length ? points[points.length - 1]!.at : 0;
  while (i >= 0 && i < offset) {
    if (points && i - lastPoint >= CHECKPOINT_EVERY) {
      points.push({ at: i, stack: [...stack] });
      lastPoint = i;
    }
    const c = text.charCodeAt(i + 1);
    let next: number;
    if (c === 0x21) next = skipBang(text, i);
    else if (c === 0x3f) next = skipUntil(text, '?>', i + 2);
    else if (c === 0x2f) next = endTag(text, i, stack);
    else next = startTag(text, i, stack);
    if (next > offset) return { open: stack, inComment: c === 0x21 || c === 0x3f };
    i = text.indexOf('<', next);
  }
  return { open: stack, inComment: false };
}

function skipUntil(text: string, end: string, from: number): number {
  const at = text.indexOf(end, from);
  return at < 0 ? text.length : at + end.length;
}

function skipBang(text: string, i: number): number {
  if (text.startsWith('<!--', i)) return skipUntil(text, '-->', i + 4);
  if (text.startsWith('<![CDATA[', i)) return skipUntil(text, ']]>', i + 9);
  return skipUntil(text, '>', i + 2);
}

function readName(text: string, from: number): number {
  let j = from;
  while (j < text.length && isNameChar(text.charCodeAt(j))) j++;
  return j;
}

function endTag(text: string, i: number, stack: string[]): number {
  const nameEnd = readName(text, i + 2);
  const name = text.slice(i + 2, nameEnd);
  const at = stack.lastIndexOf(name);
  if (at >= 0) stack.length = at;
  const gt = text.indexOf('>', nameEnd);
  return gt < 0 ? text.length : gt + 1;
}

/** The rest of a start tag after its name, quoted values whole (they may hold `>`), up to its `>`. */
const TAG_REST = /(?:[^<>"']|"[^"]*"|'[^']*')*>/y;

/** Skips a start tag; pushes its name unless it is self-closing. */
function startTag(text: string, i: number, stack: string[]): number {
  const nameEnd = readName(text, i + 1);
  if (nameEnd === i + 1) return i + 1;
  TAG_REST.lastIndex = nameEnd;
  if (TAG_REST.test(text)) {
    const gt = TAG_REST.lastIndex - 1;
    if (text.charCodeAt(gt - 1) !== 0x2f) stack.push(text.slice(i + 1, nameEnd));
    return gt + 1;
  }
  return slowStartTag(text, i, nameEnd, stack);
}

/** An unfinished or broken start tag, character by character: a `<` outside quotes ends it. */
function slowStartTag(text: string, i: number, nameEnd: number, stack: string[]): number {
  let j = nameEnd;
  let quote = 0;
  for (; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === 0x22 || c === 0x27) quote = c;
    else if (c === 0x3e) break;
    else if (c === 0x3c) return j;
  }
  if (j >= text.length) return text.length + 1;
  if (text.charCodeAt(j - 1) !== 0x2f) stack.push(text.slice(i + 1, nameEnd));
  return j + 1;
}

/** For tests: the pass without the checkpoint cache. */
export function openElementsAtUncached(text: string, offset: number): string[] {
  return pass(text, offset, text.indexOf('<'), [], undefined).open;
}
