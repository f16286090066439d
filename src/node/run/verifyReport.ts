/**
 * A verify outcome as the check's output: the handler does not load (wsgi-handler-import-failed), or it loads and
 * a request through it fails (wsgi-request-failed: an exception with its traceback, a 5xx, or 404 from an app with
 * no routes at all), or it serves (each request's status in the summary).
 */
import { readFileSync } from 'node:fs';
import type { Finding, RelatedLocation } from '../../core/findings';
import type { WebConfig } from '../../core/model/webConfig';
import { importFailedFinding, requestFailedFinding } from '../../core/python/verifyFinding';
import type { RequestResult, VerifyOutcome } from './wfastcgiRunner';
import { sayWith, type Say } from '../../core/host/undo';

/** A URL that answered 404 from an application that has routes (or an unknown number): the adapters say it. */
export interface NotFound {
  path: string;
  routes: number | undefined;
}

export type VerifyVerdict =
  | { verdict: 'loads'; findings: []; summary: string; notFound: NotFound[] }
  | { verdict: 'fails'; findings: Finding[]; summary: string; notFound?: NotFound[] }
  | { verdict: 'could-not-run'; reason: string };

/** `say`: the language of the summary (English by default). */
export function verifyVerdict(model: WebConfig, python: string, outcome: VerifyOutcome, say: Say = sayWith()): VerifyVerdict {
  if (outcome.kind === 'could-not-run') return { verdict: 'could-not-run', reason: outcome.reason };
  if (outcome.kind === 'cancelled') return { verdict: 'could-not-run', reason: 'cancelled' };
  if (outcome.kind === 'died') {
    const error = outcome.stderr ? `${outcome.reason}\n\n${outcome.stderr}` : outcome.reason;
    return { verdict: 'fails', findings: [importFailedFinding(model, python, error)], summary: outcome.reason };
  }
  const r = outcome.result;
  const who = `${python} (Python ${r.python})`;
  if (!r.ok) {
    const parts = [r.error ?? 'Error', r.traceback ? `\n${r.traceback.trimEnd()}` : '', r.output ? `\n\nOutput while importing:\n${r.output.trimEnd()}` : ''];
    const finding = importFailedFinding(model, who, parts.join(''), tracebackRelated(r.frames ?? []));
    return { verdict: 'fails', findings: [finding], summary: r.error ?? say('verify.doesNotLoad') };
  }
  const loads = say('verify.loads', { python: who, type: r.type ?? say('verify.callable'), ms: r.loadMs ?? '?' });
  const requests = r.requests ?? [];
  const notFound: NotFound[] = [];
  const findings: Finding[] = [];
  for (const q of requests) {
    const failure = requestFailure(q, r.routes, r.notWsgi);
    if (failure) findings.push(requestFailedFinding(model, who, q.path, failure.status, failure.detail, tracebackRelated(frames(q.traceback ?? ''))));
    else if (q.status === 404) notFound.push({ path: q.path, routes: r.routes ?? undefined });
  }
  const statuses = requests.map((q) => `GET ${q.path} -> ${q.statusText || q.status}`).join(', ');
  const summary = `${loads}${statuses ? `; ${statuses}` : ''}${r.routes != null ? ` ${r.routes === 1 ? say('verify.oneRoute') : say('verify.routes', { count: r.routes })}` : ''}`;
  if (findings.length) return { verdict: 'fails', findings, summary, notFound };
  return { verdict: 'loads', findings: [], summary, notFound };
}

/** Why a request counts as failed, in words for the message; undefined when it served. */
function requestFailure(q: RequestResult, routes: number | null | undefined, notWsgi: string | undefined): { status: string; detail: string } | undefined {
  const status = q.statusText || String(q.status);
  if (q.error || q.status >= 500 || q.status === 0) {
    const lead = notWsgi ? `${notWsgi}. The handler loads (wfastcgi does not check it), then every request fails:\n` : '';
    return { status, detail: `${lead}${q.error ?? `HTTP ${status}`}${q.traceback ? `\n${q.traceback.trimEnd()}` : ''}` };
  }
  if (q.status === 404 && routes === 0) {
    return { status, detail: 'The application has no routes at all, so every URL answers 404: the modules that register them are not imported by the module WSGI_HANDLER names (flask-iis check reports wsgi-handler-routes-not-imported and names the module that imports them).' };
  }
  return undefined;
}

/** `File "...", line N` frames of a traceback inside the project (the runner's own frames are not shown). */
function frames(tb: string): { file: string; line: number }[] {
  return [...tb.matchAll(/File "([^"]+)", line (\d+)/g)].filter((m) => !/site-packages|dist-packages|[\\/]lib[\\/]python\d/i.test(m[1]!)).map((m) => ({ file: m[1]!, line: Number(m[2]) }));
}

/** The innermost traceback frame in the project, as a related location. */
function tracebackRelated(list: { file: string; line: number }[]): RelatedLocation[] {
  const frame = list[list.length - 1];
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
