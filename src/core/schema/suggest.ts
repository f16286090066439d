/** "Did you mean": the nearest known name, case-insensitively first, then by edit distance. */

/** Levenshtein distance, bounded: stops early beyond `max` (names are short; candidates few). */
export function distance(a: string, b: string, max = 3): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < best) best = v;
    }
    if (best > max) return max + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

/** The candidate equal but for case, else the closest within a third of the name's length (at most 3 edits). */
export function nearest(name: string, candidates: Iterable<string>): string | undefined {
  const list = [...candidates];
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
  let best: string | undefined;
  let bestD = max + 1;
  for (const c of list) {
    const d = distance(lower, c.toLowerCase(), max);
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best;
}

/** True when `a` and `b` differ only in case. */
export const caseOnly = (a: string, b: string): boolean => a !== b && a.toLowerCase() === b.toLowerCase();
