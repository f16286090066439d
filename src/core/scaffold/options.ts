/** What a scaffold is made from (project, bridge, the server's paths), and the validation of what users type. */
import type { WsgiApp } from '../editing/env';
import { checkBracketValue } from '../host/appcmd';
import type { MessageArgs, MessageKey, Translate } from '../messages';
import { STDLIB_MODULES } from '../python/stdlib';

export type Bridge = 'wfastcgi' | 'httpplatform' | 'proxy';
export type Layout = 'package' | 'module';

/** Where things are on the IIS server: Windows paths, whatever machine the scaffold is generated on. */
export interface ServerPaths {
  /** The site's physical path: the folder that holds web.config (also PYTHONPATH). */
  sitePath: string;
  /** The python.exe IIS starts. */
  python: string;
  /** wfastcgi.py of the same environment (wfastcgi bridge). */
  wfastcgi: string;
  /** When the interpreter is a virtual environment inside the site folder: its folder name (`.venv`). */
  venv?: string;
  /** The log folder: relative to the site (`logs`, created by the scaffold) or an absolute server path. */
  logDir?: string;
}

/** A `flask-iis` task type the extension contributes (package.json `taskDefinitions`), when it does. */
export interface HostTaskDefinition {
  type: string;
  required?: string[];
  properties?: Record<string, { type?: string; enum?: string[] }>;
}

export interface DeployOptions {
  /** The site's and application pool's name. */
  name: string;
  bridge: Bridge;
  /** What WSGI_HANDLER / the server command serves. */
  app: WsgiApp;
  server: ServerPaths;
  /**
   * The static files IIS serves itself: `true` for a `static` folder at the site root (static/web.config), or the
   * folder and its URL when they differ (a folder in a package, Django's STATIC_ROOT): a rewrite rule then sends
   * /url/... there, and folder/web.config removes the Python handler.
   */
  staticFolder: boolean | StaticServing;
  hostTasks?: HostTaskDefinition;
  /** What the application needs on the server besides its files (DEPLOY.md). */
  setup?: AppSetup;
  /** The display language's translation of DEPLOY.md's prose (the l10n bundle); English without it. */
  translate?: Translate;
  /** The reverse-proxy bridge: where the Python service listens, and how the app learns the public request. */
  proxy?: ProxySettings;
}

/** IIS (URL Rewrite + ARR) in front of a Python service on 127.0.0.1:port. */
export interface ProxySettings {
  /** The loopback port the service listens on. */
  port: number;
  /** The application's URL path when it is not at the site root (`/sub`), sent as X-Forwarded-Prefix. */
  urlPrefix?: string;
  /** The app is a Flask (Werkzeug) app: the wrapper applies Werkzeug's ProxyFix. */
  werkzeug?: boolean;
}

export const DEFAULT_BACKEND_PORT = 8000;

/** A port the service can listen on: 1024-65535 (below needs administrator rights, and 80/443 are IIS's). */
export function backendPortProblem(port: number): Problem | undefined {
  return Number.isInteger(port) && port >= 1024 && port <= 65535 ? undefined : problem('scaffold.proxy.port', { port: String(port) });
}

/** `/sub`, `sub/`, `/a/b` → `/sub`, `/sub`, `/a/b`; `/` and `` → undefined (the site root). */
export function normalizeUrlPrefix(prefix: string): string | undefined {
  const p = prefix.trim().replace(/\\/g, '/').replace(/^\/+|\/+$/g, '');
  return p ? `/${p}` : undefined;
}

/** A URL path of plain segments: letters, digits and `-._~` (it is written into web.config and a Python string). */
export function urlPrefixProblem(prefix: string): Problem | undefined {
  return /^(\/[A-Za-z0-9._~-]+)+$/.test(prefix) && !/(^|\/)\.\.?(\/|$)/.test(prefix) ? undefined : problem('scaffold.proxy.prefix', { prefix });
}

export interface StaticServing {
  /** The folder, relative to the site folder, `/`-separated (`flaskr/static`, `staticfiles`). */
  folder: string;
  /** The URL path without slashes (`static`). */
  url: string;
  /** Django: filled by collectstatic. */
  django?: boolean;
}

export interface AppSetup {
  /** Requirement strings declared only in pyproject.toml (no requirements.txt). */
  pyprojectDependencies?: string[];
  django?: { settingsFile: string; allowedHosts: boolean; csrfTrustedOrigins: boolean; staticRoot?: string };
  /** Flask CLI commands that set the app up (`init-db`), and the module `flask --app` loads. */
  flaskCommands?: { app: string; commands: string[] };
  /** The app writes to Flask's instance folder. */
  instanceFolder?: boolean;
}

/** The static folder of a deployment, whatever form it was given in. */
export function staticServing(o: Pick<DeployOptions, 'staticFolder'>): StaticServing | undefined {
  if (o.staticFolder === true) return { folder: 'static', url: 'static' };
  return o.staticFolder || undefined;
}

export interface NewProjectOptions extends Omit<DeployOptions, 'app' | 'staticFolder'> {
  layout: Layout;
}

export interface Problem {
  key: MessageKey;
  args: MessageArgs;
}

const problem = (key: MessageKey, args: MessageArgs = {}): Problem => ({ key, args });

/** The module names a new package must not take: it would shadow them for the whole interpreter. */
const SHADOWED = new Set(['flask', 'werkzeug', 'jinja2', 'markupsafe', 'itsdangerous', 'click', 'blinker', 'waitress', 'wfastcgi', 'uvicorn', 'django', 'fastapi', 'test', 'tests']);
const KEYWORDS = new Set(['False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield']);

/** A package name from a folder name: `My Site (2)` → `my_site_2`. */
export function suggestName(folderName: string): string {
  const base = folderName.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
  const name = /^[0-9]/.test(base) ? `app_${base}` : base || 'webapp';
  return KEYWORDS.has(name) || SHADOWED.has(name) || STDLIB_MODULES.has(name) ? `${name}_app` : name;
}

export function nameProblem(name: string): Problem | undefined {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return problem('scaffold.name.invalid', { name, suggestion: suggestName(name) });
  if (KEYWORDS.has(name)) return problem('scaffold.name.invalid', { name, suggestion: `${name}_app` });
  if (SHADOWED.has(name.toLowerCase()) || STDLIB_MODULES.has(name)) return problem('scaffold.name.shadows', { name, suggestion: `${name}_app` });
  return undefined;
}

const WINDOWS_ABSOLUTE = /^([A-Za-z]:\\|\\\\[^\\]+\\[^\\]+)/;
const PYTHON_EXE = /(^|\\)python(w)?(\d+(\.\d+)*)?\.exe$/i;

/** Backslashes for a Windows path typed with `/`, surrounding quotes dropped, no trailing separator. */
export function normalizeWindowsPath(path: string): string {
  const bare = path.trim().replace(/^"(.*)"$/, '$1').replace(/\//g, '\\');
  return /^[A-Za-z]:\\$/.test(bare) ? bare : bare.replace(/\\+$/, '');
}

/** A path on the IIS server: absolute, with characters Windows allows, without %VARIABLES% IIS or wfastcgi expand. */
export function windowsPathProblem(path: string, what: MessageKey): Problem | undefined {
  const args = { what: `@${what}`, path };
  if (!WINDOWS_ABSOLUTE.test(path)) return problem('scaffold.path.notAbsolute', args);
  const bad = /[<>"|?*\u0000-\u001f]/.exec(path.slice(2)) ?? /:/.exec(path.slice(2));
  if (bad) return problem('scaffold.path.badChar', { ...args, char: bad[0] });
  const variable = /%\w+%/.exec(path);
  if (variable) return problem('scaffold.path.variable', { ...args, variable: variable[0] });
  return undefined;
}

export function pythonProblem(python: string): Problem | undefined {
  return windowsPathProblem(python, 'scaffold.what.python') ?? (PYTHON_EXE.test(python) ? undefined : problem('scaffold.python.notExe', { path: python }));
}

/** `logs`, `.\logs`, `logs/` → `logs`; absolute server paths stay as they are. */
export function normalizeLogDir(dir: string): string {
  const d = dir.trim().replace(/^"(.*)"$/, '$1').replace(/\//g, '\\');
  return WINDOWS_ABSOLUTE.test(d) ? normalizeWindowsPath(d) : d.replace(/^(\.\\)+/, '').replace(/\\+$/, '');
}

export function logDirProblem(dir: string): Problem | undefined {
  if (WINDOWS_ABSOLUTE.test(dir)) return windowsPathProblem(dir, 'scaffold.what.logDir');
  const parts = dir.split('\\');
  const ok = dir !== '' && !/^[A-Za-z]:|^\\/.test(dir) && parts.every((p) => p !== '' && p !== '.' && p !== '..' && !/[<>:"|?*%\u0000-\u001f]/.test(p));
  return ok ? undefined : problem('scaffold.logDir.invalid', { path: dir });
}

/** A log folder inside the site, which the scaffold creates (relative) — as opposed to one elsewhere on the server. */
export function isRelativeLogDir(dir: string | undefined): dir is string {
  return !!dir && !WINDOWS_ABSOLUTE.test(dir);
}

/** Joins Windows path segments with `\`. */
export function winJoin(...parts: string[]): string {
  return parts.filter(Boolean).map((p, i) => (i === 0 ? p.replace(/\\+$/, '') : p.replace(/^\\+|\\+$/g, ''))).join('\\');
}

/** The log folder as an absolute server path. */
export function logFolderOnServer(server: ServerPaths): string | undefined {
  if (!server.logDir) return undefined;
  return isRelativeLogDir(server.logDir) ? winJoin(server.sitePath, server.logDir) : server.logDir;
}

/** The WSGI_HANDLER value must be a dotted name, optionally called: `module.app`, `pkg.create_app()` (not a file: `app.py`). */
export function handlerProblem(value: string): Problem | undefined {
  const dotted = /^[\p{L}_][\p{L}\p{N}_]*(\.[\p{L}_][\p{L}\p{N}_]*(\(\))?)+$/u.test(value);
  return dotted && !value.endsWith('.py') ? undefined : problem('scaffold.handler.invalid', { value });
}

/** A folder name Windows accepts that is also safe as a command argument (no leading `-`, no %VARIABLE%). */
export function folderNameProblem(name: string): Problem | undefined {
  const ok = name !== '' && name !== '.' && name !== '..' && !name.startsWith('-') && !/[\\/:*?"<>|%\u0000-\u001f]/.test(name) && name === name.trim();
  return ok ? undefined : problem('scaffold.venv.invalid', { name });
}

/**
 * The server paths as a whole, whatever they came from (typed, the project's venv folder, the defaults): every
 * path is a Windows path without %VARIABLES%; with wfastcgi, python.exe and wfastcgi.py also go into
 * wfastcgi-enable's appcmd `[fullPath='...', arguments='...']`, which cannot carry a `'` (the host's own rule).
 */
export function serverProblem(server: ServerPaths, bridge: Bridge): Problem | undefined {
  if (server.venv !== undefined) {
    const venv = folderNameProblem(server.venv);
    if (venv) return venv;
  }
  const paths: [string, MessageKey][] = [[server.sitePath, 'scaffold.what.site'], [server.python, 'scaffold.what.python']];
  if (bridge === 'wfastcgi') paths.push([server.wfastcgi, 'scaffold.what.wfastcgi']);
  for (const [path, what] of paths) {
    const bad = windowsPathProblem(path, what);
    if (bad) return bad;
    if (bridge === 'wfastcgi' && what !== 'scaffold.what.site' && checkBracketValue(what, path)) return problem('scaffold.path.quote', { what: `@${what}`, path });
  }
  return undefined;
}
