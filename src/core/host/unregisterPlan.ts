/**
 * `unregister` and `recycle`. Unregister removes what the manifest says register created, newest first, and
 * only what is still there; an application pool another application now uses is left alone.
 */
import type { Translate } from '../messages';
import { sameRegistration, type AppHostConfig } from './appHost';
import { appcmd, checkBracketValue, checkName, checkPath, type AppcmdTarget } from './appcmd';
import type { HostFacts } from './facts';
import { appFolder, appsInPool, findPool, findSite, type HostObjects, type SiteApplication } from './hostObjects';
import { expandHostEnv, samePath } from './hostPaths';
import { hasExplicitGrant } from './icacls';
import type { Manifest, ManifestEntry } from './manifest';
import { emptyPlan, type Plan, type Planned } from './plan';
import { sayWith, undoCommand, undoReason, type Say, type Tools } from './undo';

export interface UnregisterRequest {
  manifest: Manifest;
  appHost: AppHostConfig;
  tools: Tools;
  facts: HostFacts;
  translate?: Translate;
}

export interface UnregisterPlan {
  plan: Plan;
  /** Entries that are no longer on the host: dropped from the manifest without running anything. */
  gone: ManifestEntry[];
}

export function unregisterPlan(req: UnregisterRequest): UnregisterPlan {
  const say = sayWith(req.translate);
  const plan = emptyPlan();
  const gone: ManifestEntry[] = [];
  for (const entry of [...req.manifest.created].reverse()) {
    if (!plausible(entry)) {
      plan.notes.push(say('plan.note.implausible', { entry: JSON.stringify(entry) }));
      continue;
    }
    const state = entryState(entry, req);
    if (state === 'gone') {
      gone.push(entry);
      plan.notes.push(say('plan.note.gone', { what: undoReason(entry, say) }));
    } else if (state === 'in-use') {
      plan.notes.push(say('plan.note.poolInUse', { pool: entry.kind === 'apppool' ? entry.name : '' }));
    } else {
      plan.steps.push({ argv: undoCommand(entry, req.tools), why: undoReason(entry, say), removes: entry });
    }
  }
  return { plan, gone };
}

/** Built-in accounts register never grants to: a manifest naming them was not written by register. */
const NEVER_GRANTED = /^(?:(?:NT AUTHORITY|BUILTIN|NT SERVICE)\\)?(?:SYSTEM|Administrators|TrustedInstaller|Users|Everyone|Authenticated Users|CREATOR OWNER|IIS_IUSRS|IUSR)$/i;

/**
 * The manifest is a project file: an entry is only acted on when register could have written it (valid names
 * and paths, a grant to an account that is not a built-in group), so a crafted file cannot make unregister
 * strip Administrators' access to a system folder.
 */
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
      return !checkName(entry.object === 'apppool' ? 'pool' : 'site', entry.name.replace(/\/$/, ''));
    default:
      return true;
  }
}

function entryState(entry: ManifestEntry, req: UnregisterRequest): 'present' | 'gone' | 'in-use' {
  const objects = req.appHost.objects;
  switch (entry.kind) {
    case 'apppool': {
      if (!findPool(objects, entry.name)) return 'gone';
      const ours = new Set(req.manifest.created.filter((e) => e.kind === 'site').map((e) => (e as { name: string }).name.toLowerCase()));
      return appsInPool(objects, entry.name).some((a) => !ours.has(a.site.name.toLowerCase())) ? 'in-use' : 'present';
    }
    case 'site':
      return findSite(objects, entry.name) ? 'present' : 'gone';
    case 'fastcgi':
      return req.appHost.fastCgiApplications.some((a) => sameRegistration(a, entry.fullPath, entry.arguments)) ? 'present' : 'gone';
    case 'unlock':
      return req.appHost.handlersDenied ? 'gone' : 'present';
    case 'grant': {
      if (req.facts.exists(entry.path) === false) return 'gone';
      const acl = req.facts.acl(entry.path);
      return acl && !hasExplicitGrant(acl, entry.principal) ? 'gone' : 'present';
    }
    case 'setting':
      return (entry.object === 'apppool' ? findPool(objects, entry.name) : findSite(objects, entry.name.replace(/\/$/, ''))) ? 'present' : 'gone';
  }
}

/** The application(s) whose folder is `appDir` (its root virtual directory), in any site. */
export function appsServing(objects: HostObjects, appDir: string, env: HostFacts['env']): SiteApplication[] {
  return objects.sites.flatMap((s) => s.apps).filter((a) => {
    const folder = appFolder(a);
    return folder !== undefined && samePath(expandHostEnv(folder, env), appDir);
  });
}

export interface RecycleRequest {
  /** The pool named on the command line, else the manifest's, else the pool of the application serving appDir. */
  pool?: string;
  manifest?: Manifest;
  appDir: string;
  appHost: AppHostConfig;
  target: AppcmdTarget;
  facts: HostFacts;
  translate?: Translate;
}

export function recyclePlan(req: RecycleRequest): Planned {
  const say: Say = sayWith(req.translate);
  if (req.target.apphostconfig) return { ok: false, problems: [say('refuse.iisExpressRecycle')] };
  const pool = req.pool ?? req.manifest?.pool ?? appsServing(req.appHost.objects, req.appDir, req.facts.env)[0]?.pool;
  if (!pool) return { ok: false, problems: [say('refuse.noPool', { path: req.appDir })] };
  const bad = checkName('pool', pool);
  if (bad) return { ok: false, problems: [say(bad.key, bad.args)] };
  if (!findPool(req.appHost.objects, pool)) return { ok: false, problems: [say('refuse.poolMissing', { pool, apphost: req.appHost.path })] };
  const plan = emptyPlan();
  plan.steps.push({ argv: appcmd.recyclePool(req.target, pool), why: say('plan.recycle', { pool }) });
  return { ok: true, plan };
}
