/**
 * The web.config model: the parts IIS and wfastcgi act on, with the elements they came from.
 * Built once per check from the scanned XML; rules read it, never the raw text.
 */
import type { XmlAttribute, XmlDocument, XmlElement } from '../xml/types';

export interface AppSetting {
  /** The key as wfastcgi uses it (surrounding white space stripped). */
  key: string;
  value: string;
  element: XmlElement;
  keyAttr: XmlAttribute;
  valueAttr: XmlAttribute | undefined;
}

export interface WebConfig {
  doc: XmlDocument;
  /** The <configuration> root, when the root has that name. */
  configuration: XmlElement | undefined;
  /** <configuration> and every <location> directly under it: the places sections may appear. */
  scopes: XmlElement[];
  /** Every <add key> wfastcgi reads (exact names, any <appSettings> below <configuration>), in order. */
  appSettings: AppSetting[];
  /** Elements named exactly `appSettings`, wherever they are. */
  appSettingsSections: XmlElement[];
  /** `system.webServer/handlers/add` elements in every scope. */
  handlers: XmlElement[];
  /** `system.webServer/httpPlatform` elements in every scope. */
  httpPlatforms: XmlElement[];
  /** `system.webServer/rewrite` elements in every scope. */
  rewrites: XmlElement[];
  /** `fastCgi` elements anywhere under <configuration>. */
  fastCgiSections: XmlElement[];
}

export function attr(el: { attributes: XmlAttribute[] }, name: string): XmlAttribute | undefined {
  for (const a of el.attributes) if (a.name === name) return a;
  return undefined;
}

export function attrValue(el: XmlElement, name: string): string | undefined {
  return attr(el, name)?.value;
}

export function attrCI(el: XmlElement, name: string): XmlAttribute | undefined {
  const lower = name.toLowerCase();
  for (const a of el.attributes) if (a.name.toLowerCase() === lower) return a;
  return undefined;
}

export function children(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c) => c.name === name);
}

/** Follows a path of exact child names from each scope element. */
export function sectionElements(scopes: XmlElement[], path: string[]): XmlElement[] {
  let current = scopes;
  for (const name of path) current = current.flatMap((el) => children(el, name));
  return current;
}

export function buildWebConfig(doc: XmlDocument): WebConfig {
  const root = doc.root;
  const configuration = root && root.name === 'configuration' ? root : undefined;
  const scopes = configuration ? [configuration, ...children(configuration, 'location')] : [];
  const appSettingsSections: XmlElement[] = [];
  const fastCgiSections: XmlElement[] = [];
  const appSettings: AppSetting[] = [];
  // One pass in document order (parents before children, each top-level element starting its subtree): what is
  // inside <configuration>, and inside an <appSettings> there, without walking ancestors (deep nesting stays linear).
  // An element's descendants are the elements after it that start before its end, so the outermost <appSettings>
  // being inside is one offset (no per-element set: a 5 MB file may hold a million elements).
  let appSettingsEnd = -1;
  let top: XmlElement | undefined;
  for (const el of doc.elements) {
    if (el.name === 'appSettings') appSettingsSections.push(el);
    const p = el.parent;
    if (!p) top = el;
    if (!p || !configuration || top !== configuration) continue;
    let inside = el.start < appSettingsEnd;
    if (!inside && p.name === 'appSettings') {
      appSettingsEnd = p.end;
      inside = true;
    }
    if (el.name === 'fastCgi') fastCgiSections.push(el);
    else if (el.name === 'add' && inside) readSetting(el, appSettings);
  }
  return {
    doc,
    configuration,
    scopes,
    appSettings,
    appSettingsSections,
    handlers: sectionElements(scopes, ['system.webServer', 'handlers', 'add']),
    httpPlatforms: sectionElements(scopes, ['system.webServer', 'httpPlatform']),
    rewrites: sectionElements(scopes, ['system.webServer', 'rewrite']),
    fastCgiSections,
  };
}

/** wfastcgi's reading of one `<add>` below an `<appSettings>`: key stripped, empty keys skipped, value as written. */
function readSetting(el: XmlElement, out: AppSetting[]): void {
  const keyAttr = attr(el, 'key');
  const key = keyAttr?.value.trim();
  if (!keyAttr || !key) return;
  const valueAttr = attr(el, 'value');
  out.push({ key, value: valueAttr?.value ?? '', element: el, keyAttr, valueAttr });
}

export function isInside(el: XmlElement, ancestor: XmlElement): boolean {
  for (let p = el.parent; p; p = p.parent) if (p === ancestor) return true;
  return false;
}

/** Iterative pre-order walk of the descendants of `el` (deep nesting must not overflow the stack). */
export function forEachDescendant(el: XmlElement, visit: (d: XmlElement) => void): void {
  const stack = el.children.slice().reverse();
  while (stack.length) {
    const d = stack.pop()!;
    visit(d);
    for (let i = d.children.length - 1; i >= 0; i--) stack.push(d.children[i]!);
  }
}

/** The settings as wfastcgi's environment sees them: a later duplicate overwrites an earlier one. */
export function effectiveSettings(model: WebConfig): Map<string, AppSetting> {
  const map = new Map<string, AppSetting>();
  for (const s of model.appSettings) map.set(s.key, s);
  return map;
}

interface SettingIndex {
  /** The last setting of each key, case-insensitively (upper-cased keys) and exactly. */
  byUpper: Map<string, AppSetting>;
  byExact: Map<string, AppSetting>;
}

const INDEXES = new WeakMap<WebConfig, SettingIndex>();

/** Lookups by key in O(1): rules and PYTHONPATH's %NAME% expansion ask many times (the model is never changed). */
function settingIndex(model: WebConfig): SettingIndex {
  let index = INDEXES.get(model);
  if (!index) {
    index = { byUpper: new Map(), byExact: new Map() };
    for (const s of model.appSettings) {
      index.byUpper.set(s.key.toUpperCase(), s);
      index.byExact.set(s.key, s);
    }
    INDEXES.set(model, index);
  }
  return index;
}

/**
 * Looks a key up the way Windows environment variables are looked up (case-insensitively); keys wfastcgi
 * reads from its dictionary (WSGI_RESTART_FILE_REGEX, WSGI_PTVSD_*) must use `exactSetting`.
 */
export function envSetting(model: WebConfig, key: string): AppSetting | undefined {
  return settingIndex(model).byUpper.get(key.toUpperCase());
}

export function exactSetting(model: WebConfig, key: string): AppSetting | undefined {
  return settingIndex(model).byExact.get(key);
}

export function modulesOf(handler: XmlElement): string[] {
  return (attrValue(handler, 'modules') ?? '').split(',').map((m) => m.trim().toLowerCase()).filter(Boolean);
}

export function isFastCgiHandler(handler: XmlElement): boolean {
  return modulesOf(handler).includes('fastcgimodule');
}

export function isHttpPlatformHandler(handler: XmlElement): boolean {
  return modulesOf(handler).includes('httpplatformhandler');
}

/** A FastCGI handler that runs Python (wfastcgi), as opposed to e.g. php-cgi.exe. */
export function isPythonFastCgiHandler(model: WebConfig, handler: XmlElement): boolean {
  if (!isFastCgiHandler(handler)) return false;
  const sp = (attrValue(handler, 'scriptProcessor') ?? '').toLowerCase();
  if (/python|wfastcgi|\.py\b/.test(sp)) return true;
  if (/php|perl|ruby|\.exe$/.test(sp) && !sp.includes('|')) return false;
  return envSetting(model, 'WSGI_HANDLER') !== undefined;
}
