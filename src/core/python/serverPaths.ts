/**
 * Server paths mapped to the workspace. Real web.configs name the application folder by its absolute path on the
 * server (`C:\inetpub\wwwroot\shop`, Azure's `D:\home\site\wwwroot`, `%HOME%\site\wwwroot`). The application
 * folder is where the web.config is, so an absolute entry that is the server's application folder maps to the
 * local folder, and entries below it map below it:
 * - the site path the user gave (`flaskIis.server.sitePath`, `--site-path`), and anything below it;
 * - Azure App Service's application folder, `D:\home\site\wwwroot` (also written `%HOME%\site\wwwroot`);
 * - otherwise a path with a prefix whose last folder names match the local folder's last names (the most
 *   matching names win; on a tie, the longest prefix).
 */

export interface ServerPathContext {
  /** The application folder's path on the server, as the user gave it (a Windows path). */
  sitePath?: string | undefined;
  /** The local application folder's absolute path (any separators), for matching folder names. */
  localFolder?: string | undefined;
}

export type ServerPathMapping = { mapped: string; how: 'site-path' | 'azure' | 'folder-name' } | undefined;

const AZURE_ROOT = ['d:', 'home', 'site', 'wwwroot'];

function components(path: string): string[] {
  return path.split(/[\\/]+/).filter((p) => p && p !== '.');
}

/** `rest` components as a project-relative path with `/` (`.` for the folder itself). */
function relative(rest: string[]): string {
  return rest.length ? rest.join('/') : '.';
}

function startsWithCI(parts: string[], prefix: string[]): boolean {
  return prefix.length <= parts.length && prefix.every((p, i) => parts[i]!.toLowerCase() === p.toLowerCase());
}

/**
 * The project-relative path an absolute server path maps to, or undefined when it is not in the application
 * folder. `raw` is the entry as written (for `%HOME%`, which only the server's environment knows).
 */
export function mapServerPath(path: string | undefined, raw: string, context: ServerPathContext): ServerPathMapping {
  const home = /^%HOME%(?=[\\/]|$)/i.exec(raw);
  const effective = path ?? (home ? 'D:\\home' + raw.slice(home[0].length) : undefined);
  if (effective === undefined || effective.includes('%') || /^[\\/]{2}/.test(effective)) return undefined;
  if (!/^[A-Za-z]:[\\/]/.test(effective)) return undefined;
  const parts = components(effective);
  if (parts.includes('..')) return undefined;
  if (context.sitePath) {
    const site = components(context.sitePath);
    if (site.length && startsWithCI(parts, site)) return { mapped: relative(parts.slice(site.length)), how: 'site-path' };
  }
  if (startsWithCI(parts, AZURE_ROOT)) return { mapped: relative(parts.slice(AZURE_ROOT.length)), how: 'azure' };
  const local = components(context.localFolder ?? '');
  if (!local.length) return undefined;
  let best: { k: number; end: number } | undefined;
  // A prefix parts[0..end) whose last k names equal the local folder's last k names (the drive never counts).
  for (let end = 2; end <= parts.length; end++) {
    let k = 0;
    while (k < end - 1 && k < local.length && parts[end - 1 - k]!.toLowerCase() === local[local.length - 1 - k]!.toLowerCase()) k++;
    if (k > 0 && (!best || k > best.k || (k === best.k && end > best.end))) best = { k, end };
  }
  return best ? { mapped: relative(parts.slice(best.end)), how: 'folder-name' } : undefined;
}
