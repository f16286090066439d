/**
 * How the host commands print plans and runs. `--dry-run`: one argv per line (a JSON array, so every
 * argument's boundaries and characters are exact) on stdout, the reasons on stderr; `--format json`: the
 * plan as `{"version":1,"steps":[{"argv":[...],"why":"..."}],"notes":[...]}`.
 */
import { planToJson, type Plan } from '../../core/host/plan';
import type { RunResult } from '../../node/host/planRunner';
import type { CommandIo } from '../editing/checkCommand';
import { UsageError } from '../args';

export type Format = 'text' | 'json';

export function formatOption(value: string | true | undefined): Format {
  const format = (value as string | undefined) ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not "${format}"`);
  return format;
}

export function printDryRun(plan: Plan, format: Format, io: CommandIo): void {
  if (format === 'json') {
    io.stdout(planToJson(plan));
    return;
  }
  for (const step of plan.steps) io.stdout(JSON.stringify(step.argv));
  plan.steps.forEach((s, i) => io.stderr(`flask-iis: ${i + 1}. ${s.why}`));
  for (const note of plan.notes) io.stderr(`flask-iis: note: ${note}`);
  for (const q of plan.questions ?? []) io.stderr(`flask-iis: needs your confirmation: ${q.why}`);
  io.stderr(`flask-iis: ${plan.steps.length} step(s) planned (dry run: nothing was changed)`);
}

export function printPlan(plan: Plan, io: CommandIo): void {
  if (!plan.steps.length && !plan.questions?.length) io.stdout('Nothing to do.');
  else io.stdout(`Plan (${plan.steps.length} step(s)):`);
  plan.steps.forEach((s, i) => {
    io.stdout(`  ${i + 1}. ${s.why}`);
    io.stdout(`     ${JSON.stringify(s.argv)}`);
  });
  for (const note of plan.notes) io.stdout(`  note: ${note}`);
  for (const q of plan.questions ?? []) io.stdout(`  needs your confirmation: ${q.why}`);
}

export function printProblems(problems: string[], io: CommandIo): void {
  for (const p of problems) io.stderr(`flask-iis: ${p}`);
}

export function printRun(plan: Plan, result: RunResult, io: CommandIo): void {
  result.outcomes.forEach((o, i) => {
    const ok = o.code === 0;
    const status = ok ? 'done' : o.error ? `could not start: ${o.error}` : `failed, exit ${o.code}`;
    io.stdout(`${ok ? '✓' : '✗'} ${i + 1}/${plan.steps.length} [${status}] ${plan.steps[i]?.why ?? JSON.stringify(o.argv)}`);
    for (const line of o.output.split(/\r?\n/).filter((l) => l.trim())) io.stdout(`     ${line}`);
  });
}

export function runJson(plan: Plan, result: RunResult, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    version: 1,
    plan: JSON.parse(planToJson(plan)) as unknown,
    result: { completed: result.completed, ...(result.failedAt !== undefined ? { failedAt: result.failedAt } : {}), steps: result.outcomes },
    ...extra,
  }, null, 2);
}

/** What to say when the plan cannot run on this machine. */
export const NEEDS_WINDOWS = 'running this plan needs a Windows host with IIS (or the tools given explicitly with --appcmd/--icacls); nothing was changed';
