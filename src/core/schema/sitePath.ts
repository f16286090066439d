/**
 * Which IIS configuration path a folder is (`Default Web Site/app/sub`), so the site-specific `<location
 * path="Site/app">` blocks of applicationHost.config apply to it, and where the site's applications start (for
 * `inheritInChildApplications="false"`). Sources, most exact first: a path the user names (`--site`), the host's
 * <sites> (a virtualDirectory whose physicalPath, %NAME% expanded as IIS expands it, holds the folder), the undo
 * manifest register wrote (its site's root is the manifest's folder). Pure: the callers read the files.
 */
import { expandHostEnv, normalizeHost, unquote } from '../host/hostPaths';
import type { HostObjects } from '../host/hostObjects';
import type { XmlElement } from '../xml/types';

export interface SiteContext {
  /** The folder's configuration path, as `<location path>` writes it: `Default Web Site/app/sub`. */
  path: string;
  source: 'flag' | 'apphost' | 'manifest';
  /**
   * The configuration paths of the site's applications (`Default Web Site`, `Default Web Site/api`), when the host's
   * <sites> lists them; undefined when not known (then a sub-folder is taken as part of the same application).
   */
  applications?: string[];
  /** The <virtualDirectory> the folder was found under (source `apphost`). */
  element?: XmlElement;
}

/** `/app/` + `/v` → `/app/v`; `/` + `/` → ''. */
const urlJoin = (...parts: string[]) => parts.join('/').split('/').filter(Boolean).join('/');

/** A configuration path as written by a user or a file: `/` separators, no leading or trailing slash, trimmed. */
export function cleanSitePath(p: string): string {
  return p.trim().replace(/\\/g, '/').split('/').map((s) => s.trim()).filter(Boolean).join('/');
}

/** The application paths of a site, as configuration paths. */
function applicationsOf(objects: HostObjects, site: string): string[] | undefined {
  const s = objects.sites.find((x) => x.name.toLowerCase() === site.toLowerCase());
  return s ? s.apps.map((a) => urlJoin(s.name, a.path)) : undefined;
}

/**
 * The configuration path of `folder` from the host's <sites>: the virtual directory whose physical path holds the
 * folder most closely (the deepest), plus the folder's path below it. Undefined when no site serves the folder.
 */
export function siteFromHost(folder: string, objects: HostObjects, env: Record<string, string | undefined>): SiteContext | undefined {
  const f = normalizeHost(folder);
  let best: { len: number; ctx: SiteContext } | undefined;
  for (const site of objects.sites) {
    if (!site.name) continue;
    for (const app of site.apps) {
      for (const v of app.vdirs) {
        if (!v.physicalPath.trim()) continue;
        const p = normalizeHost(expandHostEnv(unquote(v.physicalPath), env));
        if (p.includes('%') || !(f === p || f.startsWith(p + '\\'))) continue;
        if (best && best.len >= p.length) continue;
        const rest = folder.replace(/\\/g, '/').replace(/\/+$/, '').split('/').slice(p.split('\\').length).join('/');
        best = { len: p.length, ctx: { path: urlJoin(site.name, app.path, v.path, rest), source: 'apphost', applications: applicationsOf(objects, site.name), element: v.element } };
      }
    }
  }
  return best?.ctx;
}

/** The configuration path a user named (`--site "Default Web Site/app"`), with the host's applications when it lists the site. */
export function siteFromFlag(path: string, objects: HostObjects | undefined): SiteContext | undefined {
  const p = cleanSitePath(path);
  if (!p) return undefined;
  return { path: p, source: 'flag', applications: objects ? applicationsOf(objects, p.split('/')[0]!) : undefined };
}

/** From register's manifest: its site's root application is the manifest's project folder; `below` is the folder under it. */
export function siteFromManifest(site: string, below: string, objects: HostObjects | undefined): SiteContext | undefined {
  const name = site.trim();
  if (!name || /[\\/]/.test(name)) return undefined;
  return { path: urlJoin(name, cleanSitePath(below)), source: 'manifest', applications: objects ? applicationsOf(objects, name) : undefined };
}
