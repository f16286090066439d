/** CompletionItemProvider for web.config: adapts core proposals (offsets) to VS Code items (ranges). */
import * as vscode from 'vscode';
import { complete, type Proposal, type ProposalKind } from '../../core/editing/completion';
import { log } from '../../platform/log';
import type { CheckCache } from './checkCache';
import { docMarkdown, message } from '../docs';
import type { EditingEnvironment } from './editingEnv';
import { WEB_CONFIG_SELECTOR } from '../selector';

const KIND: Record<ProposalKind, vscode.CompletionItemKind> = {
  element: vscode.CompletionItemKind.Module,
  attribute: vscode.CompletionItemKind.Property,
  value: vscode.CompletionItemKind.Value,
  setting: vscode.CompletionItemKind.Constant,
  snippet: vscode.CompletionItemKind.Snippet,
  interpreter: vscode.CompletionItemKind.File,
  folder: vscode.CompletionItemKind.Folder,
  handler: vscode.CompletionItemKind.Function,
};

export function registerCompletion(cache: CheckCache, environment: EditingEnvironment): vscode.Disposable {
  const provider: vscode.CompletionItemProvider = {
    async provideCompletionItems(document, position, token) {
      try {
        const env = await environment.envFor(document);
        if (token.isCancellationRequested) return [];
        // While the user types, the last full check is of an older version: the lean pass is enough then.
        const doc = cache.peek(document)?.model.doc;
        const offset = document.offsetAt(position);
        return complete(document.getText(), offset, doc, env).map((p) => toItem(document, p, offset));
      } catch (e) {
        log().error(`completion failed: ${e instanceof Error ? e.stack : String(e)}`);
        return [];
      }
    },
  };
  return vscode.languages.registerCompletionItemProvider(WEB_CONFIG_SELECTOR, provider, '<', ' ', '"', '\'', '|', ';');
}

function toItem(document: vscode.TextDocument, p: Proposal, offset: number): vscode.CompletionItem {
  const item = new vscode.CompletionItem(p.label, KIND[p.kind]);
  item.insertText = p.snippet ? new vscode.SnippetString(p.insertText) : p.insertText;
  const start = document.positionAt(p.start);
  item.range = { inserting: new vscode.Range(start, document.positionAt(Math.min(offset, p.end))), replacing: new vscode.Range(start, document.positionAt(p.end)) };
  if (p.detail) item.detail = message(p.detail.key, p.detail.args);
  if (p.doc) item.documentation = docMarkdown(p.doc);
  if (p.sortText) item.sortText = p.sortText;
  if (p.preselect) item.preselect = true;
  if (p.filterText) item.filterText = p.filterText;
  else if (p.kind === 'value' || p.kind === 'interpreter' || p.kind === 'handler' || p.kind === 'folder') item.filterText = p.label;
  if (p.deprecated) item.tags = [vscode.CompletionItemTag.Deprecated];
  if (p.retrigger) item.command = { command: 'editor.action.triggerSuggest', title: '' };
  return item;
}
