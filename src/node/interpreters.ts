/** Finds Python interpreters on this machine and their wfastcgi.py, without running anything. */
import { existsSync, readdirSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import type { Interpreter } from '../core/editing/env';

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
export function serverTemplates(): Interpreter[] {
  if (WIN) return [];
  return [{ python: 'C:\\Python312\\python.exe', wfastcgi: 'C:\\Python312\\Lib\\site-packages\\wfastcgi.py', source: 'template' }];
}
