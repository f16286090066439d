/** The files of a scaffold, computed from options: a new project, or the IIS files for an existing one. */
import type { WsgiApp } from '../editing/env';
import { appHandler, appModulePath, renderFlaskApp, renderGitignore, renderRequirements, STYLESHEET } from './appTemplates';
import { renderDeployGuide } from './deployGuide';
import { renderHostTasks } from './hostTasks';
import { DEFAULT_BACKEND_PORT, isRelativeLogDir, staticServing, type DeployOptions, type NewProjectOptions } from './options';
import { PLATFORM_HANDLER_NAME, renderHttpPlatformWebConfig, renderStaticWebConfig, renderWfastcgiWebConfig, WFASTCGI_HANDLER_NAME } from './webConfigTemplates';
import { ASGI_WRAPPER, DJANGO_SETTINGS_WRAPPER, renderAsgiWrapper, renderDjangoSettingsWrapper, renderWsgiWrapper, WSGI_WRAPPER } from './proxyApp';
import { renderProxyWebConfig } from './proxyTemplates';
import { renderWinswXml, SERVICE_FOLDER, serviceId } from './serviceDefinitions';

export interface PlannedFile {
  /** Relative to the target folder, `/`-separated. */
  path: string;
  content: string;
  /** Permission bits where the file system has them (an executable script: 0o755); else the default. */
  mode?: number;
}

export interface ScaffoldPlan {
  files: PlannedFile[];
}

export const TASKS_PATH = '.vscode/tasks.json';
/** Records the site's path on the server (flaskIis.server.sitePath), so server paths in web.config map to this folder. */
export const SETTINGS_PATH = '.vscode/settings.json';

export function renderSiteSettings(sitePath: string): string {
  return JSON.stringify({ 'flaskIis.server.sitePath': sitePath }, null, 2) + '\n';
}

/** A new Flask project: the application, its static folder, and everything `planDeployment` writes. */
export function planNewProject(o: NewProjectOptions): ScaffoldPlan {
  const app: WsgiApp = { handler: appHandler(o.name, o.layout) };
  const proxy = o.proxy && { ...o.proxy, werkzeug: true };
  const deployment = planDeployment({ ...o, app, staticFolder: true, ...(proxy ? { proxy } : {}) }, { requirements: true, healthRoute: true });
  return {
    files: [
      { path: appModulePath(o.name, o.layout), content: renderFlaskApp(o.name, o.layout) },
      { path: 'static/site.css', content: STYLESHEET },
      { path: 'requirements.txt', content: renderRequirements(o.bridge) },
      { path: '.gitignore', content: renderGitignore(isRelativeLogDir(o.server.logDir) ? o.server.logDir : undefined) },
      ...deployment.files,
    ],
  };
}

/** The IIS files only: web.config, the static folder's web.config, DEPLOY.md, the log folder, host tasks. */
export function planDeployment(o: DeployOptions, guide: { requirements: boolean; healthRoute?: boolean }): ScaffoldPlan {
  if (o.bridge === 'proxy') return planProxyDeployment(o, guide);
  const wfastcgi = o.bridge === 'wfastcgi';
  const files: PlannedFile[] = [{ path: 'web.config', content: (wfastcgi ? renderWfastcgiWebConfig : renderHttpPlatformWebConfig)(o) }];
  const served = staticServing(o);
  if (served) files.push({ path: `${served.folder}/web.config`, content: renderStaticWebConfig(wfastcgi ? WFASTCGI_HANDLER_NAME : PLATFORM_HANDLER_NAME, '\n', o.translate) });
  return finishPlan(o, guide, files);
}

/**
 * The reverse-proxy bridge: web.config with the static and proxy rules (no handler: there is nothing to remove in
 * the static folder), the wrapper module(s) the service imports, and the WinSW service definition.
 */
function planProxyDeployment(given: DeployOptions, guide: { requirements: boolean; healthRoute?: boolean }): ScaffoldPlan {
  const o: DeployOptions = { ...given, proxy: given.proxy ?? { port: DEFAULT_BACKEND_PORT } };
  const files: PlannedFile[] = [{ path: 'web.config', content: renderProxyWebConfig(o) }];
  if (o.app.asgi) files.push({ path: `${ASGI_WRAPPER}.py`, content: renderAsgiWrapper(o) });
  else files.push({ path: `${WSGI_WRAPPER}.py`, content: renderWsgiWrapper(o) });
  if (o.app.djangoSettings) files.push({ path: `${DJANGO_SETTINGS_WRAPPER}.py`, content: renderDjangoSettingsWrapper(o.app.djangoSettings) });
  files.push({ path: `${SERVICE_FOLDER}/${serviceId(o.name)}.xml`, content: renderWinswXml(o) });
  return finishPlan(o, guide, files);
}

function finishPlan(o: DeployOptions, guide: { requirements: boolean; healthRoute?: boolean }, files: PlannedFile[]): ScaffoldPlan {
  files.push({ path: 'DEPLOY.md', content: renderDeployGuide({ ...o, ...guide }) });
  if (isRelativeLogDir(o.server.logDir)) files.push({ path: `${o.server.logDir.replace(/\\/g, '/')}/.gitkeep`, content: '' });
  const tasks = o.hostTasks && renderHostTasks(o.hostTasks, o.bridge, o.name);
  if (tasks) files.push({ path: TASKS_PATH, content: tasks });
  files.push({ path: SETTINGS_PATH, content: renderSiteSettings(o.server.sitePath) });
  return { files };
}
