/**
 * `recycle`: the pool named on the command line, else the pool of the application that serves the folder in
 * applicationHost.config. The project's manifest does not choose it: a crafted one could name any pool.
 */
import type { Translate } from '../messages';
import type { AppHostConfig } from './appHost';
import { appcmd, checkName, type AppcmdTarget } from './appcmd';
import type { HostFacts } from './facts';
import { appFolder, findPool, type HostObjects, type SiteApplication } from './hostObjects';
import { expandHostEnv, samePath } from './hostPaths';
import { emptyPlan, type Planned } from './plan';
import { sayWith, type Say } from './undo';

/** The application(s) whose folder is `appDir` (its root virtual directory), in any site. */
export function appsServing(objects: HostObjects, appDir: string, env: HostFacts['env']): SiteApplication[] {
  return objects.sites.flatMap((s) => s.apps).filter((a) => {
    const folder = appFolder(a);
    return folder !== undefined && samePath(expandHostEnv(folder, env), appDir);
  });
}

export interface RecycleRequest {
  /** The pool named on the command line, else the pool of the application serving appDir. */
  pool?: string;
  appDir: string;
  appHost: AppHostConfig;
  target: AppcmdTarget;
  facts: HostFacts;
  translate?: Translate;
}

export function recyclePlan(req: RecycleRequest): Planned {
  const say: Say = sayWith(req.translate);
  if (req.target.apphostconfig) return { ok: false, problems: [say('refuse.iisExpressRecycle')] };
  const pool = req.pool ?? appsServing(req.appHost.objects, req.appDir, req.facts.env)[0]?.pool;
  if (!pool) return { ok: false, problems: [say('refuse.noPool', { path: req.appDir })] };
  const bad = checkName('pool', pool);
  if (bad) return { ok: false, problems: [say(bad.key, bad.args)] };
  if (!findPool(req.appHost.objects, pool)) return { ok: false, problems: [say('refuse.poolMissing', { pool, apphost: req.appHost.path })] };
  const plan = emptyPlan();
  plan.steps.push({ argv: appcmd.recyclePool(req.target, pool), why: say('plan.recycle', { pool }) });
  return { ok: true, plan };
}
