/** `flask-iis check [PATH...] [--format text|json] [--apphost FILE]`. */
import { dirname } from 'node:path';
import { checkBytes, type CheckOptions, type CheckResult } from '../../core/check';
import { checkPythonRegex } from '../../core/pyregex';
import { judgeWithPython } from '../../node/python/pythonRegexJudge';
import { describeSkips, resolveUserExecutable } from '../../node/executables';
import { sayWith, type Say } from '../../core/host/undo';
import { siteOfFolder } from '../../node/schema/siteOfFolder';
import { parentConfigs } from '../../node/schema/parentConfigs';
import { readRegularFile } from '../../node/safeRead';
import { recordedSitePath } from '../../node/host/siteSettings';
import { MAX_CHECKED_REGEX } from '../../core/rules/settingRules';
import { nodeProjectFiles } from '../../node/python/projectFiles';
import { resolveAppHost, resolveSchemaOptions } from '../schema/schemaOptions';
import { parseCommandArgs, UsageError } from '../args';
import { IoError, type CommandIo } from '../io';
import { commandSpec } from '../commandTable';
import { discover } from '../discover';
import { summary, toJson, toText } from '../format';
import { letPythonPlaceModules } from '../python/installedCheck';
import { cliPythonSupport } from '../python/pythonSupport';
import { serverReports } from '../servers/serverCheck';
import { outputSay } from '../cliMessages';

export { IoError, type CommandIo } from '../io';

export async function runCheck(argv: string[], io: CommandIo): Promise<number> {
  const args = parseCommandArgs(commandSpec('check')!, argv, io.translate);
  const out = outputSay(io.translate);
  const format = (args.options.get('--format') as string | undefined) ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(out('formatValue', { value: format }));
  const appHost = resolveAppHost(args.options.get('--apphost') as string | undefined);
  const schemaOptions = resolveSchemaOptions(args.options, io);
  const paths = args.positionals.length ? args.positionals : ['.'];
  const python = explicitPython(args.options, paths, sayWith(io.translate), io);
  const found = discover(paths, io.translate);
  const support = await cliPythonSupport(io);
  const checked: Checked[] = [];
  const ioErrors = [...found.errors];
  for (const path of found.files) {
    const read = readRegularFile(path);
    if (!read.ok) {
      ioErrors.push(`${path}: ${read.detail}`);
      continue;
    }
    const bytes = read.bytes;
    const sitePath = (args.options.get('--site-path') as string | undefined) ?? recordedSitePath(dirname(path));
    const parents = parentConfigs(path);
    const site = siteOfFolder(dirname(path), { appHost });
    const options: CheckOptions = { ...schemaOptions, appHost, ...(site ? { site } : {}), project: nodeProjectFiles(dirname(path), support?.listings), ...(support ? { python: support.support } : {}), ...(sitePath ? { sitePath } : {}), ...(parents.length ? { parents } : {}) };
    const result = checkBytes(bytes, options);
    for (const err of result.internalErrors) io.stderr(`flask-iis: ${out('internalError', { path, error: err.split('\n')[0]! })}`);
    checked.push({ path, bytes, options, result });
  }
  const placed = letPythonPlaceModules(checked, { python, trustConfig: args.options.has('--trust-config') }, (p) => io.stderr(`flask-iis: ${out('cannotAskInstalled', { python: p })}`));
  const reports = [...letPythonJudgeRegexes(placed, python, io).map((c) => ({ path: c.path, text: c.result.text, findings: c.result.findings })), ...serverReports(paths, support?.support)];
  if (format === 'json') io.stdout(toJson(reports, io.translate));
  else {
    const text = toText(reports, io.translate);
    if (text) io.stdout(text);
    if (!args.options.has('--quiet') && !ioErrors.length) io.stderr(summary(reports, io.translate));
  }
  if (!reports.length && !ioErrors.length) io.stderr(`flask-iis: ${out('noWebConfig', { paths: paths.join(', ') })}`);
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
 * `--python EXE`, made absolute. `check` starts no program unless the user names one: the interpreter is never
 * taken from PATH or from web.config here, and a bare name is never looked up in the current folder or in the
 * folders being checked.
 */
function explicitPython(options: Map<string, string | true>, paths: string[], say: Say, io: CommandIo): string | undefined {
  const given = options.get('--python') as string | undefined;
  if (given === undefined) return undefined;
  if (options.has('--no-python')) throw new UsageError(outputSay(io.translate)('pythonAndNoPython'));
  const r = resolveUserExecutable(given, { exclude: paths });
  if (!r.found) throw new IoError(`--python ${say('trust.noSuchExecutable', { given, skips: describeSkips(r.skipped, say) })}`);
  return r.found;
}

/**
 * WSGI_RESTART_FILE_REGEX is judged by a real Python's re.compile when the user named one (one process for all
 * patterns); files where it disagrees with the built-in checker are checked again with its verdicts.
 */
function letPythonJudgeRegexes(checked: Checked[], python: string | undefined, io: CommandIo): Checked[] {
  if (!python) return checked;
  // Patterns too long for the built-in checker are not sent either (re-parsing them below would take seconds).
  const patterns = checked.flatMap((c) => c.result.model.appSettings.filter((s) => s.key === 'WSGI_RESTART_FILE_REGEX' && s.value && s.value.length <= MAX_CHECKED_REGEX).map((s) => s.value));
  if (!patterns.length) return checked;
  const verdicts = judgeWithPython(python, patterns);
  if (!verdicts) throw new IoError(outputSay(io.translate)('cannotRunRegex', { python }));
  const disagrees = (p: string) => verdicts.has(p) && (verdicts.get(p) === null) !== (checkPythonRegex(p) === undefined);
  return checked.map((c) => {
    if (!c.result.model.appSettings.some((s) => s.key === 'WSGI_RESTART_FILE_REGEX' && disagrees(s.value))) return c;
    const options = { ...c.options, regexVerdict: (p: string) => verdicts.get(p) };
    return { ...c, options, result: checkBytes(c.bytes, options) };
  });
}

