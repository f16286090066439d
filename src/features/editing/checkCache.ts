/** The last check of each web.config document version, shared by diagnostics, completion, hover and quick fixes. */
import type * as vscode from 'vscode';
import { checkText, type CheckOptions, type CheckResult } from '../../core/check';
import { log } from '../../platform/log';

interface Entry {
  version: number;
  result: CheckResult;
}

export class CheckCache {
  private readonly entries = new Map<string, Entry>();

  /** The check of the document's current text, reusing the last one while the version is unchanged. */
  get(document: vscode.TextDocument, options: () => CheckOptions): CheckResult {
    const key = document.uri.toString();
    const cached = this.entries.get(key);
    if (cached && cached.version === document.version) return cached.result;
    const started = performance.now();
    const result = checkText(document.getText(), options());
    log().debug(`check ${document.uri.fsPath || document.uri.toString()} (version ${document.version}): ${result.findings.length} finding(s) in ${(performance.now() - started).toFixed(1)} ms`);
    this.entries.set(key, { version: document.version, result });
    return result;
  }

  /** The check of the current version if one was already made (never checks). */
  peek(document: vscode.TextDocument): CheckResult | undefined {
    const cached = this.entries.get(document.uri.toString());
    return cached && cached.version === document.version ? cached.result : undefined;
  }

  /** Forget a document (closed), or everything (settings or applicationHost.config changed). */
  invalidate(document?: vscode.TextDocument): void {
    if (document) this.entries.delete(document.uri.toString());
    else this.entries.clear();
  }
}
