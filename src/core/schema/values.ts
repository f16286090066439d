/**
 * Values judged the way IIS's configuration system reads them: booleans, enums and flags by name (any case) or
 * number, integers within their type, time spans as [-][d.]hh:mm:ss[.fffffff], then the schema's validators.
 * Each problem carries a message key, its arguments and, where one is obvious, the value to put instead.
 */
import type { MessageArgs, MessageKey } from '../messages';
import { nearest } from './suggest';
import type { AttributeSchema } from './types';

export interface ValueProblem {
  messageKey: MessageKey;
  args: MessageArgs;
  /** The value a quick fix writes instead, when one is obvious. */
  fixed?: string;
}

const LIMITS = {
  uint: [0n, 4294967295n],
  int: [-2147483648n, 2147483647n],
  int64: [-9223372036854775808n, 9223372036854775807n],
} as const;

/** A time span in seconds, or undefined when it is not one (.NET TimeSpan syntax, as IIS reads it). */
export function parseTimeSpan(value: string): number | undefined {
  const m = /^\s*(-)?(?:(\d+)\.)?(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,7}))?)?\s*$/.exec(value);
  if (m) {
    const [, neg, d, h, mi, s, f] = m;
    if (Number(h) > 23 || Number(mi) > 59 || Number(s ?? 0) > 59) return undefined;
    const secs = Number(d ?? 0) * 86400 + Number(h) * 3600 + Number(mi) * 60 + Number(s ?? 0) + (f ? Number(`0.${f}`) : 0);
    return neg ? -secs : secs;
  }
  const days = /^\s*(-)?(\d+)\s*$/.exec(value); // TimeSpan.Parse("2") is two days
  if (days && Number(days[2]) <= 10675199) return (days[1] ? -1 : 1) * Number(days[2]) * 86400;
  return undefined;
}

/** Seconds written as IIS writes time spans: `00:02:00`, `1.00:00:00`. */
export function formatTimeSpan(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const d = Math.floor(s / 86400);
  const two = (n: number) => String(n).padStart(2, '0');
  const hms = `${two(Math.floor((s % 86400) / 3600))}:${two(Math.floor((s % 3600) / 60))}:${two(s % 60)}`;
  return d ? `${d}.${hms}` : hms;
}

function bigint(value: string): bigint | undefined {
  const t = value.trim();
  if (!/^[-+]?\d{1,20}$/.test(t)) return undefined;
  return BigInt(t);
}

const YES = new Set(['yes', 'on', '1', 'y', 'enabled', 'enable']);
const NO = new Set(['no', 'off', '0', 'n', 'disabled', 'disable']);

/**
 * The allowed value nearest to an invalid enum value: the name it misspells, else (a number) the enum value closest
 * to it, else the default.
 */
function nearestEnum(a: AttributeSchema, t: string): string | undefined {
  const names = a.values.map((v) => v.name);
  const near = nearest(t, names);
  if (near) return near;
  if (/^-?\d+$/.test(t) && a.values.length) {
    const n = Number(t);
    return a.values.reduce((best, v) => (Math.abs(v.value - n) < Math.abs(best.value - n) ? v : best)).name;
  }
  return a.defaultValue && names.includes(a.defaultValue) ? a.defaultValue : undefined;
}

function checkType(a: AttributeSchema, value: string): ValueProblem | undefined {
  const names = a.values.map((v) => v.name);
  switch (a.type) {
    case 'bool': {
      const t = value.trim().toLowerCase();
      if (t === 'true' || t === 'false') return undefined;
      const fixed = YES.has(t) ? 'true' : NO.has(t) ? 'false' : undefined;
      return { messageKey: 'schema.valueBool', args: { value }, fixed };
    }
    case 'enum': {
      const t = value.trim();
      if (a.values.some((v) => v.name.toLowerCase() === t.toLowerCase() || String(v.value) === t)) return undefined;
      return { messageKey: 'schema.valueEnum', args: { value, allowed: names.join(', ') }, fixed: nearestEnum(a, t) };
    }
    case 'flags': {
      const t = value.trim();
      if (/^\d+$/.test(t)) return undefined;
      for (const part of t.split(',').map((p) => p.trim())) {
        if (!part || a.values.some((v) => v.name.toLowerCase() === part.toLowerCase())) continue;
        const near = nearest(part, names);
        const fixed = near ? t.split(',').map((p) => (p.trim() === part ? p.replace(part, near) : p)).join(',') : undefined;
        return { messageKey: 'schema.valueFlags', args: { value, part, allowed: names.join(', ') }, fixed };
      }
      return undefined;
    }
    case 'uint': case 'int': case 'int64': {
      const [min, max] = LIMITS[a.type];
      const n = bigint(value);
      if (n !== undefined && n >= min && n <= max) return undefined;
      return { messageKey: 'schema.valueInteger', args: { value, type: a.type, min: String(min), max: String(max) } };
    }
    case 'timeSpan':
      if (parseTimeSpan(value) !== undefined) return undefined;
      return { messageKey: 'schema.valueTimeSpan', args: { value, example: a.defaultValue ?? '00:02:00' } };
    default:
      return undefined;
  }
}

function checkValidator(a: AttributeSchema, value: string): ValueProblem | undefined {
  const v = a.validator;
  if (!v) return undefined;
  switch (v.kind) {
    case 'integerRange': {
      if (a.type === 'enum' || a.type === 'flags') return undefined;
      const n = Number(value.trim());
      const inside = n >= v.min && n <= v.max;
      if (inside !== v.exclude) return undefined;
      const fixed = v.exclude ? undefined : String(n < v.min ? v.min : v.max);
      return { messageKey: v.exclude ? 'schema.rangeExcluded' : 'schema.range', args: { value, min: v.min, max: v.max }, fixed };
    }
    case 'timeSpanRange': {
      const s = parseTimeSpan(value)!;
      if (s < v.min || s > v.max) {
        return { messageKey: 'schema.timeSpanRange', args: { value, min: formatTimeSpan(v.min), max: formatTimeSpan(v.max) }, fixed: formatTimeSpan(s < v.min ? v.min : v.max) };
      }
      if (v.granularity > 1 && s % v.granularity !== 0) {
        return { messageKey: 'schema.timeSpanGranularity', args: { value, granularity: v.granularity }, fixed: formatTimeSpan(Math.max(v.min, Math.round(s / v.granularity) * v.granularity)) };
      }
      return undefined;
    }
    case 'nonEmptyString':
      return value === '' ? { messageKey: 'schema.nonEmpty', args: { value } } : undefined;
    case 'requireTrimmedString':
      return value !== value.trim() ? { messageKey: 'schema.trimmed', args: { value }, fixed: value.trim() || undefined } : undefined;
    default:
      return undefined;
  }
}

/** The first problem of a value for its attribute, or undefined when IIS accepts it. */
export function checkValue(a: AttributeSchema, value: string): ValueProblem | undefined {
  return checkType(a, value) ?? checkValidator(a, value);
}
