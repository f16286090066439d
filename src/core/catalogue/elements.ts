/**
 * The Python-specific layer over the IIS configuration schema: what a Python deployment needs to know about the
 * elements and attributes it uses (what wfastcgi and HttpPlatformHandler do with them, which values serve a Flask
 * or Django app), and which values come from the project or this machine (`kind`). Structure, types, defaults,
 * enumerations and ranges come from the schema the document resolves to (src/core/schema); completion and hover
 * show both, and this text wins where it says more.
 */

export type ValueKind = 'path' | 'folder' | 'interpreter' | 'scriptProcessor' | 'command' | 'appSettingKey' | 'appSettingValue';

export interface AttributeDoc {
  name: string;
  summary: string;
  /** Values worth proposing for a string attribute (the schema's enumerations are proposed from the schema). */
  values?: string[];
  kind?: ValueKind;
  example?: string;
  /** Written with the element even where the schema does not require it (an appSettings entry needs its value). */
  insert?: boolean;
}

export interface ElementDoc {
  name: string;
  summary: string;
  docs: string;
  attributes: AttributeDoc[];
}

const IIS = 'https://learn.microsoft.com/en-us/iis/configuration/';
const a = (name: string, summary: string, extra: Partial<AttributeDoc> = {}): AttributeDoc => ({ name, summary, ...extra });

/** Keyed by `parent/name` where a name means different things under different parents, else by name. */
export const ELEMENTS: Record<string, ElementDoc> = {
  location: {
    name: 'location', summary: 'Applies the enclosed configuration to a path. `path="." inheritInChildApplications="false"` keeps a Python handler out of child applications.', docs: `${IIS}location`,
    attributes: [a('path', 'The path the settings apply to; `.` is this folder.', { example: '.' }), a('inheritInChildApplications', 'Whether child applications inherit these settings.'), a('overrideMode', 'Whether lower levels may override the enclosed sections.')],
  },
  appSettings: {
    name: 'appSettings', summary: 'Key/value settings. wfastcgi copies every `<add key value>` here into the environment of the Python process (WSGI_HANDLER, PYTHONPATH, ...). Must be a direct child of `<configuration>` or `<location>`; names are case-sensitive.', docs: 'https://learn.microsoft.com/en-us/dotnet/framework/configure-apps/file-schema/appsettings/',
    attributes: [a('configSource', 'An external file with the settings. wfastcgi never reads it.', { kind: 'path' }), a('file', 'An external file merged with these settings. wfastcgi never reads it.', { kind: 'path' })],
  },
  'appSettings/add': { name: 'add', summary: 'One setting. wfastcgi strips white space around the key and uses the value as written.', docs: 'https://learn.microsoft.com/en-us/dotnet/framework/configure-apps/file-schema/appsettings/add-element-for-appsettings', attributes: [a('key', 'The setting name, e.g. WSGI_HANDLER.', { kind: 'appSettingKey' }), a('value', 'The setting value.', { kind: 'appSettingValue', insert: true })] },
  'appSettings/remove': { name: 'remove', summary: 'Removes an inherited setting (wfastcgi ignores it).', docs: 'https://learn.microsoft.com/en-us/dotnet/framework/configure-apps/file-schema/appsettings/', attributes: [a('key', 'The setting to remove.', { kind: 'appSettingKey' })] },
  handlers: {
    name: 'handlers', summary: 'Handler mappings: which module handles which requests. The first matching entry wins.', docs: `${IIS}system.webserver/handlers/`,
    attributes: [a('accessPolicy', 'The kinds of access handlers may require. A handler whose requireAccess is not included is disabled.', { example: 'Read, Script' })],
  },
  'handlers/add': {
    name: 'add', summary: 'A handler mapping. For wfastcgi: `modules="FastCgiModule"` and `scriptProcessor="python.exe|wfastcgi.py"`; for HttpPlatformHandler: `modules="httpPlatformHandler"`.', docs: `${IIS}system.webserver/handlers/add`,
    attributes: [
      a('name', 'A unique name; a static folder\'s web.config removes the Python handler by this exact name.', { example: 'Python FastCGI' }),
      a('path', 'The URL pattern this handler serves; `*` for every request.', { values: ['*'], example: '*' }),
      a('verb', 'The HTTP methods this handler serves; `*` for all (a REST API needs PUT, PATCH, DELETE).', { values: ['*', 'GET,HEAD,POST', 'GET,HEAD,POST,PUT,PATCH,DELETE,OPTIONS'], example: '*' }),
      a('modules', 'The module that handles the request.', { values: ['FastCgiModule', 'httpPlatformHandler', 'StaticFileModule', 'DefaultDocumentModule', 'DirectoryListingModule', 'CgiModule', 'IsapiModule'], example: 'FastCgiModule' }),
      a('scriptProcessor', 'For FastCgiModule: `python.exe|wfastcgi.py`, exactly as `wfastcgi-enable` printed and registered in applicationHost.config.', { kind: 'scriptProcessor', example: 'C:\\Python311\\python.exe|C:\\Python311\\Lib\\site-packages\\wfastcgi.py' }),
      a('resourceType', 'When the handler runs: `Unspecified` for every URL (needed for Flask/Django routes), `File` only for existing files.'),
      a('requireAccess', 'The access the handler needs; must be allowed by the handlers accessPolicy.'),
      a('preCondition', 'Conditions for loading the handler (bitness, pipeline mode).', { values: ['integratedMode', 'bitness64', 'bitness32'] }),
    ],
  },
  'handlers/remove': { name: 'remove', summary: 'Removes an inherited handler by name (e.g. the Python handler in a static folder, or WebDAV).', docs: `${IIS}system.webserver/handlers/`, attributes: [a('name', 'The exact name of the handler to remove.', { example: 'Python FastCGI' })] },
  'handlers/clear': { name: 'clear', summary: 'Removes every inherited handler, static files included: add a StaticFile handler back if you use it.', docs: `${IIS}system.webserver/handlers/`, attributes: [] },
  modules: {
    name: 'modules', summary: 'IIS modules enabled for this folder.', docs: `${IIS}system.webserver/modules/`,
    attributes: [a('runAllManagedModulesForAllRequests', 'Run managed (.NET) modules for every request; not needed for Python.')],
  },
  'modules/remove': { name: 'remove', summary: 'Removes a module, e.g. WebDAVModule, which otherwise answers PUT/DELETE with 405.', docs: `${IIS}system.webserver/modules/`, attributes: [a('name', 'The module name.', { values: ['WebDAVModule'] })] },
  httpPlatform: {
    name: 'httpPlatform', summary: 'HttpPlatformHandler (Microsoft\'s recommended bridge): IIS starts `processPath arguments` and proxies to the port it passes in %HTTP_PLATFORM_PORT%.', docs: 'https://learn.microsoft.com/en-us/iis/extensions/httpplatformhandler/httpplatformhandler-configuration-reference',
    attributes: [
      a('processPath', 'The program to start: the venv\'s python.exe.', { kind: 'interpreter', example: 'C:\\inetpub\\myapp\\.venv\\Scripts\\python.exe' }),
      a('arguments', 'Its arguments; must pass %HTTP_PLATFORM_PORT%.', { kind: 'command', example: '-m waitress --port=%HTTP_PLATFORM_PORT% app:app' }),
      a('startupTimeLimit', 'Seconds to wait for the process to listen on the port.', { example: '60' }),
      a('startupRetryCount', 'How often to retry starting the process.'),
      a('rapidFailsPerMinute', 'Crashes per minute before giving up.'),
      a('requestTimeout', 'How long a request may take (hh:mm:ss).'),
      a('stdoutLogEnabled', 'Write the process\'s stdout and stderr to stdoutLogFile.'),
      a('stdoutLogFile', 'Log file prefix (the folder must exist and be writable by the pool identity).', { kind: 'path', example: '.\\logs\\python.log' }),
    ],
  },
  'httpPlatform/environmentVariables': { name: 'environmentVariables', summary: 'Environment variables for the process (HttpPlatformHandler never reads appSettings).', docs: 'https://learn.microsoft.com/en-us/iis/extensions/httpplatformhandler/httpplatformhandler-configuration-reference', attributes: [] },
  'environmentVariables/environmentVariable': { name: 'environmentVariable', summary: 'One environment variable; the value may use %HTTP_PLATFORM_PORT%.', docs: 'https://learn.microsoft.com/en-us/iis/extensions/httpplatformhandler/httpplatformhandler-configuration-reference', attributes: [a('name', 'Variable name.', { example: 'PYTHONUNBUFFERED' }), a('value', 'Variable value.', { example: '1' })] },
  rewrite: { name: 'rewrite', summary: 'URL Rewrite rules. Needs the URL Rewrite module on the server (else 500.19 for the whole site).', docs: 'https://learn.microsoft.com/en-us/iis/extensions/url-rewrite-module/url-rewrite-module-configuration-reference', attributes: [] },
  match: { name: 'match', summary: 'The URL pattern of a rule (no leading slash).', docs: 'https://learn.microsoft.com/en-us/iis/extensions/url-rewrite-module/url-rewrite-module-configuration-reference', attributes: [a('url', 'A regular expression (ECMAScript) matched against the URL path.', { example: '^static/.*' })] },
  requestLimits: { name: 'requestLimits', summary: 'Request size limits. Uploads over maxAllowedContentLength fail with 404.13.', docs: `${IIS}system.webserver/security/requestfiltering/requestlimits/`, attributes: [a('maxAllowedContentLength', 'Maximum request body in bytes.', { example: '209715200' })] },
  httpErrors: { name: 'httpErrors', summary: 'IIS error pages. existingResponse="PassThrough" keeps your app\'s own error bodies (JSON APIs).', docs: `${IIS}system.webserver/httperrors/`, attributes: [a('existingResponse', 'What to do with an error response the app already wrote.')] },
  applicationInitialization: { name: 'applicationInitialization', summary: 'Warm-up: requests IIS sends when the app starts (needs the Application Initialization feature, preloadEnabled and start mode AlwaysRunning).', docs: `${IIS}system.webserver/applicationinitialization/`, attributes: [] },
  'applicationInitialization/add': { name: 'add', summary: 'A warm-up request.', docs: `${IIS}system.webserver/applicationinitialization/`, attributes: [a('initializationPage', 'The URL to request.', { example: '/healthz' })] },
};

/** The catalogue entry for an element named `name` whose parent is named `parent`. */
export function elementDoc(name: string, parent: string | undefined): ElementDoc | undefined {
  return (parent !== undefined ? ELEMENTS[`${parent}/${name}`] : undefined) ?? ELEMENTS[name];
}
