/**
 * `flask-iis migrate [DIR] --from-fcgiext FILE [--section NAME] [--site-path PATH] [--dry-run] [--force]`: an IIS 6
 * fcgiext.ini section as an IIS 7+ site (core: planFcgiextMigration). The new web.config goes to DIR (default `.`),
 * written like new/init's files: never over a different one without --force (which keeps a .bak copy), nothing with
 * --dry-run. The FastCGI registration is shown as the PowerShell the host tasks use; it is never run here.
 */
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fill, renderMessage } from '../../core/messages';
import { fcgiextRefusalProblem, planFcgiextMigration } from '../../core/servers';
import { readRegularFile } from '../../node/safeRead';
import { writePlan } from '../../node/scaffold/scaffoldWriter';
import { refusalProblem } from '../../node/scaffold/scaffoldFs';
import type { ParsedArgs } from '../args';
import { IoError, type CommandIo } from '../editing/checkCommand';
import { MIGRATE_MESSAGES } from '../cliMessages';

const MAX_INI_BYTES = 1_000_000;

export function runFcgiextMigrate(args: ParsedArgs, format: 'text' | 'json', io: CommandIo): number {
  const say = (key: keyof typeof MIGRATE_MESSAGES, a: Record<string, string>) => fill(io.translate(MIGRATE_MESSAGES[key]), a);
  const iniPath = String(args.options.get('--from-fcgiext'));
  const read = readRegularFile(resolve(iniPath), MAX_INI_BYTES);
  if (!read.ok) throw new IoError(`${iniPath}: ${read.detail}`);
  const target = resolve(args.positionals[0] ?? '.');
  const dir = basename(target).toLowerCase() === 'web.config' ? dirname(target) : target;
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new IoError(`${args.positionals[0] ?? '.'}: not a folder`);
  const section = args.options.get('--section');
  const sitePath = args.options.get('--site-path');
  const plan = planFcgiextMigration(read.bytes.toString('utf8').replace(/^\uFEFF/, ''), {
    ...(typeof section === 'string' ? { section } : {}),
    ...(typeof sitePath === 'string' ? { sitePath } : {}),
    translate: io.translate,
  });
  if (!plan.ok) {
    const p = fcgiextRefusalProblem(plan);
    io.stderr(`flask-iis: ${iniPath}: ${renderMessage(p.key, p.args, io.translate)}`);
    return 2;
  }
  const webConfigPath = join(dir, 'web.config');
  const dryRun = args.options.has('--dry-run');
  const result = dryRun ? undefined : writePlan(dir, [{ path: 'web.config', content: plan.webConfig }], { force: args.options.has('--force') });
  const written = !!result?.ok && result.written.length > 0;
  if (format === 'json') {
    io.stdout(JSON.stringify({
      version: 1, from: 'fcgiext', file: iniPath, section: plan.section, handler: plan.handler, sitePath: plan.server.sitePath,
      webConfig: { path: webConfigPath, content: plan.webConfig, written, ...(result?.ok && result.backups.length ? { backups: result.backups.map((b) => b.backup) } : {}) },
      commands: plan.commands, script: plan.script, dropped: plan.dropped,
    }, null, 2));
  } else {
    io.stdout(renderMessage('servers.iis6.migrate.planned', { file: iniPath, section: plan.section }, io.translate));
    io.stdout('');
    io.stdout(say('fcgiextWebConfig', { path: webConfigPath }));
    for (const line of plan.webConfig.replace(/\n$/, '').split('\n')) io.stdout(`  ${line}`);
    io.stdout('');
    io.stdout(renderMessage('servers.iis6.migrate.register', {}, io.translate));
    for (const line of plan.script.split('\n')) io.stdout(`  ${line}`);
    if (plan.dropped.length) io.stdout(renderMessage('servers.iis6.migrate.dropped', { keys: plan.dropped.join(', ') }, io.translate));
  }
  if (!result) {
    io.stderr(`flask-iis: ${io.translate(MIGRATE_MESSAGES.dryRun)}`);
    return 0;
  }
  if (!result.ok) {
    if (result.reason === 'conflicts') io.stderr(`flask-iis: ${say('fcgiextExists', { path: webConfigPath })}`);
    if (result.reason === 'unsafe') for (const r of result.refused) io.stderr(`flask-iis: ${renderMessage(refusalProblem(r).key, refusalProblem(r).args, io.translate)}`);
    if (result.reason === 'io') io.stderr(`flask-iis: could not write the files: ${result.error}`);
    return 2;
  }
  if (format === 'text') {
    for (const b of result.backups) io.stdout(`  backed up  ${b.file} -> ${basename(b.backup)}`);
    io.stdout(say('fcgiextWritten', { path: webConfigPath }));
  }
  return 0;
}
