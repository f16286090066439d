/** Quick fixes for flask-iis diagnostics: core fixes (offsets) become WorkspaceEdits; the core's "fix all" per code too. */
import * as vscode from 'vscode';
import { dirname, join } from 'node:path';
import { existsSync } from 'node:fs';
import type { CheckResult } from '../../core/check';
import { fixAll } from '../../core/editing/fixAll';
import { fixesFor, type Fix } from '../../core/editing/fixes';
import type { EditingEnv } from '../../core/editing/env';
import type { Finding } from '../../core/findings';
import { log } from '../../platform/log';
import type { CheckCache } from './checkCache';
import { DIAGNOSTIC_SOURCE } from '../convert';
import { checkOptionsFor } from './diagnostics';
import { message } from '../docs';
import type { EditingEnvironment } from './editingEnv';
import { WEB_CONFIG_SELECTOR } from '../selector';

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
  const all = fixAllAction(document, result, finding, env);
  if (all) actions.push(all);
  if (finding.code === 'python-cgi-handler') actions.push(migrateAction(document, d));
  return actions;
}

/** The CGI mapping's fix is the migration: a command (it may ask which application to serve), not a text edit. */
function migrateAction(document: vscode.TextDocument, d: vscode.Diagnostic): vscode.CodeAction {
  const action = new vscode.CodeAction(vscode.l10n.t('Migrate to HttpPlatformHandler (waitress)'), vscode.CodeActionKind.QuickFix);
  action.command = { command: 'flaskIis.migrateToHttpPlatform', title: action.title, arguments: [{ uri: document.uri }] };
  action.diagnostics = [d];
  action.isPreferred = true;
  return action;
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

/** When a code occurs more than once, the core's "fix all" for it (one non-overlapping edit set), converted. */
function fixAllAction(document: vscode.TextDocument, result: CheckResult, finding: Finding, env: EditingEnv): vscode.CodeAction | undefined {
  if (result.findings.filter((f) => f.code === finding.code).length < 2) return undefined;
  const all = fixAll(result, finding.code, env);
  return all && toAction(document, all, []);
}
