/** Finds Python interpreters on this machine and their wfastcgi.py, without running anything. */
import { existsSync, readdirSync, realpathSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import type { Interpreter } from '../../core/editing/env';

const WIN = process.platform === 'win32';

/** The interpreter of a virtual environment folder (the folder holding pyvenv.cfg), if present. */
export function venvInterpreter(venv: string): Interpreter | undefined {
  const python = WIN ? join(venv, 'Scripts', 'python.exe') : join(venv, 'bin', 'python');
  if (!existsSync(python)) return undefined;
  const it: Interpreter = { python, source: 'venv' };
  const wfastcgi = findWfastcgi(venv);
  if (wfastcgi) it.wfastcgi = wfastcgi;
  return it;
}

/** `<prefix>\Lib\site-packages\wfastcgi.py` (Windows) or `<prefix>/lib/pythonX.Y/site-packages/wfastcgi.py`. */
export function findWfastcgi(prefix: string): string | undefined {
  const windowsLayout = join(prefix, 'Lib', 'site-packages', 'wfastcgi.py');
  if (existsSync(windowsLayout)) return windowsLayout;
  try {
    for (const entry of readdirSync(join(prefix, 'lib'))) {
      const candidate = join(prefix, 'lib', entry, 'site-packages', 'wfastcgi.py');
      if (/^python3/.test(entry) && existsSync(candidate)) return candidate;
    }
  } catch {
    // no lib folder
  }
  return undefined;
}

/** python.exe / python3 on PATH, each with the wfastcgi.py of its installation when there is one. */
export function pathInterpreters(env: NodeJS.ProcessEnv = process.env): Interpreter[] {
  const names = WIN ? ['python.exe'] : ['python3', 'python'];
  const seen = new Set<string>();
  const out: Interpreter[] = [];
  for (const dir of (env['PATH'] ?? env['Path'] ?? '').split(delimiter).filter(Boolean)) {
    if (/[\\/]WindowsApps$/i.test(dir) || /\.pyenv[\\/]shims$/.test(dir)) continue;
    for (const name of names) {
      const python = join(dir, name);
      if (seen.has(python) || !existsSync(python)) continue;
      seen.add(python);
      const it: Interpreter = { python, source: 'path' };
      const wfastcgi = findWfastcgi(WIN ? dir : dirname(dir));
      if (wfastcgi) it.wfastcgi = wfastcgi;
      out.push(it);
    }
  }
  return out;
}

/** For a Linux or macOS user editing a Windows server's config: the usual server layout, to edit. */
export function serverTemplates(windows = WIN): Interpreter[] {
  if (windows) return [];
  return [{ python: 'C:\\Python312\\python.exe', wfastcgi: 'C:\\Python312\\Lib\\site-packages\\wfastcgi.py', source: 'template' }];
}

/**
 * The server's interpreters the user listed (flaskIis.server.interpreterPaths, machine-scoped): absolute Windows
 * paths of python.exe only, each with wfastcgi.py where `pip install wfastcgi` puts it. Nothing is looked up
 * here: they are paths on another machine.
 */
export function listedServerInterpreters(paths: readonly unknown[]): Interpreter[] {
  return paths
    .filter((p): p is string => typeof p === 'string')
    .map((p) => p.trim().replace(/^"(.*)"$/, '$1'))
    .filter((p) => /^[A-Za-z]:\\[^|<>"*?]*python[\w.]*\.exe$/i.test(p) && !p.includes('/'))
    .map((python) => {
      const dir = python.slice(0, python.lastIndexOf('\\'));
      const root = /\\Scripts$/i.test(dir) ? dir.slice(0, -'\\Scripts'.length) : dir;
      return { python, wfastcgi: `${root}\\Lib\\site-packages\\wfastcgi.py`, source: 'server' as const };
    });
}

/**
 * One entry per interpreter: the same program reached through a link (Debian's /bin → /usr/bin, python →
 * python3.12 in one folder, a Windows junction) is listed once, the first found kept. The key is the real
 * folder plus the real program, so a virtual environment's python (a link to the base python.exe, but its own
 * folder and pyvenv.cfg) stays apart from its base. Paths that do not resolve (a server path on another
 * machine) compare as written (case-insensitively when they are Windows paths).
 */
export function dedupeByRealPath(list: Interpreter[], real: (path: string) => string | undefined = realPath): Interpreter[] {
  const seen = new Set<string>();
  return list.filter((it) => {
    const windowsPath = /^[A-Za-z]:[\\/]|\\/.test(it.python);
    const dir = windowsPath ? it.python.replace(/[\\/][^\\/]*$/, '') : dirname(it.python);
    const resolved = `${real(dir) ?? dir}\0${real(it.python) ?? it.python}`;
    const key = windowsPath || WIN ? resolved.toLowerCase() : resolved;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function realPath(path: string): string | undefined {
  if (/^[A-Za-z]:[\\/]/.test(path) && !WIN) return undefined;
  try {
    return realpathSync.native(path);
  } catch {
    return undefined;
  }
}
