/** "Did you mean": the nearest known name, case-insensitively first, then by edit distance. */
import { nearestWithin } from '../text/editDistance';


/**
 * Answers already computed, per candidate list then per name: a large file repeats the same few unknown names
 * thousands of times (the edit distances were most of the time a 5 MB check took). Bounded, so an adversary's
 * millions of distinct names cost memory no more than the cap.
 */
const memo = new Map<string, Map<string, string | undefined>>();
let memoSize = 0;
const MEMO_CAP = 50_000;

/** The candidate equal but for case, else the closest within a third of the name's length (at most 3 edits). */
export function nearest(name: string, candidates: Iterable<string>): string | undefined {
  const list = [...candidates];
  const key = list.join('\u0001');
  let answers = memo.get(key);
  if (answers?.has(name)) return answers.get(name);
  const found = compute(name, list);
  if (memoSize >= MEMO_CAP) {
    memo.clear();
    memoSize = 0;
    answers = undefined;
  }
  if (!answers) memo.set(key, (answers = new Map()));
  answers.set(name, found);
  memoSize++;
  return found;
}

function compute(name: string, list: string[]): string | undefined {
  const lower = name.toLowerCase();
  const same = list.find((c) => c.toLowerCase() === lower);
  if (same !== undefined) return same;
  // A name cut short or run on (PassThru → PassThrough) is the other name's prefix.
  if (name.length >= 4) {
    const longer = list.filter((c) => c.toLowerCase().startsWith(lower));
    if (longer.length === 1) return longer[0];
    const shorter = list.filter((c) => c.length >= 4 && lower.startsWith(c.toLowerCase()));
    if (!longer.length && shorter.length === 1) return shorter[0];
  }
  const max = Math.min(3, Math.max(1, Math.floor(name.length / 3) + 1));
  return nearestWithin(lower, list, max);
}

/** True when `a` and `b` differ only in case. */
export const caseOnly = (a: string, b: string): boolean => a !== b && a.toLowerCase() === b.toLowerCase();
