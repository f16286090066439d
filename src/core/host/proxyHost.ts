/**
 * The host tasks of the reverse-proxy bridge (URL Rewrite + ARR in front of a Python service), as plan steps:
 * - ARR's proxy turned on for the server (`system.webServer/proxy enabled="true"`, applicationHost.config);
 * - the server variables the rewrite rules set, added to the server-level allowedServerVariables (only those
 *   missing: IIS answers 500.50 for a rule that sets one that is not allowed);
 * - the Windows service installed with the user's WinSW and the generated service/<id>.xml, marked (its
 *   description carries the folder's marker) and started with sc.exe.
 * Neither the proxy switch nor the allowed list has room for a marker: like the handlers unlock, they are undone
 * only together with a site of this folder that carries the marker, and only while no other web.config needs
 * them. A service is stopped and deleted only when its description shows this folder's marker.
 */
import { attrValue, children, type WebConfig } from '../model/webConfig';
import { proxyRuleElements } from '../rules/proxyRules';
import type { XmlElement } from '../xml/types';
import type { AppHostConfig } from './appHost';
import { appcmd } from './appcmd';
import type { HostFacts } from './facts';
import type { ManifestEntry } from './manifest';
import type { GrantScope } from './grants';
import type { Plan } from './plan';
import { planServiceGrants } from './serviceGrants';
import { isRunning, isServiceName, pickDefinition, serviceCarries, serviceMarkerText, type WinswDefinition } from './services';
import { DEFAULT_SC, type Say, type Tools } from './undo';

/** What a web.config asks of the host as a reverse proxy: the loopback port and the server variables its rules set. */
export interface ProxyNeeds {
  port: number | undefined;
  variables: string[];
}

export function proxyNeeds(model: WebConfig): ProxyNeeds | undefined {
  const rules = proxyRuleElements(model);
  if (!rules.length) return undefined;
  const loopback = rules.find((r) => r.url && /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/i.test(r.url.hostname));
  const port = loopback?.url?.port ? Number(loopback.url.port) : undefined;
  return { port, variables: setVariables(model) };
}

/** Every server variable a rewrite rule of this web.config sets (upper-cased, in order, once). */
export function setVariables(model: WebConfig): string[] {
  const names = model.rewrites.flatMap((r) => children(r, 'rules')).flatMap((rs) => children(rs, 'rule'))
    .flatMap((rule) => children(rule, 'serverVariables')).flatMap((s) => children(s, 'set'))
    .map((set) => attrValue(set, 'name')?.trim().toUpperCase() ?? '')
    .filter((n) => /^[A-Z][A-Z0-9_]{0,99}$/.test(n));
  return [...new Set(names)];
}

export interface ArrState {
  /** ARR's and URL Rewrite's global modules are registered; undefined when globalModules is not in the file. */
  installed: boolean | undefined;
  /** The server-level <proxy> element, when there is one. */
  element: XmlElement | undefined;
  enabled: boolean;
}

export function arrState(host: AppHostConfig): ArrState {
  const modules = host.globalModules;
  const installed = modules ? modules.has('applicationrequestrouting') && modules.has('rewritemodule') : undefined;
  const element = (host.webServers ?? []).flatMap((ws) => children(ws, 'proxy'))[0];
  return { installed, element, enabled: (element && attrValue(element, 'enabled')?.trim().toLowerCase()) === 'true' };
}

/** The variable may be set by rules of `site` (allowed for the whole server or at the site's location). */
export function variableAllowed(host: AppHostConfig, name: string, site?: string): boolean {
  const paths = host.allowedServerVariables?.get(name.toUpperCase()) ?? [];
  return paths.some((p) => p === '' || (site !== undefined && p.toLowerCase() === site.toLowerCase()));
}

export interface ProxyPlanRequest {
  appDir: string;
  /** What the user decided about grants outside the site folder (the service account's, as the pool's). */
  grants: GrantScope;
  appHost: AppHostConfig;
  tools: Tools;
  facts: HostFacts;
  marker: string;
  site: string;
  /** The WinSW definitions of the project (service/*.xml), read by the adapter. */
  serviceDefinitions: WinswDefinition[];
}

type Add = (entry: ManifestEntry | undefined, argv: string[], why: string) => void;

export function planProxy(req: ProxyPlanRequest, needs: ProxyNeeds, plan: Plan, add: Add, say: Say): void {
  const t = req.tools.target;
  const arr = arrState(req.appHost);
  if (arr.enabled) plan.notes.push(say('plan.note.proxyEnabled'));
  else add({ kind: 'proxy', previous: arr.element ? 'false' : 'absent' }, appcmd.setProxyEnabled(t, 'true'), say('plan.proxy.enable'));
  for (const name of needs.variables) {
    if (variableAllowed(req.appHost, name, req.site)) continue;
    add({ kind: 'serverVariable', name }, appcmd.allowVariable(t, '+', name), say('plan.variable.allow', { name }));
  }
  planService(req, needs, plan, add, say);
}

function planService(req: ProxyPlanRequest, needs: ProxyNeeds, plan: Plan, add: Add, say: Say): void {
  const defs = req.serviceDefinitions;
  const def = pickDefinition(defs, needs.port);
  if (!def) {
    plan.notes.push(say(defs.length ? 'plan.note.serviceAmbiguous' : 'plan.note.noServiceDefinition', { files: defs.map((d) => d.path).join(', ') }));
    return;
  }
  if (!isServiceName(def.id)) {
    plan.notes.push(say('plan.note.serviceName', { service: def.id, xml: def.path }));
    return;
  }
  const sc = req.tools.sc ?? DEFAULT_SC;
  const existing = req.facts.service?.(def.id);
  if (existing) {
    if (!serviceCarries(existing, req.marker)) plan.notes.push(say('plan.note.serviceExists', { service: def.id }));
    else if (isRunning(existing)) plan.notes.push(say('plan.note.serviceRunning', { service: def.id }));
    else {
      serviceGrants(req, def, plan, say);
      add({ kind: 'serviceRunning', name: def.id }, [sc, 'start', def.id], say('plan.service.start', { service: def.id }));
    }
    return;
  }
  if (!req.tools.winsw) {
    plan.notes.push(say('plan.note.noWinsw', { service: def.id, xml: def.path }));
    return;
  }
  add({ kind: 'service', name: def.id }, [req.tools.winsw, 'install', def.path], say('plan.service.install', { service: def.id, exe: def.executable, args: def.arguments, xml: def.path }));
  add(undefined, [sc, 'description', def.id, `${def.description} ${serviceMarkerText(req.marker)}`.trim()], say('plan.service.mark', { service: def.id }));
  // Before the start: without read access to the site and the interpreter the service stops at once.
  serviceGrants(req, def, plan, say);
  add({ kind: 'serviceRunning', name: def.id }, [sc, 'start', def.id], say('plan.service.start', { service: def.id }));
}

function serviceGrants(req: ProxyPlanRequest, def: WinswDefinition, plan: Plan, say: Say): void {
  const grants = planServiceGrants(def, req.appDir, req.grants, req.tools, req.facts, say);
  if (!grants) return;
  plan.steps.push(...grants.steps);
  plan.notes.push(...grants.notes, ...grants.problems);
  if (grants.questions.length) plan.questions = [...(plan.questions ?? []), ...grants.questions];
}

export type ProxyVerdict = { act: 'remove'; argv?: string[][] } | { act: 'gone' } | { act: 'keep'; note: string };

export interface ProxyJudge {
  appHost: AppHostConfig;
  facts: HostFacts;
  marker: string;
  tools: Tools;
  say: Say;
  /** Sites this unregister deletes (lower-cased). */
  removedSites: Set<string>;
  /** Services this plan stops already. */
  stopping: Set<string>;
  /** Other applications whose web.config satisfies `uses`. */
  others(uses: (model: WebConfig) => boolean): string[];
}

type ProxyEntry = Extract<ManifestEntry, { kind: 'proxy' | 'serverVariable' | 'service' | 'serviceRunning' }>;

export function isProxyEntry(entry: ManifestEntry): entry is ProxyEntry {
  return entry.kind === 'proxy' || entry.kind === 'serverVariable' || entry.kind === 'service' || entry.kind === 'serviceRunning';
}

export function judgeProxyEntry(entry: ProxyEntry, j: ProxyJudge): ProxyVerdict {
  const { say } = j;
  switch (entry.kind) {
    case 'proxy': {
      const arr = arrState(j.appHost);
      if (!arr.enabled) return { act: 'gone' };
      if (!j.removedSites.size) return { act: 'keep', note: say('plan.note.proxyUnproven') };
      const users = j.others((m) => proxyRuleElements(m).length > 0);
      if (users.length) return { act: 'keep', note: say('plan.note.proxyInUse', { users: users.join(', ') }) };
      // Settings added to <proxy> since register (a timeout, preserveHostHeader) are kept: the proxy is only turned off.
      const onlyEnabled = arr.element && !arr.element.children.length && arr.element.attributes.every((a) => a.name === 'enabled');
      return entry.previous === 'absent' && onlyEnabled ? { act: 'remove' } : { act: 'remove', argv: [appcmd.setProxyEnabled(j.tools.target, 'false')] };
    }
    case 'serverVariable': {
      if (!variableAllowed(j.appHost, entry.name)) return { act: 'gone' };
      if (!j.removedSites.size) return { act: 'keep', note: say('plan.note.variableUnproven', { name: entry.name }) };
      const users = j.others((m) => setVariables(m).includes(entry.name.toUpperCase()));
      if (users.length) return { act: 'keep', note: say('plan.note.variableInUse', { name: entry.name, users: users.join(', ') }) };
      return { act: 'remove' };
    }
    case 'service':
    case 'serviceRunning': {
      const service = j.facts.service?.(entry.name);
      const what = say('plan.obj.service', { service: entry.name });
      if (service === undefined) return { act: 'keep', note: say('plan.note.serviceUnknown', { what }) };
      if (service === null) return { act: 'gone' };
      if (!serviceCarries(service, j.marker)) return { act: 'keep', note: say('plan.note.unmarked', { what }) };
      if (entry.kind === 'serviceRunning') {
        if (!isRunning(service)) return { act: 'gone' };
        j.stopping.add(entry.name.toLowerCase());
        return { act: 'remove' };
      }
      const sc = j.tools.sc ?? DEFAULT_SC;
      // A running service is stopped first (started by hand since): deleting it alone would leave its process running.
      return isRunning(service) && !j.stopping.has(entry.name.toLowerCase()) ? { act: 'remove', argv: [[sc, 'stop', entry.name], [sc, 'delete', entry.name]] } : { act: 'remove' };
    }
  }
}
