/**
 * What DEPLOY.md needs to know about the chosen application, from its code: where its static files are served
 * from, its Django settings, a Flask set-up command (`init-db`) and an instance folder the code creates, and the
 * dependencies declared only in pyproject.toml.
 */
import type { ProjectFiles } from '../rules/context';
import { readDjangoSettings, type DjangoSettings } from './djangoSettings';
import { readEnvironment } from './environment';
import { scanPyproject } from './pyproject';
import type { PythonSupport } from './moduleCache';
import { hasPythonAccess, PythonProject } from './project';
import { moduleNames } from './projectModules';
import { appStaticFolder, type StaticFolder } from './staticFolder';

export interface DeploymentFacts {
  static?: StaticFolder;
  django?: DjangoSettings;
  /** Flask CLI commands defined in the project that set things up (`init-db`). */
  setupCommands: string[];
  /** The app keeps files in Flask's instance folder (`instance_relative_config`, `app.instance_path`). */
  instanceFolder: boolean;
}

const SETUP = /^(init|create|setup|seed|migrate)[-_]?(db|database|tables?|data|all)?$/i;
const MAX_SCANNED = 400;

export function deploymentFacts(files: ProjectFiles, support: PythonSupport, app: { handler: string; djangoSettings?: string; pythonPath?: string[] }): DeploymentFacts {
  if (!hasPythonAccess(files)) return { setupCommands: [], instanceFolder: false };
  const project = new PythonProject(files, support, app.pythonPath ?? [], readEnvironment(files));
  const facts: DeploymentFacts = { setupCommands: [], instanceFolder: false };
  const st = appStaticFolder(project, app.handler, app.djangoSettings);
  if (st) facts.static = st;
  if (app.djangoSettings) {
    const loc = project.find(app.djangoSettings);
    const file = loc?.kind === 'project' ? loc.module.file : undefined;
    const text = file ? files.readText(file) : undefined;
    if (file && text !== undefined) facts.django = readDjangoSettings(file, text);
    return facts;
  }
  for (const name of moduleNames(project).slice(0, MAX_SCANNED)) {
    const loc = project.find(name);
    const text = loc?.kind === 'project' && loc.module.file ? files.readText(loc.module.file) : undefined;
    if (!text) continue;
    for (const m of text.matchAll(/@(?:[\w.]+\.)?(?:cli\.)?command\(\s*["']([\w-]+)["']/g)) if (SETUP.test(m[1]!) && !facts.setupCommands.includes(m[1]!)) facts.setupCommands.push(m[1]!);
    if (/instance_relative_config\s*=\s*True|\.instance_path\b/.test(text)) facts.instanceFolder = true;
  }
  return facts;
}

/** The requirement strings of `[project] dependencies = [...]` in pyproject.toml, as written. */
export function pyprojectDependencies(text: string): string[] {
  const out: string[] = [];
  scanPyproject(text, (section, line) => section === 'project' && /^\s*dependencies\s*=\s*\[/.test(line), (line) => {
    for (const m of line.replace(/#.*$/, '').matchAll(/"([^"]+)"|'([^']+)'/g)) {
      const spec = (m[1] ?? m[2]!).trim();
      if (/^[A-Za-z0-9][A-Za-z0-9._\-\[\], <>=!~;'".*()]*$/.test(spec) && !/[\u0000-\u001f`$]/.test(spec)) out.push(spec);
    }
  });
  return out;
}
