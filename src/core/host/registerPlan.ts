/**
 * `register`: the appcmd/icacls plan that makes IIS serve an application folder, computed from its web.config
 * and the current applicationHost.config. Only what is missing is planned (registering twice plans nothing),
 * objects that exist are never changed behind the user's back (a conflicting site is refused), every object
 * created carries the folder's marker (marker.ts) and every step records what it creates so `unregister`
 * removes exactly that. Grants outside the site folder wait for the user (grants.ts).
 */
import type { Translate } from '../messages';
import type { WebConfig } from '../model/webConfig';
import { sameRegistration, type AppHostConfig } from './appHost';
import { appLayout, type AppLayout } from './appLayout';
import { appcmd, checkBracketValue, checkHost, checkName, checkPath, checkPort, HANDLERS_SECTION, httpBinding, type ValueProblem } from './appcmd';
import type { HostFacts } from './facts';
import { grantTargets, planGrants, type GrantScope } from './grants';
import { appFolder, findPool, findSite, rootApp, type Site } from './hostObjects';
import { expandHostEnv, isHostAbsolute, isSystemFolder, samePath, unquote } from './hostPaths';
import { poolAccount, poolPrincipals } from './icacls';
import type { ManifestEntry } from './manifest';
import { isMarker, MARKER_VARIABLE, markerSiteId, poolCarries, siteCarries } from './marker';
import { emptyPlan, type Plan, type Planned } from './plan';
import { arrState, planProxy, proxyNeeds } from './proxyHost';
import type { WinswDefinition } from './services';
import { sayWith, undoCommand, type Say, type Tools } from './undo';

export interface RegisterRequest {
  appDir: string;
  site: string;
  port: number;
  /** Host name of the binding; '' answers every host name. */
  host: string;
  pool: string;
  warmUp: boolean;
  model: WebConfig;
  appHost: AppHostConfig;
  tools: Tools;
  facts: HostFacts;
  /** The site folder's marker (marker.ts), written on every object register creates. */
  marker: string;
  /** What the user decided about grants outside the site folder. */
  grants?: GrantScope;
  /** The project's WinSW service definitions (service/*.xml), for the reverse-proxy bridge. */
  serviceDefinitions?: WinswDefinition[];
  translate?: Translate;
}

export function registerPlan(req: RegisterRequest): Planned {
  const say = sayWith(req.translate);
  const problems = validate(req).map((p) => say(p.key, p.args));
  const layout = appLayout(req.model, req.appDir, req.facts);
  const proxy = layout.bridge ? undefined : proxyNeeds(req.model);
  if (!layout.bridge && !proxy) problems.push(say('refuse.noHandler'));
  if (proxy && arrState(req.appHost).installed === false) problems.push(say('refuse.arrMissing'));
  if (layout.fastCgi) {
    for (const [what, value] of [['fullPath', layout.fastCgi.fullPath], ['arguments', layout.fastCgi.arguments]] as const) {
      const p = checkBracketValue(what, value) ?? (unusableHalf(value) ? { key: 'refuse.scriptProcessor' as const, args: { value: layout.fastCgi.attribute.value } } : undefined);
      if (p) problems.push(say(p.key, p.args));
    }
  }
  if (problems.length) return { ok: false, problems: [...new Set(problems)] };
  const plan = emptyPlan();
  const add = (entry: ManifestEntry | undefined, argv: string[], why: string) => {
    plan.steps.push({ argv, why, ...(entry ? { creates: entry, undo: [undoCommand(entry, req.tools)] } : {}) });
  };
  const objects = req.appHost.objects;
  const t = req.tools.target;
  const existingPool = findPool(objects, req.pool);
  // Evidence of an earlier register for this folder is on the host (the marker), not in the project's manifest.
  const poolOurs = Boolean(existingPool && poolCarries(existingPool, req.marker));
  if (existingPool) plan.notes.push(say(poolOurs ? 'plan.note.poolMarked' : 'plan.note.poolExists', { pool: req.pool }));
  else {
    add({ kind: 'apppool', name: req.pool }, appcmd.addPool(t, req.pool), say('plan.pool.add', { pool: req.pool }));
    add(undefined, appcmd.markPool(t, req.pool, MARKER_VARIABLE, req.marker), say('plan.pool.mark', { pool: req.pool, variable: MARKER_VARIABLE }));
  }
  const existingSite = findSite(objects, req.site);
  const siteOurs = Boolean(existingSite && siteCarries(existingSite, req.marker));
  const binding = httpBinding(req.port, req.host);
  if (existingSite) {
    const conflict = siteConflict(existingSite, req, binding, say);
    if (conflict) return { ok: false, problems: [conflict] };
    plan.notes.push(say(siteOurs ? 'plan.note.siteMarked' : 'plan.note.siteExists', { site: req.site }));
  } else {
    const taken = objects.sites.find((s) => s.bindings.some((b) => b.protocol.toLowerCase() === 'http' && b.information.toLowerCase() === binding.slice(5).toLowerCase()));
    if (taken) return { ok: false, problems: [say('refuse.portInUse', { binding, site: taken.name })] };
    const id = markerSiteId(req.marker, req.site);
    const sameId = objects.sites.find((s) => s.id.trim() === String(id));
    if (sameId) return { ok: false, problems: [say('refuse.siteId', { id, site: sameId.name })] };
    add({ kind: 'site', name: req.site }, appcmd.addSite(t, req.site, id, binding, req.appDir), say('plan.site.add', { site: req.site, path: req.appDir, binding, id }));
    add(undefined, appcmd.setApp(t, `${req.site}/`, 'applicationPool', req.pool), say('plan.site.pool', { site: req.site, pool: req.pool }));
  }
  planBridge(req, layout, plan, add, say);
  if (proxy) planProxy({ appDir: req.appDir, grants: req.grants ?? {}, appHost: req.appHost, tools: req.tools, facts: req.facts, marker: req.marker, site: req.site, serviceDefinitions: req.serviceDefinitions ?? [] }, proxy, plan, add, say);
  planAccess(req, layout, existingPool?.identityType ?? 'ApplicationPoolIdentity', existingPool?.userName ?? '', plan, say);
  // Settings of a pool or site that register created go away with it; only pre-existing ones are recorded.
  if (req.warmUp) planWarmUp(req, plan, say, Boolean(existingPool) && !poolOurs, Boolean(existingSite) && !siteOurs);
  return { ok: true, plan };
}

/** A half IIS could never start as registered: padded, empty, relative, or a template placeholder left in. */
function unusableHalf(value: string): boolean {
  const path = unquote(value);
  if (value !== value.trim() || !path) return true;
  if (/%(INTERPRETERPATH|WFASTCGIPATH|ROOTDIR)%|\{\{|__\w+__/i.test(path)) return true;
  return !isHostAbsolute(path) && !/^%\w+%/.test(path);
}

function validate(req: RegisterRequest): ValueProblem[] {
  const checks = [checkName('site', req.site), checkName('pool', req.pool), checkHost(req.host), checkPort(req.port), checkPath('physicalPath', req.appDir)];
  if (!isMarker(req.marker)) checks.push({ key: 'refuse.marker', args: { value: req.marker } });
  if (isSystemFolder(req.appDir, req.facts.env)) checks.push({ key: 'refuse.systemSite', args: { path: req.appDir } });
  return checks.filter((p): p is ValueProblem => p !== undefined);
}

function siteConflict(site: Site, req: RegisterRequest, binding: string, say: Say): string | undefined {
  const app = rootApp(site);
  const folder = app && appFolder(app);
  if (!folder || !samePath(expandHostEnv(folder, req.facts.env), req.appDir)) return say('refuse.siteFolder', { site: site.name, folder: folder ?? '?', path: req.appDir });
  if (app.pool.toLowerCase() !== req.pool.toLowerCase()) return say('refuse.sitePool', { site: site.name, pool: app.pool, requested: req.pool });
  if (!site.bindings.some((b) => `${b.protocol}/${b.information}`.toLowerCase() === binding.toLowerCase())) {
    return say('refuse.siteBinding', { site: site.name, bindings: site.bindings.map((b) => `${b.protocol}/${b.information}`).join(', '), binding });
  }
  return undefined;
}

type Add = (entry: ManifestEntry | undefined, argv: string[], why: string) => void;

function planBridge(req: RegisterRequest, layout: AppLayout, plan: Plan, add: Add, say: Say): void {
  const t = req.tools.target;
  if (layout.fastCgi) {
    const { fullPath, arguments: args } = layout.fastCgi;
    if (req.appHost.fastCgiApplications.some((a) => sameRegistration(a, fullPath, args))) plan.notes.push(say('plan.note.fastcgiExists', { pair: `${fullPath}|${args}` }));
    else {
      add({ kind: 'fastcgi', fullPath, arguments: args }, appcmd.fastCgi(t, '+', fullPath, args), say('plan.fastcgi.add', { pair: `${fullPath}|${args}` }));
      add(undefined, appcmd.markFastCgi(t, fullPath, args, MARKER_VARIABLE, req.marker), say('plan.fastcgi.mark', { variable: MARKER_VARIABLE }));
    }
  } else if (layout.bridge === 'httpPlatform') plan.notes.push(say('plan.note.noFastCgi'));
  if (req.appHost.handlersDenied && !req.appHost.handlersAllowedAt.length && req.model.handlers.length) {
    add({ kind: 'unlock', section: HANDLERS_SECTION }, appcmd.unlock(t, HANDLERS_SECTION), say('plan.unlock'));
  }
}

function planAccess(req: RegisterRequest, layout: AppLayout, identityType: string, userName: string, plan: Plan, say: Say): void {
  if (req.tools.target.apphostconfig) {
    plan.notes.push(say('plan.note.iisExpressGrants'));
    return;
  }
  const account = poolAccount(identityType, req.pool, userName);
  if (!account) {
    plan.notes.push(say('plan.note.localSystem', { pool: req.pool }));
    return;
  }
  const grants = planGrants(req.appDir, grantTargets(req.appDir, layout), account, poolPrincipals(identityType, req.pool, userName), req.grants ?? {}, req.tools, req.facts, say);
  plan.steps.push(...grants.steps);
  plan.notes.push(...grants.notes, ...grants.problems);
  if (grants.questions.length) plan.questions = [...(plan.questions ?? []), ...grants.questions];
}

function planWarmUp(req: RegisterRequest, plan: Plan, say: Say, poolExisted: boolean, siteExisted: boolean): void {
  if (req.tools.target.apphostconfig) {
    plan.notes.push(say('plan.note.iisExpressWarmUp'));
    return;
  }
  const t = req.tools.target;
  const pool = findPool(req.appHost.objects, req.pool);
  const settings: [object: 'apppool' | 'app', name: string, attribute: string, value: string, previous: string | undefined, existed: boolean, why: 'plan.warm.startMode' | 'plan.warm.idle' | 'plan.warm.preload'][] = [
    ['apppool', req.pool, 'startMode', 'AlwaysRunning', pool?.startMode, poolExisted, 'plan.warm.startMode'],
    ['apppool', req.pool, 'processModel.idleTimeout', '00:00:00', pool?.idleTimeout, poolExisted, 'plan.warm.idle'],
    ['app', `${req.site}/`, 'preloadEnabled', 'true', siteApp(req)?.preloadEnabled ? 'true' : 'false', siteExisted, 'plan.warm.preload'],
  ];
  for (const [object, name, attribute, value, previous, existed, why] of settings) {
    if (previous !== undefined && previous.toLowerCase() === value.toLowerCase()) continue;
    const entry: ManifestEntry | undefined = existed && previous !== undefined ? { kind: 'setting', object, name, attribute, previous } : undefined;
    const argv = object === 'apppool' ? appcmd.setPool(t, name, attribute, value) : appcmd.setApp(t, name, attribute, value);
    plan.steps.push({ argv, why: say(why, { name }), ...(entry ? { creates: entry, undo: [undoCommand(entry, req.tools)] } : existed ? { noUndo: true as const } : {}) });
  }
}

function siteApp(req: RegisterRequest) {
  const site = findSite(req.appHost.objects, req.site);
  return site && rootApp(site);
}
