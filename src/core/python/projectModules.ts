/** The project's importable modules: what WSGI_HANDLER could name, and where routes may be registered. */
import { joinPath } from './paths';
import type { PythonProject } from './project';

const SKIP = new Set(['node_modules', '.git', '__pycache__', 'site-packages', '.tox', '.nox', 'static', 'templates', 'migrations', 'tests', 'test']);
const MAX_DEPTH = 4;
export const MAX_FILES = 3000;
const IDENT = /^[\p{L}_][\p{L}\p{N}_]*$/u;

/** A folder to look into: an identifier, not a link, a venv, a dependency folder or (from '.') a PYTHONPATH root. */
function walkable(project: PythonProject, path: string, root: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (!IDENT.test(name) || SKIP.has(name) || project.env.venvs.some((v) => v.dir === path) || project.isLink(path)) return false;
  return root !== '.' || !project.pathRoots.includes(path);
}

/** Dotted names of the project's importable .py files under the application folder and PYTHONPATH roots. */
export function moduleNames(project: PythonProject): string[] {
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
          } else if (kind === 'dir' && walkable(project, joinPath(dir, entry), root)) {
            next.push({ dir: joinPath(dir, entry), prefix: [...prefix, entry] });
          }
        }
      }
      level = next;
    }
  }
  return [...new Set(names)].slice(0, MAX_FILES);
}

/**
 * A src layout: `src/` holds packages but is not one (no `__init__.py`). Its packages import as `pkg`, with `src`
 * on sys.path; `src.pkg` would import the same files under a second name (two module objects, two apps).
 */
export function srcLayoutRoot(project: PythonProject): string | undefined {
  if (project.pathRoots.includes('src') || project.listDir('.')?.get('src') !== 'dir' || project.isLink('src')) return undefined;
  const entries = project.listDir('src');
  if (!entries || entries.get('__init__.py') === 'file') return undefined;
  for (const [name, kind] of entries) {
    if (kind === 'dir' && IDENT.test(name) && project.listDir(joinPath('src', name))?.get('__init__.py') === 'file') return 'src';
  }
  return undefined;
}
