/**
 * Rolling back a register that failed at step k: the steps this run performed (1..k-1, and whatever the failed
 * step k may have half done) are undone last first, as one more plan. Only this run's own changes are touched:
 * - applicationHost.config is written back from the exact bytes read before the run, but only when every change
 *   to it between then and now was made by this run's steps (the runner hashed the file before and after each
 *   step: an unbroken chain) and the file still has the bytes the run left (checked again when it is written);
 * - otherwise (no copy, a broken chain) each config step is undone with the same command unregister uses;
 * - services and ACLs are undone with their undo commands (objects this run just created: the evidence is its
 *   own successful step, not the project's manifest).
 * A step that changed something with no undo command (a setting of an object that existed before) is reported
 * as left, never passed over silently. The rollback stops at its first failure: what it did not undo stays in
 * the manifest so unregister can finish, and the host's state there is reported as unknown, never as gone.
 */
import type { ManifestEntry } from './manifest';
import type { Plan, PlanStep } from './plan';
import type { Say } from './undo';

/** argv[0] of the runner's own step that writes a file back from a copy (compare-and-swap, see restoreFile). */
export const RESTORE_FILE = 'flask-iis:restore-file';

/** The copy of applicationHost.config taken before the run, and what the runner saw of it during the run. */
export interface ConfigWatch {
  /** The configuration file the plan's appcmd steps change. */
  path: string;
  /** Where the copy of its bytes before the run is kept (a private temporary file). */
  copy: string;
  /** sha256 (hex) of the bytes before the run (the copy). */
  before: string;
  /** sha256 of the file before and after each step the run started (null: could not be read). */
  steps: { before: (string | null)[]; after: (string | null)[] };
}

export interface RollbackStep extends PlanStep {
  /** The indexes (0-based) of the original plan's steps this step undoes. */
  undoes: number[];
  /** The manifest entries this step removes once it succeeded. */
  removesAll: ManifestEntry[];
}

export interface Rollback {
  steps: RollbackStep[];
  /** Steps of the run that changed something and have no undo (1-based numbers, with why). */
  left: { step: number; why: string }[];
  /** How applicationHost.config is rolled back: from the copy, or by undo commands (and why). */
  config: 'copy' | 'commands' | 'untouched';
  /** The failed step (1-based) when what it may have half done is unknown here (not covered by the copy). */
  unknownFailed?: { step: number; why: string };
}

/**
 * The run's changes to the config file were all made by its own steps (an unbroken chain of hashes), and the
 * file is the one they change: each completed config step changed it (`changed`, 0-based indexes).
 */
export function unbrokenChain(watch: ConfigWatch, started: number, changed: number[] = []): boolean {
  const { before, after } = watch.steps;
  if (before.length < started || after.length < started || started === 0) return false;
  if (before[0] !== watch.before) return false;
  for (let i = 0; i < started; i++) {
    if (!before[i] || !after[i]) return false;
    if (i > 0 && before[i] !== after[i - 1]) return false;
  }
  return changed.every((i) => before[i] !== after[i]);
}

/**
 * The rollback of a run of `plan` that completed `completed` steps and failed at step `failedAt` (0-based).
 * `appcmd`: the program of the config steps (those the copy undoes together).
 */
export function rollbackPlan(plan: Plan, completed: number, failedAt: number | undefined, appcmd: string, watch: ConfigWatch | undefined, say: Say): Rollback {
  const started = failedAt === undefined ? completed : failedAt + 1;
  const isConfig = (s: PlanStep) => s.argv[0] === appcmd;
  const configSteps = plan.steps.slice(0, started).map((s, i) => (isConfig(s) ? i : -1)).filter((i) => i >= 0);
  const done = configSteps.filter((i) => i < completed);
  const copy = watch && configSteps.length && unbrokenChain(watch, started, done) ? watch : undefined;
  const now = copy?.steps.after[started - 1];
  // Nothing to write back when the file has its bytes of before (the failed step wrote nothing) and no step did.
  const restore = copy && now && (done.length || now !== copy.before) ? restoreStep(plan, done, copy, now, say) : undefined;
  const steps: RollbackStep[] = [];
  const left: Rollback['left'] = [];
  const lowest = configSteps[0]!;
  for (let i = completed - 1; i >= 0; i--) {
    const step = plan.steps[i]!;
    if (copy && isConfig(step)) {
      if (i === lowest && restore) steps.push(restore);
      continue;
    }
    if (step.undo?.length) {
      for (const argv of step.undo) steps.push({ argv, why: say('plan.undoOf', { why: step.why }), undoes: [i], removesAll: step.creates ? [step.creates] : [] });
    } else if (step.noUndo) {
      left.push({ step: i + 1, why: step.why });
    }
  }
  // Only the failed step touched the file: the copy takes back what it may have half written.
  if (restore && lowest >= completed) steps.push(restore);
  const failed = failedAt === undefined ? undefined : plan.steps[failedAt];
  const unknownFailed = failed && !(copy && isConfig(failed)) ? { step: failedAt! + 1, why: failed.why } : undefined;
  return { steps, left, config: copy ? 'copy' : configSteps.length ? 'commands' : 'untouched', ...(unknownFailed ? { unknownFailed } : {}) };
}

function restoreStep(plan: Plan, done: number[], watch: ConfigWatch, now: string, say: Say): RollbackStep {
  return {
    argv: [RESTORE_FILE, watch.path, watch.copy, now, watch.before],
    why: say('rollback.restoreConfig', { path: watch.path }),
    undoes: done,
    removesAll: done.flatMap((i) => (plan.steps[i]!.creates ? [plan.steps[i]!.creates!] : [])),
  };
}

/** What the runner reported of the rollback (planRunner's RunResult, as far as the report needs it). */
export interface RollbackRun {
  completed: number;
  failedAt?: number;
  outcomes: { code: number | null; output: string; error?: string }[];
}

/**
 * The report of a failed register and its rollback, first line first: which step failed, what was rolled
 * back, what could not be (its state unknown), what the rollback never reached, and what has no undo.
 */
export function rollbackReport(plan: Plan, failedAt: number, completed: number, rollback: Rollback, run: RollbackRun, say: Say): string[] {
  const step = failedAt + 1;
  const total = plan.steps.length;
  const stopped = run.failedAt !== undefined;
  const undone = new Set(rollback.steps.slice(0, run.completed).flatMap((s) => s.undoes));
  const inEffect = plan.steps.slice(0, completed).map((s, i) => ({ s, i })).filter(({ s, i }) => s.creates && !undone.has(i));
  const lines = [
    completed === 0 && !rollback.steps.length
      ? say('rollback.nothing', { step, total, why: plan.steps[failedAt]!.why })
      : stopped ? say('rollback.partial', { step, total, why: plan.steps[failedAt]!.why }) : say('rollback.full', { step, total, why: plan.steps[failedAt]!.why, count: completed }),
  ];
  for (const s of rollback.steps.slice(0, run.completed)) {
    if (s.argv[0] !== RESTORE_FILE) lines.push(say('rollback.line.undone', { steps: numbers(s.undoes), why: plan.steps[s.undoes[0]!]!.why }));
    else lines.push(s.undoes.length ? say('rollback.line.restored', { steps: numbers(s.undoes), path: s.argv[1]! }) : say('rollback.line.restoredFailed', { path: s.argv[1]! }));
  }
  if (stopped) {
    const s = rollback.steps[run.failedAt!]!;
    const o = run.outcomes[run.failedAt!];
    const error = o ? (o.error ?? `exit ${o.code}`) + (o.output.trim() ? `: ${o.output.trim().split(/\r?\n/)[0]}` : '') : '?';
    lines.push(say('rollback.line.failed', { steps: numbers(s.undoes), why: s.argv[0] === RESTORE_FILE ? s.why : plan.steps[s.undoes[0]!]!.why, error }));
    for (const { s: kept, i } of inEffect) lines.push(say('rollback.line.kept', { step: i + 1, why: kept.why }));
  }
  for (const l of rollback.left) lines.push(say('rollback.line.left', { step: l.step, why: l.why }));
  if (rollback.unknownFailed) lines.push(say('rollback.line.unknownFailed', { step: rollback.unknownFailed.step, why: rollback.unknownFailed.why }));
  return lines;
}

const numbers = (steps: number[]) => steps.map((i) => i + 1).sort((a, b) => a - b).join(', ') || '-';
