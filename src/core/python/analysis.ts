/** The Python side of one check, computed once per web.config model and shared by the Python-aware rules. */
import type { RelatedLocation } from '../findings';
import { envSetting, isHttpPlatformHandler, isPythonFastCgiHandler, type AppSetting, type WebConfig } from '../model/webConfig';
import type { CheckOptions } from '../rules/context';
import type { XmlAttribute } from '../xml/types';
import { readEnvironment, type Environment } from './environment';
import { hasPythonAccess, PythonProject } from './project';
import { entryCheckable, parsePythonPath, pythonPathEntries, searchRoots, type PythonPathEntry } from './pythonPath';
import { resolveHandler, type HandlerResolution } from './resolveHandler';

/**
 * A value from the FastCGI application's environmentVariables in applicationHost.config (the process environment
 * wfastcgi starts with). Findings about it go on `anchor` (the web.config's scriptProcessor that selects that
 * FastCGI application) with `related` pointing at the environmentVariable.
 */
export interface HostValue {
  value: string;
  anchor: XmlAttribute;
  related: RelatedLocation;
}

/** `name` in the host's FastCGI environment for this web.config's own wfastcgi handler, when the host is known. */
export type HostLookup = (name: string) => HostValue | undefined;

/** Where WSGI_HANDLER's value comes from: the web.config's appSetting (`valueAttr`), or the host (`host`). */
export interface HandlerSource {
  value: string;
  valueAttr?: XmlAttribute | undefined;
  host?: HostValue;
}

export interface PythonAnalysis {
  project: PythonProject;
  env: Environment;
  pythonPath: { setting: AppSetting; entries: PythonPathEntry[] } | undefined;
  /** PYTHONPATH of the host's FastCGI environment: Python puts these on sys.path at start-up, before wfastcgi's. */
  hostPythonPath: { host: HostValue; entries: PythonPathEntry[] } | undefined;
  /**
   * The WSGI_HANDLER wfastcgi uses: the appSetting (environment lookup: any case, later wins; wfastcgi copies it
   * over the process environment), else the host's FastCGI environmentVariable.
   */
  handler: HandlerSource | undefined;
  /** DJANGO_SETTINGS_MODULE the same way (appSetting first, then the host). */
  djangoSettings: string | undefined;
  /** Its static resolution, when wfastcgi is the bridge and the value is a dotted name. */
  resolution: HandlerResolution | undefined;
  /** False when a PYTHONPATH entry cannot be looked up here (a server variable, a Windows path elsewhere, past MAX_SEARCH_ROOTS). */
  searchComplete: boolean;
}

const memo = new WeakMap<WebConfig, PythonAnalysis | null>();

/** `host` answers for the host's FastCGI environment (the rules pass it; without it only the web.config counts). */
export function pythonAnalysis(model: WebConfig, options: CheckOptions, host?: HostLookup): PythonAnalysis | undefined {
  let cached = memo.get(model);
  if (cached === undefined) {
    cached = analyse(model, options, host) ?? null;
    memo.set(model, cached);
  }
  return cached ?? undefined;
}

function analyse(model: WebConfig, options: CheckOptions, host: HostLookup | undefined): PythonAnalysis | undefined {
  const files = options.project;
  if (!options.python || !hasPythonAccess(files)) return undefined;
  const env = readEnvironment(files);
  const context = { sitePath: options.sitePath, localFolder: files.absolute?.('.') };
  const pythonPath = pythonPathEntries(model, context);
  const hostPath = host?.('PYTHONPATH');
  // No %NAME% expansion (Python reads the variable as it is); relative entries are relative to the worker's own
  // current folder at start-up, not the application folder: they cannot be looked up here.
  const hostEntries = hostPath ? parsePythonPath(hostPath.value, () => undefined, context) : [];
  const hostPythonPath = hostPath ? { host: hostPath, entries: hostEntries } : undefined;
  const all = [...hostEntries, ...(pythonPath?.entries ?? [])];
  const windowsPaths = files.windowsPaths === true;
  const { roots, capped } = searchRoots(all.filter((e) => !hostEntries.includes(e) || e.kind === 'windows'), windowsPaths);
  const project = new PythonProject(files, options.python, roots, env, options.installedModules);
  const setting = envSetting(model, 'WSGI_HANDLER');
  const fromHost = setting ? undefined : host?.('WSGI_HANDLER');
  const handler: HandlerSource | undefined = setting ?? (fromHost ? { value: fromHost.value, host: fromHost } : undefined);
  const djangoSettings = envSetting(model, 'DJANGO_SETTINGS_MODULE')?.value.trim() || host?.('DJANGO_SETTINGS_MODULE')?.value.trim() || undefined;
  const resolution = handler && servedByWfastcgi(model) ? resolveHandler(project, handler.value) : undefined;
  const searchComplete = !capped && all.every((e) => entryCheckable(e, windowsPaths) && (!hostEntries.includes(e) || e.kind === 'windows'));
  return { project, env, pythonPath, hostPythonPath, handler, djangoSettings, resolution, searchComplete };
}

/** wfastcgi reads WSGI_HANDLER unless the only bridge is HttpPlatformHandler (which never reads appSettings). */
export function servedByWfastcgi(model: WebConfig): boolean {
  if (model.handlers.some((h) => isPythonFastCgiHandler(model, h))) return true;
  return !model.handlers.some(isHttpPlatformHandler) && !model.httpPlatforms.length;
}
