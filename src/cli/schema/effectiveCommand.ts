/** `flask-iis effective DIR [--format text|json]`: the configuration a folder runs under, each value with its file:line. */
import { isAbsolute, relative } from 'node:path';
import { sayWith } from '../../core/host/undo';
import type { Origin } from '../../core/schema/effective';
import { effectiveConfig, renderEffective } from '../../core/schema/effectiveView';
import { profileSchema } from '../../core/schema/profiles';
import { readEffectiveLayers } from '../../node/schema/effectiveLayers';
import { siteOfFolder } from '../../node/schema/siteOfFolder';
import { IoError, parseCommandArgs, UsageError, type CommandIo } from '../args';
import { commandSpec } from '../commandTable';
import { resolveAppHost, resolveSchemaOptions } from './schemaOptions';

export function runEffective(argv: string[], io: CommandIo): number {
  const args = parseCommandArgs(commandSpec('effective')!, argv, io.translate);
  const format = (args.options.get('--format') as string | undefined) ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not "${format}"`);
  const target = args.positionals[0] ?? '.';
  const appHost = resolveAppHost(args.options.get('--apphost') as string | undefined);
  const options = resolveSchemaOptions(args.options, io);
  const read = readEffectiveLayers(target, appHost);
  if (!read.ok) throw new IoError(read.reason);
  const site = siteOfFolder(read.dir, { given: args.options.get('--site') as string | undefined, appHost });
  if (args.options.has('--site') && !site) throw new UsageError(`--site must name a site and optionally an application path ("Default Web Site/app")`);
  const view = effectiveConfig(read.dir, read.layers, options.schema ?? profileSchema(options.target), site);
  if (format === 'json') {
    io.stdout(JSON.stringify(view, null, 2));
    return 0;
  }
  const cwd = process.cwd();
  const shown = (file: string) => {
    const r = relative(cwd, file);
    return r && !r.startsWith('..') && !isAbsolute(r) ? r : file;
  };
  const origin = (o: Origin) => `${shown(o.file)}:${o.line}`;
  io.stdout(renderEffective(view, { say: sayWith(io.translate), origin, file: shown }).trimEnd());
  return 0;
}
