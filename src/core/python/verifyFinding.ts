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

/** A request sent through the loaded handler (verify) that fails: on the WSGI_HANDLER value, with the traceback. */
export function requestFailedFinding(model: WebConfig, python: string, path: string, status: string, error: string, related: RelatedLocation[] = []): Finding {
  const setting = envSetting(model, 'WSGI_HANDLER');
  const span = setting?.valueAttr ? valueSpan(setting.valueAttr) : setting ? valueSpan(setting.keyAttr) : { start: 0, end: 0 };
  return {
    code: 'wsgi-request-failed',
    severity: CODES['wsgi-request-failed'],
    ...span,
    messageKey: 'py.requestFailed',
    args: { python, value: setting?.value ?? '', path, status, error },
    related,
  };
}
