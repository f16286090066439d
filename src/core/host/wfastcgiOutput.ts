/**
 * Reading what wfastcgi-enable / wfastcgi-disable print: the scriptProcessor value on success (exactly what
 * the handler must contain, quotes included), or why appcmd failed (not elevated, IIS or its CGI feature
 * missing, already registered), so the user gets the fix instead of a Python list repr.
 */
import type { Say } from './undo';

export type WfastcgiOutcome =
  | { kind: 'enabled'; scriptProcessor: string }
  | { kind: 'disabled'; scriptProcessor: string }
  | { kind: 'appcmd-missing'; detail: string }
  | { kind: 'appcmd-failed'; reason: 'privileges' | 'duplicate' | 'cgi-missing' | 'not-registered' | 'other'; appcmdMessage: string }
  | { kind: 'unknown' };

const ENABLED = /^"(.*)" can now be used as a FastCGI script processor\s*$/;
const DISABLED = /^"(.*)" is no longer registered for use with FastCGI\s*$/;
const NOT_FOUND = /IIS configuration tool appcmd\.exe was not found at\s*(.*)$/;
const APPCMD_ERROR = /ERROR \(\s*(?:hresult:[0-9a-f]+,\s*)?message:([\s\S]*?)\s*\)/i;

export function parseWfastcgiOutput(output: string): WfastcgiOutcome {
  const lines = output.split(/\r?\n/);
  for (const line of lines) {
    const enabled = ENABLED.exec(line);
    if (enabled) return { kind: 'enabled', scriptProcessor: enabled[1]! };
    const disabled = DISABLED.exec(line);
    if (disabled) return { kind: 'disabled', scriptProcessor: disabled[1]! };
    const missing = NOT_FOUND.exec(line);
    if (missing) return { kind: 'appcmd-missing', detail: missing[1]!.trim() };
  }
  if (!/An error occurred running the command/.test(output)) return { kind: 'unknown' };
  // appcmd ends its message with a line holding only "." before the closing parenthesis.
  const appcmdMessage = APPCMD_ERROR.exec(output)?.[1]?.replace(/\s*\n\s*\.$/, '').replace(/\s+/g, ' ').trim() ?? '';
  return { kind: 'appcmd-failed', reason: classify(appcmdMessage), appcmdMessage };
}

function classify(message: string): 'privileges' | 'duplicate' | 'cgi-missing' | 'not-registered' | 'other' {
  if (/insufficient permissions|access is denied|80070005/i.test(message)) return 'privileges';
  if (/duplicate collection entry/i.test(message)) return 'duplicate';
  if (/unknown config section|unrecognized configuration section/i.test(message)) return 'cgi-missing';
  if (/cannot find requested collection element/i.test(message)) return 'not-registered';
  // wfastcgi prints "Ensure your user has sufficient privileges" after every appcmd failure; without
  // appcmd's own message, not being elevated is the usual cause.
  return message ? 'other' : 'privileges';
}

export function describeWfastcgiOutcome(outcome: WfastcgiOutcome, say: Say): string {
  switch (outcome.kind) {
    case 'enabled':
      return say('wfastcgi.enabled', { value: outcome.scriptProcessor });
    case 'disabled':
      return say('wfastcgi.disabled', { value: outcome.scriptProcessor });
    case 'appcmd-missing':
      return say('wfastcgi.appcmdMissing', { detail: outcome.detail });
    case 'appcmd-failed':
      return say(`wfastcgi.failed.${outcome.reason}`, { message: outcome.appcmdMessage });
    case 'unknown':
      return say('wfastcgi.unknown');
  }
}
