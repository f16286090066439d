/** Output of `flask-iis check`: gcc-style text lines, or the documented JSON (LSP-like zero-based positions). */
import type { Finding } from '../core/findings';
import { findingMessage, findingParts } from '../core/findings';
import type { Translate } from '../core/messages';
import { outputSay } from './cliMessages';
import { LineIndex, type Position } from '../core/text/lineIndex';

export interface FileReport {
  path: string;
  text: string;
  findings: Finding[];
}

interface JsonDiagnostic {
  code: string;
  severity: string;
  message: string;
  /** The first sentence of `message`: what is wrong and what to do. */
  summary: string;
  /** The rest of `message`: the explanation (may be empty). */
  detail: string;
  range: { start: Position; end: Position };
  related?: { path: string; range: { start: Position; end: Position }; message: string }[];
  /** What IIS itself shows on its HTTP 500.19 page for this finding (config-* codes): Error Code and, where known, Config Error. */
  iis?: { hresult: string; text?: string };
}

export function toJson(reports: FileReport[], translate: Translate): string {
  const files = reports.map((r) => {
    const lines = new LineIndex(r.text);
    const diagnostics: JsonDiagnostic[] = r.findings.map((f) => {
      const { summary, detail } = findingParts(f, translate);
      const d: JsonDiagnostic = {
        code: f.code,
        severity: f.severity,
        message: findingMessage(f, translate),
        summary,
        detail,
        range: { start: lines.positionAt(f.start), end: lines.positionAt(f.end) },
      };
      const hresult = f.args['hresult'];
      if (typeof hresult === 'string') {
        const text = f.args['iisText'];
        d.iis = typeof text === 'string' ? { hresult, text } : { hresult };
      }
      if (f.related.length) {
        d.related = f.related.map((rel) => {
          const relLines = rel.text !== undefined ? new LineIndex(rel.text) : lines;
          return {
            path: rel.path ?? r.path,
            range: { start: relLines.positionAt(rel.start), end: relLines.positionAt(rel.end) },
            message: findingMessage({ messageKey: rel.messageKey, args: rel.args ?? {} }, translate),
          };
        });
      }
      return d;
    });
    return { path: r.path, diagnostics };
  });
  return JSON.stringify({ version: 1, files }, null, 2);
}

export function toText(reports: FileReport[], translate: Translate): string {
  const out: string[] = [];
  for (const r of reports) {
    const lines = new LineIndex(r.text);
    for (const f of r.findings) {
      const p = lines.positionAt(f.start);
      out.push(`${r.path}:${p.line + 1}:${p.character + 1}: ${f.severity} ${f.code} ${findingMessage(f, translate)}`);
    }
  }
  return out.join('\n');
}

export function summary(reports: FileReport[], translate: Translate = (t) => t): string {
  const count = (s: string) => reports.reduce((n, r) => n + r.findings.filter((f) => f.severity === s).length, 0);
  return outputSay(translate)('summary', { files: reports.length, errors: count('error'), warnings: count('warning'), notes: count('information') + count('hint') });
}
