/** "Did you mean": the closest name by edit distance (a swap of two neighbours counts as one edit). */
import { editDistance, nearestWithin } from '../core/text/editDistance';

export { editDistance };

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
  return nearestWithin(g, candidates, limit);
}
