/** The Flask application's static folder (`static/` next to the module that creates it, or `static_folder=`). */
import type { Evaluator, Value } from './evaluate';
import { baseName, dirName, joinPath } from './paths';
import type { ProjectModule } from './project';
import type { CallInfo } from './summary';

export interface StaticFolder {
  /** The folder on disk, relative to the application folder. */
  folder: string;
  /** Its URL path without slashes (`static`). */
  url: string;
}

/** Where the handler's Flask app serves static files from, when that folder exists. */
export function flaskStaticFolder(evaluator: Evaluator, final: Value): StaticFolder | undefined {
  const app = evaluator.appOf(final);
  if (!app || app.app.framework !== 'flask') return undefined;
  const module = definingModule(final);
  if (!module?.file) return undefined;
  const summary = evaluator.project.summary(module);
  const call = summary?.appCalls.find((c) => evaluator.callApp(module, c)?.framework === 'flask');
  if (!call) return undefined;
  const where = staticOf(call, dirName(module.file));
  return where && evaluator.project.files.isDirectory(where.folder) ? where : undefined;
}

function definingModule(v: Value): ProjectModule | undefined {
  if (v.kind === 'binding') return v.module;
  if (v.kind === 'instance') return v.origin?.module;
  return undefined;
}

function staticOf(call: CallInfo, moduleDir: string): StaticFolder | undefined {
  const folderKw = call.keywords['static_folder'];
  const urlKw = call.keywords['static_url_path'];
  if (folderKw && !('literal' in folderKw)) return undefined;
  if (urlKw && 'other' in urlKw) return undefined;
  const folderName = folderKw && 'literal' in folderKw ? folderKw.literal : 'static';
  const folder = /^[A-Za-z]:|^[\\/]/.test(folderName) ? undefined : joinPath(moduleDir, folderName.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/$/, ''));
  if (!folder) return undefined;
  const url = urlKw && 'literal' in urlKw ? urlKw.literal.replace(/^\/+|\/+$/g, '') : baseName(folder);
  return url ? { folder, url } : undefined;
}
