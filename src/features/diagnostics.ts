/** Owns the diagnostics of web.config documents: check on open and (debounced) change, clear on close. */
import * as vscode from 'vscode';
import { checkText } from '../core/check';
import { applyOverrides } from '../core/findings';
import type { AppHostConfig } from '../core/host/appHost';
import { defaultAppHostPath, loadAppHost, nodeProjectFiles } from '../node/projectFiles';
import { affectsDiagnostics, diagnosticsSettings } from '../platform/config';
import { log } from '../platform/log';
import { DIAGNOSTIC_SOURCE, toDiagnostic } from './convert';
import { statSync } from 'node:fs';
import { dirname } from 'node:path';

const DEBOUNCE_MS = 250;

export function isWebConfig(document: vscode.TextDocument): boolean {
  const name = document.uri.path.slice(document.uri.path.lastIndexOf('/') + 1);
  return name.toLowerCase() === 'web.config';
}

export class WebConfigDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly disposables: vscode.Disposable[] = [];
  private appHostCache: { path: string; mtimeMs: number; config: AppHostConfig | undefined } | undefined;

  constructor() {
    this.disposables.push(
      this.collection,
      vscode.workspace.onDidOpenTextDocument((d) => this.validate(d)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document)),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d)),
      vscode.workspace.onDidChangeConfiguration((e) => affectsDiagnostics(e) && this.validateAll()),
    );
    this.validateAll();
  }

  validateAll(): void {
    for (const d of vscode.workspace.textDocuments) this.validate(d);
  }

  private schedule(document: vscode.TextDocument): void {
    if (!isWebConfig(document)) return;
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      this.validate(document);
    }, DEBOUNCE_MS));
  }

  validate(document: vscode.TextDocument): void {
    if (!isWebConfig(document) || document.isClosed) return;
    try {
      const settings = diagnosticsSettings(document.uri);
      if (!settings.enable) {
        this.collection.delete(document.uri);
        return;
      }
      const project = document.uri.scheme === 'file' ? nodeProjectFiles(dirname(document.uri.fsPath)) : undefined;
      const result = checkText(document.getText(), { appHost: this.appHost(settings.appHostConfigPath), project });
      for (const err of result.internalErrors) log().error(`internal error checking ${document.uri.fsPath}: ${err}`);
      const findings = applyOverrides(result.findings, settings.severity);
      this.collection.set(document.uri, findings.map((f) => toDiagnostic(document, f)));
    } catch (e) {
      log().error(`could not check ${document.uri.toString()}: ${e instanceof Error ? e.stack : String(e)}`);
    }
  }

  private forget(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.collection.delete(document.uri);
  }

  /** The configured (machine-scoped) or default applicationHost.config, re-read when it changes on disk. */
  private appHost(configured: string): AppHostConfig | undefined {
    const path = configured || defaultAppHostPath();
    if (!path) return undefined;
    let mtimeMs: number;
    try {
      mtimeMs = statSync(path).mtimeMs;
    } catch {
      return undefined;
    }
    if (this.appHostCache?.path === path && this.appHostCache.mtimeMs === mtimeMs) return this.appHostCache.config;
    const loaded = loadAppHost(path);
    if (!loaded.ok) log().warn(loaded.reason);
    this.appHostCache = { path, mtimeMs, config: loaded.ok ? loaded.config : undefined };
    return this.appHostCache.config;
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    for (const d of this.disposables) d.dispose();
  }
}
