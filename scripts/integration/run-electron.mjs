// Runs the integration suite (test/integration) with @vscode/test-electron on machines that can download
// VS Code, or on a local VS Code: VSCODE_EXECUTABLE_PATH=/path/to/code npm run test:electron
// Without VSCODE_EXECUTABLE_PATH it downloads the versions in VSCODE_TEST_VERSIONS (comma-separated,
// default: the minimum engine from package.json and "stable") into .vscode-test/.
// runTests always passes --disable-workspace-trust, so this runner covers the trusted pass only; the
// restricted-mode tests run under the code-server runner (npm run test:integration).
// Ends with `vscode-integration: N passed, M failed[, K skipped]`; exits 0 only when nothing failed.
import { runTests } from '@vscode/test-electron';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildExtension, buildSuite, copyFixtureWorkspace, printReport, repoRoot, summaryLine } from './build-suite.mjs';

function targets() {
  const local = process.env.VSCODE_EXECUTABLE_PATH;
  if (local) return [{ label: 'local', vscodeExecutablePath: local }];
  const engine = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).engines.vscode.replace(/^[\^~>=]+/, '');
  const versions = (process.env.VSCODE_TEST_VERSIONS || `${engine},stable`).split(',').map((v) => v.trim()).filter(Boolean);
  return versions.map((version) => ({ label: version, version }));
}

async function runOne(target, testsEntry) {
  const tmp = mkdtempSync(join(tmpdir(), 'flask-iis-electron-'));
  const cleanup = () => rmSync(tmp, { recursive: true, force: true });
  process.once('exit', cleanup);
  try {
    const workspace = copyFixtureWorkspace(join(tmp, 'workspace'));
    const userData = join(tmp, 'user-data');
    mkdirSync(join(userData, 'User'), { recursive: true });
    writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify({ 'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off' }));
    const results = join(tmp, 'results.json');
    const { label, ...which } = target;
    let exitError;
    try {
      await runTests({
        ...which,
        extensionDevelopmentPath: repoRoot,
        extensionTestsPath: testsEntry,
        launchArgs: [workspace, '--disable-extensions', `--user-data-dir=${userData}`, `--extensions-dir=${join(tmp, 'extensions')}`],
        extensionTestsEnv: { FLASK_IIS_TEST_RESULTS: results, FLASK_IIS_TRUST_MODE: 'trusted' },
      });
    } catch (err) {
      exitError = err; // the suite's run() rejects on failures, which makes VS Code exit non-zero
    }
    if (!existsSync(results)) {
      const reason = exitError instanceof Error ? exitError.message : 'VS Code exited without running the suite';
      throw new Error(`[electron ${label}] the suite wrote no results: ${reason}`);
    }
    return printReport(`electron ${label}`, JSON.parse(readFileSync(results, 'utf8')));
  } finally {
    cleanup();
  }
}

async function main() {
  const totals = { passed: 0, failed: 0, skipped: 0 };
  try {
    await buildExtension();
    const { entry } = await buildSuite();
    for (const target of targets()) {
      try {
        const counts = await runOne(target, entry);
        for (const k of Object.keys(totals)) totals[k] += counts[k];
      } catch (err) {
        console.log(`\nFAILED TO RUN: ${err.message}`);
        totals.failed += 1;
      }
    }
  } catch (err) {
    console.log(`vscode-integration could not run: ${err.message}`);
    totals.failed += 1;
  }
  console.log(summaryLine(totals));
  process.exit(totals.failed === 0 && totals.passed > 0 ? 0 : 1);
}

await main();
