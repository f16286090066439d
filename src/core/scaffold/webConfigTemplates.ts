/**
 * The generated web.config files: one per bridge, with a short comment on each setting, and the static folder's.
 * Every value is escaped for XML; the shapes follow wfastcgi 3.0.0's README and HttpPlatformHandler v1.2.
 */
import type { WsgiApp } from '../editing/env';
import { DEFAULT_RESTART_REGEX, serverCommand } from '../editing/valueCompletion';
import { escapeAttribute as x } from '../xml/escape';
import { renderMessage, type MessageArgs, type MessageKey, type Translate } from '../messages';
import { isRelativeLogDir, logFolderOnServer, staticServing, winJoin, type ServerPaths, type StaticServing } from './options';

/** An XML comment from a message (in the display language): its lines aligned under the first, never a "--" inside. */
export function comment(indent: string, key: MessageKey, translate?: Translate, args: MessageArgs = {}): string[] {
  const lines = renderMessage(key, args, translate).replace(/-{2,}/g, '-').split('\n');
  return lines.map((l, i) => `${indent}${i === 0 ? '<!-- ' : '     '}${l}${i === lines.length - 1 ? ' -->' : ''}`);
}

export const WFASTCGI_HANDLER_NAME = 'Python FastCGI';
export const PLATFORM_HANDLER_NAME = 'PythonHandler';
export const STARTUP_TIME_LIMIT = 60;

const DECLARATION = '<?xml version="1.0" encoding="utf-8"?>';

export interface WebConfigOptions {
  app: WsgiApp;
  server: ServerPaths;
  staticFolder?: boolean | StaticServing;
  /** The display language's translation of the comments; English without it. */
  translate?: Translate;
}

/** The <rewrite> lines (indented for <system.webServer>) when the static folder is not where its URL leads. */
function rewriteLines(o: WebConfigOptions): string[] {
  const s = staticServing({ staticFolder: o.staticFolder ?? false });
  if (!s || s.folder === s.url) return [];
  return [
    ...comment('    ', 'webconfig.static.rewrite', o.translate, { url: x(s.url), folder: x(s.folder) }),
    ...staticRewriteSection(s.url, s.folder, undefined, o.translate).map((l) => `    ${l}`),
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
    ...comment('      ', 'webconfig.wfastcgi.handler', o.translate),
    `      <add name="${x(WFASTCGI_HANDLER_NAME)}" path="*" verb="*" modules="FastCgiModule"`,
    `           scriptProcessor="${x(`${server.python}|${server.wfastcgi}`)}"`,
    '           resourceType="Unspecified" requireAccess="Script" />',
    '    </handlers>',
    ...rewriteLines(o),
    '  </system.webServer>',
    '  <appSettings>',
    ...comment('    ', 'webconfig.wfastcgi.handlerSetting', o.translate),
    `    <add key="WSGI_HANDLER" value="${x(app.handler)}" />`,
    ...(app.djangoSettings
      ? [...comment('    ', 'webconfig.django', o.translate), `    <add key="DJANGO_SETTINGS_MODULE" value="${x(app.djangoSettings)}" />`]
      : []),
    ...(app.pythonPath?.length
      ? comment('    ', 'webconfig.pythonPath.packages', o.translate)
      : comment('    ', 'webconfig.pythonPath.site', o.translate)),
    `    <add key="PYTHONPATH" value="${x(pythonPathValue(app, server))}" />`,
    ...comment('    ', 'webconfig.restart', o.translate),
    `    <add key="WSGI_RESTART_FILE_REGEX" value="${x(DEFAULT_RESTART_REGEX)}" />`,
    ...(log
      ? [...comment('    ', 'webconfig.log', o.translate), `    <add key="WSGI_LOG" value="${x(winJoin(log, 'wfastcgi.log'))}" />`]
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
  const env: [MessageKey, string, string][] = [
    ['webconfig.platform.unbuffered', 'PYTHONUNBUFFERED', '1'],
    ['webconfig.platform.pythonPath', 'PYTHONPATH', pythonPathValue(app, server)],
    ...(app.djangoSettings ? [['webconfig.platform.django', 'DJANGO_SETTINGS_MODULE', app.djangoSettings] as [MessageKey, string, string]] : []),
  ];
  return [
    DECLARATION,
    '<configuration>',
    '  <system.webServer>',
    '    <handlers>',
    ...comment('      ', 'webconfig.platform.handler', o.translate),
    `      <add name="${x(PLATFORM_HANDLER_NAME)}" path="*" verb="*" modules="httpPlatformHandler" resourceType="Unspecified" />`,
    '    </handlers>',
    ...comment('    ', 'webconfig.platform.settings', o.translate, {
      server: app.asgi ? '@webconfig.platform.uvicorn' : '@webconfig.platform.waitress', log: logFile ? '@webconfig.platform.log' : '',
    }),
    `    <httpPlatform processPath="${x(server.python)}"`,
    `                  arguments="${x(serverArguments(app))}"`,
    ...(logFile ? [`                  stdoutLogEnabled="true" stdoutLogFile="${x(logFile)}"`] : []),
    `                  startupTimeLimit="${STARTUP_TIME_LIMIT}">`,
    '      <environmentVariables>',
    ...env.flatMap(([why, name, value]) => [...comment('        ', why, o.translate), `        <environmentVariable name="${x(name)}" value="${x(value)}" />`]),
    '      </environmentVariables>',
    '    </httpPlatform>',
    ...rewriteLines(o),
    '  </system.webServer>',
    '</configuration>',
    '',
  ].join('\n');
}

/** static/web.config: IIS serves the folder's files itself; the Python handler is removed by its exact name. */
export function renderStaticWebConfig(handlerName: string, eol = '\n', translate?: Translate): string {
  return [
    DECLARATION,
    '<configuration>',
    '  <system.webServer>',
    '    <handlers>',
    ...comment('      ', 'webconfig.static.handler', translate),
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
export function staticRewriteRule(url: string, folder: string, style: XmlStyle = NEW_FILE, translate?: Translate): string[] {
  const c = (v: string) => x(v).replace(/-{2,}/g, '-');
  const q = style.quote;
  const a = (v: string) => `${q}${x(v, q)}${q}`;
  const pattern = `^${url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/(.*)`;
  return [
    `<!-- ${renderMessage('webconfig.staticRewrite.rule', { url: c(url), folder: c(folder) }, translate).replace(/-{2,}/g, '-')} -->`,
    `<rule name=${a('Static files')} stopProcessing=${a('true')}>`,
    `${style.indent}<match url=${a(pattern)} />`,
    `${style.indent}<action type=${a('Rewrite')} url=${a(`${folder}/{R:1}`)} />`,
    '</rule>',
  ];
}

/** The whole <rewrite> section holding that rule. */
export function staticRewriteSection(url: string, folder: string, style: XmlStyle = NEW_FILE, translate?: Translate): string[] {
  const i = style.indent;
  return ['<rewrite>', `${i}<rules>`, ...staticRewriteRule(url, folder, style, translate).map((l) => `${i}${i}${l}`), `${i}</rules>`, '</rewrite>'];
}
