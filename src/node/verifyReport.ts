/** A verify outcome as the check's output: no finding (it loads), a wsgi-handler-import-failed finding, or a reason. */
import { readFileSync } from 'node:fs';
import type { Finding, RelatedLocation } from '../core/findings';
import type { WebConfig } from '../core/model/webConfig';
import { importFailedFinding } from '../core/python/verifyFinding';
import type { VerifyOutcome } from './wfastcgiRunner';

export type VerifyVerdict =
  | { verdict: 'loads'; findings: []; summary: string }
  | { verdict: 'fails'; findings: Finding[]; summary: string }
  | { verdict: 'could-not-run'; reason: string };

export function verifyVerdict(model: WebConfig, python: string, outcome: VerifyOutcome): VerifyVerdict {
  if (outcome.kind === 'could-not-run') return { verdict: 'could-not-run', reason: outcome.reason };
  if (outcome.kind === 'cancelled') return { verdict: 'could-not-run', reason: 'cancelled' };
  if (outcome.kind === 'died') {
    const error = outcome.stderr ? `${outcome.reason}\n\n${outcome.stderr}` : outcome.reason;
    return { verdict: 'fails', findings: [importFailedFinding(model, python, error)], summary: outcome.reason };
  }
  const r = outcome.result;
  const who = `${python} (Python ${r.python})`;
  if (r.ok) return { verdict: 'loads', findings: [], summary: `WSGI_HANDLER loads with ${who}: ${r.type ?? 'a WSGI callable'} in ${r.loadMs ?? '?'} ms` };
  const parts = [r.error ?? 'Error', r.traceback ? `\n${r.traceback.trimEnd()}` : '', r.output ? `\n\nOutput while importing:\n${r.output.trimEnd()}` : ''];
  const finding = importFailedFinding(model, who, parts.join(''), tracebackRelated(r.frames ?? []));
  return { verdict: 'fails', findings: [finding], summary: r.error ?? 'the handler does not load' };
}

/** The innermost traceback frame in the project, as a related location. */
function tracebackRelated(frames: { file: string; line: number }[]): RelatedLocation[] {
  const frame = frames[frames.length - 1];
  if (!frame) return [];
  try {
    const text = readFileSync(frame.file, 'utf8');
    let start = 0;
    for (let l = 1; l < frame.line && start >= 0; l++) start = text.indexOf('\n', start) + 1 || -1;
    if (start < 0) return [];
    const nl = text.indexOf('\n', start);
    return [{ path: frame.file, start, end: nl < 0 ? text.length : nl, text, messageKey: 'related.pyTraceback' }];
  } catch {
    return [];
  }
}
