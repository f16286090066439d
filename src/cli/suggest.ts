/** "Did you mean": the closest name by edit distance (a swap of two neighbours counts as one edit). */

/** Optimal string alignment distance, stopping early once every entry of a row exceeds `limit`. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      row.push(d);
      best = Math.min(best, d);
    }
    if (best > limit) return limit + 1;
    prev2 = prev;
    prev = row;
  }
  return prev[b.length]!;
}

/**
 * The candidate closest to `given` (case-insensitive), when it is close enough to be a typo: at most a third of
 * its length, and at least one edit, away; or `given` is a prefix of exactly one candidate (`--dry` → `--dry-run`).
 * Ties go to the first candidate.
 */
export function closest(given: string, candidates: string[]): string | undefined {
  const g = given.toLowerCase();
  const prefixed = candidates.filter((c) => g.length >= 4 && c.toLowerCase().startsWith(g));
  if (prefixed.length === 1) return prefixed[0];
  const limit = Math.max(1, Math.floor(g.replace(/^-+/, '').length / 3));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const c of candidates) {
    const d = editDistance(g, c.toLowerCase(), limit);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}
