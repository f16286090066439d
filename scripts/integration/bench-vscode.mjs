// Measures the extension in a real VS Code (code-server + headless Chromium): the extension's own
// activation time (activate() entry to return, reported by its API) and the latency from opening a fresh
// web.config (openTextDocument + showTextDocument) to its first diagnostics. Runs the Benchmark suite in
// FLASK_IIS_BENCH_RUNS fresh VS Code sessions (default 3) and prints medians:
//   activation: X ms
//   first diagnostics: Y ms
// Usage: node scripts/integration/bench-vscode.mjs
import { runIntegration } from './run-code-server.mjs';

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

const runs = Math.max(1, Number(process.env.FLASK_IIS_BENCH_RUNS) || 3);
const { reports, totals } = await runIntegration({
  modes: Array(runs).fill('trusted'),
  env: { FLASK_IIS_BENCH: '1', FLASK_IIS_TEST_GREP: '^Benchmark ' },
});
const activation = reports.map((r) => r.metrics?.activationMs).filter((v) => typeof v === 'number');
const firstDiagnostics = reports.flatMap((r) => r.metrics?.firstDiagnosticsMs ?? []);
const opens = reports.flatMap((r) => r.metrics?.openTextDocumentMs ?? []);
if (totals.failed > 0 || activation.length === 0 || firstDiagnostics.length === 0) {
  console.log(`bench-vscode: no measurements (${totals.passed} passed, ${totals.failed} failed)`);
  process.exit(1);
}
console.log(`\nVS Code ${reports[0].vscodeVersion}, ${reports.length} session(s), ${firstDiagnostics.length} documents`);
console.log(`activation: ${median(activation).toFixed(1)} ms`);
console.log(`first diagnostics: ${median(firstDiagnostics).toFixed(1)} ms`);
if (opens.length) console.log(`  (of which openTextDocument round trip: ${median(opens).toFixed(1)} ms; all first-diagnostics samples: ${firstDiagnostics.join(', ')})`);
process.exit(0);
