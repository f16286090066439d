/**
 * The host tasks as the CLI and the VS Code commands both run them: plan from the web.config, the host's
 * configuration and the project's manifest; execute here (directly or elevated); record what was created or
 * removed in the manifest; and, after a failure, the plan that undoes what was done.
 */
import { enablePlan, type EnablePlan } from '../../core/host/enablePlan';
import type { GrantScope } from '../../core/host/grants';
import type { Manifest, ManifestEntry } from '../../core/host/manifest';
import { undoPlan, type Plan, type Planned } from '../../core/host/plan';
import { recyclePlan } from '../../core/host/recyclePlan';
import { registerPlan } from '../../core/host/registerPlan';
import { sayWith } from '../../core/host/undo';
import { unregisterPlan } from '../../core/host/unregisterPlan';
import { parseWfastcgiOutput, type WfastcgiOutcome } from '../../core/host/wfastcgiOutput';
import type { Translate } from '../../core/messages';
import type { WebConfig } from '../../core/model/webConfig';
import type { CliEntry } from './elevation';
import { executePlan } from './executePlan';
import { folderMarker } from './hostMarker';
import type { HostState } from './hostState';
import { wfastcgiDefaultAppcmd } from './hostTools';
import { readManifestFile, recordRun } from './manifestFile';
import type { RunResult } from './planRunner';
import { readServiceDefinitions } from './serviceDefinitions';
import { takeCopy } from './configCopy';
import { remainingSteps, rollBack, type RolledBack } from './rollbackRun';
import { locateWfastcgi } from './wfastcgiTools';

export interface SiteOptions {
  site: string;
  port: number;
  host: string;
  pool: string;
  warmUp: boolean;
}

export interface SitePlan {
  planned: Planned;
  previous: Manifest | undefined;
  /** What the manifest will say about the site (register) or said (unregister). */
  base: Omit<Manifest, 'created'>;
  gone: ManifestEntry[];
  manifestProblem?: string;
}

/** `grants`: what the user decided about folders outside the site folder (never read from the project). */
export function planRegister(appDir: string, model: WebConfig, options: SiteOptions, state: HostState, translate?: Translate, grants: GrantScope = {}): SitePlan {
  const read = readManifestFile(appDir, translate);
  const base = { version: 1 as const, site: options.site, pool: options.pool, ...(state.tools.target.apphostconfig ? { apphostconfig: state.tools.target.apphostconfig } : {}) };
  if (read.blocked) return { planned: { ok: false, problems: [read.blocked] }, previous: undefined, base, gone: [] };
  const planned = registerPlan({
    appDir, model, ...options, appHost: state.appHost, tools: state.tools, facts: state.facts, marker: folderMarker(appDir), grants,
    serviceDefinitions: readServiceDefinitions(appDir), ...(translate ? { translate } : {}),
  });
  return { planned, previous: read.manifest, base, gone: [], ...(read.problem ? { manifestProblem: read.problem } : {}) };
}

export function planUnregister(appDir: string, state: HostState, translate?: Translate): SitePlan {
  const read = readManifestFile(appDir, translate);
  const say = sayWith(translate);
  const none = { previous: undefined, base: { version: 1 as const, site: '', pool: '' }, gone: [] };
  if (read.blocked) return { planned: { ok: false, problems: [read.blocked] }, ...none };
  if (!read.manifest) return { planned: { ok: false, problems: [read.problem ?? say('refuse.noManifest', { path: appDir })] }, ...none };
  const { plan, gone, unknown } = unregisterPlan({
    manifest: read.manifest, appDir, marker: folderMarker(appDir), appHost: state.appHost, appHostKnown: state.appHostKnown,
    tools: state.tools, facts: state.facts, ...(translate ? { translate } : {}),
  });
  // Unknown is not gone: without a host configuration nothing runs and the manifest is kept as it is.
  if (unknown) return { planned: { ok: false, problems: [say('refuse.hostUnknown'), ...plan.notes] }, ...none };
  const { created: _created, ...base } = read.manifest;
  return { planned: { ok: true, plan }, previous: read.manifest, base, gone, ...(read.problem ? { manifestProblem: read.problem } : {}) };
}

/** The pool named by the user, else the one serving the folder; the project's manifest does not choose it. */
export function planRecycle(appDir: string, pool: string | undefined, state: HostState, translate?: Translate): Planned {
  return recyclePlan({ appDir, appHost: state.appHost, target: state.tools.target, facts: state.facts, ...(pool ? { pool } : {}), ...(translate ? { translate } : {}) });
}

export interface Applied {
  result: RunResult;
  /** The manifest as written after the run (undefined: none left, or not a manifest task). */
  manifest: Manifest | undefined;
  /** Why the manifest could not be written (the user must keep the record himself). */
  manifestProblem?: string;
  /** After a failure: the commands that undo the steps still in effect (after the rollback, if any). */
  undo: Plan | undefined;
  /** register after a failure: what the automatic rollback did. */
  rollback?: RolledBack;
}

/**
 * Runs a site plan and records the result in the manifest (also after a failure, so unregister can undo it).
 * `rollback` (register): after a failure, what this run did is rolled back at once (rollbackRun.ts), from a copy
 * of applicationHost.config taken before the run when its hashes prove only this run changed it.
 */
export async function applySitePlan(appDir: string, sitePlan: SitePlan, plan: Plan, state: HostState, cli: CliEntry, onOutput?: (index: number, text: string) => void, translate?: Translate, rollback = false): Promise<Applied> {
  const copy = rollback && state.appHostKnown ? takeCopy(state.appHost.path) : undefined;
  try {
    const result = await executePlan(plan, { explicit: state.tools.explicit, cli, ...(onOutput ? { onOutput } : {}), ...(copy ? { watch: copy.path } : {}) });
    const failed = result.failedAt !== undefined;
    const rolledBack = rollback && failed ? await rollBack(plan, result, copy, state, cli, sayWith(translate)) : undefined;
    const remaining = remainingSteps(plan, result.completed, rolledBack);
    const recorded = recordRun(appDir, sitePlan.base, sitePlan.previous, remaining, { completed: remaining.steps.length }, sitePlan.gone);
    const undo = failed && remaining.steps.length ? undoPlan(remaining, remaining.steps.length, sayWith(translate)) : undefined;
    return { result, manifest: recorded.manifest, ...(recorded.problem ? { manifestProblem: recorded.problem } : {}), undo: undo?.steps.length ? undo : undefined, ...(rolledBack ? { rollback: rolledBack } : {}) };
  } finally {
    copy?.dispose();
  }
}

export interface WfastcgiRequest {
  action: 'enable' | 'disable';
  python: string;
  install: boolean;
  appcmd?: string | undefined;
  apphostconfig?: string | undefined;
}

export function planWfastcgi(req: WfastcgiRequest, state: HostState, translate?: Translate): EnablePlan | Extract<Planned, { ok: false }> {
  const found = locateWfastcgi(req.python);
  // A Windows interpreter seen from another system (a dry run for a server): whether wfastcgi is installed in it
  // is unknown here, not absent. The plan is printed with the tools where pip puts them, and says so.
  const elsewhere = process.platform !== 'win32' && /^[A-Za-z]:[\\/]/.test(found.python) && !found.tools && !req.install;
  const tools = found.tools ?? (elsewhere ? found.expectedTools : undefined);
  const planned = enablePlan({
    action: req.action, python: found.python, expectedTools: found.expectedTools, wfastcgiPy: found.wfastcgiPy,
    install: req.install, defaultAppcmd: wfastcgiDefaultAppcmd(),
    ...(tools ? { tools } : {}),
    ...(req.appcmd ? { appcmd: req.appcmd } : {}),
    ...(req.apphostconfig ? { apphostconfig: req.apphostconfig } : {}),
    ...(state.appHostKnown ? { appHost: state.appHost } : {}),
    ...(translate ? { translate } : {}),
  });
  if (planned.ok && elsewhere) planned.plan.notes.push(sayWith(translate)('plan.note.toolsUnknown', { python: found.python }));
  return planned;
}

/** Runs wfastcgi-enable/-disable (after pip when planned) and reads what it printed. */
export async function applyWfastcgi(plan: Plan, explicit: Set<string>, cli: CliEntry, onOutput?: (index: number, text: string) => void): Promise<{ result: RunResult; outcome: WfastcgiOutcome }> {
  const result = await executePlan(plan, { explicit, cli, ...(onOutput ? { onOutput } : {}) });
  const last = result.outcomes[result.outcomes.length - 1];
  const outcome = last ? parseWfastcgiOutput(last.output) : { kind: 'unknown' as const };
  return { result, outcome };
}
