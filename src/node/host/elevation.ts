/**
 * Running steps elevated on Windows with one UAC prompt: the steps go to a temporary plan file, an elevated
 * `flask-iis _exec-plan PLAN RESULT` (this same CLI, started by PowerShell's Start-Process -Verb RunAs -Wait)
 * runs them with the same runner, and its result file comes back here with every step's output.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PlanStep } from '../../core/host/plan';
import { elevationScript, powershellArgv } from '../../core/host/quoting';
import { powershellPath } from './hostTools';
import { runOne, runSteps, type RunResult } from './planRunner';

export interface CliEntry {
  /** The program that runs JavaScript (node, or VS Code's own executable with ELECTRON_RUN_AS_NODE=1). */
  execPath: string;
  /** dist/cli.js */
  cliPath: string;
}

export async function runElevated(steps: Pick<PlanStep, 'argv'>[], cli: CliEntry, watch?: string): Promise<RunResult> {
  const dir = mkdtempSync(join(tmpdir(), 'flask-iis-elevated-'));
  try {
    const planFile = join(dir, 'plan.json');
    const resultFile = join(dir, 'result.json');
    writeFileSync(planFile, JSON.stringify({ steps: steps.map((s) => ({ argv: s.argv })), ...(watch ? { watch } : {}) }));
    const script = elevationScript(cli.execPath, [cli.cliPath, '_exec-plan', planFile, resultFile], { ELECTRON_RUN_AS_NODE: '1' });
    const [command, ...args] = powershellArgv(powershellPath(), script);
    const shell = await runOne([command!, ...args]);
    try {
      return JSON.parse(readFileSync(resultFile, 'utf8')) as RunResult;
    } catch {
      const reason = shell.code === 1223 ? 'the administrator prompt (UAC) was declined' : `the elevated run did not report back (exit ${shell.code ?? shell.error}) ${shell.output.trim()}`;
      return { completed: 0, failedAt: 0, outcomes: [{ argv: steps[0]?.argv ?? [], code: null, output: reason, error: 'ELEVATION' }] };
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The elevated side: `flask-iis _exec-plan PLAN RESULT`. */
export async function execPlanFile(planFile: string, resultFile: string): Promise<number> {
  const plan = JSON.parse(readFileSync(planFile, 'utf8')) as { steps: { argv: unknown }[]; watch?: unknown };
  const steps = plan.steps.filter((s): s is { argv: string[] } => Array.isArray(s.argv) && s.argv.every((a) => typeof a === 'string') && s.argv.length > 0);
  const result = await runSteps(steps, undefined, typeof plan.watch === 'string' ? plan.watch : undefined);
  writeFileSync(resultFile, JSON.stringify(result));
  return result.failedAt === undefined ? 0 : 1;
}
