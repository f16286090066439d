/**
 * Application pools and sites of an applicationHost.config (`system.applicationHost`), with IIS's defaults
 * applied: what register/unregister plans compare against and what the server check reads.
 */
import { attrValue, children } from '../model/webConfig';
import type { XmlElement } from '../xml/types';

export interface AppPool {
  name: string;
  element: XmlElement;
  /** '' is "No Managed Code". */
  managedRuntimeVersion: string;
  pipelineMode: string;
  enable32Bit: boolean;
  /** ApplicationPoolIdentity, LocalSystem, LocalService, NetworkService or SpecificUser. */
  identityType: string;
  userName: string;
  startMode: string;
  idleTimeout: string;
  /** The pool's own <environmentVariables> (IIS 10), name → value; register's marker is one of them. */
  environment: Map<string, string>;
}

export interface VirtualDirectory {
  path: string;
  physicalPath: string;
  element: XmlElement;
}

export interface SiteApplication {
  site: Site;
  path: string;
  pool: string;
  preloadEnabled: boolean;
  element: XmlElement;
  vdirs: VirtualDirectory[];
}

export interface Binding {
  protocol: string;
  information: string;
}

export interface Site {
  name: string;
  /** The site's id attribute as written ('' when absent). */
  id: string;
  element: XmlElement;
  bindings: Binding[];
  apps: SiteApplication[];
}

export interface HostObjects {
  pools: AppPool[];
  sites: Site[];
}

/** IIS's schema defaults (applicationHost.config's *Defaults elements override them). */
const POOL_DEFAULTS = {
  managedRuntimeVersion: 'v4.0', managedPipelineMode: 'Integrated', enable32BitAppOnWin64: 'false',
  startMode: 'OnDemand', identityType: 'ApplicationPoolIdentity', userName: '', idleTimeout: '00:20:00',
};

type PoolDefaults = typeof POOL_DEFAULTS;

export function readHostObjects(root: XmlElement): HostObjects {
  const out: HostObjects = { pools: [], sites: [] };
  for (const ah of children(root, 'system.applicationHost')) {
    for (const pools of children(ah, 'applicationPools')) readPools(pools, out.pools);
    for (const sites of children(ah, 'sites')) readSites(sites, out.sites);
  }
  return out;
}

function readPools(section: XmlElement, out: AppPool[]): void {
  const defaults: PoolDefaults = { ...POOL_DEFAULTS };
  for (const d of children(section, 'applicationPoolDefaults')) Object.assign(defaults, poolAttributes(d, defaults));
  for (const add of children(section, 'add')) {
    const a = poolAttributes(add, defaults);
    out.push({
      name: attrValue(add, 'name') ?? '', element: add,
      managedRuntimeVersion: a.managedRuntimeVersion, pipelineMode: a.managedPipelineMode,
      enable32Bit: a.enable32BitAppOnWin64.toLowerCase() === 'true', identityType: a.identityType,
      userName: a.userName, startMode: a.startMode, idleTimeout: a.idleTimeout, environment: environmentOf(add),
    });
  }
}

/** `<environmentVariables><add name= value= /></environmentVariables>` of a pool or a FastCGI application. */
export function environmentOf(el: XmlElement): Map<string, string> {
  const out = new Map<string, string>();
  for (const add of children(el, 'environmentVariables').flatMap((e) => children(e, 'add'))) {
    const name = attrValue(add, 'name');
    if (name) out.set(name.toUpperCase(), attrValue(add, 'value') ?? '');
  }
  return out;
}

function poolAttributes(el: XmlElement, base: PoolDefaults): PoolDefaults {
  const model = children(el, 'processModel')[0];
  const pick = (e: XmlElement | undefined, name: string, fallback: string) => (e && attrValue(e, name)) ?? fallback;
  return {
    managedRuntimeVersion: pick(el, 'managedRuntimeVersion', base.managedRuntimeVersion),
    managedPipelineMode: pick(el, 'managedPipelineMode', base.managedPipelineMode),
    enable32BitAppOnWin64: pick(el, 'enable32BitAppOnWin64', base.enable32BitAppOnWin64),
    startMode: pick(el, 'startMode', base.startMode),
    identityType: pick(model, 'identityType', base.identityType),
    userName: pick(model, 'userName', base.userName),
    idleTimeout: pick(model, 'idleTimeout', base.idleTimeout),
  };
}

function readSites(section: XmlElement, out: Site[]): void {
  let defaultPool = 'DefaultAppPool';
  for (const d of children(section, 'applicationDefaults')) defaultPool = attrValue(d, 'applicationPool') ?? defaultPool;
  for (const el of children(section, 'site')) {
    const site: Site = { name: attrValue(el, 'name') ?? '', id: attrValue(el, 'id') ?? '', element: el, bindings: [], apps: [] };
    for (const b of children(el, 'bindings').flatMap((x) => children(x, 'binding'))) {
      site.bindings.push({ protocol: attrValue(b, 'protocol') ?? '', information: attrValue(b, 'bindingInformation') ?? '' });
    }
    const siteDefault = children(el, 'applicationDefaults').map((d) => attrValue(d, 'applicationPool')).find((p) => p !== undefined) ?? defaultPool;
    for (const app of children(el, 'application')) {
      site.apps.push({
        site, element: app, path: attrValue(app, 'path') ?? '/', pool: attrValue(app, 'applicationPool') ?? siteDefault,
        preloadEnabled: (attrValue(app, 'preloadEnabled') ?? '').toLowerCase() === 'true',
        vdirs: children(app, 'virtualDirectory').map((v) => ({ path: attrValue(v, 'path') ?? '/', physicalPath: attrValue(v, 'physicalPath') ?? '', element: v })),
      });
    }
    out.push(site);
  }
}

export function findPool(objects: HostObjects, name: string): AppPool | undefined {
  return objects.pools.find((p) => p.name.toLowerCase() === name.toLowerCase());
}

export function findSite(objects: HostObjects, name: string): Site | undefined {
  return objects.sites.find((s) => s.name.toLowerCase() === name.toLowerCase());
}

export function rootApp(site: Site): SiteApplication | undefined {
  return site.apps.find((a) => a.path === '/');
}

/** The physical folder of an application: its root virtual directory's. */
export function appFolder(app: SiteApplication): string | undefined {
  return app.vdirs.find((v) => v.path === '/')?.physicalPath;
}

/** Applications (of any site) that run in the pool. */
export function appsInPool(objects: HostObjects, pool: string): SiteApplication[] {
  return objects.sites.flatMap((s) => s.apps).filter((a) => a.pool.toLowerCase() === pool.toLowerCase());
}
