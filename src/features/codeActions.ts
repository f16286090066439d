/** Quick fixes for flask-iis diagnostics: core fixes (offsets) become WorkspaceEdits; one "fix all" per code. */
import * as vscode from 'vscode';
import { dirname, join } from 'node:path';
import { existsSync } from 'node:fs';
import type { CheckResult } from '../core/check';
import { fixesFor, type Fix } from '../core/editing/fixes';
import type { EditingEnv } from '../core/editing/env';
import type { Finding } from '../core/findings';
import { log } from '../platform/log';
import type { CheckCache } from './checkCache';
import { DIAGNOSTIC_SOURCE } from './convert';
import { checkOptionsFor } from './diagnostics';
import { message } from './docs';
import type { EditingEnvironment } from './editingEnv';
import { WEB_CONFIG_SELECTOR } from './selector';

export function registerCodeActions(cache: CheckCache, environment: EditingEnvironment): vscode.Disposable {
  const provider: vscode.CodeActionProvider = {
    async provideCodeActions(document, _range, context, token) {
      try {
        const ours = context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE);
        if (!ours.length) return [];
        const env = await environment.envFor(document);
        if (token.isCancellationRequested) return [];
        const result = cache.get(document, () => checkOptionsFor(document));
        return ours.flatMap((d) => actionsFor(document, result, d, env));
      } catch (e) {
        log().error(`quick fixes failed: ${e instanceof Error ? e.stack : String(e)}`);
        return [];
      }
    },
  };
  return vscode.languages.registerCodeActionsProvider(WEB_CONFIG_SELECTOR, provider, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] });
}

function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code ?? '');
}

function findingFor(document: vscode.TextDocument, result: CheckResult, d: vscode.Diagnostic): Finding | undefined {
  const start = document.offsetAt(d.range.start);
  const end = document.offsetAt(d.range.end);
  return result.findings.find((f) => f.code === codeOf(d) && f.start === start && f.end === end);
}

function actionsFor(document: vscode.TextDocument, result: CheckResult, d: vscode.Diagnostic, env: EditingEnv): vscode.CodeAction[] {
  const finding = findingFor(document, result, d);
  if (!finding) return [];
  const actions = fixesFor(result, finding, env).map((fix) => toAction(document, fix, [d])).filter((a): a is vscode.CodeAction => !!a);
  const all = fixAll(document, result, finding, env);
  if (all) actions.push(all);
  return actions;
}

function toAction(document: vscode.TextDocument, fix: Fix, diagnostics: vscode.Diagnostic[]): vscode.CodeAction | undefined {
  const action = new vscode.CodeAction(message(fix.title.key, fix.title.args), vscode.CodeActionKind.QuickFix);
  const edit = new vscode.WorkspaceEdit();
  for (const e of fix.edits) edit.replace(document.uri, new vscode.Range(document.positionAt(e.start), document.positionAt(e.end)), e.newText);
  for (const f of fix.createFiles ?? []) {
    if (document.uri.scheme !== 'file') return undefined;
    const path = join(dirname(document.uri.fsPath), ...f.relativePath.split('/'));
    if (existsSync(path)) return undefined;
    edit.createFile(vscode.Uri.file(path), { ignoreIfExists: true, contents: new TextEncoder().encode(f.content) });
  }
  action.edit = edit;
  action.diagnostics = diagnostics;
  action.isPreferred = !!fix.isPreferred;
  return action;
}

/** When a code occurs more than once, one action applies every preferred fix of it whose edits do not overlap. */
function fixAll(document: vscode.TextDocument, result: CheckResult, finding: Finding, env: EditingEnv): vscode.CodeAction | undefined {
  const same = result.findings.filter((f) => f.code === finding.code);
  if (same.length < 2) return undefined;
  const edits = same.flatMap((f) => fixesFor(result, f, env).find((x) => x.isPreferred && !x.createFiles)?.edits ?? []);
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  if (!sorted.length || sorted.some((e, i) => i > 0 && e.start < sorted[i - 1]!.end)) return undefined;
  const action = new vscode.CodeAction(message('fix.all', { code: finding.code }), vscode.CodeActionKind.QuickFix);
  action.edit = new vscode.WorkspaceEdit();
  for (const e of sorted) action.edit.replace(document.uri, new vscode.Range(document.positionAt(e.start), document.positionAt(e.end)), e.newText);
  return action;
}
