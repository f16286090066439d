/**
 * `.vscode/flask-iis.json`: what `register` created on the host, so `unregister` removes exactly that and
 * nothing that existed before. The file lives in the project, so it is read as untrusted input: every entry
 * is validated and anything unexpected is dropped with a reason, and an entry is only evidence: unregister
 * acts on it only when the host shows the object carries register's marker (see unregisterPlan.ts).
 */
import { checkPath } from './appcmd';
import { isHostAbsolute, isRemoteOrDevicePath } from './hostPaths';
import { isServiceName } from './services';

export type ManifestEntry =
  | { kind: 'apppool'; name: string }
  | { kind: 'site'; name: string }
  | { kind: 'fastcgi'; fullPath: string; arguments: string }
  | { kind: 'unlock'; section: string }
  | { kind: 'grant'; path: string; principal: string }
  | { kind: 'setting'; object: 'apppool' | 'app'; name: string; attribute: string; previous: string }
  /** ARR's proxy was turned on; `previous`: 'absent' (no <proxy> in applicationHost.config) or 'false'. */
  | { kind: 'proxy'; previous: 'absent' | 'false' }
  /** A server variable added to the server-level allowedServerVariables. */
  | { kind: 'serverVariable'; name: string }
  /** A Windows service installed (WinSW), and the same service started. */
  | { kind: 'service'; name: string }
  | { kind: 'serviceRunning'; name: string };

export interface Manifest {
  version: 1;
  site: string;
  pool: string;
  /** The IIS Express configuration file the objects were created in; absent for full IIS. */
  apphostconfig?: string;
  /** In creation order. */
  created: ManifestEntry[];
}

export const MANIFEST_PATH = '.vscode/flask-iis.json';

const SETTING_ATTRIBUTES = new Set(['startMode', 'processModel.idleTimeout', 'preloadEnabled']);
const SECTIONS = new Set(['system.webServer/handlers']);

export type ParsedManifest = { ok: true; manifest: Manifest; dropped: string[] } | { ok: false; reason: string };

export function parseManifest(text: string): ParsedManifest {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, reason: `not JSON (${e instanceof Error ? e.message : String(e)})` };
  }
  if (!isObject(raw) || raw['version'] !== 1) return { ok: false, reason: 'not a version 1 flask-iis manifest' };
  const site = raw['site'];
  const pool = raw['pool'];
  if (typeof site !== 'string' || typeof pool !== 'string') return { ok: false, reason: 'site and pool must be strings' };
  const created: ManifestEntry[] = [];
  const dropped: string[] = [];
  for (const item of Array.isArray(raw['created']) ? raw['created'] : []) {
    const entry = toEntry(item);
    if (entry) created.push(entry);
    else dropped.push(JSON.stringify(item).slice(0, 120));
  }
  const manifest: Manifest = { version: 1, site, pool, created };
  const config = raw['apphostconfig'];
  if (typeof config === 'string' && config) {
    // Which configuration file appcmd then changes: only a local, absolute *.config path is taken from the project.
    if (isUsableConfigPath(config)) manifest.apphostconfig = config;
    else dropped.push(JSON.stringify({ apphostconfig: config }).slice(0, 120));
  }
  return { ok: true, manifest, dropped };
}

function toEntry(item: unknown): ManifestEntry | undefined {
  if (!isObject(item)) return undefined;
  const s = (k: string) => (typeof item[k] === 'string' ? (item[k] as string) : undefined);
  switch (item['kind']) {
    case 'apppool':
    case 'site': {
      const name = s('name');
      return name ? { kind: item['kind'], name } : undefined;
    }
    case 'fastcgi': {
      const fullPath = s('fullPath');
      const args = s('arguments');
      return fullPath && args !== undefined ? { kind: 'fastcgi', fullPath, arguments: args } : undefined;
    }
    case 'unlock': {
      const section = s('section');
      return section && SECTIONS.has(section) ? { kind: 'unlock', section } : undefined;
    }
    case 'grant': {
      const path = s('path');
      const principal = s('principal');
      return path && principal ? { kind: 'grant', path, principal } : undefined;
    }
    case 'setting': {
      const object = s('object');
      const name = s('name');
      const attribute = s('attribute');
      const previous = s('previous');
      if ((object !== 'apppool' && object !== 'app') || !name || !attribute || !SETTING_ATTRIBUTES.has(attribute) || previous === undefined) return undefined;
      return { kind: 'setting', object, name, attribute, previous };
    }
    case 'proxy': {
      const previous = s('previous');
      return previous === 'absent' || previous === 'false' ? { kind: 'proxy', previous } : undefined;
    }
    case 'serverVariable': {
      const name = s('name');
      return name && /^[A-Z][A-Z0-9_]{0,99}$/i.test(name) ? { kind: 'serverVariable', name } : undefined;
    }
    case 'service':
    case 'serviceRunning': {
      const name = s('name');
      return name && isServiceName(name) ? { kind: item['kind'], name } : undefined;
    }
    default:
      return undefined;
  }
}

export function serializeManifest(manifest: Manifest): string {
  return JSON.stringify(manifest, null, 2) + '\n';
}

export function sameEntry(a: ManifestEntry, b: ManifestEntry): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function isUsableConfigPath(path: string): boolean {
  return !checkPath('apphostconfig', path) && isHostAbsolute(path) && !isRemoteOrDevicePath(path) && /\.config$/i.test(path.trim());
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
