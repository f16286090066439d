/**
 * Realistic arguments for every placeholder of the message table, as the checks fill them in on a typical
 * Windows server (paths under C:\inetpub, a venv in the site, the usual handler names). Used to measure
 * rendered messages (first-sentence length) in every language.
 */
import type { MessageArgs, MessageKey } from '../../src/core/messages';

export const SAMPLE: MessageArgs = {
  value: 'app:create_app()', path: 'C:\\inetpub\\wwwroot\\shop\\.venv\\Scripts\\python.exe', name: 'appSetting',
  what: 'the site folder', folder: 'static', pool: 'shop', handler: 'Python FastCGI', site: 'shop',
  apphost: 'C:\\Windows\\System32\\inetsrv\\config\\applicationHost.config', module: 'shop.views', url: 'static',
  python: 'C:\\Python312\\python.exe', principal: 'IIS AppPool\\shop', file: 'shop\\__init__.py', suggestion: 'shop.app',
  entry: 'C:\\inetpub\\wwwroot\\shop\\src', quote: '"', count: 12, pair: 'C:\\Python312\\python.exe|C:\\Python312\\Lib\\site-packages\\wfastcgi.py',
  modules: 'shop\\views.py, shop\\api.py', line: 42, detail: 'EACCES: permission denied', code: 'U+00A0', text: '$PORT',
  target: 'shop.main', message: 'ERROR ( message:Cannot add duplicate collection entry )', fixed: 'app.create_app()', char: '“',
  attribute: 'scriptProcessor', actual: 'Python FastCGI', shown: 50, rightName: 'read & execute', expected: 'key',
  variable: 'FLASK_IIS_MARKER_3f2a9c', searched: 'C:\\inetpub\\wwwroot\\shop', params: 'config_name', missing: 'views',
  list: '"C:\\Python311\\python.exe|C:\\Python311\\Lib\\site-packages\\wfastcgi.py"', key: 'WSGI_HANDLER', hint: '', error: 'ModuleNotFoundError: No module named \'flask_sqlalchemy\'',
  candidate: '.\\python.exe', binding: '*:8080:', attr: 'key', apps: '/shop/api', where: 'scriptProcessor', venv: '.venv', vdir: '/api',
  users: '/shop/api', skips: '', root: 'C:\\inetpub\\wwwroot\\shop', right: 'RX', resolved: 'C:\\inetpub\\wwwroot\\shop\\src',
  placeholder: '%INTERPRETERPATH%', mapped: 'C:\\inetpub\\wwwroot\\shop\\static', limit: 250, kind: 'a named pipe (FIFO)',
  id: 1843201, found: 'src\\shop\\__init__.py', first: 'Python FastCGI', declared: 'utf-16', collection: 'appSettings',
  candidates: 'shop.py or shop\\__init__.py', app: '/', why: 'Create the application pool "shop".', which: '', version: '1.1', var: '$PYTHONPATH',
  values: 'true, false', status: 'HTTP 500', statement: 'from .models import db', source: 'Python extension', size: 312,
  sitePath: 'C:\\inetpub\\wwwroot\\shop', section: 'system.webServer/handlers', script: 'app.py', scriptVersion: 'Python 3.11',
  scriptPrefix: 'C:\\Python311', exePrefix: 'C:\\inetpub\\wwwroot\\shop\\.venv', rule: 'Static files', required: 1, requested: 'DefaultAppPool',
  removed: 'PythonHandler', register: '', reason: 'the project has no module "views" (ModuleNotFoundError)', previous: 'OnDemand',
  precondition: 'bitness64', pos: 3, port: 5000, passed: 'arguments', parent: 'system.webServer', other: '/blog', open: '“', machine: '64-bit',
  link: 'C:\\inetpub\\wwwroot\\shop\\logs', length: 1200, lastWins: '', keys: 'WSGI_HANDLER, PYTHONPATH', home: 'C:\\Users\\dev\\AppData\\Local\\Programs\\Python\\Python312',
  given: 'python3', flags: '--grant-outside C:\\logs', external: '', exe: 'C:\\Python312\\python.exe', exeVersion: 'Python 3.12',
  effect: 'wfastcgi will look up a different key and ignore this setting.', difference: 'same python.exe, different wfastcgi.py', defined: 'create_app, db',
  current: 'AlwaysRunning', command: 'C:\\Python312\\python.exe -m waitress --port=%HTTP_PLATFORM_PORT% app:app', close: '”', children: '/shop/api, /shop/admin',
  call: 'create_app("production")', callee: 'app.run', byte: '0x93', bindings: '*:80:', base: '', address: '0.0.0.0:5678', activate: '.venv\\Scripts\\activate_this.py',
  state: 'running', tool: 'appcmd.exe', exitCode: 1, program: 'C:\\Python312\\python.exe',
  // the schema check, the proxy bridge and the other servers (issue 15: their first sentences are measured too)
  element: 'add', hresult: '0x8007000d', iisText: 'Unrecognized attribute \'scriptprocessor\'', allowed: 'name, path, verb, modules, scriptProcessor, resourceType',
  versions: 'IIS 10.0', part: 'Readd', type: 'uint', min: '0', max: '4294967295', example: '00:02:00', granularity: 60,
  definition: 'AppHostOnly', label: 'name="Python FastCGI"', host: '0.0.0.0:8000', settings: 'x_for=2, x_proto=2',
  shebang: '#!/usr/bin/env python3', directive: 'proxy_pass', binds: 'unix:/run/shop/gunicorn.sock', mapping: 'py=Python',
  args: 'C:\\inetpub\\wwwroot\\wfastcgi.py', service: 'shop-waitress', pid: 4312, pipe: '',
};

/** Arguments that are fragments of the table (`@key`) or that a check fills in with a particular form. */
export const SAMPLE_OVERRIDES: Partial<Record<MessageKey, MessageArgs>> = {
  'placeholder.value': { hint: '@placeholder.hint.interpreter' },
  'placeholder.vsPublish': { hint: '@placeholder.hint.wfastcgi' },
  'dup.entry': { lastWins: '@dup.lastWins', value: 'WSGI_HANDLER' },
  'handler.missing': { apphost: '@handler.missing.apphostNone' },
  'wsgi.handlerMissing': { external: '@wsgi.handlerMissing.external', file: 'settings.config' },
  'bridge.mixed': { which: '@bridge.mixed.httpPlatformWins' },
  'regex.invalid': { hint: '@regex.globHint', error: 'nothing to repeat' },
  'host.notRegistered.closest': { difference: '@host.diff.arguments' },
  'typo.inValue': { what: '@typo.what.quote', effect: '@typo.effect.handler', name: 'value' },
  'py.venvNotUsed': { base: '@py.venvNotUsed.base', register: '@py.venvNotUsed.register', exe: 'C:\\Python312\\python.exe', suggestion: 'C:\\inetpub\\wwwroot\\shop\\.venv\\Scripts\\python.exe' },
  'py.importUnresolved': { reason: '@py.importUnresolved.noModule' },
  'refuse.name': { what: '@refuse.what.site', value: 'shop:8080' },
  'xml.unclosed': { name: 'appSettings' },
  'xml.mismatchedEnd': { found: 'handlers', expected: 'add' },
  'sp.noPipe': { value: 'C:\\Python312\\python.exe' },
  'sp.relative': { path: 'Scripts\\python.exe' },
  'sp.notScript': { path: 'C:\\Python312\\Lib\\site-packages\\wfastcgi.pyc' },
  'py.requestFailed': { path: '/', status: 'HTTP 500' },
  'profile.path': { what: 'python.exe (scriptProcessor)', path: 'C:\\Users\\dev\\AppData\\Local\\Programs\\Python\\Python312\\python.exe' },
  'devserver.command': { what: 'flask run' },
  'doctor.noAccess': { rightName: '@doctor.right.RX', what: '@plan.what.venv' },
  'schema.sectionUnknown': { path: 'system.webServer/aspNetCore' },
  'schema.sectionThirdParty': { path: 'system.webServer/iisnode', module: 'iisnode' },
  'schema.sectionUnknownHost': { path: 'system.webServer/aspNetCore' },
  'schema.sectionUnknownNear': { path: 'system.webServer/handler', suggestion: 'handlers' },
  'schema.sectionUnknownHostNear': { path: 'system.webServer/handler', suggestion: 'handlers' },
  'schema.attributeNotInTarget': { name: 'preloadEnabled', element: 'application', target: 'IIS 7.5', versions: 'IIS 8.0, IIS 8.5, IIS 10.0' },
  'vscode.schema.attributeNotInTarget': { name: 'preloadEnabled', element: 'application', target: 'IIS 7.5', versions: 'IIS 8.0, IIS 8.5, IIS 10.0' },
  'schema.elementNotInTarget': { name: 'applicationInitialization', parent: 'system.webServer', target: 'IIS 7.5', versions: 'IIS 8.0, IIS 8.5, IIS 10.0' },
  'vscode.schema.elementNotInTarget': { name: 'applicationInitialization', parent: 'system.webServer', target: 'IIS 7.5', versions: 'IIS 8.0, IIS 8.5, IIS 10.0' },
  'servers.path.notAbsolute': { what: '@servers.what.appDir', path: 'srv\\shop' },
  'servers.path.badChar': { what: '@servers.what.appDir', path: '/var/www/my shop' },
  'servers.asgi': { handler: 'main:app', target: 'mod_wsgi' },
  'servers.upstreamNotBound': { target: 'http://127.0.0.1:8000' },
  'servers.cgiStdout': { what: 'print()' },
  'servers.cgiStdoutModule': { what: 'print()' },
  'servers.notExecutable': { file: 'cgi-bin/app.cgi', kind: 'Apache' },
  'servers.runAtImport': { file: 'wsgi.py' },
  'servers.runAtImportModule': { file: 'app.py' },
  'decl.encodingMismatch': { actual: 'UTF-8', declared: 'utf-16' },
  'schema.valueEnum': { attr: 'resourceType', value: 'Any', allowed: 'File, Directory, Either, Unspecified' },
  'schema.valueFlags': { attr: 'accessPolicy', value: 'Read, Scripts', part: 'Scripts', allowed: 'None, Read, Write, Execute, Source, Script, NoRemoteWrite, NoRemoteRead, NoRemoteExecute, NoRemoteScript' },
  'schema.trimmed': { attr: 'path', value: ' *' },
  'proxy.websocketDisabled': { where: 'web.config' },
  'servers.notUnderstood': { kind: 'Apache', what: '@servers.parse.sectionNeverClosed', tag: 'VirtualHost' },
  'servers.iis6.outOfSupport': { file: 'fcgiext.ini' },
  'servers.iis6.migrate.notCarried': { what: 'EnvironmentVars', value: 'PYTHONPATH:C:\\inetpub\\wwwroot\\shop' },
  'doctor.notRegistered': { path: 'C:\\inetpub\\wwwroot\\shop' },
  'vscode.doctor.notRegistered': { path: 'C:\\inetpub\\wwwroot\\shop' },
};

/** An fcgiext.ini section is named like [Python] or [FlaskApp]. */
const IIS6 = { section: 'FlaskApp' };

export function sampleArgs(key: MessageKey): MessageArgs {
  return { ...SAMPLE, ...(key.startsWith('servers.iis6.') ? IIS6 : {}), ...SAMPLE_OVERRIDES[key] };
}
