/** The stable finding codes, their default severities and where they are documented. */

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export const CODES = {
  'xml-malformed': 'error',
  'xml-declaration-malformed': 'error',
  'typographic-quotes': 'error',
  'appsettings-misspelled': 'error',
  'appsettings-external-source': 'warning',
  'duplicate-collection-entry': 'error',
  'unexpanded-placeholder': 'error',
  'handler-missing': 'error',
  'wsgi-handler-missing': 'error',
  'wsgi-handler-syntax': 'error',
  'scriptprocessor-malformed': 'error',
  'scriptprocessor-env-mismatch': 'error',
  'handler-resource-type': 'warning',
  'fastcgi-section-in-webconfig': 'error',
  'mixed-bridge-config': 'warning',
  'rewrite-module-required': 'information',
  'pythonpath-separator': 'warning',
  'restart-regex-invalid': 'error',
  'restart-regex-ineffective': 'warning',
  'ptvsd-secret': 'warning',
  'django-settings-missing': 'error',
  'httpplatform-port-missing': 'error',
  'dev-server-in-production': 'warning',
  'webconfig-too-large': 'warning',
  'scriptprocessor-not-registered': 'error',
  'handlers-section-locked': 'error',
  'cgi-feature-missing': 'error',
  'httpplatform-module-missing': 'error',
  'rewrite-module-missing': 'error',
  'iis-not-installed': 'error',
  'interpreter-not-found': 'error',
  'wfastcgi-not-found': 'error',
  'site-not-registered': 'information',
  'pool-identity-no-access': 'error',
  'app-pool-localsystem': 'warning',
  'app-pool-bitness-mismatch': 'warning',
  'cold-start-no-warmup': 'information',
  'handler-inherited-by-child-apps': 'warning',
  'python-app-in-virtual-directory': 'error',
  'app-pool-shared-scriptprocessor': 'warning',
  'path-not-checkable': 'information',
  'wsgi-handler-module-not-found': 'error',
  'wsgi-handler-attribute-not-found': 'error',
  'wsgi-handler-factory-not-called': 'error',
  'wsgi-handler-instance-called': 'error',
  'asgi-app-under-wfastcgi': 'error',
  'pythonpath-not-found': 'warning',
  'pythonpath-not-checkable': 'information',
  'venv-not-used': 'warning',
  'static-files-through-python': 'warning',
  'app-run-at-import': 'warning',
  'wsgi-handler-import-failed': 'error',
  'handler-unreachable': 'warning',
  'handler-remove-unmatched': 'warning',
  'static-exclusion-ineffective': 'warning',
  'rewrite-rule-never-matches': 'warning',
  'http-errors-detailed': 'warning',
  'path-under-user-profile': 'warning',
  'django-settings-module-invalid': 'error',
  'virtualenv-proxy-bypassed': 'warning',
  'check-truncated': 'information',
  'wsgi-handler-factory-arguments': 'error',
  'wsgi-handler-import-unresolved': 'error',
  'wsgi-handler-routes-not-imported': 'warning',
  'static-folder-unreachable': 'error',
  'wsgi-request-failed': 'error',
  'config-element-unknown': 'error',
  'config-attribute-unknown': 'error',
  'config-value-invalid': 'error',
  'config-attribute-missing': 'error',
  'config-not-in-target': 'error',
  'config-section-unknown': 'warning',
  'config-section-locked': 'warning',
} as const satisfies Record<string, Severity>;

export type Code = keyof typeof CODES;

export const ALL_CODES = Object.keys(CODES) as Code[];

export function isCode(value: string): value is Code {
  return Object.prototype.hasOwnProperty.call(CODES, value);
}

export const DOCS_BASE = 'https://github.com/flask-on-iis/flask-on-iis/blob/main/docs/codes.md';

export function docsUrl(code: Code): string {
  return `${DOCS_BASE}#${code}`;
}
