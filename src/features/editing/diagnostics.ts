/** Owns the diagnostics of web.config documents: check on open and (debounced) change, clear on close. */
import * as vscode from 'vscode';
import { dirname, sep } from 'node:path';
import type { CheckOptions } from '../../core/check';
import { applyOverrides } from '../../core/findings';
import { parentConfigs } from '../../node/schema/parentConfigs';
import { nodeProjectFiles } from '../../node/python/projectFiles';
import { currentAppHost } from '../../platform/appHostCache';
import { affectsDiagnostics, diagnosticsSettings } from '../../platform/config';
import { log } from '../../platform/log';
import type { CheckCache } from './checkCache';
import { DIAGNOSTIC_SOURCE, toDiagnostic } from '../convert';
import { installedModulesFor } from '../python/installedModules';
import { projectListings, pythonSupport } from '../python/pythonSupport';
import { isWebConfig } from '../selector';
import { schemaOptions } from '../schema/schemaSettings';
import { siteOfFolder } from '../../node/schema/siteOfFolder';

const DEBOUNCE_MS = 250;

/** The options every check of this document uses (project files, host configuration). */
export function checkOptionsFor(document: vscode.TextDocument): CheckOptions {
  const settings = diagnosticsSettings(document.uri);
  const project = document.uri.scheme === 'file' ? nodeProjectFiles(dirname(document.uri.fsPath), projectListings()) : undefined;
  const python = project ? pythonSupport() : undefined;
  const installedModules = python ? installedModulesFor(document) : undefined;
  // A sub-folder's web.config is judged with its parents' (IIS merges them), within the workspace folder.
  const folder = vscode.workspace.getWorkspaceFolder(document.uri);
  const parents = project && folder?.uri.scheme === 'file' ? parentConfigs(document.uri.fsPath, { stopAt: folder.uri.fsPath }) : [];
  const appHost = currentAppHost(settings.appHostConfigPath);
  // The folder's IIS path (the host's <sites>, or the site register created): the host's <location> blocks for it apply.
  const site = project && folder?.uri.scheme === 'file' ? siteOfFolder(dirname(document.uri.fsPath), { appHost }, { stopAt: folder.uri.fsPath }) : undefined;
  return {
    appHost, ...(site ? { site } : {}), project, ...(python ? { python } : {}), ...(installedModules ? { installedModules } : {}),
    ...(parents.length ? { parents } : {}), ...(settings.sitePath ? { sitePath: settings.sitePath } : {}),
    ...schemaOptions(settings),
  };
}

export class WebConfigDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly cache: CheckCache) {
    this.disposables.push(
      this.collection,
      vscode.workspace.onDidOpenTextDocument((d) => this.validate(d)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document)),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d)),
      // Sub-folder files are judged with their parents' web.config as saved on disk: re-check them when one is saved.
      vscode.workspace.onDidSaveTextDocument((d) => this.recheckChildrenOf(d)),
      vscode.workspace.onDidChangeConfiguration((e) => affectsDiagnostics(e) && this.revalidateAll()),
    );
    this.validateAll();
  }

  /** Re-checks every open web.config from scratch (settings, host or project files changed). */
  revalidateAll(): void {
    this.cache.invalidate();
    this.validateAll();
  }

  private validateAll(): void {
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
      const result = this.cache.get(document, () => checkOptionsFor(document));
      for (const err of result.internalErrors) log().error(`internal error checking ${document.uri.fsPath}: ${err}`);
      const findings = applyOverrides(result.findings, settings.severity);
      this.collection.set(document.uri, findings.map((f) => toDiagnostic(document, f)));
    } catch (e) {
      log().error(`could not check ${document.uri.toString()}: ${e instanceof Error ? e.stack : String(e)}`);
    }
  }

  private recheckChildrenOf(saved: vscode.TextDocument): void {
    if (!isWebConfig(saved) || saved.uri.scheme !== 'file') return;
    const folder = dirname(saved.uri.fsPath) + sep;
    for (const d of vscode.workspace.textDocuments) {
      if (d === saved || d.uri.scheme !== 'file' || !isWebConfig(d) || !d.uri.fsPath.startsWith(folder)) continue;
      this.cache.invalidate(d);
      this.validate(d);
    }
  }

  private forget(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.cache.invalidate(document);
    this.collection.delete(document.uri);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    for (const d of this.disposables) d.dispose();
  }
}
