/**
 * A command plan: the exact argv arrays a host task runs, in order, each with the reason it is needed and
 * how to undo it. Plans are data: shown before anything runs (preview, `--dry-run`), then executed without a
 * shell by the node runner.
 */
import type { MessageArgs, MessageKey } from '../messages';
import type { GrantQuestion } from './grants';
import type { PlanStep } from './planStep';

export type { PlanStep } from './planStep';


export interface Plan {
  version: 1;
  steps: PlanStep[];
  /** Things the plan leaves alone and why (already there, cannot be done here, ...). */
  notes: string[];
  /**
   * Grants on folders outside the site folder that only the user can allow (register): not steps, so nothing
   * runs them; the adapters ask (VS Code) or refuse and name the flag (CLI), then plan again with the answers.
   */
  questions?: GrantQuestion[];
}

export type Planned = { ok: true; plan: Plan } | { ok: false; problems: string[] };

export function emptyPlan(): Plan {
  return { version: 1, steps: [], notes: [] };
}

/** The JSON shape of `--dry-run --format json`: `{"version":1,"steps":[{"argv":[...],"why":"..."}],"notes":[...]}`. */
export function planToJson(plan: Plan): string {
  const steps = plan.steps.map((s) => ({
    argv: s.argv, why: s.why,
    ...(s.undo ? { undo: s.undo } : {}),
    ...(s.runs ? { runs: s.runs } : {}),
    ...(s.creates ? { creates: s.creates } : {}),
    ...(s.removes ? { removes: s.removes } : {}),
  }));
  const questions = (plan.questions ?? []).map((q) => ({ path: q.path, right: q.right, principal: q.principal, why: q.why }));
  return JSON.stringify({ version: plan.version, steps, notes: plan.notes, ...(questions.length ? { needsConfirmation: questions } : {}) }, null, 2);
}

/** The steps that undo the first `done` steps of a plan, last first. */
export function undoPlan(plan: Plan, done: number, say: (key: MessageKey, args?: MessageArgs) => string): Plan {
  const steps: PlanStep[] = [];
  for (let i = Math.min(done, plan.steps.length) - 1; i >= 0; i--) {
    const step = plan.steps[i]!;
    for (const argv of step.undo ?? []) steps.push({ argv, why: say('plan.undoOf', { why: step.why }), ...(step.creates ? { removes: step.creates } : {}) });
  }
  return { version: 1, steps, notes: [] };
}
