/** `flask-iis check [PATH...] [--format text|json] [--apphost FILE]`. */
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { checkBytes, type CheckOptions, type CheckResult } from '../core/check';
import { checkPythonRegex } from '../core/pyregex';
import { MAX_CHECKED_REGEX } from '../core/rules/settingRules';
import { judgeWithPython, pythonOnPath } from '../node/pythonRegexJudge';
import type { AppHostConfig } from '../core/host/appHost';
import type { Translate } from '../core/messages';
import { defaultAppHostPath, loadAppHost, nodeProjectFiles } from '../node/projectFiles';
import { parseArgs, UsageError } from './args';
import { describe, discover } from './discover';
import { summary, toJson, toText } from './format';
import { letPythonPlaceModules } from './installedCheck';
import { cliPythonSupport } from './pythonSupport';

export interface CommandIo {
  stdout(text: string): void;
  stderr(text: string): void;
  translate: Translate;
}

export const CHECK_USAGE = 'usage: flask-iis check [PATH...] [--format text|json] [--apphost FILE] [--python EXE | --no-python]';

export async function runCheck(argv: string[], io: CommandIo): Promise<number> {
  const args = parseArgs(argv, new Set(['--format', '--apphost', '--python']), new Set(['--quiet', '--no-python']));
  const format = (args.options.get('--format') as string | undefined) ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not "${format}"`);
  const appHost = resolveAppHost(args.options.get('--apphost') as string | undefined);
  const paths = args.positionals.length ? args.positionals : ['.'];
  const found = discover(paths);
  const python = await cliPythonSupport(io);
  const checked: Checked[] = [];
  const ioErrors = [...found.errors];
  for (const path of found.files) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch (e) {
      ioErrors.push(`${path}: ${describe(e)}`);
      continue;
    }
    const options: CheckOptions = { appHost, project: nodeProjectFiles(dirname(path), python?.listings), ...(python ? { python: python.support } : {}) };
    const result = checkBytes(bytes, options);
    for (const err of result.internalErrors) io.stderr(`flask-iis: internal error while checking ${path}: ${err.split('\n')[0]}`);
    checked.push({ path, bytes, options, result });
  }
  const placed = letPythonPlaceModules(checked, args.options, (text) => io.stderr(text));
  const reports = letPythonJudgeRegexes(placed, args.options).map((c) => ({ path: c.path, text: c.result.text, findings: c.result.findings }));
  if (format === 'json') io.stdout(toJson(reports, io.translate));
  else {
    const text = toText(reports, io.translate);
    if (text) io.stdout(text);
    if (!args.options.has('--quiet') && !ioErrors.length) io.stderr(summary(reports));
  }
  if (!found.files.length && !ioErrors.length) io.stderr(`flask-iis: no web.config found under ${paths.join(', ')}`);
  for (const e of ioErrors) io.stderr(`flask-iis: ${e}`);
  if (ioErrors.length) return 2;
  return reports.some((r) => r.findings.some((f) => f.severity === 'error')) ? 1 : 0;
}

interface Checked {
  path: string;
  bytes: Buffer;
  options: CheckOptions;
  result: CheckResult;
}

/**
 * WSGI_RESTART_FILE_REGEX is judged by a real Python's re.compile where one runs (one process for all
 * patterns); files where it disagrees with the built-in checker are checked again with its verdicts.
 */
function letPythonJudgeRegexes(checked: Checked[], options: Map<string, string | true>): Checked[] {
  if (options.has('--no-python')) return checked;
  // Patterns too long for the built-in checker are not sent either (re-parsing them below would take seconds).
  const patterns = checked.flatMap((c) => c.result.model.appSettings.filter((s) => s.key === 'WSGI_RESTART_FILE_REGEX' && s.value && s.value.length <= MAX_CHECKED_REGEX).map((s) => s.value));
  if (!patterns.length) return checked;
  const explicit = options.get('--python') as string | undefined;
  const python = explicit ?? pythonOnPath();
  const verdicts = python ? judgeWithPython(python, patterns) : undefined;
  if (!verdicts) {
    if (explicit) throw new IoError(`cannot run ${explicit} to check WSGI_RESTART_FILE_REGEX`);
    return checked;
  }
  const disagrees = (p: string) => verdicts.has(p) && (verdicts.get(p) === null) !== (checkPythonRegex(p) === undefined);
  return checked.map((c) => {
    if (!c.result.model.appSettings.some((s) => s.key === 'WSGI_RESTART_FILE_REGEX' && disagrees(s.value))) return c;
    const options = { ...c.options, regexVerdict: (p: string) => verdicts.get(p) };
    return { ...c, options, result: checkBytes(c.bytes, options) };
  });
}

function resolveAppHost(option: string | undefined): AppHostConfig | undefined {
  const path = option ?? defaultAppHostPath();
  if (!path) return undefined;
  const loaded = loadAppHost(path);
  if (!loaded.ok) {
    if (option) throw new IoError(loaded.reason);
    return undefined;
  }
  return loaded.config;
}

export class IoError extends Error {}
