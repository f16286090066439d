/// <reference types="mocha" />
// Benchmark mode only (FLASK_IIS_BENCH=1): records activation time and first-diagnostics latency into the
// report's metrics. No timed assertions.
import * as assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { activatedApi, median, metrics, waitForDiagnostics, writeWorkspaceFile } from './helper';

const DOCUMENTS = 7;
const BROKEN = '?xml version="1.0"?>\n<configuration>\n  <appSettings>\n    <add key="WSGI_HANDLER" value="app:app" />\n  </appSettings>\n</configuration>\n';

if (process.env.FLASK_IIS_BENCH === '1') {
  suite('Benchmark', () => {
    test('activation time and first-diagnostics latency of fresh web.config files', async function () {
      this.timeout(180_000);
      const api = await activatedApi();
      metrics().activationMs = api.activation.activateMs;
      metrics().language = vscode.env.language;
      metrics().loadToActivateMs = api.activation.loadToActivateMs;
      for (const [name, ms] of Object.entries(api.activation.steps ?? {})) metrics()[`activation.${name}`] = ms;
      const stamp = Date.now().toString(36);
      const uris: vscode.Uri[] = [];
      for (let i = 0; i < DOCUMENTS; i++) uris.push(await writeWorkspaceFile(BROKEN, `bench-${stamp}`, String(i), 'web.config'));
      const latencies: number[] = [];
      const opens: number[] = [];
      const round = (ms: number): number => Math.round(ms * 10) / 10;
      for (const uri of uris) {
        const start = performance.now();
        // Timestamp when the event arrives, not when the awaits below are done.
        const firstAt = waitForDiagnostics(uri, (ds) => ds.length > 0, 'first diagnostics').then(() => performance.now());
        const doc = await vscode.workspace.openTextDocument(uri);
        opens.push(round(performance.now() - start));
        await vscode.window.showTextDocument(doc);
        latencies.push(round((await firstAt) - start));
      }
      assert.equal(latencies.length, DOCUMENTS);
      metrics().firstDiagnosticsMs = latencies;
      metrics().openTextDocumentMs = opens;
      metrics().firstDiagnosticsMedianMs = median(latencies);
    });
  });
}
