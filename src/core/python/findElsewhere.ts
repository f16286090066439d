/** A module that is in the project but not on sys.path (Django one folder deeper, a src/ layout): the PYTHONPATH fix. */
import { joinPath } from './paths';
import type { PythonProject } from './project';

const SKIP = new Set(['node_modules', '.git', '__pycache__', 'site-packages', '.tox', '.venv', 'venv', 'env', 'static', 'templates']);
const MAX_DEPTH = 3;
const MAX_FOLDERS = 300;

export function findElsewhere(project: PythonProject, top: string): { file: string; folder: string } | undefined {
  let level = ['.'];
  let visited = 0;
  for (let depth = 0; depth < MAX_DEPTH && level.length; depth++) {
    const next: string[] = [];
    for (const dir of level) {
      const entries = project.listDir(dir);
      if (!entries || ++visited > MAX_FOLDERS) continue;
      if (depth > 0 && entries.get(`${top}.py`) === 'file') return { file: joinPath(dir, `${top}.py`), folder: dir };
      if (depth > 0 && entries.get(top) === 'dir' && project.listDir(joinPath(dir, top))?.get('__init__.py') === 'file') {
        return { file: joinPath(dir, `${top}/__init__.py`), folder: dir };
      }
      for (const [name, kind] of entries) {
        if (kind === 'dir' && !SKIP.has(name) && !name.startsWith('.') && !project.env.venvs.some((v) => v.dir === joinPath(dir, name))) next.push(joinPath(dir, name));
      }
    }
    level = next;
  }
  return undefined;
}
