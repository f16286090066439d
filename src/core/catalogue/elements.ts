/**
 * The IIS configuration elements a Python deployment uses: where they go, their attributes, defaults and
 * allowed values. One catalogue feeds completion and hover (and the rules' idea of what exists).
 */

export type ValueKind = 'boolean' | 'integer' | 'timespan' | 'path' | 'folder' | 'interpreter' | 'scriptProcessor' | 'command' | 'appSettingKey' | 'appSettingValue' | 'text';

export interface AttributeDoc {
  name: string;
  summary: string;
  required?: boolean;
  default?: string;
  values?: string[];
  kind?: ValueKind;
  example?: string;
}

export interface ElementDoc {
  name: string;
  summary: string;
  docs: string;
  attributes: AttributeDoc[];
  children: string[];
}

const IIS = 'https://learn.microsoft.com/en-us/iis/configuration/';
const BOOL = ['true', 'false'];
const a = (name: string, summary: string, extra: Partial<AttributeDoc> = {}): AttributeDoc => ({ name, summary, ...extra });

/** Keyed by `parent/name` where a name means different things under different parents, else by name. */
export const ELEMENTS: Record<string, ElementDoc> = {
  configuration: { name: 'configuration', summary: 'The root of every IIS configuration file (case-sensitive).', docs: `${IIS}`, attributes: [], children: ['appSettings', 'system.webServer', 'location'] },
  location: {
    name: 'location', summary: 'Applies the enclosed configuration to a path. `path="." inheritInChildApplications="false"` keeps a Python handler out of child applications.', docs: `${IIS}location`,
    attributes: [a('path', 'The path the settings apply to; `.` is this folder.', { example: '.' }), a('inheritInChildApplications', 'Whether child applications inherit these settings.', { values: BOOL, default: 'true', kind: 'boolean' }), a('overrideMode', 'Whether lower levels may override the enclosed sections.', { values: ['Inherit', 'Allow', 'Deny'], default: 'Inherit' })],
    children: ['system.webServer', 'appSettings'],
  },
  appSettings: {
    name: 'appSettings', summary: 'Key/value settings. wfastcgi copies every `<add key value>` here into the environment of the Python process (WSGI_HANDLER, PYTHONPATH, ...). Must be a direct child of `<configuration>` or `<location>`; names are case-sensitive.', docs: 'https://learn.microsoft.com/en-us/dotnet/framework/configure-apps/file-schema/appsettings/',
    attributes: [a('configSource', 'An external file with the settings. wfastcgi never reads it.', { kind: 'path' }), a('file', 'An external file merged with these settings. wfastcgi never reads it.', { kind: 'path' })],
    children: ['appSettings/add', 'appSettings/remove', 'appSettings/clear'],
  },
  'appSettings/add': { name: 'add', summary: 'One setting. wfastcgi strips white space around the key and uses the value as written.', docs: 'https://learn.microsoft.com/en-us/dotnet/framework/configure-apps/file-schema/appsettings/add-element-for-appsettings', attributes: [a('key', 'The setting name, e.g. WSGI_HANDLER.', { required: true, kind: 'appSettingKey' }), a('value', 'The setting value.', { required: true, kind: 'appSettingValue' })], children: [] },
  'appSettings/remove': { name: 'remove', summary: 'Removes an inherited setting (wfastcgi ignores it).', docs: 'https://learn.microsoft.com/en-us/dotnet/framework/configure-apps/file-schema/appsettings/', attributes: [a('key', 'The setting to remove.', { required: true, kind: 'appSettingKey' })], children: [] },
  'appSettings/clear': { name: 'clear', summary: 'Removes all inherited settings (wfastcgi ignores it).', docs: 'https://learn.microsoft.com/en-us/dotnet/framework/configure-apps/file-schema/appsettings/', attributes: [], children: [] },
  'system.webServer': {
    name: 'system.webServer', summary: 'IIS web server settings for this folder: handler mappings, HttpPlatformHandler, URL Rewrite, static content, request limits.', docs: `${IIS}system.webserver/`, attributes: [],
    children: ['handlers', 'httpPlatform', 'rewrite', 'staticContent', 'security', 'httpErrors', 'applicationInitialization', 'modules', 'defaultDocument', 'directoryBrowse'],
  },
  handlers: {
    name: 'handlers', summary: 'Handler mappings: which module handles which requests. The first matching entry wins.', docs: `${IIS}system.webserver/handlers/`,
    attributes: [a('accessPolicy', 'The kinds of access handlers may require. A handler whose requireAccess is not included is disabled.', { default: 'Read', example: 'Read, Script' })],
    children: ['handlers/add', 'handlers/remove', 'handlers/clear'],
  },
  'handlers/add': {
    name: 'add', summary: 'A handler mapping. For wfastcgi: `modules="FastCgiModule"` and `scriptProcessor="python.exe|wfastcgi.py"`; for HttpPlatformHandler: `modules="httpPlatformHandler"`.', docs: `${IIS}system.webserver/handlers/add`,
    attributes: [
      a('name', 'A unique name; a static folder\'s web.config removes the Python handler by this exact name.', { required: true, example: 'Python FastCGI' }),
      a('path', 'The URL pattern this handler serves; `*` for every request.', { required: true, values: ['*'], example: '*' }),
      a('verb', 'The HTTP methods this handler serves; `*` for all (a REST API needs PUT, PATCH, DELETE).', { required: true, values: ['*', 'GET,HEAD,POST', 'GET,HEAD,POST,PUT,PATCH,DELETE,OPTIONS'], example: '*' }),
      a('modules', 'The module that handles the request.', { values: ['FastCgiModule', 'httpPlatformHandler', 'StaticFileModule', 'DefaultDocumentModule', 'DirectoryListingModule', 'CgiModule', 'IsapiModule'], example: 'FastCgiModule' }),
      a('scriptProcessor', 'For FastCgiModule: `python.exe|wfastcgi.py`, exactly as `wfastcgi-enable` printed and registered in applicationHost.config.', { kind: 'scriptProcessor', example: 'C:\\Python311\\python.exe|C:\\Python311\\Lib\\site-packages\\wfastcgi.py' }),
      a('resourceType', 'When the handler runs: `Unspecified` for every URL (needed for Flask/Django routes), `File` only for existing files.', { values: ['Unspecified', 'File', 'Directory', 'Either'], default: 'Unspecified' }),
      a('requireAccess', 'The access the handler needs; must be allowed by the handlers accessPolicy.', { values: ['Script', 'Execute', 'Read', 'Write', 'None'], default: 'Script' }),
      a('preCondition', 'Conditions for loading the handler (bitness, pipeline mode).', { values: ['integratedMode', 'bitness64', 'bitness32'] }),
    ],
    children: [],
  },
  'handlers/remove': { name: 'remove', summary: 'Removes an inherited handler by name (e.g. the Python handler in a static folder, or WebDAV).', docs: `${IIS}system.webserver/handlers/`, attributes: [a('name', 'The exact name of the handler to remove.', { required: true, example: 'Python FastCGI' })], children: [] },
  'handlers/clear': { name: 'clear', summary: 'Removes every inherited handler, static files included: add a StaticFile handler back if you use it.', docs: `${IIS}system.webserver/handlers/`, attributes: [], children: [] },
  modules: {
    name: 'modules', summary: 'IIS modules enabled for this folder.', docs: `${IIS}system.webserver/modules/`,
    attributes: [a('runAllManagedModulesForAllRequests', 'Run managed (.NET) modules for every request; not needed for Python.', { values: BOOL, default: 'false', kind: 'boolean' })],
    children: ['modules/remove'],
  },
  'modules/remove': { name: 'remove', summary: 'Removes a module, e.g. WebDAVModule, which otherwise answers PUT/DELETE with 405.', docs: `${IIS}system.webserver/modules/`, attributes: [a('name', 'The module name.', { required: true, values: ['WebDAVModule'] })], children: [] },
  httpPlatform: {
    name: 'httpPlatform', summary: 'HttpPlatformHandler (Microsoft\'s recommended bridge): IIS starts `processPath arguments` and proxies to the port it passes in %HTTP_PLATFORM_PORT%.', docs: 'https://learn.microsoft.com/en-us/iis/extensions/httpplatformhandler/httpplatformhandler-configuration-reference',
    attributes: [
      a('processPath', 'The program to start: the venv\'s python.exe.', { required: true, kind: 'interpreter', example: 'C:\\inetpub\\myapp\\.venv\\Scripts\\python.exe' }),
      a('arguments', 'Its arguments; must pass %HTTP_PLATFORM_PORT%.', { kind: 'command', example: '-m waitress --port=%HTTP_PLATFORM_PORT% app:app' }),
      a('startupTimeLimit', 'Seconds to wait for the process to listen on the port.', { default: '10', kind: 'integer', example: '60' }),
      a('startupRetryCount', 'How often to retry starting the process.', { default: '10', kind: 'integer' }),
      a('rapidFailsPerMinute', 'Crashes per minute before giving up.', { default: '10', kind: 'integer' }),
      a('requestTimeout', 'How long a request may take (hh:mm:ss).', { default: '00:02:00', kind: 'timespan' }),
      a('stdoutLogEnabled', 'Write the process\'s stdout and stderr to stdoutLogFile.', { values: BOOL, default: 'false', kind: 'boolean' }),
      a('stdoutLogFile', 'Log file prefix (the folder must exist and be writable by the pool identity).', { default: 'httpplatform-stdout', kind: 'path', example: '.\\logs\\python.log' }),
      a('processesPerApplication', 'Processes per application (1-100).', { default: '1', kind: 'integer' }),
      a('forwardWindowsAuthToken', 'Forward the Windows authentication token in a header.', { values: BOOL, default: 'false', kind: 'boolean' }),
    ],
    children: ['environmentVariables', 'recycleOnFileChange'],
  },
  environmentVariables: { name: 'environmentVariables', summary: 'Environment variables for the process (HttpPlatformHandler never reads appSettings).', docs: 'https://learn.microsoft.com/en-us/iis/extensions/httpplatformhandler/httpplatformhandler-configuration-reference', attributes: [], children: ['environmentVariable'] },
  environmentVariable: { name: 'environmentVariable', summary: 'One environment variable; the value may use %HTTP_PLATFORM_PORT%.', docs: 'https://learn.microsoft.com/en-us/iis/extensions/httpplatformhandler/httpplatformhandler-configuration-reference', attributes: [a('name', 'Variable name.', { required: true, example: 'PYTHONUNBUFFERED' }), a('value', 'Variable value.', { required: true, example: '1' })], children: [] },
  recycleOnFileChange: { name: 'recycleOnFileChange', summary: 'Files whose change restarts the process.', docs: 'https://learn.microsoft.com/en-us/iis/extensions/httpplatformhandler/httpplatformhandler-configuration-reference', attributes: [], children: [] },
  rewrite: { name: 'rewrite', summary: 'URL Rewrite rules. Needs the URL Rewrite module on the server (else 500.19 for the whole site).', docs: 'https://learn.microsoft.com/en-us/iis/extensions/url-rewrite-module/url-rewrite-module-configuration-reference', attributes: [], children: ['rules'] },
  rules: { name: 'rules', summary: 'Inbound rewrite rules, applied in order.', docs: 'https://learn.microsoft.com/en-us/iis/extensions/url-rewrite-module/url-rewrite-module-configuration-reference', attributes: [], children: ['rule'] },
  rule: {
    name: 'rule', summary: 'One rewrite rule: match, optional conditions, action.', docs: 'https://learn.microsoft.com/en-us/iis/extensions/url-rewrite-module/url-rewrite-module-configuration-reference',
    attributes: [a('name', 'A unique name.', { required: true }), a('stopProcessing', 'Stop after this rule matches.', { values: BOOL, default: 'false', kind: 'boolean' }), a('enabled', 'Whether the rule is active.', { values: BOOL, default: 'true', kind: 'boolean' })],
    children: ['match', 'conditions', 'action', 'serverVariables'],
  },
  match: { name: 'match', summary: 'The URL pattern of a rule (no leading slash).', docs: 'https://learn.microsoft.com/en-us/iis/extensions/url-rewrite-module/url-rewrite-module-configuration-reference', attributes: [a('url', 'A regular expression (ECMAScript) matched against the URL path.', { required: true, example: '^static/.*' }), a('ignoreCase', 'Case-insensitive match.', { values: BOOL, default: 'true', kind: 'boolean' }), a('negate', 'Invert the match.', { values: BOOL, default: 'false', kind: 'boolean' })], children: [] },
  conditions: { name: 'conditions', summary: 'Extra conditions of a rule.', docs: 'https://learn.microsoft.com/en-us/iis/extensions/url-rewrite-module/url-rewrite-module-configuration-reference', attributes: [a('logicalGrouping', 'How conditions combine.', { values: ['MatchAll', 'MatchAny'], default: 'MatchAll' })], children: ['conditions/add'] },
  'conditions/add': { name: 'add', summary: 'One condition.', docs: 'https://learn.microsoft.com/en-us/iis/extensions/url-rewrite-module/url-rewrite-module-configuration-reference', attributes: [a('input', 'A server variable, e.g. {REQUEST_FILENAME}.', { required: true, example: '{REQUEST_FILENAME}' }), a('matchType', 'How input is tested.', { values: ['Pattern', 'IsFile', 'IsDirectory'], default: 'Pattern' }), a('pattern', 'The pattern for matchType Pattern.'), a('negate', 'Invert the condition.', { values: BOOL, default: 'false', kind: 'boolean' })], children: [] },
  action: { name: 'action', summary: 'What a matching rule does.', docs: 'https://learn.microsoft.com/en-us/iis/extensions/url-rewrite-module/url-rewrite-module-configuration-reference', attributes: [a('type', 'The action.', { required: true, values: ['Rewrite', 'Redirect', 'CustomResponse', 'AbortRequest', 'None'] }), a('url', 'The substitution URL, e.g. handler.fcgi/{R:1}.'), a('appendQueryString', 'Keep the query string.', { values: BOOL, default: 'true', kind: 'boolean' }), a('redirectType', 'The redirect status.', { values: ['Permanent', 'Found', 'SeeOther', 'Temporary'], default: 'Permanent' })], children: [] },
  staticContent: { name: 'staticContent', summary: 'Static file settings: MIME types and client caching.', docs: `${IIS}system.webserver/staticcontent/`, attributes: [], children: ['mimeMap', 'clientCache', 'staticContent/remove'] },
  mimeMap: { name: 'mimeMap', summary: 'A MIME type for a file extension (e.g. .json, .woff2).', docs: `${IIS}system.webserver/staticcontent/mimemap`, attributes: [a('fileExtension', 'The extension, with the dot.', { required: true, example: '.woff2' }), a('mimeType', 'The MIME type.', { required: true, example: 'font/woff2' })], children: [] },
  'staticContent/remove': { name: 'remove', summary: 'Removes an inherited MIME map before re-adding it.', docs: `${IIS}system.webserver/staticcontent/mimemap`, attributes: [a('fileExtension', 'The extension.', { required: true })], children: [] },
  clientCache: { name: 'clientCache', summary: 'Cache-Control headers for static files.', docs: `${IIS}system.webserver/staticcontent/clientcache`, attributes: [a('cacheControlMode', 'How caching is set.', { values: ['NoControl', 'DisableCache', 'UseMaxAge', 'UseExpires'], default: 'NoControl' }), a('cacheControlMaxAge', 'Max age (d.hh:mm:ss).', { kind: 'timespan', example: '7.00:00:00' })], children: [] },
  security: { name: 'security', summary: 'Request filtering and authentication settings.', docs: `${IIS}system.webserver/security/`, attributes: [], children: ['requestFiltering'] },
  requestFiltering: { name: 'requestFiltering', summary: 'Limits and filters applied before any handler.', docs: `${IIS}system.webserver/security/requestfiltering/`, attributes: [], children: ['requestLimits'] },
  requestLimits: { name: 'requestLimits', summary: 'Request size limits. Uploads over maxAllowedContentLength fail with 404.13.', docs: `${IIS}system.webserver/security/requestfiltering/requestlimits/`, attributes: [a('maxAllowedContentLength', 'Maximum request body in bytes (0-4294967295).', { default: '30000000', kind: 'integer', example: '209715200' }), a('maxUrl', 'Maximum URL length.', { default: '4096', kind: 'integer' }), a('maxQueryString', 'Maximum query string length.', { default: '2048', kind: 'integer' })], children: [] },
  httpErrors: { name: 'httpErrors', summary: 'IIS error pages. existingResponse="PassThrough" keeps your app\'s own error bodies (JSON APIs).', docs: `${IIS}system.webserver/httperrors/`, attributes: [a('errorMode', 'Which errors are detailed.', { values: ['DetailedLocalOnly', 'Custom', 'Detailed'], default: 'DetailedLocalOnly' }), a('existingResponse', 'What to do with an error response the app already wrote.', { values: ['Auto', 'Replace', 'PassThrough'], default: 'Auto' })], children: [] },
  applicationInitialization: { name: 'applicationInitialization', summary: 'Warm-up: requests IIS sends when the app starts (needs the Application Initialization feature, preloadEnabled and start mode AlwaysRunning).', docs: `${IIS}system.webserver/applicationinitialization/`, attributes: [a('doAppInitAfterRestart', 'Warm up after every restart.', { values: BOOL, default: 'false', kind: 'boolean' }), a('skipManagedModules', 'Skip managed modules for warm-up requests.', { values: BOOL, default: 'false', kind: 'boolean' })], children: ['applicationInitialization/add'] },
  'applicationInitialization/add': { name: 'add', summary: 'A warm-up request.', docs: `${IIS}system.webserver/applicationinitialization/`, attributes: [a('initializationPage', 'The URL to request.', { required: true, example: '/healthz' }), a('hostName', 'Host header for the request.')], children: [] },
  defaultDocument: { name: 'defaultDocument', summary: 'Default documents for folder URLs.', docs: `${IIS}system.webserver/defaultdocument/`, attributes: [a('enabled', 'Serve default documents.', { values: BOOL, default: 'true', kind: 'boolean' })], children: [] },
  directoryBrowse: { name: 'directoryBrowse', summary: 'Directory listings.', docs: `${IIS}system.webserver/directorybrowse`, attributes: [a('enabled', 'List folder contents.', { values: BOOL, default: 'false', kind: 'boolean' })], children: [] },
};

/** The catalogue entry for an element named `name` whose parent is named `parent`. */
export function elementDoc(name: string, parent: string | undefined): ElementDoc | undefined {
  return (parent !== undefined ? ELEMENTS[`${parent}/${name}`] : undefined) ?? ELEMENTS[name];
}

/** The elements that may appear under an element named `parent` (the document root when undefined). */
export function childDocs(parent: string | undefined, grandparent?: string): ElementDoc[] {
  if (parent === undefined) return [ELEMENTS['configuration']!];
  const doc = elementDoc(parent, grandparent);
  return (doc?.children ?? []).map((key) => ELEMENTS[key]).filter((d): d is ElementDoc => !!d);
}
