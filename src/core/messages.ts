/**
 * Every user-facing sentence of the core, in one table. Keys are stable; `{name}` marks an argument.
 * Adapters translate the English template (VS Code: `vscode.l10n.t(template, args)`, CLI: the same
 * l10n bundle), so a translation is a file (l10n/bundle.l10n.<locale>.json), not a code change.
 */
export const MESSAGES = {
  // XML well-formedness (scanner)
  'xml.noRoot': 'The file has no <configuration> element. IIS answers HTTP 500.19 (configuration file is not well-formed XML).',
  'xml.binary': 'This is not a text file (it contains NUL bytes). IIS cannot read it as configuration: HTTP 500.19.',
  'xml.tooLarge': 'The file is {size} KB; IIS refuses configuration files over {limit} KB with HTTP 500.19 ("Cannot read configuration file because it exceeds the maximum file size") unless the server raises MaxWebConfigFileSizeInKB (HKLM\\SOFTWARE\\Microsoft\\InetStp\\Configuration). Move rules to a rewrite map file or raise the limit.',
  'xml.unclosed': 'Element <{name}> is never closed. IIS answers HTTP 500.19 (not well-formed XML) and wfastcgi fails with "Error occurred while reading WSGI handler". Add </{name}> or end the tag with />.',
  'xml.mismatchedEnd': 'Found </{found}> where </{expected}> was expected. IIS answers HTTP 500.19 (not well-formed XML). Close <{expected}> first.',
  'xml.unexpectedEnd': 'End tag </{name}> has no matching start tag. IIS answers HTTP 500.19 (not well-formed XML). Remove it.',
  'xml.unterminatedEndTag': 'End tag </{name}> is not closed with ">". IIS answers HTTP 500.19 (not well-formed XML).',
  'xml.unterminatedTag': 'This tag is not closed with ">" or "/>". IIS answers HTTP 500.19 (not well-formed XML).',
  'xml.badTagEnd': '"{text}" does not end this tag. Use ">" or "/>".',
  'xml.badCharInTag': 'Unexpected character "{char}" inside a tag. IIS answers HTTP 500.19 (not well-formed XML).',
  'xml.attrNoValue': 'Attribute "{name}" has no value. XML needs name="value"; IIS answers HTTP 500.19.',
  'xml.unquotedValue': 'The value of "{name}" is not in quotes. XML needs name="value"; IIS answers HTTP 500.19.',
  'xml.unterminatedValue': 'The value of "{name}" has no closing quote. IIS answers HTTP 500.19 (not well-formed XML).',
  'xml.ltInValue': 'A raw "<" inside the value of "{name}" is not allowed in XML. Write &lt; instead.',
  'xml.duplicateAttribute': 'Attribute "{name}" appears twice on this element. IIS answers HTTP 500.19 (not well-formed XML). Keep one.',
  'xml.badEntity': '"{text}" is not a valid XML reference; IIS answers HTTP 500.19. Write a literal & as &amp;.',
  'xml.controlChar': 'Character {code} is not allowed in XML (the file may be partly binary or saved in the wrong encoding). IIS answers HTTP 500.19.',
  'xml.cdataEndInText': '"]]>" is not allowed in text; write ]]&gt; instead. IIS answers HTTP 500.19.',
  'xml.attrNoSpace': 'Attributes must be separated by white space. IIS answers HTTP 500.19 (not well-formed XML).',
  'xml.ltInText': 'A raw "<" that does not start a tag. Write &lt; instead; IIS answers HTTP 500.19.',
  'xml.textBeforeRoot': 'Text before the <configuration> element is not allowed. IIS answers HTTP 500.19 (not well-formed XML).',
  'xml.textAfterRoot': 'Text after the closing </configuration> is not allowed. IIS answers HTTP 500.19 (not well-formed XML).',
  'xml.multipleRoots': 'A second top-level element <{name}>. A configuration file has exactly one root, <configuration>; IIS answers HTTP 500.19.',
  'xml.rootName': 'The root element is <{name}>, but IIS only reads a root named <configuration> (case-sensitive). IIS answers HTTP 500.19.',
  'xml.unterminatedComment': 'This comment is never closed with "-->". IIS answers HTTP 500.19 (not well-formed XML).',
  'xml.doubleHyphen': '"--" is not allowed inside an XML comment. IIS answers HTTP 500.19 (not well-formed XML).',
  'xml.unterminatedCdata': 'This CDATA section is never closed with "]]>".',
  'xml.unterminatedPi': 'This processing instruction is never closed with "?>".',
  'xml.doctype': 'A DOCTYPE is not allowed in an IIS configuration file (IIS answers HTTP 500.19); entity declarations in it are not expanded by this check.',
  'xml.badMarkup': 'Unknown markup "<!". IIS answers HTTP 500.19 (not well-formed XML).',

  // XML declaration
  'decl.missingLt': 'Broken XML declaration "{text}": it must start with "<?xml". IIS answers HTTP 500.19 and wfastcgi fails with "Error occurred while reading WSGI handler". Write <?xml version="1.0" encoding="utf-8"?>.',
  'decl.missingQuestion': 'Broken XML declaration: it must be written <?xml ... ?>. IIS answers HTTP 500.19. Write <?xml version="1.0" encoding="utf-8"?>.',
  'decl.unterminated': 'The XML declaration must end with "?>".',
  'decl.case': 'The XML declaration must be written in lower case: "<?xml", not "<?{target}".',
  'decl.duplicate': 'A second XML declaration (files concatenated by a deploy script?). IIS answers HTTP 500.19. Remove it.',
  'decl.leadingSpace': 'The XML declaration must be the very first characters of the file; here white space comes before it. wfastcgi fails with "XML or text declaration not at start of entity". Remove the blank lines.',
  'decl.notFirst': 'An XML declaration is only allowed at the very start of the file. IIS answers HTTP 500.19. Move it to line 1 or remove it.',
  'decl.noVersion': 'The XML declaration must start with version="1.0".',
  'decl.unknownAttribute': '"{name}" is not allowed in the XML declaration (only version, encoding and standalone, in that order).',
  'decl.order': 'The XML declaration must list version, encoding and standalone in that order.',
  'decl.badStandalone': 'standalone must be "yes" or "no", not "{value}".',
  'decl.badEncoding': '"{value}" is not an encoding name; write encoding="utf-8".',
  'decl.badVersion': 'XML version "{version}" is not supported; use version="1.0".',
  'decl.encodingMismatch': 'The declaration says encoding="{declared}" but the file is saved as {actual}. IIS answers HTTP 500.19 (0x8007000d). Save the file as {declared} or change the declaration.',

  // typographic characters
  'typo.quotes': 'Typographic quotes {open}…{close} around the value of "{name}" (copied from a blog or a word processor). XML needs straight quotes "…"; IIS answers HTTP 500.19.',
  'typo.strayInTag': 'Typographic character "{char}" inside a tag. Use straight quotes "…"; IIS answers HTTP 500.19.',
  'typo.invisibleInTag': 'Invisible character {code} inside a tag (a non-breaking or zero-width space). IIS answers HTTP 500.19. Replace it with a normal space.',
  'typo.inValue': 'The value of "{name}" contains {what} ({code}). {effect} Replace it with the plain ASCII character.',
  'typo.effect.key': 'wfastcgi will look up a different key and ignore this setting.',
  'typo.effect.handler': 'wfastcgi will fail with ValueError: "…" could not be imported.',
  'typo.effect.path': 'The path or command will not match what is on disk.',
  'typo.what.quote': 'a typographic quote',
  'typo.what.invisible': 'an invisible character',
  'typo.what.dash': 'a typographic dash',

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

  // editor: completion details and hover labels
  'completion.required': 'required',
  'completion.default': 'default: {value}',
  'completion.interpreter': '{source}: {python}',
  'completion.wfastcgiMissing': 'wfastcgi is not installed in this environment: run pip install wfastcgi with it first',
  'completion.source.python-extension': 'Python extension',
  'completion.source.venv': 'virtual environment in the workspace',
  'completion.source.path': 'on PATH',
  'completion.source.template': 'template for the server (edit the paths)',
  'completion.handler': 'WSGI app in {detail}',
  'completion.waitress': 'waitress (WSGI), Microsoft\'s recommended HttpPlatformHandler set-up',
  'completion.uvicorn': 'uvicorn (ASGI app)',
  'completion.folder': 'folder of the application',
  'completion.restartDefault': 'wfastcgi\'s default: restart on .py and .config changes',
  'completion.restartOff': 'empty: never restart on file changes',
  'skeleton.wfastcgi': 'web.config for a Flask app on wfastcgi (FastCGI)',
  'skeleton.httpPlatform': 'web.config for HttpPlatformHandler + waitress (recommended: wfastcgi is unmaintained)',
  'skeleton.static': 'web.config for a static folder: IIS serves files, Python is not called',
  'hover.default': 'Default: {value}',
  'hover.values': 'Values: {values}',
  'hover.example': 'Example: {value}',
  'hover.docs': 'Documentation',
  'hover.resolved': 'Resolves to {path}, line {line}.',
  'hover.notResolved': 'Not found in this project.',
  'hover.lookupExact': 'wfastcgi reads this key with its exact spelling.',
  'hover.lookupEnv': 'wfastcgi reads it through the environment: any letter case works on Windows.',
  'hover.expands': '%{name}% expands to {value}.',
  'hover.expandsUnknown': '%{name}% is expanded from the server\'s environment; wfastcgi replaces an unknown name with an empty string.',
  'hover.expandsPort': '%HTTP_PLATFORM_PORT% is replaced by the port HttpPlatformHandler chose for this process.',
  'hover.registered': 'Registered as a FastCGI application in {apphost}.',
  'fix.replaceWith': 'Replace with {value}',
  'fix.addCall': 'Add () to call the factory',
  'fix.removeCall': 'Remove () (the app is already a WSGI callable)',
  'fix.removePtvsd': 'Remove WSGI_PTVSD_* settings',
  'fix.removeDuplicate': 'Remove this duplicate entry',
  'fix.removeSection': 'Remove <{name}>',
  'fix.straightenQuotes': 'Use straight quotes',
  'fix.replaceInvisible': 'Replace the invisible character with a space',
  'fix.removeInvisible': 'Remove the invisible character',
  'fix.removeQuote': 'Remove the typographic quote',
  'fix.renameTo': 'Rename to {name}',
  'fix.insertSetting': 'Add {key} = {value}',
  'fix.removeSetting': 'Remove {key}',
  'fix.removeLeadingSpace': 'Remove what comes before the XML declaration',
  'fix.removeDeclaration': 'Remove this XML declaration',
  'fix.createStaticConfig': 'Create {folder}/web.config that removes the Python handler',
  'fix.removeSpaces': 'Remove the white space: {value}',
  'fix.useInterpreter': 'Use {value}',
  'fix.pythonPath': 'Separate with ";": {value}',
  'fix.usePort': 'Pass the port: {value}',
  'fix.addPort': 'Add --port=%HTTP_PLATFORM_PORT% to arguments',
  'fix.all': 'Fix all "{code}" problems in this file',
  'hover.notRegistered': 'Not registered as a FastCGI application in {apphost}: run wfastcgi-enable with this interpreter.',
  'related.lockedHere': 'locked here',

  // Python-aware checks (the project's .py files, resolved as wfastcgi resolves WSGI_HANDLER)
  'py.moduleNotFound': 'wfastcgi cannot import "{module}" for WSGI_HANDLER "{value}": there is no {candidates} in {searched}, and it is neither in the standard library nor a declared or installed package. Every request fails with "Error occurred while reading WSGI handler: ... ValueError: \"{value}\" could not be imported ... No module named \'{module}\'". Fix the dotted name (relative to the application folder), or add the folder that contains it to PYTHONPATH.',
  'py.moduleNotFoundElsewhere': 'wfastcgi cannot import "{module}" for WSGI_HANDLER "{value}": it is not in {searched} (found {found}, which is not on sys.path). Every request fails with "Error occurred while reading WSGI handler: ... ValueError: \"{value}\" could not be imported ... No module named \'{module}\'". Add "{folder}" to PYTHONPATH (<add key="PYTHONPATH" value="{folder}"/>), or move the module.',
  'py.attributeNotFound': '{file} does not define "{name}" at module level, so wfastcgi fails at start-up with "Error occurred while reading WSGI handler: ... AttributeError: module \'{module}\' has no attribute \'{name}\'" (an AttributeError is not retried). It defines: {defined}. Name one of those (e.g. {suggestion}) or define {name} there.',
  'py.attributeNotFoundEmpty': '{file} defines nothing at module level, so wfastcgi fails at start-up with "Error occurred while reading WSGI handler: ... AttributeError: module \'{module}\' has no attribute \'{name}\'". Define the application there (app = Flask(__name__)) or name the module that does.',
  'py.isModule': 'WSGI_HANDLER "{value}" names the module {module} ({file}), not the application in it: wfastcgi would call the module for every request (TypeError: \'module\' object is not callable, HTTP 500). Name the WSGI object in it, e.g. {suggestion}.',
  'py.factoryNotCalled': '"{name}" in {file} is a function taking ({params}), not a WSGI application taking (environ, start_response). wfastcgi calls it for every request with (environ, start_response): TypeError and HTTP 500 at request time. Add "()" so wfastcgi calls the factory once at start-up: {fixed}.',
  'py.instanceCalled': '"{name}" ({file}) is already an application ({what}); the "()" makes wfastcgi call it with no arguments at start-up: "Error occurred while reading WSGI handler: ... TypeError: ... missing 2 required positional arguments: \'environ\' and \'start_response\'". Remove the "()": {fixed}.',
  'py.asgi': '"{name}" ({file}) is an ASGI application ({what}). wfastcgi is WSGI-only: it calls the app as handler(environ, start_response), so every request fails with HTTP 500 (TypeError: __call__() missing 1 required positional argument: \'send\') and startup/lifespan events never run. Serve it with HttpPlatformHandler and an ASGI server (processPath="...\\python.exe" arguments="-m uvicorn {target} --port %HTTP_PLATFORM_PORT%"), or wrap it in a WSGI adapter (a2wsgi.ASGIMiddleware) and point WSGI_HANDLER at the wrapper.',
  'py.pythonPathNotFound': 'PYTHONPATH entry "{entry}" does not exist: wfastcgi resolves it as {resolved} (relative entries are relative to the application folder, the folder of this web.config) and appends it to sys.path as written, so nothing is ever imported from it. Fix the path or remove the entry.',
  'py.venvNotUsed': 'The project has a virtual environment in "{venv}" (pyvenv.cfg), but {attribute} starts "{exe}"{base}. That interpreter does not see the packages installed in the venv, so imports fail with "No module named ...". Use {suggestion}{register}.',
  'py.venvNotUsed.base': ' (the interpreter the venv was created from, not the venv)',
  'py.venvNotUsed.register': ', and register the new python.exe|wfastcgi.py pair with wfastcgi-enable run from the venv',
  'py.staticThroughPython': 'The Flask static folder "{folder}" (URL /{url}/) is served through the Python handler "{handler}" (path="*"): every CSS, JavaScript and image request occupies a single-threaded wfastcgi process (slow pages, 503 or timeouts under load). Let IIS serve it: add {url}/web.config with <handlers><remove name="{handler}"/></handlers> (that exact handler name), or a URL Rewrite rule that excludes /{url}/.',
  'py.staticWrongName': '{url}/web.config removes a handler named "{removed}", but the Python handler is "{handler}", so the Flask static folder "{folder}" is still served through Python (one single-threaded wfastcgi process per file request). Remove it by its exact name: <remove name="{handler}"/>.',
  'py.runAtImport': '{file} calls {callee}() at module level (line {line}), outside `if __name__ == "__main__":`. wfastcgi imports this module inside the FastCGI process, so the import starts a blocking server: the first request hangs until IIS\'s activity timeout (HTTP 500, 0x80070102) and the port stays taken. Move the call under `if __name__ == "__main__":`.',
  'py.importFailed': 'Run as wfastcgi would with {python}, WSGI_HANDLER "{value}" does not load; every request would fail with "Error occurred while reading WSGI handler":\n{error}',
  'related.pyDefinition': '"{name}" is defined here',
  'related.pyRunCall': 'the server starts here',
  'related.pyvenv': 'the virtual environment',
  'related.pyStaticConfig': 'this web.config removes another handler',
  'related.pyTraceback': 'the import fails here',
} as const;

export type MessageKey = keyof typeof MESSAGES;
export type MessageArgs = Record<string, string | number>;

/** Translates an English template; the identity when no translation is loaded. */
export type Translate = (template: string) => string;

/**
 * Renders a message: `{name}` placeholders are filled from `args`; an argument written `@key` is itself a
 * message of the table (a translated fragment). Unknown placeholders stay as written.
 */
export function renderMessage(key: MessageKey, args: MessageArgs = {}, translate: Translate = (t) => t): string {
  return fill(translate(MESSAGES[key]), args, translate);
}

export function fill(template: string, args: MessageArgs, translate: Translate = (t) => t): string {
  return template.replace(/\{(\w+)\}/g, (m, name: string) => {
    if (!(name in args)) return m;
    const v = String(args[name]);
    return v.startsWith('@') && v.slice(1) in MESSAGES ? translate(MESSAGES[v.slice(1) as MessageKey]) : v;
  });
}
