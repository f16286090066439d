/**
 * Scaffolding, pure: templates as `render(opts): string` functions, plans of files computed from options,
 * the choice of the application to deploy, and the wfastcgi → HttpPlatformHandler migration as text edits.
 * Writing files, finding interpreters and analysing Python are the adapters' (src/node, src/cli, src/features).
 */
export * from './options';
export { planDeployment, planNewProject, renderSiteSettings, SETTINGS_PATH, TASKS_PATH, type PlannedFile, type ScaffoldPlan } from './plan';
export { chooseApp, confirmedWithRoutes, distinctApps, type AppCandidate, type AppChoice, type Confirmation } from './appChoice';
export { migrateToHttpPlatform, type MigrateOptions, type MigrateResult } from './migrate';
export { migrateToProxy, type MigrateProxyOptions } from './migrateProxy';
export { greeting, STYLESHEET, appHandler } from './appTemplates';
export { PLATFORM_HANDLER_NAME, WFASTCGI_HANDLER_NAME, renderStaticWebConfig, serverArguments } from './webConfigTemplates';
export { serverDefaults, DEFAULT_LOG_DIR, DEFAULT_VENV, type ServerDefaults, type ServerDefaultsInput } from './defaults';
export { renderProxyWebConfig, proxyRules, PROXY_RULE_NAME, PROXY_SERVER_VARIABLES } from './proxyTemplates';
export { backendCommand, wrapperKind, WSGI_WRAPPER, ASGI_WRAPPER, DJANGO_SETTINGS_WRAPPER, type BackendCommand } from './proxyApp';
export { renderWinswXml, nssmCommands, servyCommand, serviceId, windowsCommandLine, SERVICE_FOLDER } from './serviceDefinitions';
