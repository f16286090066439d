/** The web.config rules: appSettings, collections, placeholders, handlers, PYTHONPATH, regex, security, host. (English templates; see ../messages.ts) */
export const RULE_MESSAGES = {
  // appSettings
  'app.misspelledSection': '<{name}> is not <appSettings> (names are case-sensitive). wfastcgi never reads it ("WSGI_HANDLER env var must be set") and IIS rejects unknown elements with HTTP 500.19. Rename it to <appSettings>.',
  'app.misplacedSection': '<appSettings> inside <{parent}> is not allowed: it must be a direct child of <configuration> or <location>. IIS answers HTTP 500.19 (unrecognized element). Move it up.',
  'app.misspelledAdd': '<{name}> inside <appSettings> is not <add> (case-sensitive): wfastcgi ignores it and IIS answers HTTP 500.19. Rename it to <add>.',
  'app.misspelledAttribute': 'Attribute "{name}" is not "{expected}" (case-sensitive): wfastcgi ignores this entry. Rename it to {expected}.',
  'app.noKey': 'This <add> has no key attribute; wfastcgi skips it.',
  'app.externalSource': '{name}="{value}" on <appSettings>: wfastcgi reads only this web.config and never follows {name}, so settings in that file (WSGI_HANDLER, PYTHONPATH, ...) are invisible to it. Put them inline.',

  // collections
  'dup.entry': 'Duplicate {collection} entry {attr}="{value}" (first at line {line}). IIS answers HTTP 500.19 "Cannot add duplicate collection entry"{lastWins}. Remove one, or put <remove {attr}="{value}"/> before it.',
  'dup.lastWins': '; wfastcgi would silently use the later value',
  'dup.section': 'A second <{name}> section in the same place (first at line {line}). IIS answers HTTP 500.19 (duplicate section). Merge them into one.',
  'related.first': 'first defined here',
  'related.ptvsdAddress': 'the debug port is opened here',

  // placeholders
  'placeholder.value': 'Unexpanded placeholder {placeholder} in {where}. IIS and wfastcgi use the text literally; {hint}',
  'placeholder.hint.interpreter': 'replace it with the python.exe path that wfastcgi-enable printed.',
  'placeholder.hint.wfastcgi': 'replace it with the wfastcgi.py path that wfastcgi-enable printed.',
  'placeholder.hint.rootdir': 'replace it with the site folder (wfastcgi expands only real environment variables; an unknown %NAME% becomes empty).',
  'placeholder.hint.generic': 'replace it with the real value before deploying.',

  // handlers / bridge
  'handler.missing': 'WSGI settings ({keys}) but no Python handler: no <handlers><add> with modules="FastCgiModule" or modules="httpPlatformHandler" in this file{apphost}. IIS will serve the folder as static files. Add a handler.',
  'handler.missing.apphostNone': ' nor in applicationHost.config',
  'wsgi.handlerMissing': 'The wfastcgi handler "{handler}" has no non-empty WSGI_HANDLER appSetting{external}. Every request fails with "Error occurred while reading WSGI handler: ... WSGI_HANDLER env var must be set". Add <add key="WSGI_HANDLER" value="module.app"/> to <appSettings>.',
  'wsgi.handlerMissing.external': ' (the settings in {file} are not read by wfastcgi)',
  'wsgi.syntax.colon': 'WSGI_HANDLER "{value}" uses ":" (gunicorn/uvicorn syntax). wfastcgi only splits on dots and fails with ValueError: "{value}" could not be imported. Write {fixed}.',
  'wsgi.syntax.path': 'WSGI_HANDLER "{value}" looks like a file path. wfastcgi needs a dotted Python name (module.attribute) and fails with ValueError: could not be imported.',
  'wsgi.syntax.pyExt': 'WSGI_HANDLER "{value}" contains ".py": wfastcgi would import a module named "py". Write {fixed}.',
  'wsgi.syntax.space': 'WSGI_HANDLER "{value}" contains white space; wfastcgi uses the value as written and cannot import it. Remove the spaces.',
  'wsgi.syntax.args': 'WSGI_HANDLER "{value}" passes arguments; wfastcgi only understands an empty "()" (call with no arguments). Expose the app in a module (app = create_app("production")) and name it.',
  'wsgi.syntax.generic': 'WSGI_HANDLER "{value}" is not a dotted Python name with optional "()" (e.g. app.app, mysite.wsgi.application, app.create_app()). wfastcgi fails with ValueError: could not be imported.',
  'sp.noPipe': 'scriptProcessor "{value}" has no "|". IIS starts "python.exe|wfastcgi.py" as two halves split at "|"; without it the FastCGI application is never found (HTTP 500.0, 0x80070585). Use the exact string wfastcgi-enable printed.',
  'sp.manyPipes': 'scriptProcessor has {count} "|" characters; it must be exactly "python.exe|wfastcgi.py".',
  'sp.missing': 'The FastCGI handler "{handler}" has no scriptProcessor. IIS needs "python.exe|wfastcgi.py" there (HTTP 500.0 otherwise). Use the exact string wfastcgi-enable printed.',
  'sp.spacePipe': 'White space around "|" in scriptProcessor. IIS compares the string with the registered FastCGI application literally, so it never matches (HTTP 500.0, 0x80070585). Remove it.',
  'sp.spaceEdge': 'Leading or trailing white space in scriptProcessor. IIS compares the string with the registered FastCGI application literally, so it never matches (HTTP 500.0, 0x80070585). Remove it.',
  'sp.relative': '"{path}" in scriptProcessor is not an absolute Windows path. IIS needs full paths (C:\\...\\python.exe|C:\\...\\wfastcgi.py).',
  'sp.quotes': 'Unbalanced quotes in scriptProcessor "{value}". Quote both halves consistently (the string must equal the registered fullPath|arguments).',
  'sp.notPython': 'The first half of scriptProcessor, "{path}", is not a python.exe. wfastcgi must be started by the Python interpreter that has it installed.',
  'sp.notScript': 'The second half of scriptProcessor, "{path}", is not a .py script (wfastcgi.py).',
  'sp.forwardSlash': 'scriptProcessor uses "/" in "{path}". Use the exact Windows path (with "\\") that wfastcgi-enable printed and registered; IIS compares the strings.',
  'sp.envMismatch': 'python.exe and wfastcgi.py come from different environments: "{exePrefix}" vs "{scriptPrefix}". wfastcgi then runs without the packages it needs (ImportError in "Error occurred while reading WSGI handler"). Point both halves at the same environment, e.g. {suggestion}.',
  'sp.versionMismatch': 'python.exe is {exeVersion} but wfastcgi.py belongs to {scriptVersion}. Point both halves at the same interpreter.',
  'handler.resourceType': 'Handler "{handler}" has path="*" with resourceType="{value}": IIS only invokes it when the URL maps to an existing {kind}, so every Flask/Django route returns 404.0. Set resourceType="Unspecified".',
  'fastcgi.section': '<fastCgi> is an applicationHost.config-only section (AppHostOnly). In a site\'s web.config IIS rejects it (HTTP 500.19) or ignores it, so this FastCGI application is never registered. Register it with wfastcgi-enable or appcmd instead, and remove this section.',
  'bridge.mixed': 'This file configures both bridges: a FastCGI handler and <httpPlatform>. Only the handler that matches a request runs; the other configuration is dead{which}. Keep one bridge.',
  'bridge.mixed.httpPlatformWins': ' (the httpPlatformHandler handler comes first)',
  'bridge.mixed.wsgiUnderPlatform': 'WSGI_HANDLER is set but the handler is httpPlatformHandler: HttpPlatformHandler never reads appSettings, so WSGI_HANDLER has no effect. Configure the server in <httpPlatform arguments=...> instead.',
  'rewrite.required': '<rewrite> needs the IIS URL Rewrite module, which is not part of IIS. Without it IIS answers HTTP 500.19 (0x8007000d) for the whole site. Install URL Rewrite 2.1 on the server.',

  // PYTHONPATH and regex
  'pp.comma': 'PYTHONPATH is split on ";" only; "," makes one bogus entry "{entry}". Use ";".',
  'pp.colon': 'PYTHONPATH is split on ";" only; ":" is not a separator on Windows, so "{entry}" is one bogus entry. Use ";".',
  'pp.space': 'PYTHONPATH entry "{entry}" has white space around it; wfastcgi does not trim entries, so this folder is never found. Remove the spaces.',
  'pp.quote': 'PYTHONPATH entry {entry} contains quotes; wfastcgi keeps them as part of the path, which then never exists. Remove the quotes (spaces in paths are fine).',
  'pp.dollar': 'PYTHONPATH uses "{var}": wfastcgi only expands %NAME% references.',
  'regex.invalid': 'WSGI_RESTART_FILE_REGEX is not a valid Python regular expression ({error} at position {pos}). wfastcgi fails at start-up ("Error occurred starting file watcher") and every request returns 500.{hint}',
  'regex.globHint': ' It looks like a glob: write .*((\\.py)|(\\.config))$ instead.',
  'regex.miscased': 'wfastcgi reads WSGI_RESTART_FILE_REGEX with its exact spelling; "{key}" is ignored and the default .*((\\.py)|(\\.config))$ applies. Rename the key to WSGI_RESTART_FILE_REGEX.',
  'regex.anchored': 'WSGI_RESTART_FILE_REGEX "{value}" can never match: wfastcgi matches it from the start of the changed file\'s relative path (re.match, e.g. app\\views.py), so changes never restart the app. Start it with .* (for example .*{value}).',
  'regex.leadingSeparator': 'WSGI_RESTART_FILE_REGEX "{value}" starts with a path separator, but wfastcgi matches relative paths (app\\views.py) from their start, so it never matches. Start it with .* instead.',

  // security, Django, HttpPlatformHandler
  'ptvsd.secret': 'WSGI_PTVSD_SECRET enables ptvsd remote debugging: a password in plain text and an open debug port ({address}) that gives anyone with the secret full control of the server. Remove it (and WSGI_PTVSD_ADDRESS) from production configuration.',
  'django.settingsMissing': 'WSGI_HANDLER is Django\'s get_wsgi_application() but no DJANGO_SETTINGS_MODULE appSetting is set, so Django fails with ImproperlyConfigured on start-up. Add <add key="DJANGO_SETTINGS_MODULE" value="mysite.settings"/> or use mysite.wsgi.application.',
  'platform.portMissing': '<httpPlatform> never passes %HTTP_PLATFORM_PORT% to the process (not in arguments nor in an environmentVariable). HttpPlatformHandler proxies to that port; a server listening elsewhere gives HTTP 502.3 after startupTimeLimit. Add e.g. --port=%HTTP_PLATFORM_PORT%.',
  'platform.portDollar': '<httpPlatform> uses "{text}" (shell syntax); IIS only substitutes %HTTP_PLATFORM_PORT%. The process gets the literal text and HTTP 502.3 follows. Write %HTTP_PLATFORM_PORT%.',
  'platform.portHardcoded': '{text}',
  'devserver.command': 'The served process is a development server ({what}): single-threaded, not hardened, and it prints "Do not use it in a production deployment". Serve with waitress instead, e.g. arguments="-m waitress --port=%HTTP_PLATFORM_PORT% app:app".',
  'devserver.debugEnv': '{name}={value} turns on the debugger/reloader in production: the Werkzeug debugger allows remote code execution and the reloader fights HttpPlatformHandler for the port. Remove it.',

  // host (applicationHost.config)
  'host.notRegistered.none': 'scriptProcessor "{value}" is not registered as a FastCGI application in {apphost} (none is registered there), so IIS answers HTTP 500.0 "scriptProcessor could not be found in <fastCGI> application configuration" (0x80070585). Run wfastcgi-enable with this interpreter.',
  'host.notRegistered.closest': 'scriptProcessor "{value}" is not registered as a FastCGI application in {apphost}, so IIS answers HTTP 500.0 "scriptProcessor could not be found in <fastCGI> application configuration" (0x80070585). Closest registration: "{pair}" ({difference}). Run wfastcgi-enable with this interpreter, or use the registered string exactly.',
  'host.notRegistered.list': 'scriptProcessor "{value}" is not registered as a FastCGI application in {apphost}, so IIS answers HTTP 500.0 "scriptProcessor could not be found in <fastCGI> application configuration" (0x80070585). Registered: {list}. Run wfastcgi-enable with this interpreter, or use the registered string exactly.',
  'host.diff.arguments': 'same python.exe, different wfastcgi.py',
  'host.diff.fullPath': 'same wfastcgi.py, different python.exe',
  'host.handlersLocked': 'The handlers section is locked for sites in {apphost} (overrideModeDefault="Deny"), so this <handlers> makes IIS answer HTTP 500.19 (0x80070021 "This configuration section cannot be used at this path"). Unlock it: appcmd unlock config /section:system.webServer/handlers.',
  'host.cgiMissing': 'The IIS CGI feature is not installed (no FastCgiModule in globalModules of {apphost}), so IIS answers HTTP 500.21 "bad module FastCgiModule". Install it: Install-WindowsFeature Web-CGI (Server) or Enable-WindowsOptionalFeature -Online -FeatureName IIS-CGI.',
  'host.platformMissing': 'HttpPlatformHandler is not installed (no httpPlatformHandler in globalModules of {apphost}), so IIS answers HTTP 500.21/500.19. Install HttpPlatformHandler v1.2 (or LeXtudio v2).',
  'host.rewriteMissing': '<rewrite> is used but the URL Rewrite module is not installed (no RewriteModule in globalModules of {apphost}): IIS answers HTTP 500.19 (0x8007000d) for the whole site. Install URL Rewrite 2.1.',
  'related.registered': 'registered FastCGI application',

  // limits on very large input (check-truncated; duplicate-collection-entry)
  'dup.more': 'And {count} more duplicate {collection} entries from here on, starting with {attr}="{value}": only the first {shown} are reported one by one. IIS answers HTTP 500.19 "Cannot add duplicate collection entry" at the first duplicate. Remove them.',
  'dup.moreSections': 'And {count} more duplicate sections from here on, starting with this <{name}>: only the first {shown} are reported one by one. IIS answers HTTP 500.19 (duplicate section). Merge each into one.',
  'check.moreFindings': '{count} more {code} findings after this one are not listed: only the first {shown} of a kind are reported. Fix these, then check again.',
  'regex.tooLong': 'WSGI_RESTART_FILE_REGEX is {length} characters long: the built-in check reads patterns up to {limit} characters, so this one was not checked. Restart patterns are short: .*((\\.py)|(\\.config))$ watches Python files and web.config.',
} as const;
