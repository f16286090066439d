/** The schema a check uses in VS Code: `flaskIis.iis.schemaPath` (machine) or the installed IIS's, else the profiles for `flaskIis.iis.target`. */
import type { CheckOptions } from '../../core/check';
import { parseTarget } from '../../core/schema/target';
import { defaultSchemaFolder, loadSchemaFolder } from '../../node/schema/schemaFolder';
import type { DiagnosticsSettings } from '../../platform/config';
import { log } from '../../platform/log';

const warned = new Set<string>();
let cacheDir: string | undefined;

/** Where the loaded host schema is cached (the extension's global storage; never the workspace). */
export function useSchemaCacheFolder(dir: string | undefined): void {
  cacheDir = dir;
}

export function schemaOptions(settings: Pick<DiagnosticsSettings, 'iisTarget' | 'schemaPath'>): Pick<CheckOptions, 'schema' | 'target'> {
  const out: Pick<CheckOptions, 'schema' | 'target'> = {};
  if (settings.iisTarget) {
    const parsed = parseTarget(settings.iisTarget);
    if (parsed.unknown.length && !warned.has(settings.iisTarget)) {
      warned.add(settings.iisTarget);
      log().warn(`flaskIis.iis.target: unknown ${parsed.unknown.join(', ')} (ignored)`);
    }
    out.target = parsed.tokens;
  }
  const dir = settings.schemaPath || defaultSchemaFolder();
  if (!dir) return out;
  const loaded = loadSchemaFolder(dir, cacheDir ? { cacheDir } : {});
  if (loaded.ok) out.schema = loaded.schema;
  else if (!warned.has(loaded.reason)) {
    warned.add(loaded.reason);
    log().warn(`flaskIis.iis.schemaPath: ${loaded.reason}`);
  }
  return out;
}
