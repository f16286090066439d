/** The parts of a host's applicationHost.config that decide whether a site's web.config can work. */
import { attr, attrValue, children, forEachDescendant } from '../model/webConfig';
import { scanXml } from '../xml/scanner';
import type { XmlElement } from '../xml/types';
import { environmentOf, readHostObjects, type HostObjects } from './hostObjects';

export interface FastCgiApplication {
  fullPath: string;
  arguments: string;
  element: XmlElement;
  /** Its <environmentVariables>, name (upper-cased) → value; register's marker is one of them. */
  environment: Map<string, string>;
  /** Its `environmentVariables/environmentVariable` (IIS Manager > FastCGI Settings): the process environment wfastcgi starts with. */
  environmentVariables: HostEnvironmentVariable[];
}

export interface HostEnvironmentVariable {
  name: string;
  value: string;
  element: XmlElement;
}

export interface AppHostConfig {
  path: string;
  text: string;
  /** True when the file could not be read as XML at all; the host checks then say nothing. */
  unreadable: boolean;
  fastCgiApplications: FastCgiApplication[];
  /** Lower-cased names in system.webServer/globalModules, or undefined when that section is absent. */
  globalModules: Set<string> | undefined;
  /** The `<section name="handlers">` declaration, when it denies overriding by default. */
  handlersDenied: XmlElement | undefined;
  /** Paths of `<location overrideMode="Allow">` that contain system.webServer/handlers. */
  handlersAllowedAt: string[];
  /** Server-level handler mappings (they apply to every site). */
  serverHandlers: { fastCgi: boolean; httpPlatform: boolean; element: XmlElement }[];
  /** The `<section name="handlers">` declaration under system.webServer, whatever its overrideModeDefault. */
  handlersSection: XmlElement | undefined;
  /** preCondition of each global module (lower-cased name → lower-cased preCondition, '' when none). */
  modulePreconditions: Map<string, string>;
  /** Application pools and sites (system.applicationHost). */
  objects: HostObjects;
  /**
   * system.webServer/rewrite/allowedServerVariables: upper-cased names → the location paths that allow them
   * ('' for the whole server). Absent from the interface's older users: optional.
   */
  allowedServerVariables?: Map<string, string[]>;
  /** The server-level `<system.webServer>` elements (proxy, webSocket... are read from them by the rules). */
  webServers?: XmlElement[];
}

export function parseAppHost(text: string, path: string): AppHostConfig {
  const doc = scanXml(text);
  const root = doc.root?.name === 'configuration' ? doc.root : undefined;
  const result: AppHostConfig = {
    path, text, unreadable: !root, fastCgiApplications: [], globalModules: undefined,
    handlersDenied: undefined, handlersAllowedAt: [], serverHandlers: [], handlersSection: undefined,
    modulePreconditions: new Map(), objects: { pools: [], sites: [] }, allowedServerVariables: new Map(),
  };
  if (!root) return result;
  result.objects = readHostObjects(root);
  result.webServers = children(root, 'system.webServer');
  for (const ws of children(root, 'system.webServer')) readWebServer(ws, result);
  for (const ws of children(root, 'system.webServer')) readAllowedVariables(ws, '', result);
  for (const loc of children(root, 'location')) for (const ws of children(loc, 'system.webServer')) readAllowedVariables(ws, attrValue(loc, 'path') ?? '', result);
  for (const loc of children(root, 'location')) readLocation(loc, result);
  for (const group of children(root, 'configSections').flatMap((c) => children(c, 'sectionGroup'))) {
    if (attrValue(group, 'name') !== 'system.webServer') continue;
    forEachDescendant(group, (el) => {
      if (el.name !== 'section' || attrValue(el, 'name') !== 'handlers') return;
      result.handlersSection = el;
      if (attrValue(el, 'overrideModeDefault') === 'Deny') result.handlersDenied = el;
    });
  }
  return result;
}

function readWebServer(ws: XmlElement, out: AppHostConfig): void {
  for (const app of children(ws, 'fastCgi').flatMap((f) => children(f, 'application'))) {
    out.fastCgiApplications.push({ fullPath: attrValue(app, 'fullPath') ?? '', arguments: attrValue(app, 'arguments') ?? '', element: app, environment: environmentOf(app), environmentVariables: readEnvironment(app) });
  }
  const modules = children(ws, 'globalModules');
  if (modules.length) {
    out.globalModules ??= new Set();
    for (const m of modules.flatMap((g) => children(g, 'add'))) {
      const name = (attrValue(m, 'name') ?? '').toLowerCase();
      out.globalModules.add(name);
      out.modulePreconditions.set(name, (attrValue(m, 'preCondition') ?? '').toLowerCase());
    }
  }
  for (const h of children(ws, 'handlers').flatMap((g) => children(g, 'add'))) {
    const mods = (attrValue(h, 'modules') ?? '').toLowerCase();
    out.serverHandlers.push({ fastCgi: mods.includes('fastcgimodule') && /python|wfastcgi/i.test(attrValue(h, 'scriptProcessor') ?? ''), httpPlatform: mods.includes('httpplatformhandler'), element: h });
  }
}

/** A FastCGI application's environment, in order (a later duplicate name wins, as in the process environment). */
function readEnvironment(app: XmlElement): HostEnvironmentVariable[] {
  const out: HostEnvironmentVariable[] = [];
  for (const v of children(app, 'environmentVariables').flatMap((e) => children(e, 'environmentVariable'))) {
    const name = attrValue(v, 'name')?.trim();
    if (name) out.push({ name, value: attrValue(v, 'value') ?? '', element: v });
  }
  return out;
}

/** The value a FastCGI application's environment gives `name` (Windows: case-insensitive), or undefined. */
export function hostVariable(app: FastCgiApplication, name: string): HostEnvironmentVariable | undefined {
  const upper = name.toUpperCase();
  let found: HostEnvironmentVariable | undefined;
  for (const v of app.environmentVariables) if (v.name.toUpperCase() === upper) found = v;
  return found;
}

/** The server variables URL Rewrite may set under `path` (`<clear/>` starts the list of that place over). */
function readAllowedVariables(ws: XmlElement, path: string, out: AppHostConfig): void {
  const map: Map<string, string[]> = (out.allowedServerVariables ??= new Map<string, string[]>());
  for (const list of children(ws, 'rewrite').flatMap((r) => children(r, 'allowedServerVariables'))) {
    for (const el of list.children) {
      if (el.name === 'clear') for (const paths of map.values()) paths.splice(0, paths.length, ...paths.filter((p) => p !== path));
      const name = attrValue(el, 'name')?.trim().toUpperCase();
      if (!name) continue;
      const paths = map.get(name) ?? [];
      if (el.name === 'add') map.set(name, [...paths, path]);
      else if (el.name === 'remove') map.set(name, paths.filter((p) => p !== path));
    }
  }
}

function readLocation(loc: XmlElement, out: AppHostConfig): void {
  const path = attrValue(loc, 'path') ?? '';
  const ws = children(loc, 'system.webServer');
  if (path === '' || path === '.') for (const w of ws) readWebServer(w, out);
  const allow = attr(loc, 'overrideMode')?.value === 'Allow' || attr(loc, 'allowOverride')?.value === 'true';
  if (allow && ws.some((w) => children(w, 'handlers').length > 0)) out.handlersAllowedAt.push(path);
}

export function sameRegistration(a: FastCgiApplication, exe: string, args: string): boolean {
  return eq(a.fullPath, exe) && eq(a.arguments, args);
}

export function eq(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}
