/** The appSettings keys wfastcgi (and the frameworks it hosts) read: what each does, its default, an example. */

export interface SettingDoc {
  key: string;
  summary: string;
  /** How wfastcgi looks the key up: through the environment (any case on Windows) or its dictionary (exact). */
  lookup: 'environment' | 'exact' | 'case-insensitive';
  default?: string;
  example: string;
  docs: string;
  /** Risky or deprecated: completion strikes it through (CompletionItemTag.Deprecated) and says why. */
  risk?: 'completion.risk.ptvsd' | 'completion.risk.appInsights';
}

const WFASTCGI_DOCS = 'https://pypi.org/project/wfastcgi/';

export const SETTINGS: SettingDoc[] = [
  {
    key: 'WSGI_HANDLER', lookup: 'environment', example: 'app.app',
    summary: 'The WSGI application wfastcgi serves, as a dotted Python name: `module.attribute`, with `()` to call a factory (`app.create_app()`). wfastcgi imports the longest importable dotted prefix and gets the rest as attributes; only an ImportError moves on to a shorter prefix. Required: without it every request fails with "WSGI_HANDLER env var must be set".',
    docs: WFASTCGI_DOCS,
  },
  {
    key: 'PYTHONPATH', lookup: 'case-insensitive', example: 'C:\\inetpub\\myapp;C:\\inetpub\\myapp\\src',
    summary: 'Folders appended to `sys.path` after the application folder. `%NAME%` is replaced by the environment variable (unknown names become empty), the value is split on `;` only, parts are not trimmed, relative parts are relative to the application folder.',
    docs: WFASTCGI_DOCS,
  },
  {
    key: 'WSGI_LOG', lookup: 'environment', example: 'C:\\inetpub\\logs\\myapp\\wfastcgi.log',
    summary: 'A file wfastcgi appends its log to (UTF-8). The folder must exist and be writable by the application pool identity (Modify), or every request fails. Slow: for debugging only.',
    docs: WFASTCGI_DOCS,
  },
  {
    key: 'WSGI_RESTART_FILE_REGEX', lookup: 'exact', default: '.*((\\.py)|(\\.config))$', example: '.*((\\.py)|(\\.config))$',
    summary: 'A Python regular expression matched with `re.match` against the path of each changed file, relative to the application folder; a match restarts the worker. An empty value disables restarts. The key must be spelled exactly.',
    docs: WFASTCGI_DOCS,
  },
  {
    key: 'DJANGO_SETTINGS_MODULE', lookup: 'environment', example: 'mysite.settings',
    summary: 'Passed through to Django. Required when WSGI_HANDLER is `django.core.wsgi.get_wsgi_application()`, which (unlike your project\'s wsgi.py) does not set it.',
    docs: 'https://docs.djangoproject.com/en/stable/topics/settings/#designating-the-settings',
  },
  {
    key: 'WSGI_PTVSD_SECRET', lookup: 'exact', example: '(do not use in production)', risk: 'completion.risk.ptvsd',
    summary: 'Enables remote debugging with ptvsd using this secret. A plain-text password and an open debug port: never in production.',
    docs: WFASTCGI_DOCS,
  },
  {
    key: 'WSGI_PTVSD_ADDRESS', lookup: 'exact', default: 'localhost:5678', example: 'localhost:5678', risk: 'completion.risk.ptvsd',
    summary: 'The address ptvsd listens on when WSGI_PTVSD_SECRET is set.',
    docs: WFASTCGI_DOCS,
  },
  {
    key: 'APPINSIGHTS_INSTRUMENTATIONKEY', lookup: 'environment', example: '00000000-0000-0000-0000-000000000000', risk: 'completion.risk.appInsights',
    summary: 'Wraps the app with the (deprecated) `applicationinsights` package when it is importable; a warning is logged when it is not.',
    docs: WFASTCGI_DOCS,
  },
  {
    key: 'SCRIPT_NAME', lookup: 'environment', example: '/myapp',
    summary: 'For an app hosted as an IIS sub-application: when PATH_INFO starts with this prefix, wfastcgi splits it off into SCRIPT_NAME so routes and url_for() work under /myapp.',
    docs: WFASTCGI_DOCS,
  },
  {
    key: 'AllowPathInfoForScriptMappings', lookup: 'environment', example: 'true',
    summary: 'When this environment variable exists, wfastcgi keeps the SCRIPT_NAME IIS sends; otherwise it forces SCRIPT_NAME to empty and routes see the full URL in PATH_INFO.',
    docs: WFASTCGI_DOCS,
  },
];

export function settingDoc(key: string): SettingDoc | undefined {
  const upper = key.trim().toUpperCase();
  return SETTINGS.find((s) => s.key.toUpperCase() === upper);
}
