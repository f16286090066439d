/** The CLI's host inputs shared by check and effective: `--apphost` and `--target` / `--schema-dir`. */
import type { AppHostConfig } from '../../core/host/appHost';
import type { CheckOptions } from '../../core/check';
import { ALL_TARGET_TOKENS, parseTarget } from '../../core/schema/target';
import { defaultAppHostPath, loadAppHost } from '../../node/python/projectFiles';
import { osCacheFolder } from '../../node/schema/schemaCache';
import { defaultSchemaFolder, loadSchemaFolder } from '../../node/schema/schemaFolder';
import { UsageError } from '../args';
import { outputSay } from '../cliMessages';
import { IoError, type CommandIo } from '../io';

export function resolveAppHost(option: string | undefined): AppHostConfig | undefined {
  const path = option ?? defaultAppHostPath();
  if (!path) return undefined;
  const loaded = loadAppHost(path);
  if (!loaded.ok) {
    if (option) throw new IoError(loaded.reason);
    return undefined;
  }
  return loaded.config;
}

/** `--target` (the profiles' versions) and `--schema-dir` (the host's own schema files, exact); on Windows the installed IIS's schema. */
export function resolveSchemaOptions(options: Map<string, string | true>, io: CommandIo): Pick<CheckOptions, 'schema' | 'target'> {
  const out: Pick<CheckOptions, 'schema' | 'target'> = {};
  const target = options.get('--target') as string | undefined;
  if (target !== undefined) {
    const parsed = parseTarget(target);
    if (parsed.unknown.length) throw new UsageError(outputSay(io.translate)('unknownTargets', { tokens: parsed.unknown.join(', '), allowed: ALL_TARGET_TOKENS.join(', ') }));
    out.target = parsed.tokens;
  }
  const given = options.get('--schema-dir') as string | undefined;
  const dir = given ?? defaultSchemaFolder();
  if (!dir) return out;
  const loaded = loadSchemaFolder(dir, { cacheDir: osCacheFolder() });
  if (!loaded.ok) {
    if (given) throw new IoError(`--schema-dir ${loaded.reason}`);
    return out;
  }
  for (const p of loaded.problems) io.stderr(`flask-iis: ${outputSay(io.translate)('schemaProblem', { problem: p })}`);
  out.schema = loaded.schema;
  return out;
}

