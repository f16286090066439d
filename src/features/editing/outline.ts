/** Document symbols (outline, breadcrumbs) and links to files named in web.config values. */
import * as vscode from 'vscode';
import { existsSync, statSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { linkCandidates, outline, type OutlineKind, type OutlineNode } from '../../core/editing/outline';
import { log } from '../../platform/log';
import type { CheckCache } from './checkCache';
import { checkOptionsFor } from './diagnostics';
import { WEB_CONFIG_SELECTOR } from '../selector';

const KIND: Record<OutlineKind, vscode.SymbolKind> = {
  section: vscode.SymbolKind.Namespace,
  setting: vscode.SymbolKind.Constant,
  handler: vscode.SymbolKind.Function,
  process: vscode.SymbolKind.Object,
  rule: vscode.SymbolKind.Event,
};

function toSymbol(document: vscode.TextDocument, n: OutlineNode): vscode.DocumentSymbol {
  const range = new vscode.Range(document.positionAt(n.start), document.positionAt(n.end));
  const selection = new vscode.Range(document.positionAt(n.selectionStart), document.positionAt(n.selectionEnd));
  const s = new vscode.DocumentSymbol(n.name, n.detail, KIND[n.kind], range, range.contains(selection) ? selection : range);
  s.children = n.children.map((c) => toSymbol(document, c));
  return s;
}

/** A path as the server would resolve it, when it also exists here: absolute, or relative to the app folder. */
function localFile(appFolder: string, path: string): string | undefined {
  const native = process.platform === 'win32' ? path : path.replace(/\\/g, '/');
  if (/^[A-Za-z]:/.test(native) && process.platform !== 'win32') return undefined;
  const full = isAbsolute(native) ? native : resolve(appFolder, native);
  try {
    return existsSync(full) && statSync(full).isFile() ? full : undefined;
  } catch {
    return undefined;
  }
}

export function registerOutline(cache: CheckCache): vscode.Disposable {
  const model = (document: vscode.TextDocument) => cache.get(document, () => checkOptionsFor(document)).model;
  return vscode.Disposable.from(
    vscode.languages.registerDocumentSymbolProvider(WEB_CONFIG_SELECTOR, {
      provideDocumentSymbols(document) {
        try {
          return outline(model(document)).map((n) => toSymbol(document, n));
        } catch (e) {
          log().error(`outline failed: ${String(e)}`);
          return [];
        }
      },
    }),
    vscode.languages.registerDocumentLinkProvider(WEB_CONFIG_SELECTOR, {
      provideDocumentLinks(document) {
        if (document.uri.scheme !== 'file') return [];
        try {
          const appFolder = dirname(document.uri.fsPath);
          return linkCandidates(model(document)).flatMap((c) => {
            const target = localFile(appFolder, c.path);
            return target ? [new vscode.DocumentLink(new vscode.Range(document.positionAt(c.start), document.positionAt(c.end)), vscode.Uri.file(target))] : [];
          });
        } catch (e) {
          log().error(`links failed: ${String(e)}`);
          return [];
        }
      },
    }),
  );
}
