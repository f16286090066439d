/// <reference types="mocha" />
// Entry loaded by VS Code as extensionTestsPath (code-server runner and @vscode/test-electron alike):
// runs the *.test.js bundles next to it with mocha (TDD UI) inside the extension host and writes a JSON
// report to $FLASK_IIS_TEST_RESULTS when set. Rejects when a test failed or none ran.
import Mocha from 'mocha';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { metrics, type Metrics } from './helper';

export interface TestRecord {
  title: string;
  state: 'passed' | 'failed' | 'skipped';
  durationMs?: number;
  error?: string;
}

export interface TestReport {
  mode: 'trusted' | 'restricted';
  vscodeVersion: string;
  passed: number;
  failed: number;
  skipped: number;
  tests: TestRecord[];
  metrics: Metrics;
}

function errorText(err: unknown): string {
  if (err instanceof Error) return err.stack ?? `${err.name}: ${err.message}`;
  return String(err);
}

function writeReport(report: TestReport): void {
  const file = process.env.FLASK_IIS_TEST_RESULTS;
  if (file) writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
}

function runMocha(mocha: Mocha, tests: TestRecord[]): Promise<void> {
  const { EVENT_TEST_PASS, EVENT_TEST_FAIL, EVENT_TEST_PENDING } = Mocha.Runner.constants;
  return new Promise((resolve) => {
    const runner = mocha.run(() => resolve());
    runner.on(EVENT_TEST_PASS, (t: Mocha.Test) => tests.push({ title: t.fullTitle(), state: 'passed', durationMs: t.duration ?? 0 }));
    runner.on(EVENT_TEST_PENDING, (t: Mocha.Test) => tests.push({ title: t.fullTitle(), state: 'skipped' }));
    runner.on(EVENT_TEST_FAIL, (t: Mocha.Runnable, err: unknown) =>
      tests.push({ title: t.fullTitle(), state: 'failed', durationMs: t.duration ?? 0, error: errorText(err) }));
  });
}

export async function run(): Promise<void> {
  process.setSourceMapsEnabled(true); // stack traces point into test/integration/*.ts
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, reporter: 'spec' });
  const filter = process.env.FLASK_IIS_TEST_GREP;
  if (filter) mocha.grep(filter);
  const tests: TestRecord[] = [];
  try {
    const files = readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort();
    if (files.length === 0) throw new Error(`no *.test.js files next to ${__filename}`);
    for (const f of files) mocha.addFile(join(__dirname, f));
    await runMocha(mocha, tests);
  } catch (err) {
    tests.push({ title: 'integration suite (loading)', state: 'failed', error: errorText(err) });
  }
  const count = (state: TestRecord['state']): number => tests.filter((t) => t.state === state).length;
  const report: TestReport = {
    mode: vscode.workspace.isTrusted ? 'trusted' : 'restricted',
    vscodeVersion: vscode.version,
    passed: count('passed'),
    failed: count('failed'),
    skipped: count('skipped'),
    tests,
    metrics: metrics(),
  };
  writeReport(report);
  if (report.failed > 0) throw new Error(`${report.failed} integration test(s) failed`);
  if (report.passed === 0) throw new Error('no integration test passed');
}
