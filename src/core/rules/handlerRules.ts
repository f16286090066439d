/** Handler mapping rules: handler-missing, wsgi-handler-missing, handler-resource-type, fastcgi-section-in-webconfig, mixed-bridge-config, rewrite-module-required. */
import { attr, attrValue, envSetting, isFastCgiHandler, isHttpPlatformHandler, isPythonFastCgiHandler } from '../model/webConfig';
import { nameSpan, valueSpan, type Rule } from './context';

export const handlerMissing: Rule = (ctx) => {
  const { model } = ctx;
  const wsgiKeys = model.appSettings.filter((s) => /^WSGI_/i.test(s.key));
  if (!wsgiKeys.length) return;
  if (model.handlers.some((h) => isFastCgiHandler(h) || isHttpPlatformHandler(h))) return;
  const appHost = ctx.options.appHost;
  if (appHost?.serverHandlers.some((h) => h.fastCgi || h.httpPlatform)) return;
  const first = wsgiKeys.find((s) => s.key.toUpperCase() === 'WSGI_HANDLER') ?? wsgiKeys[0]!;
  const span = valueSpan(first.keyAttr);
  ctx.report('handler-missing', span.start, span.end, 'handler.missing', {
    keys: [...new Set(wsgiKeys.map((s) => s.key))].slice(0, 3).join(', '),
    apphost: appHost ? '@handler.missing.apphostNone' : '',
  });
};

export const wsgiHandlerMissing: Rule = (ctx) => {
  const { model } = ctx;
  if (envSetting(model, 'WSGI_HANDLER')?.value.trim()) return;
  const external = model.appSettingsSections.map((s) => attr(s, 'configSource') ?? attr(s, 'file')).find(Boolean);
  for (const h of model.handlers) {
    if (!isFastCgiHandler(h) || !/wfastcgi/i.test(attrValue(h, 'scriptProcessor') ?? '')) continue;
    const sp = attr(h, 'scriptProcessor')!;
    const span = valueSpan(sp);
    ctx.report('wsgi-handler-missing', span.start, span.end, 'wsgi.handlerMissing', {
      handler: attrValue(h, 'name') ?? '',
      external: external ? '@wsgi.handlerMissing.external' : '',
      file: external?.value ?? '',
    });
  }
};

export const resourceType: Rule = (ctx) => {
  for (const h of ctx.model.handlers) {
    if (!(isFastCgiHandler(h) || isHttpPlatformHandler(h)) || attrValue(h, 'path')?.trim() !== '*') continue;
    const rt = attr(h, 'resourceType');
    const value = rt?.value.trim() ?? '';
    const kind = { file: 'file', directory: 'folder', either: 'file or folder' }[value.toLowerCase()];
    if (!rt || !kind) continue;
    const span = valueSpan(rt);
    ctx.report('handler-resource-type', span.start, span.end, 'handler.resourceType', { handler: attrValue(h, 'name') ?? '', value, kind });
  }
};

export const fastCgiSection: Rule = (ctx) => {
  for (const el of ctx.model.fastCgiSections) {
    const span = nameSpan(el);
    ctx.report('fastcgi-section-in-webconfig', span.start, span.end, 'fastcgi.section');
  }
};

export const mixedBridge: Rule = (ctx) => {
  const { model } = ctx;
  const fastCgi = model.handlers.filter((h) => isPythonFastCgiHandler(model, h));
  const platform = model.handlers.filter(isHttpPlatformHandler);
  if (fastCgi.length && model.httpPlatforms.length) {
    const el = model.httpPlatforms[0]!;
    const platformFirst = platform.length > 0 && platform[0]!.start < fastCgi[0]!.start;
    const span = nameSpan(el);
    ctx.report('mixed-bridge-config', span.start, span.end, 'bridge.mixed',
      { which: platformFirst ? '@bridge.mixed.httpPlatformWins' : '' }, [{ ...nameSpan(fastCgi[0]!), messageKey: 'related.first' }]);
    return;
  }
  const handler = envSetting(model, 'WSGI_HANDLER');
  if (platform.length && !fastCgi.length && handler) {
    const span = valueSpan(handler.keyAttr);
    ctx.report('mixed-bridge-config', span.start, span.end, 'bridge.mixed.wsgiUnderPlatform');
  }
};

export const rewriteRequired: Rule = (ctx) => {
  for (const el of ctx.model.rewrites) {
    const span = nameSpan(el);
    ctx.report('rewrite-module-required', span.start, span.end, 'rewrite.required');
  }
};
