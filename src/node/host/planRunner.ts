/**
 * Runs a plan's steps one after the other as argv arrays (never through a shell), captures what each prints,
 * and stops at the first step that fails. Nothing here decides what to run: plans come from the core.
 */
import { spawn } from 'node:child_process';
import type { PlanStep } from '../../core/host/plan';
import { RESTORE_FILE } from '../../core/host/rollback';
import { hashFile, restoreFile } from './configCopy';

export interface StepOutcome {
  argv: string[];
  /** The exit code, or null when the program could not be started or was killed. */
  code: number | null;
  output: string;
  /** Why the program did not start (ENOENT, EACCES, ...). */
  error?: string;
}

export interface RunResult {
  /** How many steps succeeded, from the first. */
  completed: number;
  outcomes: StepOutcome[];
  /** The index of the step that failed, when one did. */
  failedAt?: number;
  /** sha256 of the watched file before and after each step that was started (null: unreadable). */
  watched?: { before: (string | null)[]; after: (string | null)[] };
}

const MAX_OUTPUT = 1_000_000;

export async function runSteps(steps: Pick<PlanStep, 'argv'>[], onOutput?: (index: number, text: string) => void, watch?: string): Promise<RunResult> {
  const outcomes: StepOutcome[] = [];
  const watched = watch ? { before: [] as (string | null)[], after: [] as (string | null)[] } : undefined;
  const finish = (r: Omit<RunResult, 'outcomes'>): RunResult => ({ ...r, outcomes, ...(watched ? { watched } : {}) });
  for (let i = 0; i < steps.length; i++) {
    watched?.before.push(hashFile(watch!));
    const argv = steps[i]!.argv;
    const outcome = argv[0] === RESTORE_FILE ? restoreFile(argv) : await runOne(argv, (t) => onOutput?.(i, t));
    if (argv[0] === RESTORE_FILE) onOutput?.(i, outcome.output);
    watched?.after.push(hashFile(watch!));
    outcomes.push(outcome);
    if (outcome.code !== 0) return finish({ completed: i, failedAt: i });
  }
  return finish({ completed: steps.length });
}

export function runOne(argv: string[], onOutput?: (text: string) => void): Promise<StepOutcome> {
  const [command, ...args] = argv;
  return new Promise((resolve) => {
    let output = '';
    let error: string | undefined;
    const collect = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      if (output.length < MAX_OUTPUT) output += text;
      onOutput?.(text);
    };
    const child = spawn(command!, args, { shell: false, windowsHide: true, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.once('error', (e: NodeJS.ErrnoException) => {
      error = e.code ?? e.message;
    });
    child.once('close', (code) => resolve({ argv, code: error ? null : code, output, ...(error ? { error } : {}) }));
  });
}
