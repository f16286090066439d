/** Issue 15 (editor details, commands): log files in served folders, risky completion keys, hovers. (English templates; see ../messages.ts) */
export const UX_MESSAGES = {
  'log.servedLocation': '{what} "{path}" is in {folder}, served to anyone: move the log outside the site. The <location path="{folder}"> of this web.config takes the Python handler away, so IIS serves every file there as it is, and the log (tracebacks, environment variables, paths) can be downloaded. Use e.g. C:\\inetpub\\logs\\<site>\\ and grant the pool Modify on it.',
  'log.servedConfig': '{what} "{path}" is in {folder}, served to anyone: move the log outside the site. {folder}/web.config takes the Python handler away, so IIS serves every file there as it is, and the log (tracebacks, environment variables, paths) can be downloaded. Use e.g. C:\\inetpub\\logs\\<site>\\ and grant the pool Modify on it.',
  'log.servedFlask': '{what} "{path}" is in {folder}, served to anyone: move the log outside the site. {folder} is the Flask app\'s static folder, and Flask serves every file in it, so the log (tracebacks, environment variables, paths) can be downloaded. Use e.g. C:\\inetpub\\logs\\<site>\\ and grant the pool Modify on it.',
  'completion.risk.ptvsd': 'risky: a plain-text debug secret and an open port; never on a production server',
  'completion.risk.appInsights': 'deprecated: the applicationinsights package is retired; use OpenTelemetry (azure-monitor-opentelemetry)',
  'completion.logFolder': 'folder of the application that IIS does not serve',
  'hover.relativePath': 'Defined in [{path}]({link}), line {line}.',
  'hover.scriptProcessorOffline': 'Without a host configuration (flaskIis.appHostConfigPath) this checks only the shape: two paths joined by "|", no white space around it, no placeholders. Whether IIS has it registered is checked against applicationHost.config.',
  'hover.scriptProcessorParts': 'python.exe: {python} · wfastcgi.py: {script}',
  'hover.handlerOffline': 'Checked against this project\'s files only: whether the server has the same packages installed needs the server (Verify WSGI Handler runs it with a local interpreter).',
  'completion.source.server': 'a server interpreter from the flaskIis.server.interpreterPaths setting',
  'scaffold.folder.invalid': '"{name}" cannot be a folder name: use one name without \\ / : * ? " < > | (and not CON, NUL, ...).',
  'scaffold.folder.notEmpty': '{path} already exists and is not empty: New Project writes only into a new (or empty) folder. Choose another name.',
} as const;
