/**
 * Where the application's static files are and the URL they are served under: Flask's static folder (`static/`
 * next to the module that creates the app, or `static_folder=` / `static_url_path=`), Django's STATIC_ROOT and
 * STATIC_URL (unless WhiteNoise serves them from Python, which is fine).
 */
import { readDjangoSettings } from './djangoSettings';
import { Evaluator, type Value } from './evaluate';
import type { PythonProject } from './project';
import { resolveHandler } from './resolveHandler';
import { baseName, dirName, joinPath } from './paths';
import type { ProjectModule } from './project';
import type { CallInfo } from './summary';

export interface StaticFolder {
  /** The folder on disk, relative to the application folder. */
  folder: string;
  /** Its URL path without slashes (`static`). */
  url: string;
  /** Django: STATIC_ROOT, filled by `manage.py collectstatic` (it may not exist yet). */
  django?: true;
}

/** Where the handler's Flask app serves static files from, when that folder exists. */
export function flaskStaticFolder(evaluator: Evaluator, final: Value): StaticFolder | undefined {
  const app = evaluator.appOf(final);
  if (!app || app.app.framework !== 'flask') return undefined;
  const module = definingModule(final, evaluator);
  if (!module?.file) return undefined;
  const summary = evaluator.project.summary(module);
  const call = summary?.appCalls.find((c) => evaluator.callApp(module, c)?.framework === 'flask');
  if (!call) return undefined;
  const where = staticOf(call, dirName(module.file));
  return where && evaluator.project.files.isDirectory(where.folder) ? where : undefined;
}

/** The module whose code creates the app: through `app = create_app()` and `application = app` to the factory's module. */
function definingModule(v: Value, ev?: Evaluator, depth = 0): ProjectModule | undefined {
  if (v.kind === 'instance') return v.origin?.module;
  if (v.kind !== 'binding') return undefined;
  const value = v.binding.value;
  if (ev && depth < 8 && v.binding.kind === 'assign' && value?.kind === 'name') return definingModule(ev.resolveName(v.module, value.name), ev, depth + 1) ?? v.module;
  if (ev && depth < 8 && v.binding.kind === 'assign' && value?.kind === 'call' && !ev.project.summary(v.module)?.appCalls.length) {
    const callee = ev.resolveName(v.module, value.call.callee);
    if (callee.kind === 'binding' && callee.binding.kind === 'def') return callee.module;
  }
  return v.module;
}

/** The static folder of the application WSGI_HANDLER names (Flask), or of its Django settings module. */
export function appStaticFolder(project: PythonProject, handler: string, djangoSettingsModule?: string): StaticFolder | undefined {
  if (djangoSettingsModule) return djangoStaticFolder(project, djangoSettingsModule);
  const r = resolveHandler(project, handler);
  return r && !r.problems.length ? flaskStaticFolder(new Evaluator(project), r.final) : undefined;
}

/** Django's STATIC_ROOT as the folder IIS serves under STATIC_URL; none when WhiteNoise serves them (from Python, fine). */
export function djangoStaticFolder(project: PythonProject, settingsModule: string): StaticFolder | undefined {
  const loc = project.find(settingsModule);
  const file = loc?.kind === 'project' ? loc.module.file : undefined;
  const text = file ? project.files.readText(file) : undefined;
  if (!file || text === undefined) return undefined;
  const settings = readDjangoSettings(file, text);
  if (settings.whitenoise || !settings.staticRoot) return undefined;
  return { folder: settings.staticRoot, url: settings.staticUrl || 'static', django: true };
}

function staticOf(call: CallInfo, moduleDir: string): StaticFolder | undefined {
  const folderKw = call.keywords['static_folder'];
  const urlKw = call.keywords['static_url_path'];
  if (folderKw && !('literal' in folderKw)) return undefined;
  if (urlKw && 'other' in urlKw) return undefined;
  const folderName = folderKw && 'literal' in folderKw ? folderKw.literal : 'static';
  const folder = /^[A-Za-z]:|^[\\/]/.test(folderName) ? undefined : joinPath(moduleDir, folderName.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/$/, ''));
  if (!folder) return undefined;
  const parts: string[] = [];
  for (const p of folder.split('/')) {
    if (p === '..') {
      if (!parts.length) return undefined;
      parts.pop();
    } else if (p && p !== '.') parts.push(p);
  }
  if (!parts.length) return undefined;
  const normalized = parts.join('/');
  const url = urlKw && 'literal' in urlKw ? urlKw.literal.replace(/^\/+|\/+$/g, '') : baseName(normalized);
  return url ? { folder: normalized, url } : undefined;
}
