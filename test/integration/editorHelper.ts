// Helpers for the editor-feature tests: documents written with a `|` cursor marker, applying code actions.
import * as vscode from 'vscode';
import { openFixture, writeWorkspaceFile } from './helper';

let counter = 0;
/**
 * Each test file is bundled on its own, with its own copy of this module: a random prefix keeps their folders
 * apart (two files writing features/case5 met an editor still open, and dirty, on the other's document).
 */
const PREFIX = Math.random().toString(36).slice(2, 8);

/** Writes `marked` (with one `|` cursor marker) to a fresh web.config, opens it, returns the cursor position. */
export async function openMarked(marked: string, eol: '\n' | '\r\n' = '\n'): Promise<{ doc: vscode.TextDocument; position: vscode.Position }> {
  const offset = marked.indexOf('|');
  const text = (marked.slice(0, offset) + marked.slice(offset + 1)).replace(/\r?\n/g, eol);
  const prefix = marked.slice(0, offset).replace(/\r?\n/g, eol);
  const folder = `features/${PREFIX}-case${++counter}`;
  await writeWorkspaceFile(text, ...folder.split('/'), 'web.config');
  const doc = await openFixture(...folder.split('/'), 'web.config');
  return { doc, position: doc.positionAt(prefix.length) };
}

/** Writes `text` to a fresh web.config and opens it. */
export async function openText(text: string): Promise<vscode.TextDocument> {
  const folder = `features/${PREFIX}-case${++counter}`;
  await writeWorkspaceFile(text, ...folder.split('/'), 'web.config');
  return openFixture(...folder.split('/'), 'web.config');
}

/** Labels of the completion items providers contribute (VS Code's own word-based suggestions, kind Text, left out). */
export async function completionLabels(doc: vscode.TextDocument, position: vscode.Position, trigger?: string): Promise<string[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, position, trigger);
  return list.items.filter((i) => i.kind !== vscode.CompletionItemKind.Text).map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
}

export async function hoverText(doc: vscode.TextDocument, position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, position);
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
}

export async function quickFixes(doc: vscode.TextDocument, range: vscode.Range): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', doc.uri, range, vscode.CodeActionKind.QuickFix.value);
  return actions.filter((a): a is vscode.CodeAction => 'edit' in a || 'kind' in a);
}

export async function applyAction(action: vscode.CodeAction): Promise<void> {
  if (!action.edit) throw new Error(`code action "${action.title}" has no edit`);
  if (!(await vscode.workspace.applyEdit(action.edit))) throw new Error(`could not apply "${action.title}"`);
}
