/**
 * "Fix all" for one code: the preferred fix of every finding of that code, as one edit set in which no two
 * edits overlap or share an insertion point. Edits several findings make alike (the same WSGI_HANDLER line for
 * two handlers) are made once; a fix that would collide with one already taken is left for a later round.
 */
import type { CheckResult } from '../check';
import type { EditingEnv } from './env';
import { fixesFor, type Fix } from './fixes';
import type { TextEdit } from './textEdits';

const same = (a: TextEdit, b: TextEdit): boolean => a.start === b.start && a.end === b.end && a.newText === b.newText;

/** Two edits that touch the same text, or insert at one point (their order would be ambiguous). */
export function editsCollide(a: TextEdit, b: TextEdit): boolean {
  return a.start === b.start || (a.start < b.end && b.start < a.end);
}

export function fixAll(result: CheckResult, code: string, env: EditingEnv = {}): Fix | undefined {
  const taken: TextEdit[] = [];
  let fixes = 0;
  for (const finding of result.findings) {
    if (finding.code !== code) continue;
    const fix = fixesFor(result, finding, env).find((f) => f.isPreferred && !f.createFiles?.length && f.edits.length);
    if (!fix) continue;
    const fresh = fix.edits.filter((e) => !taken.some((t) => same(t, e)));
    if (fresh.some((e) => taken.some((t) => editsCollide(t, e)))) continue;
    taken.push(...fresh);
    fixes++;
  }
  if (!fixes) return undefined;
  return { title: { key: 'fix.all', args: { code } }, edits: taken.sort((a, b) => a.start - b.start), isPreferred: false };
}
