/**
 * The other deployment systems of the seeds (the Flask deployment chapter): mod_wsgi under Apache, gunicorn behind
 * nginx, uWSGI behind nginx, FastCGI through flup, CGI. What their files are made from: the same application
 * (WsgiApp, found by the Python-aware analysis) and static folder as the IIS scaffold, plus the paths on a Unix
 * server. Every path goes into Apache, nginx, lighttpd, systemd and uWSGI files and into a shebang line, so only
 * plain characters are accepted (no quoting rules of five formats to get right).
 */
import type { WsgiApp } from '../editing/env';
import type { MessageKey, Translate } from '../messages';
import type { AppSetup, Problem, StaticServing } from '../scaffold/options';

export const SERVER_TARGETS = ['mod_wsgi', 'gunicorn-nginx', 'uwsgi-nginx', 'fastcgi-flup', 'cgi'] as const;
export type ServerTarget = (typeof SERVER_TARGETS)[number];

/** Where things are on the Unix server. */
export interface UnixServerPaths {
  /** The application's folder: the project's files go there (`/var/www/<name>`). */
  appDir: string;
  /** The interpreter that runs the app: the venv's `bin/python` or a system python. */
  python: string;
  /** The virtual environment's folder, when `python` is in one. */
  venv?: string;
}

export interface ServerDeployOptions {
  name: string;
  target: ServerTarget;
  app: WsgiApp;
  server: UnixServerPaths;
  /** The static folder the web server serves itself (as the IIS scaffold's). */
  staticFolder: boolean | StaticServing;
  setup?: AppSetup;
  /** The project has (or the scaffold writes) requirements.txt. */
  requirements: boolean;
  /** DEPLOY.md in the display language (English without it). */
  translate?: Translate;
}

/** The local port gunicorn binds (nginx's proxy_pass); the seed's example uses 8000. */
export const GUNICORN_PORT = 8000;
/** The user the web server's workers run as on Debian and Ubuntu (nginx, Apache). */
export const WEB_USER = 'www-data';

/** The uWSGI socket: in a folder systemd creates for the service (RuntimeDirectory), not in world-writable /tmp. */
export function uwsgiSocket(name: string): string {
  return `/run/${name}/uwsgi.sock`;
}

/** The FastCGI socket lighttpd / nginx and the .fcgi process share. */
export function fastcgiSocket(name: string): string {
  return `/run/${name}/fcgi.sock`;
}

/** Plain path characters: letters, digits, `._-+@/` (no spaces, quotes, `$`, `;`, `#`, braces, backslashes). */
const PLAIN_PATH = /^\/[A-Za-z0-9._+@/-]*$/;

export function unixPathProblem(path: string, what: MessageKey): Problem | undefined {
  if (!path.startsWith('/')) return { key: 'servers.path.notAbsolute', args: { what: `@${what}`, path } };
  if (!PLAIN_PATH.test(path) || path.split('/').some((p) => p === '..' || p === '.')) return { key: 'servers.path.badChar', args: { what: `@${what}`, path } };
  return undefined;
}

/** `/srv/app/.venv/bin/python3` → `/srv/app/.venv`; a system interpreter (/usr/bin/python3) has none. */
export function venvOf(python: string): string | undefined {
  const m = /^(\/.+)\/bin\/python[0-9.]*$/.exec(python);
  if (!m) return undefined;
  return /^\/(usr(\/local)?|opt\/homebrew)?$/.test(m[1]!) || m[1] === '' ? undefined : m[1];
}

export interface UnixPathsInput {
  name: string;
  appDir?: string;
  python?: string;
}

export type UnixPathsResult = { ok: true; server: UnixServerPaths; notes: Problem[] } | { ok: false; problem: Problem };

/** The server paths from what was given: the app in /var/www/<name>, a virtual environment `.venv` inside it. */
export function unixServerPaths(input: UnixPathsInput): UnixPathsResult {
  const notes: Problem[] = [];
  const appDir = (input.appDir ?? `/var/www/${input.name}`).replace(/\/+$/, '') || '/';
  const dirProblem = unixPathProblem(appDir, 'servers.what.appDir');
  if (dirProblem) return { ok: false, problem: dirProblem };
  if (input.appDir === undefined) notes.push({ key: 'servers.note.appDirDefault', args: { dir: appDir } });
  const python = input.python ?? `${appDir}/.venv/bin/python`;
  const pyProblem = unixPathProblem(python, 'servers.what.python');
  if (pyProblem) return { ok: false, problem: pyProblem };
  if (!/\/python[0-9.]*$/.test(python)) return { ok: false, problem: { key: 'servers.python.notPython', args: { path: python } } };
  const venv = venvOf(python);
  if (input.python === undefined) notes.push({ key: 'servers.note.venvDefault', args: { python } });
  return { ok: true, server: { appDir, python, ...(venv ? { venv } : {}) }, notes };
}

/** The targets that serve ASGI applications: none (they are WSGI servers). */
export function targetProblem(target: ServerTarget, app: WsgiApp): Problem | undefined {
  return app.asgi ? { key: 'servers.asgi', args: { handler: app.handler, target } } : undefined;
}

export function parseTarget(value: string): ServerTarget | undefined {
  const v = value.toLowerCase().replace(/_/g, '-');
  return SERVER_TARGETS.find((t) => t.replace(/_/g, '-') === v);
}
