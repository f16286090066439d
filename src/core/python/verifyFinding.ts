/** The outcome of running the handler the way wfastcgi does, as a finding on the WSGI_HANDLER value. */
import { CODES } from '../codes';
import type { Finding, RelatedLocation } from '../findings';
import { envSetting, type WebConfig } from '../model/webConfig';
import { valueSpan } from '../rules/context';

export function importFailedFinding(model: WebConfig, python: string, error: string, related: RelatedLocation[] = []): Finding {
  const setting = envSetting(model, 'WSGI_HANDLER');
  const span = setting?.valueAttr ? valueSpan(setting.valueAttr) : setting ? valueSpan(setting.keyAttr) : { start: 0, end: 0 };
  return {
    code: 'wsgi-handler-import-failed',
    severity: CODES['wsgi-handler-import-failed'],
    ...span,
    messageKey: 'py.importFailed',
    args: { python, value: setting?.value ?? '', error },
    related,
  };
}
