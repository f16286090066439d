/**
 * What `register` writes on the objects it creates so that `unregister` can tell them from everything else on
 * the server. The undo manifest lives in the project and is only evidence: an object is deleted when the host
 * itself shows this marker.
 *
 * The marker is a folder's fingerprint (32 hex digits, computed by the adapter from the site folder's path), so
 * objects registered for one folder can never be removed by unregistering another. It is stored where IIS keeps
 * it and appcmd can set and list it:
 * - application pool: an environment variable of the pool (`<environmentVariables>`, IIS 10), set with
 *   `appcmd set config /section:system.applicationHost/applicationPools /+[name='POOL'].environmentVariables.[...]`;
 * - FastCGI application: an environment variable of the application (`<environmentVariables>`, IIS 7+), set with
 *   `appcmd set config /section:system.webServer/fastCGI /+[fullPath='..',arguments='..'].environmentVariables.[...]`;
 * - site: its id (`appcmd add site /id:N`, listed by `appcmd list site` as `id:N`), derived from the marker and
 *   the site name, in 1000000000..1999999999 where IIS Manager's sequential ids never get.
 * Both variables reach the worker and the Python process as FLASK_IIS_REGISTERED, which nothing reads.
 */
import type { FastCgiApplication } from './appHost';
import type { AppPool, Site } from './hostObjects';

export const MARKER_VARIABLE = 'FLASK_IIS_REGISTERED';

export function isMarker(value: string): boolean {
  return /^[0-9a-f]{32}$/.test(value);
}

/** The id register gives a site it creates for the folder with this marker (FNV-1a of marker and name). */
export function markerSiteId(marker: string, site: string): number {
  let h = 0x811c9dc5;
  for (const ch of `${marker}/${site.toLowerCase()}`) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return 1_000_000_000 + (h % 1_000_000_000);
}

export function poolCarries(pool: AppPool, marker: string): boolean {
  return pool.environment.get(MARKER_VARIABLE) === marker;
}

export function fastCgiCarries(app: FastCgiApplication, marker: string): boolean {
  return app.environment.get(MARKER_VARIABLE) === marker;
}

export function siteCarries(site: Site, marker: string): boolean {
  return site.id.trim() === String(markerSiteId(marker, site.name));
}

/** Pools IIS and IIS Express create themselves (and the .NET installers add). */
const BUILTIN_POOLS = new Set([
  'defaultapppool', 'classic .net apppool', '.net v2.0', '.net v2.0 classic', '.net v4.5', '.net v4.5 classic',
  'clr4integratedapppool', 'clr4classicapppool', 'clr2integratedapppool', 'clr2classicapppool', 'unmanagedclassicapppool',
]);

export function isBuiltinPool(name: string): boolean {
  return BUILTIN_POOLS.has(name.trim().toLowerCase());
}

/** "Default Web Site" (site 1 of every IIS), and whatever site has id 1. */
export function isBuiltinSite(site: Pick<Site, 'name' | 'id'>): boolean {
  return site.name.trim().toLowerCase() === 'default web site' || site.id.trim() === '1';
}
