/**
 * `unregister`: removes what register created for this folder, newest first. The manifest in the project
 * (.vscode/flask-iis.json) is evidence, not authority: an entry becomes a step only when the host shows the
 * object is still there, carries this folder's marker (marker.ts) and nothing else depends on it:
 * - IIS's own objects (Default Web Site, DefaultAppPool, ...) are never deleted;
 * - a pool, site or FastCGI application without the marker was not created by register for this folder;
 * - a pool still used by other applications, a FastCGI application another handler uses, and the handlers
 *   section other web.configs configure are left in place;
 * - an access entry is removed only for the identity of a pool register created for this folder;
 * - warm-up settings are set back only on the pool and application that serve this folder.
 * Without a readable host configuration nothing is known: every entry is reported as unknown, never as gone.
 */
import type { Translate } from '../messages';
import { sameRegistration, type AppHostConfig } from './appHost';
import { checkBracketValue, checkName, checkPath } from './appcmd';
import type { HostFacts } from './facts';
import { appFolder, appsInPool, findPool, findSite, rootApp, type AppPool, type Site } from './hostObjects';
import { expandHostEnv, isRemoteOrDevicePath, isUnder, samePath } from './hostPaths';
import { appHostHandlerUsers, configuresHandlers, usesScriptProcessor, webConfigUsers, type Users } from './hostUsers';
import { hasExplicitGrant, poolAccount } from './icacls';
import type { Manifest, ManifestEntry } from './manifest';
import { fastCgiCarries, isBuiltinPool, isBuiltinSite, poolCarries, siteCarries } from './marker';
import { emptyPlan, type Plan } from './plan';
import { isProxyEntry, judgeProxyEntry } from './proxyHost';
import { isLocalService } from './serviceGrants';
import { serviceCarries } from './services';
import { sayWith, undoCommand, undoReason, type Say, type Tools } from './undo';

export interface UnregisterRequest {
  manifest: Manifest;
  /** The site folder unregister runs for (the user's choice, not the manifest's). */
  appDir: string;
  /** This folder's marker (marker.ts). */
  marker: string;
  appHost: AppHostConfig;
  /** False when no host configuration was read: the host is unknown, not empty. */
  appHostKnown: boolean;
  tools: Tools;
  facts: HostFacts;
  translate?: Translate;
}

export interface UnregisterPlan {
  plan: Plan;
  /** Entries that are no longer on the host: dropped from the manifest without running anything. */
  gone: ManifestEntry[];
  /** True when nothing could be told about the host (no configuration): nothing may run, nothing is gone. */
  unknown: boolean;
}

/** `argv`: the commands that remove it, when not the entry's own undo command. */
type Verdict = { act: 'remove'; argv?: string[][] } | { act: 'gone' } | { act: 'keep'; note: string };

interface Context {
  req: UnregisterRequest;
  say: Say;
  /** Lower-cased names of the sites this plan deletes. */
  removedSites: Set<string>;
  /** Applications whose web.config could not be read while looking for other users. */
  unread: Set<string>;
  /** Services this plan stops. */
  stopping: Set<string>;
}

export function unregisterPlan(req: UnregisterRequest): UnregisterPlan {
  const say = sayWith(req.translate);
  const plan = emptyPlan();
  const gone: ManifestEntry[] = [];
  const entries = [...req.manifest.created].reverse();
  if (!req.appHostKnown) {
    for (const entry of entries) plan.notes.push(say('plan.note.unknown', { what: describe(entry, say) }));
    return { plan, gone, unknown: true };
  }
  const ctx: Context = { req, say, removedSites: new Set(), unread: new Set(), stopping: new Set() };
  for (const entry of entries) if (entry.kind === 'site' && plausible(entry) && siteVerdict(entry.name, ctx).act === 'remove') ctx.removedSites.add(entry.name.toLowerCase());
  for (const entry of entries) {
    const verdict: Verdict = plausible(entry) ? judge(entry, ctx) : { act: 'keep', note: say('plan.note.implausible', { entry: JSON.stringify(entry) }) };
    if (verdict.act === 'gone') {
      gone.push(entry);
      plan.notes.push(say('plan.note.gone', { what: undoReason(entry, say) }));
    } else if (verdict.act === 'keep') plan.notes.push(verdict.note);
    else {
      const argvs = verdict.argv ?? [undoCommand(entry, req.tools)];
      argvs.forEach((argv, i) => plan.steps.push({ argv, why: undoReason(entry, say), ...(i === argvs.length - 1 ? { removes: entry } : {}) }));
    }
  }
  if (ctx.unread.size && plan.steps.length) plan.notes.push(say('plan.note.unreadConfigs', { apps: [...ctx.unread].join(', ') }));
  return { plan, gone, unknown: false };
}

/** Built-in accounts register never grants to: a manifest naming them was not written by register. */
const NEVER_GRANTED = /^(?:(?:NT AUTHORITY|BUILTIN|NT SERVICE)\\)?(?:SYSTEM|Administrators|TrustedInstaller|Users|Everyone|Authenticated Users|CREATOR OWNER|IIS_IUSRS|IUSR)$/i;

/** The values register writes: a manifest with anything else was not written by register. */
const SETTING_VALUES: Record<string, { set: string; previous: RegExp }> = {
  startMode: { set: 'AlwaysRunning', previous: /^(?:OnDemand|AlwaysRunning)$/i },
  'processModel.idleTimeout': { set: '00:00:00', previous: /^\d{1,2}(?:\.\d{1,2})?:\d{2}:\d{2}$/ },
  preloadEnabled: { set: 'true', previous: /^(?:true|false)$/i },
};

/** An entry register could have written (valid names and paths, a grant to an account that is not a built-in group). */
function plausible(entry: ManifestEntry): boolean {
  switch (entry.kind) {
    case 'apppool':
    case 'site':
      return !checkName(entry.kind === 'site' ? 'site' : 'pool', entry.name);
    case 'fastcgi':
      return !checkBracketValue('fullPath', entry.fullPath) && (!entry.arguments || !checkBracketValue('arguments', entry.arguments));
    case 'grant':
      return !checkPath('path', entry.path) && !NEVER_GRANTED.test(entry.principal.trim()) && !/[:()]/.test(entry.principal);
    case 'setting':
      return !checkName(entry.object === 'apppool' ? 'pool' : 'site', entry.name.replace(/\/$/, '')) && Boolean(SETTING_VALUES[entry.attribute]?.previous.test(entry.previous));
    default:
      return true;
  }
}

function judge(entry: ManifestEntry, ctx: Context): Verdict {
  switch (entry.kind) {
    case 'apppool':
      return poolVerdict(entry.name, ctx);
    case 'site':
      return siteVerdict(entry.name, ctx);
    case 'fastcgi':
      return fastCgiVerdict(entry.fullPath, entry.arguments, ctx);
    case 'unlock':
      return unlockVerdict(ctx);
    case 'grant':
      return grantVerdict(entry.path, entry.principal, ctx);
    case 'setting':
      return settingVerdict(entry, ctx);
    default:
      if (isProxyEntry(entry)) {
        const { req, say, removedSites, stopping } = ctx;
        return judgeProxyEntry(entry, { appHost: req.appHost, facts: req.facts, marker: req.marker, tools: req.tools, say, removedSites, stopping, others: (uses) => others(ctx, uses) });
      }
      return { act: 'keep', note: ctx.say('plan.note.implausible', { entry: JSON.stringify(entry) }) };
  }
}

function poolVerdict(name: string, { req, say, removedSites }: Context): Verdict {
  const pool = findPool(req.appHost.objects, name);
  if (!pool) return { act: 'gone' };
  const what = say('plan.obj.pool', { pool: pool.name });
  if (isBuiltinPool(pool.name)) return { act: 'keep', note: say('plan.note.builtin', { what }) };
  if (!poolCarries(pool, req.marker)) return { act: 'keep', note: say('plan.note.unmarked', { what }) };
  const others = appsInPool(req.appHost.objects, name).filter((a) => !removedSites.has(a.site.name.toLowerCase()));
  if (others.length) return { act: 'keep', note: say('plan.note.poolInUse', { pool: pool.name, apps: others.map((a) => `${a.site.name}${a.path}`).join(', ') }) };
  return { act: 'remove' };
}

function siteVerdict(name: string, { req, say }: Context): Verdict {
  const site = findSite(req.appHost.objects, name);
  if (!site) return { act: 'gone' };
  const what = say('plan.obj.site', { site: site.name });
  if (isBuiltinSite(site)) return { act: 'keep', note: say('plan.note.builtin', { what }) };
  if (!siteCarries(site, req.marker)) return { act: 'keep', note: say('plan.note.unmarked', { what }) };
  const folder = servedFolder(site, req);
  if (!folder || !samePath(folder, req.appDir)) return { act: 'keep', note: say('plan.note.siteElsewhere', { site: site.name, folder: folder ?? '?', path: req.appDir }) };
  const more = site.apps.filter((a) => a.path !== '/');
  if (more.length) return { act: 'keep', note: say('plan.note.siteHasApps', { site: site.name, apps: more.map((a) => a.path).join(', ') }) };
  return { act: 'remove' };
}

function servedFolder(site: Site, req: UnregisterRequest): string | undefined {
  const app = rootApp(site);
  const folder = app && appFolder(app);
  return folder === undefined ? undefined : expandHostEnv(folder, req.facts.env);
}

function fastCgiVerdict(fullPath: string, args: string, ctx: Context): Verdict {
  const { req, say } = ctx;
  const app = req.appHost.fastCgiApplications.find((a) => sameRegistration(a, fullPath, args));
  if (!app) return { act: 'gone' };
  const pair = `${fullPath}|${args}`;
  if (!fastCgiCarries(app, req.marker)) return { act: 'keep', note: say('plan.note.unmarked', { what: say('plan.obj.fastcgi', { pair }) }) };
  const users = [...appHostHandlerUsers(req.appHost, pair), ...others(ctx, usesScriptProcessor(pair))];
  if (users.length) return { act: 'keep', note: say('plan.note.fastcgiInUse', { pair, users: users.join(', ') }) };
  return { act: 'remove' };
}

/**
 * The handlers section is unlocked for the whole server, and the section declaration has no room for a marker:
 * it is locked again only together with a site of this folder that carries the marker, and only when no other
 * web.config that can be read configures <handlers>.
 */
function unlockVerdict(ctx: Context): Verdict {
  const { req, say } = ctx;
  if (req.appHost.handlersDenied) return { act: 'gone' };
  if (!ctx.removedSites.size) return { act: 'keep', note: say('plan.note.unlockUnproven') };
  const users = others(ctx, configuresHandlers);
  if (users.length) return { act: 'keep', note: say('plan.note.unlockInUse', { users: users.join(', ') }) };
  return { act: 'remove' };
}

function others(ctx: Context, uses: Parameters<typeof webConfigUsers>[3]): string[] {
  const found: Users = webConfigUsers(ctx.req.appHost, ctx.req.facts, ctx.removedSites, uses);
  for (const app of found.unread) ctx.unread.add(app);
  return found.users;
}

function grantVerdict(path: string, principal: string, { req, say }: Context): Verdict {
  const what = say('plan.obj.grant', { principal, path });
  if (isRemoteOrDevicePath(path)) return { act: 'keep', note: say('plan.note.remotePath', { path, what }) };
  if (isLocalService(principal)) return serviceGrantVerdict(path, principal, what, { req, say });
  const owner = req.appHost.objects.pools.find((p) => poolCarries(p, req.marker) && !isBuiltinPool(p.name) && accountsOf(p).some((a) => a.toLowerCase() === principal.trim().toLowerCase()));
  if (!owner) return { act: 'keep', note: say('plan.note.grantNotOurs', { principal, path }) };
  if (req.facts.exists(path) === false) return { act: 'gone' };
  const acl = req.facts.acl(path);
  return acl && !hasExplicitGrant(acl, principal) ? { act: 'gone' } : { act: 'remove' };
}

/**
 * The service account's access (serviceGrants.ts): removed only inside the site folder (LocalService is shared by
 * every service that runs as it), and only when this folder's service is marked as ours on the host, or gone.
 */
function serviceGrantVerdict(path: string, principal: string, what: string, { req, say }: Pick<Context, 'req' | 'say'>): Verdict {
  if (!samePath(path, req.appDir) && !isUnder(path, req.appDir)) return { act: 'keep', note: say('plan.note.serviceGrantShared', { principal, path }) };
  const services = req.manifest.created.flatMap((e) => (e.kind === 'service' || e.kind === 'serviceRunning' ? [req.facts.service?.(e.name)] : []));
  if (!services.length) return { act: 'keep', note: say('plan.note.unmarked', { what }) };
  if (services.some((s) => s === undefined)) return { act: 'keep', note: say('plan.note.serviceUnknown', { what }) };
  if (!services.some((s) => s === null || serviceCarries(s!, req.marker))) return { act: 'keep', note: say('plan.note.unmarked', { what }) };
  if (req.facts.exists(path) === false) return { act: 'gone' };
  const acl = req.facts.acl(path);
  return acl && !acl.some((a) => !a.inherited && !a.deny && isLocalService(a.principal)) ? { act: 'gone' } : { act: 'remove' };
}

function accountsOf(pool: AppPool): string[] {
  const account = poolAccount(pool.identityType, pool.name, pool.userName);
  return [`IIS AppPool\\${pool.name}`, ...(account ? [account] : [])];
}

/** Warm-up settings of a pool or site that existed before register: set back only where they serve this folder. */
function settingVerdict(entry: Extract<ManifestEntry, { kind: 'setting' }>, { req, say }: Context): Verdict {
  const objects = req.appHost.objects;
  const keep = (current: string) => ({ act: 'keep' as const, note: say('plan.note.settingNotOurs', { attribute: entry.attribute, name: entry.name, path: req.appDir, current }) });
  const expected = SETTING_VALUES[entry.attribute]!.set;
  if (entry.object === 'apppool') {
    const pool = findPool(objects, entry.name);
    if (!pool) return { act: 'gone' };
    const current = entry.attribute === 'startMode' ? pool.startMode : pool.idleTimeout;
    const serves = objects.sites.some((s) => s.apps.some((a) => a.pool.toLowerCase() === pool.name.toLowerCase() && samePath(expandHostEnv(appFolder(a) ?? '', req.facts.env), req.appDir)));
    return serves && current.toLowerCase() === expected.toLowerCase() ? { act: 'remove' } : keep(current);
  }
  const site = findSite(objects, entry.name.replace(/\/$/, ''));
  if (!site) return { act: 'gone' };
  const current = rootApp(site)?.preloadEnabled ? 'true' : 'false';
  const folder = servedFolder(site, req);
  return folder && samePath(folder, req.appDir) && current === expected ? { act: 'remove' } : keep(current);
}

/** What an entry names, for notes. */
function describe(entry: ManifestEntry, say: Say): string {
  switch (entry.kind) {
    case 'apppool':
      return say('plan.obj.pool', { pool: entry.name });
    case 'site':
      return say('plan.obj.site', { site: entry.name });
    case 'fastcgi':
      return say('plan.obj.fastcgi', { pair: `${entry.fullPath}|${entry.arguments}` });
    case 'grant':
      return say('plan.obj.grant', { principal: entry.principal, path: entry.path });
    case 'service':
    case 'serviceRunning':
      return say('plan.obj.service', { service: entry.name });
    default:
      return undoReason(entry, say);
  }
}
