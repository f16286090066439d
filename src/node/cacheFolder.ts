/**
 * The CLI's per-user cache folder. Never inside a workspace: it is derived from the user's environment only
 * (XDG_CACHE_HOME or ~/.cache, %LOCALAPPDATA%, ~/Library/Caches). Small on purpose: the CLI's launcher imports it
 * before the bundle is loaded.
 */
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

export function osCacheFolder(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string | undefined {
  if (platform === 'win32') return env['LOCALAPPDATA'] && isAbsolute(env['LOCALAPPDATA']) ? join(env['LOCALAPPDATA'], 'flask-iis', 'cache') : undefined;
  const home = homedir();
  if (platform === 'darwin') return home ? join(home, 'Library', 'Caches', 'flask-iis') : undefined;
  const xdg = env['XDG_CACHE_HOME'];
  if (xdg && isAbsolute(xdg)) return join(xdg, 'flask-iis');
  return home ? join(home, '.cache', 'flask-iis') : undefined;
}
