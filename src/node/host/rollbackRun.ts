/**
 * register's automatic rollback (core/host/rollback.ts) run here: after a failed run, the rollback plan runs at
 * once, elevated when the run was, and the manifest then records only what is left: nothing after a full
 * rollback; after a rollback that stopped, the run's entries it did not undo (unregister finishes them).
 */
import type { ManifestEntry } from '../../core/host/manifest';
import type { Plan } from '../../core/host/plan';
import { rollbackPlan, type Rollback } from '../../core/host/rollback';
import type { Say } from '../../core/host/undo';
import type { CliEntry } from './elevation';
import { executePlan } from './executePlan';
import type { HostState } from './hostState';
import { needsElevation } from './hostTools';
import type { ConfigCopy } from './configCopy';
import type { RunResult } from './planRunner';

export interface RolledBack {
  plan: Rollback;
  result: RunResult;
  /** The run's steps (0-based) whose changes were undone. */
  undone: Set<number>;
}

export async function rollBack(plan: Plan, result: RunResult, copy: ConfigCopy | undefined, state: HostState, cli: CliEntry, say: Say, onOutput?: (index: number, text: string) => void): Promise<RolledBack> {
  const watch = copy && result.watched ? { path: copy.path, copy: copy.copy, before: copy.before, steps: result.watched } : undefined;
  const rollback = rollbackPlan(plan, result.completed, result.failedAt, state.tools.target.appcmd, watch, say);
  const steps = { version: 1 as const, steps: rollback.steps, notes: [] };
  const run = steps.steps.length
    ? await executePlan(steps, { explicit: state.tools.explicit, cli, elevate: needsElevation(plan, state.tools.explicit), ...(onOutput ? { onOutput } : {}) })
    : { completed: 0, outcomes: [] };
  const undone = new Set(rollback.steps.slice(0, run.completed).flatMap((s) => s.undoes));
  return { plan: rollback, result: run, undone };
}

/** The run's steps that are still in effect after the rollback (what the manifest must keep). */
export function remainingSteps(plan: Plan, completed: number, rolledBack: RolledBack | undefined): Plan {
  if (!rolledBack) return { ...plan, steps: plan.steps.slice(0, completed) };
  const keep = plan.steps.slice(0, completed).filter((s, i) => !rolledBack.undone.has(i) && !removedBy(rolledBack, s.creates));
  return { ...plan, steps: keep };
}

function removedBy(r: RolledBack, entry: ManifestEntry | undefined): boolean {
  if (!entry) return false;
  return r.plan.steps.slice(0, r.result.completed).some((s) => s.removesAll.some((e) => JSON.stringify(e) === JSON.stringify(entry)));
}
