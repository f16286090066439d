/// <reference types="mocha" />
// Helpers for the integration suite: fixtures in the opened workspace (a temporary copy of
// test/integration/fixtures/workspace), waiting for diagnostics on events (never fixed sleeps),
// settings that are restored afterwards, trust-mode guards and benchmark metrics.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'flask-on-iis.flask-on-iis';
export const SOURCE = 'flask-iis';
export const DEFAULT_TIMEOUT_MS = 20_000;

export interface ExtensionApi {
  activation: { activateMs: number; loadToActivateMs: number; steps?: Record<string, number> };
}

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder open (the runner opens a copy of test/integration/fixtures/workspace)');
  return folder.uri;
}

export function fixtureUri(...segments: string[]): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...segments);
}

/** Opens a workspace file in an editor, as a user would. */
export async function openFixture(...segments: string[]): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(fixtureUri(...segments));
  await vscode.window.showTextDocument(doc);
  return doc;
}

/**
 * Opens a workspace file through the workbench (`vscode.open`), as a click in the explorer would. Unlike
 * `workspace.openTextDocument`, this takes no extension-host reference on the document, so closing the
 * editor really closes the document (VS Code otherwise keeps extension-opened documents for minutes).
 */
export async function openInEditor(...segments: string[]): Promise<vscode.TextDocument> {
  const uri = fixtureUri(...segments);
  const isTarget = (e: vscode.TextEditor | undefined): e is vscode.TextEditor => e?.document.uri.toString() === uri.toString();
  let listener: vscode.Disposable | undefined;
  let timer: NodeJS.Timeout | undefined;
  const shown = new Promise<vscode.TextEditor>((resolve, reject) => {
    listener = vscode.window.onDidChangeActiveTextEditor((e) => { if (isTarget(e)) resolve(e); });
    timer = setTimeout(() => reject(new Error(`timed out waiting for an editor on ${uri.path}`)), DEFAULT_TIMEOUT_MS);
  });
  try {
    await vscode.commands.executeCommand('vscode.open', uri);
    const active = vscode.window.activeTextEditor;
    return (isTarget(active) ? active : await shown).document;
  } finally {
    listener?.dispose();
    clearTimeout(timer);
  }
}

/** Writes a new file into the workspace copy (tests may create and edit files there). */
export async function writeWorkspaceFile(content: string, ...segments: string[]): Promise<vscode.Uri> {
  const uri = fixtureUri(...segments);
  await vscode.workspace.fs.writeFile(uri, Buffer.from(content, 'utf8'));
  return uri;
}

export async function activatedApi(): Promise<ExtensionApi> {
  const ext = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed in the extension host`);
  return ext.activate();
}

export function codeOf(d: vscode.Diagnostic): string | undefined {
  if (d.code === undefined) return undefined;
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

export function flaskDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

export function flaskCodes(uri: vscode.Uri): string[] {
  const codes = flaskDiagnostics(uri).map((d) => codeOf(d) ?? '(no code)');
  return [...new Set(codes)].sort();
}

/**
 * Resolves with the flask-iis diagnostics of `uri` once `predicate` holds for them: checked at once and on
 * every `onDidChangeDiagnostics` event for that uri. Rejects after `timeoutMs` with the codes seen.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  predicate: (diagnostics: vscode.Diagnostic[]) => boolean,
  description: string,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<vscode.Diagnostic[]> {
  const key = uri.toString();
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (error?: Error): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      listener.dispose();
      if (error) reject(error);
      else resolve(flaskDiagnostics(uri));
    };
    const check = (): void => {
      if (predicate(flaskDiagnostics(uri))) finish();
    };
    const listener = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === key)) check();
    });
    const timer = setTimeout(() => {
      const seen = flaskCodes(uri).join(', ') || 'none';
      finish(new Error(`timed out after ${timeoutMs} ms waiting for ${description} on ${uri.path}; flask-iis codes now: ${seen}`));
    }, timeoutMs);
    check();
  });
}

/** Waits until every code in `expected` is reported for `uri`. */
export function waitForCodes(uri: vscode.Uri, expected: string[], timeoutMs = DEFAULT_TIMEOUT_MS): Promise<vscode.Diagnostic[]> {
  return waitForDiagnostics(
    uri,
    (ds) => expected.every((code) => ds.some((d) => codeOf(d) === code)),
    `codes ${expected.join(', ')}`,
    timeoutMs,
  );
}

/** Waits until no flask-iis diagnostic is reported for `uri`. */
export function waitForNoDiagnostics(uri: vscode.Uri, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<vscode.Diagnostic[]> {
  return waitForDiagnostics(uri, (ds) => ds.length === 0, 'no flask-iis diagnostics', timeoutMs);
}

/** Resolves when `doc` is closed by VS Code (which may keep a closed editor's document for a while). */
export function waitForClose(doc: vscode.TextDocument, timeoutMs = 60_000): Promise<void> {
  if (doc.isClosed) return Promise.resolve();
  const key = doc.uri.toString();
  return new Promise((resolve, reject) => {
    const listener = vscode.workspace.onDidCloseTextDocument((closed) => {
      if (closed.uri.toString() !== key) return;
      clearTimeout(timer);
      listener.dispose();
      resolve();
    });
    const timer = setTimeout(() => {
      listener.dispose();
      if (doc.isClosed) resolve();
      else reject(new Error(`timed out after ${timeoutMs} ms waiting for ${doc.uri.path} to close`));
    }, timeoutMs);
  });
}

/** Sets user (global) settings for the duration of `body`, restoring the previous values in `finally`. */
export async function withSettings<T>(values: Record<string, unknown>, body: () => Promise<T>): Promise<T> {
  const config = vscode.workspace.getConfiguration();
  const previous = Object.keys(values).map((key) => [key, config.inspect(key)?.globalValue] as const);
  try {
    for (const [key, value] of Object.entries(values)) {
      await config.update(key, value, vscode.ConfigurationTarget.Global);
    }
    return await body();
  } finally {
    for (const [key, value] of previous) {
      await vscode.workspace.getConfiguration().update(key, value, vscode.ConfigurationTarget.Global);
    }
  }
}

/** The trust mode the runner started VS Code in ('trusted' when run by a runner that cannot restrict). */
export function expectedTrustMode(): 'trusted' | 'restricted' {
  return process.env.FLASK_IIS_TRUST_MODE === 'restricted' ? 'restricted' : 'trusted';
}

export function trustedOnly(ctx: Mocha.Context): void {
  if (!vscode.workspace.isTrusted) ctx.skip();
}

export function restrictedOnly(ctx: Mocha.Context): void {
  if (vscode.workspace.isTrusted) ctx.skip();
}

const METRICS: unique symbol = Symbol.for('flask-iis.integration.metrics');
export type Metrics = Record<string, number | number[] | string>;

/** Metrics shared by all test bundles of one run (each bundle has its own copy of this module). */
export function metrics(): Metrics {
  const g = globalThis as typeof globalThis & { [METRICS]?: Metrics };
  return (g[METRICS] ??= {});
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
