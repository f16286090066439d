/** The WSGI applications a project defines, best first: what WSGI_HANDLER could name. */
import type { ProjectFiles } from '../rules/context';
import { readEnvironment } from './environment';
import { Evaluator } from './evaluate';
import type { PythonSupport } from './moduleCache';
import { joinPath, toSlashes } from './paths';
import { hasPythonAccess, PythonProject, type ProjectModule } from './project';
import type { Span } from './summary';

export interface WsgiAppCandidate {
  /** The WSGI_HANDLER value: `app.app`, `myapp.create_app()`, `django.core.wsgi.get_wsgi_application()`. */
  handler: string;
  kind: 'instance' | 'factory' | 'django';
  framework: string;
  /** The defining file, relative to the application folder, and the span of the definition in it. */
  file: string;
  span: Span;
  /** Absolute path of `file`, when the file access knows it. */
  path?: string;
  /** Django: the settings module for DJANGO_SETTINGS_MODULE. */
  settingsModule?: string;
  /** Set on ASGI applications (FastAPI, Starlette...), listed only with `{ asgi: true }`: served by uvicorn, never by wfastcgi. */
  asgi?: true;
}

const SKIP = new Set(['node_modules', '.git', '__pycache__', 'site-packages', '.tox', '.nox', 'static', 'templates', 'migrations', 'tests', 'test']);
const MAX_DEPTH = 4;
const MAX_FILES = 3000;
const IDENT = /^[\p{L}_][\p{L}\p{N}_]*$/u;
const PREFERRED_MODULES = ['app', 'wsgi', 'application', 'main', 'server', 'run', 'web'];

export function listWsgiApps(files: ProjectFiles, support: PythonSupport, options: { pythonPath?: string[]; asgi?: boolean } = {}): WsgiAppCandidate[] {
  if (!hasPythonAccess(files)) return [];
  const env = readEnvironment(files);
  const project = new PythonProject(files, support, (options.pythonPath ?? []).map(toSlashes), env);
  const evaluator = new Evaluator(project);
  const out: WsgiAppCandidate[] = [];
  for (const name of moduleNames(project, env.venvs.map((v) => v.dir))) {
    const loc = project.find(name);
    if (loc?.kind === 'project') candidatesIn(project, evaluator, loc.module, out, options.asgi === true);
  }
  return out.sort((a, b) => score(a) - score(b) || a.handler.localeCompare(b.handler));
}

function candidatesIn(project: PythonProject, evaluator: Evaluator, module: ProjectModule, out: WsgiAppCandidate[], asgi: boolean): void {
  const summary = project.summary(module);
  if (!summary || summary.opaque || !module.file) return;
  const path = project.files.absolute?.(module.file);
  for (const name of summary.names) {
    const b = summary.bindings[name]!;
    const reexport = b.kind === 'from-import' && module.kind === 'package';
    if (b.kind !== 'assign' && b.kind !== 'def' && !reexport) continue;
    const app = evaluator.appOf(reexport ? evaluator.bindingValue(module, b) : { kind: 'binding', module, binding: b });
    if (!app || (app.app.protocol !== 'wsgi' && !asgi)) continue;
    if (!app.instance && (b.kind !== 'def' || (b.fn?.required ?? 1) > 0)) continue;
    const base = { framework: app.app.framework, file: module.file, span: b.span, ...(path ? { path } : {}), ...(app.app.protocol === 'asgi' ? { asgi: true as const } : {}) };
    out.push({ ...base, handler: app.instance ? `${module.name}.${name}` : `${module.name}.${name}()`, kind: app.instance ? 'instance' : 'factory' });
    if (app.app.framework === 'django' && app.instance && app.app.protocol === 'wsgi') {
      const pkg = module.name.includes('.') ? module.name.slice(0, module.name.lastIndexOf('.')) : '';
      const settings = pkg && project.find(`${pkg}.settings`)?.kind === 'project' ? `${pkg}.settings` : undefined;
      out.push({ ...base, handler: 'django.core.wsgi.get_wsgi_application()', kind: 'django', ...(settings ? { settingsModule: settings } : {}) });
    }
  }
}

/** Lower is better: shallow modules, usual module and attribute names, instances before factories. */
function score(c: WsgiAppCandidate): number {
  if (c.kind === 'django') return (c.settingsModule ?? 'a.b').split('.').length * 10 - 1;
  const parts = c.handler.split('.');
  const module = parts.slice(0, -1);
  const attr = parts[parts.length - 1]!.replace('()', '');
  let s = module.length * 10;
  if (c.kind === 'factory') s += 5;
  if (!PREFERRED_MODULES.includes(module[module.length - 1]!)) s += 3;
  if (!['app', 'application', 'create_app'].includes(attr)) s += 2;
  return s;
}

/** A folder to look into: an identifier, not a link, a venv, a dependency folder or (from '.') a PYTHONPATH root. */
function walkable(project: PythonProject, path: string, root: string, venvs: string[]): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (!IDENT.test(name) || SKIP.has(name) || venvs.includes(path) || project.isLink(path)) return false;
  return root !== '.' || !project.pathRoots.includes(path);
}

/** Dotted names of the project's importable .py files under the application folder and PYTHONPATH roots. */
function moduleNames(project: PythonProject, venvs: string[]): string[] {
  const names: string[] = [];
  for (const root of ['.', ...project.pathRoots]) {
    let level: { dir: string; prefix: string[] }[] = [{ dir: root, prefix: [] }];
    for (let depth = 0; depth < MAX_DEPTH && level.length && names.length < MAX_FILES; depth++) {
      const next: typeof level = [];
      for (const { dir, prefix } of level) {
        for (const [entry, kind] of project.listDir(dir) ?? []) {
          if (kind === 'file' && entry.endsWith('.py')) {
            const stem = entry.slice(0, -3);
            const dotted = stem === '__init__' ? prefix : [...prefix, stem];
            if (dotted.length && dotted.every((p) => IDENT.test(p))) names.push(dotted.join('.'));
          } else if (kind === 'dir' && walkable(project, joinPath(dir, entry), root, venvs)) {
            next.push({ dir: joinPath(dir, entry), prefix: [...prefix, entry] });
          }
        }
      }
      level = next;
    }
  }
  return [...new Set(names)].slice(0, MAX_FILES);
}
