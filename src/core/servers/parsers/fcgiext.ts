/**
 * IIS 6's FastCGI extension configuration, `fcgiext.ini` (next to fcgiext.dll, %SystemRoot%\system32\inetsrv):
 * the `[Types]` section maps an extension (`py`), optionally for one site (`py:123456`), or every request (`*`,
 * `*:123456`) to an application section; each application section has `ExePath`, `Arguments`, `EnvironmentVars`
 * (`Name:Value,Name:Value`) and numeric settings (QueueLength, MaxInstances, ...). Names are case-insensitive, as
 * Windows reads ini files. Offsets of every value; a line that is neither a section, a comment nor `key=value` is
 * reported, never guessed.
 */
import type { NotUnderstood } from './nginx';

export interface FcgiextValue {
  key: string;
  value: string;
  /** Offsets of the value. */
  start: number;
  end: number;
  keyStart: number;
}

export interface FcgiextType extends FcgiextValue {
  /** `py`, or `*` for a wildcard mapping. */
  extension: string;
  /** The site id (or metabase path) after `:`, when the mapping is for one site. */
  site?: string;
  /** The application section it names (the value). */
  app: string;
}

export interface FcgiextEnvVar {
  name: string;
  value: string;
  /** Offsets of `Name:Value`. */
  start: number;
  end: number;
}

export interface FcgiextApp {
  /** The section name as written. */
  name: string;
  /** Offsets of the name in its `[...]` header. */
  start: number;
  end: number;
  /** Every key of the section, by lower-cased name (the first one wins, as Windows' GetPrivateProfileString reads it). */
  values: Map<string, FcgiextValue>;
  exePath?: FcgiextValue;
  arguments?: FcgiextValue;
  environmentVars?: FcgiextValue;
  env: FcgiextEnvVar[];
  /** The documented numeric settings that are written, by their documented name. */
  settings: Partial<Record<NumericKey, number>>;
}

export interface Fcgiext {
  types: FcgiextType[];
  apps: FcgiextApp[];
  problems: NotUnderstood[];
}

/** The documented numeric keys of an application section (FastCGI Extension 1.0/1.5 for IIS 5.1 and 6.0). */
export const NUMERIC_KEYS = [
  'QueueLength', 'MaxInstances', 'InstanceTimeout', 'InstanceMaxRequests', 'IdleTimeout', 'ActivityTimeout', 'RequestTimeout',
  'FlushNamedPipe', 'ResponseBufferLimit', 'UnhealthyOnQueueFull', 'IgnoreExistingFiles', 'IgnoreDirectories',
  'SignalBeforeTerminateSeconds',
] as const;
export type NumericKey = (typeof NUMERIC_KEYS)[number];
const NUMERIC = new Map<string, NumericKey>(NUMERIC_KEYS.map((k) => [k.toLowerCase(), k]));

/** Reads fcgiext.ini. Linear in the text; CRLF and LF both. */
export function parseFcgiext(text: string): Fcgiext {
  const out: Fcgiext = { types: [], apps: [], problems: [] };
  let section: { kind: 'types' } | { kind: 'app'; app: FcgiextApp } | { kind: 'other' } | undefined;
  let offset = 0;
  for (const raw of text.split('\n')) {
    const start = offset;
    offset += raw.length + 1;
    const line = raw.replace(/\r$/, '');
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith(';') || trimmed.startsWith('#')) continue;
    const lead = line.length - line.trimStart().length;
    if (trimmed.startsWith('[')) {
      const close = trimmed.indexOf(']');
      if (close < 0) {
        out.problems.push({ start, end: start + line.length, what: 'headerNoBracket' });
        section = { kind: 'other' };
        continue;
      }
      const inner = trimmed.slice(1, close);
      const name = inner.trim();
      const nameStart = start + lead + 1 + inner.indexOf(name);
      if (name.toLowerCase() === 'types') section = { kind: 'types' };
      else {
        const existing = out.apps.find((a) => a.name.toLowerCase() === name.toLowerCase());
        const app = existing ?? { name, start: nameStart, end: nameStart + name.length, values: new Map(), env: [], settings: {} };
        if (!existing) out.apps.push(app);
        section = { kind: 'app', app };
      }
      continue;
    }
    const eq = line.indexOf('=');
    if (eq < 0 || !line.slice(0, eq).trim()) {
      out.problems.push({ start, end: start + line.length, what: 'notKeyValue' });
      continue;
    }
    const key = line.slice(0, eq).trim();
    const rawValue = line.slice(eq + 1);
    const value = rawValue.trim();
    const valueStart = start + eq + 1 + (rawValue.length - rawValue.trimStart().length);
    const entry: FcgiextValue = { key, value, start: valueStart, end: valueStart + value.length, keyStart: start + lead };
    if (!section) {
      out.problems.push({ start, end: start + line.length, what: 'beforeSection' });
      continue;
    }
    if (section.kind === 'types') {
      const colon = key.indexOf(':');
      const extension = (colon < 0 ? key : key.slice(0, colon)).trim().replace(/^\./, '');
      const site = colon < 0 ? undefined : key.slice(colon + 1).trim();
      out.types.push({ ...entry, extension, ...(site ? { site } : {}), app: value });
    } else if (section.kind === 'app') addAppValue(section.app, entry, out.problems);
  }
  return out;
}

function addAppValue(app: FcgiextApp, entry: FcgiextValue, problems: NotUnderstood[]): void {
  const lower = entry.key.toLowerCase();
  // Windows' GetPrivateProfileString takes the first occurrence of a key.
  if (app.values.has(lower)) return;
  app.values.set(lower, entry);
  if (lower === 'exepath') app.exePath = entry;
  else if (lower === 'arguments') app.arguments = entry;
  else if (lower === 'environmentvars') {
    app.environmentVars = entry;
    app.env = parseEnvironmentVars(entry.value, entry.start);
  } else {
    const numeric = NUMERIC.get(lower);
    if (!numeric) return;
    if (/^\d+$/.test(entry.value)) app.settings[numeric] = Number(entry.value);
    else problems.push({ start: entry.start, end: entry.end, what: 'notWholeNumber', args: { setting: numeric } });
  }
}

/** `Name:Value,Name:Value` (the value may hold colons, as in C:\path; a pair without a colon is a name with an empty value). */
export function parseEnvironmentVars(value: string, base: number): FcgiextEnvVar[] {
  const out: FcgiextEnvVar[] = [];
  let pos = 0;
  for (const part of value.split(',')) {
    const lead = part.length - part.trimStart().length;
    const item = part.trim();
    if (item) {
      const colon = item.indexOf(':');
      const name = (colon < 0 ? item : item.slice(0, colon)).trim();
      const v = colon < 0 ? '' : item.slice(colon + 1).trim();
      if (name) out.push({ name, value: v, start: base + pos + lead, end: base + pos + lead + item.length });
    }
    pos += part.length + 1;
  }
  return out;
}

/** The value of an environment variable (names are case-insensitive on Windows). */
export function envVar(app: FcgiextApp, name: string): FcgiextEnvVar | undefined {
  return app.env.find((e) => e.name.toUpperCase() === name.toUpperCase());
}
