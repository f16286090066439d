/**
 * The deployment files of a folder for `check`: .wsgi/.fcgi/.cgi entries, nginx/Apache/lighttpd configs, uWSGI
 * ini files, systemd units, gunicorn configs and the Python files (for ProxyFix). Bounded: depth, count and size;
 * dependency and virtual-environment folders skipped; links not followed; FIFOs and devices never opened.
 */
import { lstatSync, readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { checkServerFiles, kindOf, type ServerFile, type ServerReport } from '../../core/servers/checks';
import type { PythonSupport } from '../../core/python';
import { nodeProjectFiles } from '../python/projectFiles';
import { readRegularFile } from '../safeRead';
import { projectVenv } from '../scaffold/scaffoldProject';

const SKIP = new Set(['node_modules', '.git', '.hg', '.svn', '__pycache__', '.tox', '.nox', '.mypy_cache', '.pytest_cache', 'site-packages', '.vs', '.vscode']);
const MAX_DEPTH = 6;
const MAX_FILES = 400;
const MAX_BYTES = 1_000_000;

export function collectServerFiles(dir: string): ServerFile[] {
  const out: ServerFile[] = [];
  const walk = (d: string, depth: number) => {
    let names: string[];
    try {
      names = readdirSync(d).sort();
    } catch {
      return;
    }
    for (const name of names) {
      if (out.length >= MAX_FILES) return;
      const full = join(d, name);
      let st;
      try {
        st = lstatSync(full);
      } catch {
        continue;
      }
      if (st.isDirectory()) {
        if (depth < MAX_DEPTH && !SKIP.has(name) && !isVenv(full)) walk(full, depth + 1);
        continue;
      }
      if (!st.isFile()) continue;
      const path = relative(dir, full).split('\\').join('/');
      if (!kindOf({ path, text: '' }) && !/\.(conf|ini)$|^(nginx|htaccess|\.htaccess)$/i.test(name) && !/(sites-(available|enabled)|nginx|apache2?|httpd|lighttpd)\//.test(path)) continue;
      const read = readRegularFile(full, MAX_BYTES);
      if (!read.ok) continue;
      const text = read.bytes.toString('utf8');
      const file: ServerFile = { path, text, ...(process.platform !== 'win32' ? { executable: (st.mode & 0o111) !== 0 } : {}) };
      if (kindOf(file)) out.push(file);
    }
  };
  walk(dir, 0);
  return out;
}

function isVenv(dir: string): boolean {
  try {
    return lstatSync(join(dir, 'pyvenv.cfg')).isFile();
  } catch {
    return false;
  }
}

/** The findings of the deployment files under `dir` (none when it holds no deployment file but Python). */
export function checkServerFolder(dir: string, support: PythonSupport | undefined): ServerReport[] {
  const files = collectServerFiles(dir);
  if (!files.some((f) => kindOf(f) !== 'python')) return [];
  const venv = projectVenv(dir);
  const fcgiext = files.some((f) => kindOf(f) === 'fcgiext');
  return checkServerFiles({
    files,
    ...(venv ? { venv } : {}),
    ...(support ? { python: { support, files: nodeProjectFiles(dir) } } : {}),
    ...(fcgiext ? { pathExists: localFileExists, webConfigHandler: webConfigSetsHandler(dir) } : {}),
  }).map((r) => ({ ...r, path: join(dir, r.path) }));
}

/** Whether a path written for the server is a file here: only an absolute path of this machine's own kind (a Windows path on Linux is unknown). */
export function localFileExists(path: string): boolean | undefined {
  const windowsPath = /^[A-Za-z]:[\\/]|\\/.test(path);
  if (process.platform === 'win32' ? !/^[A-Za-z]:[\\/]/.test(path) : windowsPath || !isAbsolute(path)) return undefined;
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** A web.config next to the fcgiext.ini's folder that sets WSGI_HANDLER (appSettings, or the seed's applicationSettings). */
function webConfigSetsHandler(dir: string): boolean {
  for (const name of ['web.config', 'Web.config', 'Web.Config']) {
    const read = readRegularFile(join(dir, name), MAX_BYTES);
    if (read.ok && /<add\s[^>]*key\s*=\s*["\u201c\u201d']WSGI_HANDLER["\u201c\u201d']/i.test(read.bytes.toString('utf8'))) return true;
  }
  return false;
}
