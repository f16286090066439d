// Runs the integration suite (test/integration) in a real VS Code on code-server + headless Chromium, twice:
// in a trusted workspace and in restricted mode. Ends with `vscode-integration: N passed, M failed[, K skipped]`
// and exits 0 only when nothing failed and something passed.
// Usage: node scripts/integration/run-code-server.mjs        (npm run test:integration)
// Env: FLASK_IIS_VSCODE_CACHE (install cache), FLASK_IIS_VSCODE_TIMEOUT_MS (per pass, default 300000),
//      FLASK_IIS_TEST_GREP (mocha grep), FLASK_IIS_TEST_LOCALES (e.g. zh-cn: one more trusted pass per display
//      language), FLASK_IIS_TEST_MODES (trusted,restricted; 'none' for only the locale passes), FLASK_IIS_EXTENSION_PATH (load another extension folder, no build:
//      only for checking the harness itself).
import { fileURLToPath } from 'node:url';
import { buildExtension, buildSuite, printReport, repoRoot, summaryLine } from './build-suite.mjs';
import { runPass, stopAll } from './code-server-session.mjs';
import { ensureInstalled } from './install-vscode-server.mjs';

export const MODES = ['trusted', 'restricted'];

function onSignal(signal) {
  console.error(`\nvscode-integration: ${signal} received, stopping code-server and Chromium ...`);
  stopAll().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
}

/**
 * Builds, installs if needed, and runs the suite in each of `modes`. Returns the reports and the totals;
 * a pass that could not run counts as one failure with its reason printed.
 */
export async function runIntegration({ modes = MODES, env = {}, locales = [] } = {}) {
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, onSignal);
  const timeoutMs = Number(process.env.FLASK_IIS_VSCODE_TIMEOUT_MS) || 600_000;
  const extensionPath = process.env.FLASK_IIS_EXTENSION_PATH || repoRoot;
  if (!process.env.FLASK_IIS_EXTENSION_PATH) await buildExtension();
  const { entry } = await buildSuite();
  const paths = await ensureInstalled();
  const totals = { passed: 0, failed: 0, skipped: 0 };
  const reports = [];
  // A pass per mode, then (FLASK_IIS_TEST_LOCALES=zh-cn, or `locales`) a trusted pass per display language.
  const localeList = locales.length ? locales : (process.env.FLASK_IIS_TEST_LOCALES ?? '').split(',').filter(Boolean);
  const passes = [...modes.map((mode) => ({ mode, locale: undefined })), ...localeList.map((locale) => ({ mode: 'trusted', locale }))];
  for (const { mode, locale } of passes) {
    const started = Date.now();
    const label = locale ? `${mode}, ${locale}` : mode;
    try {
      // A display-language pass runs the suites written for it (the others assert English text) unless told otherwise.
      const passEnv = locale && !env.FLASK_IIS_TEST_GREP && !process.env.FLASK_IIS_TEST_GREP ? { ...env, FLASK_IIS_TEST_GREP: '^Localization ' } : env;
      const report = await runPass({ paths, mode, extensionPath, testsEntry: entry, timeoutMs, env: passEnv, locale });
      report.locale = locale ?? 'en';
      const counts = printReport(label, report);
      for (const k of Object.keys(totals)) totals[k] += counts[k];
      reports.push(report);
      if (counts.passed + counts.failed === 0) {
        console.log(`  ✗ [${label}] the suite ran no test`);
        totals.failed += 1;
      }
    } catch (err) {
      console.log(`\n[${label}] FAILED TO RUN: ${err.message}`);
      totals.failed += 1;
    }
    console.log(`  [${label}] ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  return { reports, totals };
}

async function main() {
  let totals = { passed: 0, failed: 1, skipped: 0 };
  try {
    // FLASK_IIS_TEST_MODES=none with FLASK_IIS_TEST_LOCALES=zh-cn runs only the zh-CN pass.
    const modes = process.env.FLASK_IIS_TEST_MODES ? process.env.FLASK_IIS_TEST_MODES.split(',').filter((m) => MODES.includes(m)) : MODES;
    ({ totals } = await runIntegration({ modes }));
  } catch (err) {
    console.log(`vscode-integration could not run: ${err.message}`);
  }
  console.log(summaryLine(totals));
  process.exit(totals.failed === 0 && totals.passed > 0 ? 0 : 1);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
