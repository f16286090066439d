/**
 * `flask-iis --help` (every command with every option) and `flask-iis <command> --help` (one command, its
 * options and examples), rendered from the command table and translated. Only the ASCII option names are
 * padded into a column, so translated descriptions never break the alignment.
 */
import { fill, type Translate } from '../core/messages';
import { COMMANDS, COMMON_OPTIONS, type CommandSpec } from './commandTable';
import type { OptionSpec } from './optionTable';
import { HELP_MESSAGES } from './cliMessages';

declare const FLASK_IIS_VERSION: string;

export const VERSION = typeof FLASK_IIS_VERSION === 'string' ? FLASK_IIS_VERSION : 'dev';

const say = (t: Translate, key: keyof typeof HELP_MESSAGES, args: Record<string, string> = {}) => fill(t(HELP_MESSAGES[key]), args);

export function usageLine(c: CommandSpec): string {
  return `flask-iis ${c.name}${c.args ? ` ${c.args}` : ''} [options]`;
}

function optionLabel(o: OptionSpec): string {
  const names = `${o.short ? `-${o.short}, ` : ''}--${o.name}`;
  return `${names}${o.value ? ` ${o.value}` : ''}${o.multiple ? ' ...' : ''}`;
}

function optionLines(options: OptionSpec[], t: Translate): string[] {
  const labels = options.map(optionLabel);
  const width = Math.min(34, Math.max(...labels.map((l) => l.length)) + 2);
  const out: string[] = [];
  options.forEach((o, i) => {
    const label = labels[i]!;
    const pad = label.length >= width ? `\n    ${' '.repeat(width)}` : ' '.repeat(width - label.length);
    out.push(`    ${label}${pad}${t(o.description)}`);
    if (o.type === 'string') out.push(`    ${' '.repeat(width)}${say(t, 'example')} ${o.example}`);
  });
  return out;
}

function commandSection(c: CommandSpec, t: Translate): string[] {
  return [`  ${usageLine(c)}`, `    ${t(c.summary)}`, ...optionLines(c.options, t)];
}

/** Every command, with every option and an example for each value. */
export function generalHelp(t: Translate): string {
  const visible = COMMANDS.filter((c) => !c.hidden);
  return [
    say(t, 'title', { version: VERSION }),
    '',
    say(t, 'invocation', { version: VERSION }),
    '',
    say(t, 'commands'),
    ...visible.flatMap((c) => [...commandSection(c, t), '']),
    say(t, 'options'),
    ...optionLines(COMMON_OPTIONS, t),
    '',
    say(t, 'more'),
    say(t, 'exitStatus'),
  ].join('\n');
}

/** One command: usage, summary, every option with an example, and whole example command lines. */
export function commandHelp(c: CommandSpec, t: Translate): string {
  return [
    `${say(t, 'usage')} npx ${usageLine(c)}`,
    '',
    t(c.summary),
    '',
    say(t, 'options'),
    ...optionLines([...c.options, ...COMMON_OPTIONS], t),
    '',
    say(t, 'examples'),
    ...c.examples.map((e) => `    npx flask-iis ${e}`),
    '',
    say(t, 'exitStatus'),
  ].join('\n');
}
