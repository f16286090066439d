/** The Python side of one check, computed once per web.config model and shared by the Python-aware rules. */
import { envSetting, isHttpPlatformHandler, isPythonFastCgiHandler, type AppSetting, type WebConfig } from '../model/webConfig';
import type { CheckOptions } from '../rules/context';
import { readEnvironment, type Environment } from './environment';
import { hasPythonAccess, PythonProject } from './project';
import { entryCheckable, pythonPathEntries, searchRoots, type PythonPathEntry } from './pythonPath';
import { resolveHandler, type HandlerResolution } from './resolveHandler';

export interface PythonAnalysis {
  project: PythonProject;
  env: Environment;
  pythonPath: { setting: AppSetting; entries: PythonPathEntry[] } | undefined;
  /** The WSGI_HANDLER setting wfastcgi uses (environment lookup: any case, later wins). */
  handler: AppSetting | undefined;
  /** Its static resolution, when wfastcgi is the bridge and the value is a dotted name. */
  resolution: HandlerResolution | undefined;
  /** False when a PYTHONPATH entry cannot be looked up here (a server variable, a Windows path elsewhere, past MAX_SEARCH_ROOTS). */
  searchComplete: boolean;
}

const memo = new WeakMap<WebConfig, PythonAnalysis | null>();

export function pythonAnalysis(model: WebConfig, options: CheckOptions): PythonAnalysis | undefined {
  let cached = memo.get(model);
  if (cached === undefined) {
    cached = analyse(model, options) ?? null;
    memo.set(model, cached);
  }
  return cached ?? undefined;
}

function analyse(model: WebConfig, options: CheckOptions): PythonAnalysis | undefined {
  const files = options.project;
  if (!options.python || !hasPythonAccess(files)) return undefined;
  const env = readEnvironment(files);
  const pythonPath = pythonPathEntries(model, { sitePath: options.sitePath, localFolder: files.absolute?.('.') });
  const { roots, capped } = searchRoots(pythonPath?.entries ?? [], files.windowsPaths === true);
  const project = new PythonProject(files, options.python, roots, env, options.installedModules);
  const handler = envSetting(model, 'WSGI_HANDLER');
  const resolution = handler && servedByWfastcgi(model) ? resolveHandler(project, handler.value) : undefined;
  const searchComplete = !capped && (pythonPath?.entries ?? []).every((e) => entryCheckable(e, files.windowsPaths === true));
  return { project, env, pythonPath, handler, resolution, searchComplete };
}

/** wfastcgi reads WSGI_HANDLER unless the only bridge is HttpPlatformHandler (which never reads appSettings). */
export function servedByWfastcgi(model: WebConfig): boolean {
  if (model.handlers.some((h) => isPythonFastCgiHandler(model, h))) return true;
  return !model.handlers.some(isHttpPlatformHandler) && !model.httpPlatforms.length;
}
