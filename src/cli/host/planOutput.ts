/**
 * How the host commands print plans and runs. `--dry-run`: one argv per line (a JSON array, so every
 * argument's boundaries and characters are exact) on stdout, the reasons on stderr; `--format json`: the
 * plan as `{"version":1,"steps":[{"argv":[...],"why":"..."}],"notes":[...]}`.
 */
import { planToJson, type Plan } from '../../core/host/plan';
import type { RunResult } from '../../node/host/planRunner';
import type { CommandIo } from '../editing/checkCommand';
import type { Translate } from '../../core/messages';
import { outputSay } from '../cliMessages';
import { UsageError } from '../args';

export type Format = 'text' | 'json';

export function formatOption(value: string | true | undefined, translate: Translate = (t) => t): Format {
  const format = (value as string | undefined) ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(outputSay(translate)('formatValue', { value: format }));
  return format;
}

export function printDryRun(plan: Plan, format: Format, io: CommandIo): void {
  if (format === 'json') {
    io.stdout(planToJson(plan));
    return;
  }
  const say = outputSay(io.translate);
  for (const step of plan.steps) io.stdout(JSON.stringify(step.argv));
  plan.steps.forEach((s, i) => io.stderr(`flask-iis: ${i + 1}. ${s.why}`));
  for (const note of plan.notes) io.stderr(`flask-iis: ${say('planNote', { text: note })}`);
  for (const q of plan.questions ?? []) io.stderr(`flask-iis: ${say('planQuestion', { text: q.why })}`);
  io.stderr(`flask-iis: ${say('dryRunPlanned', { count: plan.steps.length })}`);
}

export function printPlan(plan: Plan, io: CommandIo): void {
  const say = outputSay(io.translate);
  if (!plan.steps.length && !plan.questions?.length) io.stdout(say('nothingToDo'));
  else io.stdout(say('plan', { count: plan.steps.length }));
  plan.steps.forEach((s, i) => {
    io.stdout(`  ${i + 1}. ${s.why}`);
    io.stdout(`     ${JSON.stringify(s.argv)}`);
  });
  for (const note of plan.notes) io.stdout(`  ${say('planNote', { text: note })}`);
  for (const q of plan.questions ?? []) io.stdout(`  ${say('planQuestion', { text: q.why })}`);
}

export function printProblems(problems: string[], io: CommandIo): void {
  for (const p of problems) io.stderr(`flask-iis: ${p}`);
}

export function printRun(plan: Plan, result: RunResult, io: CommandIo): void {
  const say = outputSay(io.translate);
  result.outcomes.forEach((o, i) => {
    const ok = o.code === 0;
    const status = ok ? say('stepDone') : o.error ? say('stepNotStarted', { error: o.error }) : say('stepFailed', { code: String(o.code) });
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
export function needsWindows(translate: Translate): string {
  return outputSay(translate)('needsWindows');
}
