/** The schema a check uses in VS Code: `flaskIis.iis.schemaPath` (machine) or the installed IIS's, else the profiles for `flaskIis.iis.target`. */
import type { CheckOptions } from '../../core/check';
import { parseTarget } from '../../core/schema/target';
import { defaultSchemaFolder, loadSchemaFolder } from '../../node/schema/schemaFolder';
import type { DiagnosticsSettings } from '../../platform/config';
import { log } from '../../platform/log';

const warned = new Set<string>();

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
  const loaded = loadSchemaFolder(dir);
  if (loaded.ok) out.schema = loaded.schema;
  else if (!warned.has(loaded.reason)) {
    warned.add(loaded.reason);
    log().warn(`flaskIis.iis.schemaPath: ${loaded.reason}`);
  }
  return out;
}
