/** Core findings (offsets) to VS Code diagnostics (ranges). */
import * as vscode from 'vscode';
import { docsUrl, type Severity } from '../core/codes';
import { findingDiagnosticMessage, findingMessage, type Finding } from '../core/findings';
import { vscodeTemplateVariants } from '../core/hostVariants';
import { MESSAGES, type Translate } from '../core/messages';
import { LineIndex } from '../core/text/lineIndex';

export const DIAGNOSTIC_SOURCE = 'flask-iis';

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

let variants: Map<string, string> | undefined;

/**
 * Looks templates up in VS Code's loaded l10n bundle (English when none is loaded), after swapping a message
 * that names CLI flags for its VS Code wording (core/hostVariants.ts).
 */
export const translate: Translate = (english) => {
  variants ??= vscodeTemplateVariants(MESSAGES);
  const template = variants.get(english) ?? english;
  const entry = (vscode.l10n.bundle as Record<string, string | { message: string }> | undefined)?.[template];
  return typeof entry === 'string' ? entry : entry?.message ?? template;
};

export function toDiagnostic(document: vscode.TextDocument, f: Finding): vscode.Diagnostic {
  const range = new vscode.Range(document.positionAt(f.start), document.positionAt(f.end));
  const d = new vscode.Diagnostic(range, findingDiagnosticMessage(f, translate), SEVERITY[f.severity]);
  d.source = DIAGNOSTIC_SOURCE;
  d.code = { value: f.code, target: vscode.Uri.parse(docsUrl(f.code)) };
  if (f.related.length) {
    d.relatedInformation = f.related.map((rel) => {
      const message = findingMessage({ messageKey: rel.messageKey, args: rel.args ?? {} }, translate);
      if (rel.path === undefined) {
        return new vscode.DiagnosticRelatedInformation(new vscode.Location(document.uri, new vscode.Range(document.positionAt(rel.start), document.positionAt(rel.end))), message);
      }
      const lines = new LineIndex(rel.text ?? '');
      const s = lines.positionAt(rel.start);
      const e = lines.positionAt(rel.end);
      return new vscode.DiagnosticRelatedInformation(new vscode.Location(vscode.Uri.file(rel.path), new vscode.Range(s.line, s.character, e.line, e.character)), message);
    });
  }
  return d;
}
