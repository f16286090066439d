/**
 * What a scaffold needs to know about this machine and the project folder, read without running anything:
 * the platform and the python on PATH, the project's virtual environment and static folder, its applications
 * (the Python-aware analysis, ASGI included), and whether the extension contributes `flask-iis` host tasks.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { analyseApps, type PythonSupport, type SkippedApp, type WsgiAppCandidate } from '../../core/python';
import { deploymentFacts, pyprojectDependencies } from '../../core/python/deploymentFacts';
import type { WsgiApp } from '../../core/editing/env';
import type { ProjectFiles } from '../../core/check';
import type { AppCandidate, AppSetup, DeployOptions, HostTaskDefinition, ServerDefaultsInput } from '../../core/scaffold';
import { nodeProjectFiles } from '../python/projectFiles';
import { pathInterpreters } from '../python/interpreters';
import type { DirListingCache } from '../python/pythonFiles';

const PREFERRED_VENVS = ['.venv', 'venv', 'env'];

/** The machine's part of the defaults: Windows or not, and (on Windows) the python on PATH. */
export function machineFacts(): Pick<ServerDefaultsInput, 'windows' | 'pathPython'> {
  const windows = process.platform === 'win32';
  const pathPython = windows ? pathInterpreters()[0] : undefined;
  return pathPython ? { windows, pathPython } : { windows };
}

/** The project's own virtual environment folder (the one holding pyvenv.cfg; .venv, venv, env first). */
export function projectVenv(dir: string): string | undefined {
  let names: string[];
  try {
    names = readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
  } catch {
    return undefined;
  }
  const ordered = [...PREFERRED_VENVS.filter((n) => names.includes(n)), ...names.filter((n) => !PREFERRED_VENVS.includes(n)).sort()];
  return ordered.find((n) => existsSync(join(dir, n, 'pyvenv.cfg')));
}

/** A `static` folder at the project root: IIS serves it itself once static/web.config removes the handler. */
export function hasStaticFolder(dir: string): boolean {
  try {
    return statSync(join(dir, 'static')).isDirectory();
  } catch {
    return false;
  }
}

export function hasRequirements(dir: string): boolean {
  return existsSync(join(dir, 'requirements.txt'));
}

/** The applications the project defines, as the Python-aware analysis sees them (ASGI ones marked). */
export function appCandidates(dir: string, support: PythonSupport, listings?: DirListingCache): AppCandidate[] {
  return appAnalysis(dir, support, listings).candidates;
}

/** The candidates, and the factories skipped because wfastcgi cannot call them (required parameters). */
export function appAnalysis(dir: string, support: PythonSupport, listings?: DirListingCache, files: ProjectFiles = nodeProjectFiles(dir, listings)): { candidates: AppCandidate[]; skipped: SkippedApp[] } {
  const { apps, skipped } = analyseApps(files, support, { asgi: true });
  return { candidates: apps.map(toCandidate), skipped };
}

function toCandidate(c: WsgiAppCandidate): AppCandidate {
  return {
    handler: c.handler,
    kind: c.kind,
    framework: c.framework,
    file: c.file,
    detail: c.file,
    ...(c.asgi ? { asgi: true } : {}),
    ...(c.settingsModule ? { djangoSettings: c.settingsModule } : {}),
    ...(c.pythonPath ? { pythonPath: c.pythonPath } : {}),
    ...(c.routes ? { routes: c.routes } : {}),
    ...(c.aliases ? { aliases: c.aliases } : {}),
  };
}

/** The `flask-iis` task type of an extension manifest (package.json), when it contributes one. */
export function hostTaskDefinition(manifest: unknown): HostTaskDefinition | undefined {
  const defs = (manifest as { contributes?: { taskDefinitions?: unknown } } | undefined)?.contributes?.taskDefinitions;
  if (!Array.isArray(defs)) return undefined;
  return (defs as HostTaskDefinition[]).find((d) => d && d.type === 'flask-iis');
}

/** The CLI's manifest: the package.json next to dist/ (undefined when it cannot be read). */
export function readOwnManifest(distDir: string): unknown {
  try {
    return JSON.parse(readFileSync(join(distDir, '..', 'package.json'), 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * The static folder IIS serves and what the application needs on the server, from its code (the Python-aware
 * analysis when the parser is there; else a `static` folder at the root, as before).
 */
export function deploymentSetup(dir: string, support: PythonSupport | undefined, app: WsgiApp, files: ProjectFiles = nodeProjectFiles(dir)): { staticFolder: DeployOptions['staticFolder']; setup: AppSetup } {
  const setup: AppSetup = {};
  const pyproject = !hasRequirements(dir) ? readText(join(dir, 'pyproject.toml')) : undefined;
  const deps = pyproject !== undefined ? pyprojectDependencies(pyproject) : [];
  if (deps.length) setup.pyprojectDependencies = deps;
  if (!support) return { staticFolder: !app.djangoSettings && hasStaticFolder(dir), setup };
  const facts = deploymentFacts(files, support, app);
  if (facts.django) {
    const d = facts.django;
    setup.django = { settingsFile: d.file, allowedHosts: d.allowedHosts, csrfTrustedOrigins: d.csrfTrustedOrigins, ...(d.staticRoot ? { staticRoot: d.staticRoot } : {}) };
  }
  if (facts.setupCommands.length) setup.flaskCommands = { app: app.handler.slice(0, app.handler.lastIndexOf('.')), commands: facts.setupCommands };
  if (facts.instanceFolder) setup.instanceFolder = true;
  const st = facts.static;
  const staticFolder: DeployOptions['staticFolder'] = st
    ? (st.folder === 'static' && st.url === 'static' ? true : { folder: st.folder, url: st.url, ...(st.django ? { django: true } : {}) })
    : !app.djangoSettings && hasStaticFolder(dir);
  return { staticFolder, setup };
}

function readText(path: string): string | undefined {
  try {
    return statSync(path).isFile() && statSync(path).size < 1_000_000 ? readFileSync(path, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}
