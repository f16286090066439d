/** What a check reports: a code, a severity, a message and offsets. Adapters turn offsets into ranges. */
import { CODES, type Code, type Severity } from './codes';
import { joinParts, renderMessageParts, type MessageParts } from './messageParts';
import { renderMessage, type MessageArgs, type MessageKey, type Translate } from './messages';

export interface RelatedLocation {
  /** Another file (absolute path), or undefined for the checked file. */
  path?: string;
  start: number;
  end: number;
  /** Offsets into `path` need that file's text to become positions; this is it when known. */
  text?: string;
  messageKey: MessageKey;
  args?: MessageArgs;
}

export interface Finding {
  code: Code;
  severity: Severity;
  start: number;
  end: number;
  messageKey: MessageKey;
  args: MessageArgs;
  related: RelatedLocation[];
}

export type SeverityOverrides = Partial<Record<string, Severity | 'off'>>;

export function findingMessage(f: Pick<Finding, 'messageKey' | 'args'>, translate?: Translate): string {
  return renderMessage(f.messageKey, f.args, translate);
}

/** The first sentence (what is wrong, what to do) and the explanation, each rendered. */
export function findingParts(f: Pick<Finding, 'messageKey' | 'args'>, translate?: Translate): MessageParts {
  return renderMessageParts(f.messageKey, f.args, translate);
}

/** What a diagnostic shows: the first sentence on the first line (the Problems panel's line), then the explanation. */
export function findingDiagnosticMessage(f: Pick<Finding, 'messageKey' | 'args'>, translate?: Translate): string {
  return joinParts(findingParts(f, translate));
}

export function defaultSeverity(code: Code): Severity {
  return CODES[code];
}

/** Applies user overrides: `off` drops the finding, anything else replaces its severity. */
export function applyOverrides(findings: Finding[], overrides: SeverityOverrides | undefined): Finding[] {
  if (!overrides) return findings;
  const out: Finding[] = [];
  for (const f of findings) {
    const o = overrides[f.code];
    if (o === 'off') continue;
    out.push(o ? { ...f, severity: o } : f);
  }
  return out;
}
