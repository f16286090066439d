/**
 * Executes a plan here: directly, or (Windows, system tools, not elevated) with the steps that need an
 * administrator in one elevated run. Steps marked asUser (pip into the user's venv) always run directly.
 */
import type { Plan } from '../../core/host/plan';
import { runElevated, type CliEntry } from './elevation';
import { needsElevation } from './hostTools';
import { runSteps, type RunResult } from './planRunner';

export interface ExecuteOptions {
  explicit: Set<string>;
  cli: CliEntry;
  onOutput?: (index: number, text: string) => void;
  /** A file whose sha256 the runner takes before and after each step (register's applicationHost.config). */
  watch?: string;
  /** Elevate (or not) whatever the steps are: a rollback runs as the run it undoes did. */
  elevate?: boolean;
}

export async function executePlan(plan: Plan, options: ExecuteOptions): Promise<RunResult> {
  if (!(options.elevate ?? needsElevation(plan, options.explicit))) return runSteps(plan.steps, options.onOutput, options.watch);
  const userSteps = Math.max(0, plan.steps.findIndex((s) => !s.asUser));
  const first = await runSteps(plan.steps.slice(0, userSteps), options.onOutput, options.watch);
  if (first.failedAt !== undefined) return first;
  const rest = await runElevated(plan.steps.slice(userSteps), options.cli, options.watch);
  rest.outcomes.forEach((o, i) => options.onOutput?.(userSteps + i, o.output));
  return {
    completed: userSteps + rest.completed,
    outcomes: [...first.outcomes, ...rest.outcomes],
    ...(rest.failedAt !== undefined ? { failedAt: userSteps + rest.failedAt } : {}),
    ...(first.watched || rest.watched ? { watched: { before: [...(first.watched?.before ?? []), ...(rest.watched?.before ?? [])], after: [...(first.watched?.after ?? []), ...(rest.watched?.after ?? [])] } } : {}),
  };
}
