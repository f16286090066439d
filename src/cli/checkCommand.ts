/** `flask-iis check [PATH...] [--format text|json] [--apphost FILE]`. */
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { checkBytes } from '../core/check';
import type { AppHostConfig } from '../core/host/appHost';
import type { Translate } from '../core/messages';
import { defaultAppHostPath, loadAppHost, nodeProjectFiles } from '../node/projectFiles';
import { parseArgs, UsageError } from './args';
import { describe, discover } from './discover';
import { summary, toJson, toText, type FileReport } from './format';

export interface CommandIo {
  stdout(text: string): void;
  stderr(text: string): void;
  translate: Translate;
}

export const CHECK_USAGE = 'usage: flask-iis check [PATH...] [--format text|json] [--apphost FILE]';

export function runCheck(argv: string[], io: CommandIo): number {
  const args = parseArgs(argv, new Set(['--format', '--apphost']), new Set(['--quiet']));
  const format = (args.options.get('--format') as string | undefined) ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not "${format}"`);
  const appHost = resolveAppHost(args.options.get('--apphost') as string | undefined);
  const paths = args.positionals.length ? args.positionals : ['.'];
  const found = discover(paths);
  const reports: FileReport[] = [];
  const ioErrors = [...found.errors];
  for (const path of found.files) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch (e) {
      ioErrors.push(`${path}: ${describe(e)}`);
      continue;
    }
    const result = checkBytes(bytes, { appHost, project: nodeProjectFiles(dirname(path)) });
    for (const err of result.internalErrors) io.stderr(`flask-iis: internal error while checking ${path}: ${err.split('\n')[0]}`);
    reports.push({ path, text: result.text, findings: result.findings });
  }
  if (format === 'json') io.stdout(toJson(reports, io.translate));
  else {
    const text = toText(reports, io.translate);
    if (text) io.stdout(text);
    if (!args.options.has('--quiet')) io.stderr(summary(reports));
  }
  if (!found.files.length && !ioErrors.length) io.stderr(`flask-iis: no web.config found under ${paths.join(', ')}`);
  for (const e of ioErrors) io.stderr(`flask-iis: ${e}`);
  if (ioErrors.length) return 2;
  return reports.some((r) => r.findings.some((f) => f.severity === 'error')) ? 1 : 0;
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
