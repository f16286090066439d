/**
 * `flaskIis.server.sitePath` recorded in the application folder's `.vscode/settings.json` (written by new/init),
 * for the CLI, which has no VS Code settings. The value only describes the server: it maps server paths in
 * web.config to this folder and never names anything to open, run or write here. JSONC comments are allowed.
 */
import { join } from 'node:path';
import { MAX_SMALL_FILE_BYTES, readRegularFile } from '../safeRead';

export function recordedSitePath(appDir: string): string | undefined {
  const read = readRegularFile(join(appDir, '.vscode', 'settings.json'), MAX_SMALL_FILE_BYTES);
  if (!read.ok) return undefined;
  const m = /"flaskIis\.server\.sitePath"\s*:\s*("(?:[^"\\\r\n]|\\.)*")/.exec(read.bytes.toString('utf8'));
  if (!m) return undefined;
  try {
    const value = (JSON.parse(m[1]!) as string).trim();
    return value || undefined;
  } catch {
    return undefined;
  }
}
