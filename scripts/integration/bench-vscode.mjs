// Measures the extension in a real VS Code (code-server + headless Chromium): the extension's own
// activation time (activate() entry to return, reported by its API) and the latency from opening a fresh
// web.config (openTextDocument + showTextDocument) to its first diagnostics. Runs the Benchmark suite in
// FLASK_IIS_BENCH_RUNS fresh VS Code sessions (default 3) per display language, English and zh-CN (a local
// language pack entry, see code-server-session.mjs), and prints medians:
//   activation (en): X ms
//   activation (zh-cn): X ms
//   first diagnostics (en): Y ms ...
// Usage: node scripts/integration/bench-vscode.mjs
import { runIntegration } from './run-code-server.mjs';

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

const runs = Math.max(1, Number(process.env.FLASK_IIS_BENCH_RUNS) || 3);
const LOCALES = ['en', 'zh-cn'];
const { reports, totals } = await runIntegration({
  modes: Array(runs).fill('trusted'),
  locales: Array(runs).fill('zh-cn'),
  env: { FLASK_IIS_BENCH: '1', FLASK_IIS_TEST_GREP: '^Benchmark ' },
});
if (totals.failed > 0 || reports.length === 0) {
  console.log(`bench-vscode: no measurements (${totals.passed} passed, ${totals.failed} failed)`);
  process.exit(1);
}
console.log(`\nVS Code ${reports[0].vscodeVersion}, ${runs} session(s) per display language`);
for (const locale of LOCALES) {
  const mine = reports.filter((r) => (r.locale ?? 'en') === locale);
  const activation = mine.map((r) => r.metrics?.activationMs).filter((v) => typeof v === 'number');
  const firstDiagnostics = mine.flatMap((r) => r.metrics?.firstDiagnosticsMs ?? []);
  const opens = mine.flatMap((r) => r.metrics?.openTextDocumentMs ?? []);
  const language = [...new Set(mine.map((r) => r.metrics?.language))].join(', ');
  if (!activation.length || !firstDiagnostics.length) {
    console.log(`${locale}: no measurements`);
    continue;
  }
  console.log(`activation (${locale}; vscode.env.language ${language}): ${median(activation).toFixed(1)} ms (target < 50 ms)`);
  console.log(`first diagnostics (${locale}): ${median(firstDiagnostics).toFixed(1)} ms`);
  if (opens.length) console.log(`  (of which openTextDocument round trip: ${median(opens).toFixed(1)} ms; all first-diagnostics samples: ${firstDiagnostics.join(', ')})`);
  const steps = Object.keys(mine[0]?.metrics ?? {}).filter((k) => k.startsWith('activation.'));
  const load = mine.map((r) => r.metrics?.loadToActivateMs).filter((v) => typeof v === 'number');
  if (steps.length) console.log(`  activation steps (${locale}, median ms): ${steps.map((k) => `${k.slice(11)} ${median(mine.map((r) => r.metrics[k])).toFixed(1)}`).join(', ')}; module load to end of activate: ${median(load).toFixed(1)}`);
}
process.exit(0);
