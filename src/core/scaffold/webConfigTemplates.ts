/**
 * The generated web.config files: one per bridge, with a short comment on each setting, and the static folder's.
 * Every value is escaped for XML; the shapes follow wfastcgi 3.0.0's README and HttpPlatformHandler v1.2.
 */
import type { WsgiApp } from '../editing/env';
import { DEFAULT_RESTART_REGEX, serverCommand } from '../editing/valueCompletion';
import { escapeAttribute as x } from '../xml/escape';
import { isRelativeLogDir, logFolderOnServer, staticServing, winJoin, type ServerPaths, type StaticServing } from './options';

export const WFASTCGI_HANDLER_NAME = 'Python FastCGI';
export const PLATFORM_HANDLER_NAME = 'PythonHandler';
export const STARTUP_TIME_LIMIT = 60;

const DECLARATION = '<?xml version="1.0" encoding="utf-8"?>';

export interface WebConfigOptions {
  app: WsgiApp;
  server: ServerPaths;
  staticFolder?: boolean | StaticServing;
}

/** The <rewrite> lines (indented for <system.webServer>) when the static folder is not where its URL leads. */
function rewriteLines(o: WebConfigOptions): string[] {
  const s = staticServing({ staticFolder: o.staticFolder ?? false });
  if (!s || s.folder === s.url) return [];
  return [
    `    <!-- The static files are not at /${x(s.url).replace(/-{2,}/g, '-')}/ under the site folder: this URL Rewrite rule (the IIS URL Rewrite`,
    `         module is needed; see DEPLOY.md) serves them from ${x(s.folder).replace(/-{2,}/g, '-')}/, where IIS itself serves them. -->`,
    ...staticRewriteSection(s.url, s.folder).map((l) => `    ${l}`),
  ];
}

export function renderWfastcgiWebConfig(o: WebConfigOptions): string {
  const { app, server } = o;
  const log = logFolderOnServer(server);
  return [
    DECLARATION,
    '<configuration>',
    '  <system.webServer>',
    '    <handlers>',
    '      <!-- Every request (path="*") goes to Python through IIS\'s FastCGI module (the IIS "CGI" feature).',
    '           scriptProcessor is python.exe|wfastcgi.py of one environment, exactly as wfastcgi-enable prints',
    '           and registers it (see DEPLOY.md); IIS answers HTTP 500.0 until that pair is registered. -->',
    `      <add name="${x(WFASTCGI_HANDLER_NAME)}" path="*" verb="*" modules="FastCgiModule"`,
    `           scriptProcessor="${x(`${server.python}|${server.wfastcgi}`)}"`,
    '           resourceType="Unspecified" requireAccess="Script" />',
    '    </handlers>',
    ...rewriteLines(o),
    '  </system.webServer>',
    '  <appSettings>',
    '    <!-- The WSGI application wfastcgi imports: module.attribute; a trailing () calls a factory. -->',
    `    <add key="WSGI_HANDLER" value="${x(app.handler)}" />`,
    ...(app.djangoSettings
      ? ['    <!-- Django reads its settings module from here (get_wsgi_application needs it). -->', `    <add key="DJANGO_SETTINGS_MODULE" value="${x(app.djangoSettings)}" />`]
      : []),
    ...(app.pythonPath?.length
      ? ['    <!-- Appended to sys.path: the site folder, and the folders the packages live in (relative to the site folder). -->']
      : ['    <!-- Appended to sys.path: the site folder, so the application\'s modules import. -->']),
    `    <add key="PYTHONPATH" value="${x(pythonPathValue(app, server))}" />`,
    '    <!-- Restart the Python processes when a .py or .config file changes (wfastcgi\'s default). -->',
    `    <add key="WSGI_RESTART_FILE_REGEX" value="${x(DEFAULT_RESTART_REGEX)}" />`,
    ...(log
      ? ['    <!-- wfastcgi\'s own log (slow: for finding start-up problems; remove it once the site works).', '         The application pool\'s identity needs Modify permission on this folder. -->', `    <add key="WSGI_LOG" value="${x(winJoin(log, 'wfastcgi.log'))}" />`]
      : []),
    '  </appSettings>',
    '</configuration>',
    '',
  ].join('\n');
}

/**
 * PYTHONPATH: the site folder, then the app's own folders (`src` of a src layout), relative: wfastcgi resolves them
 * against the site folder it changes to, and HttpPlatformHandler starts Python in the site folder.
 */
export function pythonPathValue(app: WsgiApp, server: ServerPaths): string {
  return [server.sitePath, ...(app.pythonPath ?? []).map((p) => p.replace(/\//g, '\\'))].join(';');
}

/** `-m waitress --port=%HTTP_PLATFORM_PORT% module:app` (WSGI) or `-m uvicorn module:app --port ...` (ASGI). */
export function serverArguments(app: WsgiApp): string {
  return serverCommand(app).insertText;
}

export function renderHttpPlatformWebConfig(o: WebConfigOptions): string {
  const { app, server } = o;
  const logFile = server.logDir ? (isRelativeLogDir(server.logDir) ? `.\\${winJoin(server.logDir, 'python.log')}` : winJoin(server.logDir, 'python.log')) : undefined;
  const env: [string, string, string][] = [
    ['Flush print() and logging output at once, so it reaches the stdout log.', 'PYTHONUNBUFFERED', '1'],
    ['The site folder on sys.path, so the application\'s modules import whatever the working folder.', 'PYTHONPATH', pythonPathValue(app, server)],
    ...(app.djangoSettings ? [['Django reads its settings module from here.', 'DJANGO_SETTINGS_MODULE', app.djangoSettings] as [string, string, string]] : []),
  ];
  return [
    DECLARATION,
    '<configuration>',
    '  <system.webServer>',
    '    <handlers>',
    '      <!-- Every request (path="*") goes to the Python process HttpPlatformHandler starts and proxies to. -->',
    `      <add name="${x(PLATFORM_HANDLER_NAME)}" path="*" verb="*" modules="httpPlatformHandler" resourceType="Unspecified" />`,
    '    </handlers>',
    '    <!-- processPath: the server\'s python.exe, which IIS starts on the first request.',
    `         arguments: ${app.asgi ? 'uvicorn serves the ASGI' : 'waitress serves the WSGI'} application on the port IIS passes in %HTTP_PLATFORM_PORT%.`,
    ...(logFile ? ['         stdoutLogEnabled, stdoutLogFile: Python\'s output and tracebacks; the pool\'s identity must be able to write there.'] : []),
    `         startupTimeLimit: seconds IIS waits for that port to open (the first start imports the application). -->`,
    `    <httpPlatform processPath="${x(server.python)}"`,
    `                  arguments="${x(serverArguments(app))}"`,
    ...(logFile ? [`                  stdoutLogEnabled="true" stdoutLogFile="${x(logFile)}"`] : []),
    `                  startupTimeLimit="${STARTUP_TIME_LIMIT}">`,
    '      <environmentVariables>',
    ...env.flatMap(([why, name, value]) => [`        <!-- ${why} -->`, `        <environmentVariable name="${x(name)}" value="${x(value)}" />`]),
    '      </environmentVariables>',
    '    </httpPlatform>',
    ...rewriteLines(o),
    '  </system.webServer>',
    '</configuration>',
    '',
  ].join('\n');
}

/** static/web.config: IIS serves the folder's files itself; the Python handler is removed by its exact name. */
export function renderStaticWebConfig(handlerName: string, eol = '\n'): string {
  return [
    DECLARATION,
    '<configuration>',
    '  <system.webServer>',
    '    <handlers>',
    '      <!-- IIS serves the files in this folder itself: the Python handler of the site\'s web.config is',
    '           removed here by its exact name, so no request for a file reaches Python. -->',
    `      <remove name="${x(handlerName)}" />`,
    '    </handlers>',
    '  </system.webServer>',
    '</configuration>',
    '',
  ].join(eol);
}

/** How inserted lines are written: the file's quote and indentation unit (two spaces and " in new files). */
export interface XmlStyle {
  quote: '"' | "'";
  indent: string;
}

const NEW_FILE: XmlStyle = { quote: '"', indent: '  ' };

/** The URL Rewrite rule that sends /url/... to a static folder elsewhere in the site (inside a package, STATIC_ROOT). */
export function staticRewriteRule(url: string, folder: string, style: XmlStyle = NEW_FILE): string[] {
  const c = (v: string) => x(v).replace(/-{2,}/g, '-');
  const q = style.quote;
  const a = (v: string) => `${q}${x(v, q)}${q}`;
  const pattern = `^${url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/(.*)`;
  return [
    `<!-- /${c(url)}/... is served from ${c(folder)}/, where ${c(folder)}/web.config removes the Python handler (IIS serves the files). -->`,
    `<rule name=${a('Static files')} stopProcessing=${a('true')}>`,
    `${style.indent}<match url=${a(pattern)} />`,
    `${style.indent}<action type=${a('Rewrite')} url=${a(`${folder}/{R:1}`)} />`,
    '</rule>',
  ];
}

/** The whole <rewrite> section holding that rule. */
export function staticRewriteSection(url: string, folder: string, style: XmlStyle = NEW_FILE): string[] {
  const i = style.indent;
  return ['<rewrite>', `${i}<rules>`, ...staticRewriteRule(url, folder, style).map((l) => `${i}${i}${l}`), `${i}</rules>`, '</rewrite>'];
}
