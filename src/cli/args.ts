/**
 * Parses a command's argv with `node:util` parseArgs, from the command's option table: `--opt value`,
 * `--opt=value`, `--flag`, `-h`, repeatable options, positionals, `--`. Every problem is a UsageError with one
 * line: an unknown option names the closest known one (or the command that takes it).
 */
import { parseArgs as nodeParseArgs } from 'node:util';
import { fill, type Translate } from '../core/messages';
import { COMMANDS, COMMON_OPTIONS, type CommandSpec } from './commandTable';
import type { OptionSpec } from './optionTable';
import { closest } from './suggest';
import { ARG_MESSAGES } from './cliMessages';

export interface ParsedArgs {
  positionals: string[];
  /** `--name` → its (last) value, or true for a flag given. */
  options: Map<string, string | true>;
  /** `--name` → every value of a repeatable option, in order. */
  lists: Map<string, string[]>;
}

export class UsageError extends Error {}

export { IoError, type CommandIo } from './io';

export function parseCommandArgs(spec: CommandSpec, argv: string[], translate: Translate = (t) => t): ParsedArgs {
  const say = (key: keyof typeof ARG_MESSAGES, args: Record<string, string | number>) => fill(translate(ARG_MESSAGES[key]), args);
  const known = [...spec.options, ...COMMON_OPTIONS];
  const config: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }> = {};
  for (const o of known) config[o.name] = { type: o.type, ...(o.short ? { short: o.short } : {}), ...(o.multiple ? { multiple: true } : {}) };
  const { tokens } = nodeParseArgs({ args: argv, options: config, strict: false, allowPositionals: true, tokens: true });
  const parsed: ParsedArgs = { positionals: [], options: new Map(), lists: new Map() };
  for (const token of tokens) {
    if (token.kind === 'positional') parsed.positionals.push(token.value);
    if (token.kind !== 'option') continue;
    const option = token.rawName.startsWith('--') ? known.find((o) => o.name === token.name) : known.find((o) => o.short && o.name === token.name);
    if (!option) throw new UsageError(unknownOption(token.rawName, spec, say));
    const flag = `--${option.name}`;
    if (option.type === 'boolean') {
      if (token.value !== undefined) throw new UsageError(say('noValue', { option: flag }));
      parsed.options.set(flag, true);
      continue;
    }
    const value = token.value;
    if (value === undefined || (!token.inlineValue && looksLikeOption(value, known))) throw new UsageError(say('needsValue', { option: flag }));
    parsed.options.set(flag, value);
    if (option.multiple) parsed.lists.set(flag, [...(parsed.lists.get(flag) ?? []), value]);
  }
  if (parsed.positionals.length > spec.maxPositionals) throw new UsageError(say('tooMany', { command: spec.name, count: spec.maxPositionals, args: spec.args || '-' }));
  return parsed;
}

/** `--python --dry-run`: the next word is another option, so the value is missing. */
function looksLikeOption(value: string, known: OptionSpec[]): boolean {
  if (value === '--') return true;
  const m = /^--([^=]+)/.exec(value) ?? /^-(\w)$/.exec(value);
  return !!m && known.some((o) => o.name === m[1] || o.short === m[1]);
}

function unknownOption(raw: string, spec: CommandSpec, say: (key: keyof typeof ARG_MESSAGES, args: Record<string, string>) => string): string {
  const names = [...spec.options, ...COMMON_OPTIONS].map((o) => `--${o.name}`);
  const suggestion = raw.startsWith('--') ? closest(raw, names) : undefined;
  if (suggestion) return say('didYouMean', { option: raw, suggestion });
  const elsewhere = COMMANDS.filter((c) => !c.hidden && c.options.some((o) => `--${o.name}` === raw)).map((c) => c.name);
  if (elsewhere.length) return say('otherCommand', { option: raw, commands: elsewhere.join(', ') });
  return say('unknown', { option: raw });
}

/** Whether argv asks for help or the version (before any `--`). */
export function wants(argv: string[], what: 'help' | 'version'): boolean {
  const end = argv.indexOf('--');
  const head = end < 0 ? argv : argv.slice(0, end);
  return what === 'help' ? head.some((a) => a === '--help' || a === '-h') : head.includes('--version');
}
