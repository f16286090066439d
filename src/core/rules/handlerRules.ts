/**
 * Handler mapping rules: handler-missing, wsgi-handler-missing, handler-resource-type, fastcgi-section-in-webconfig,
 * mixed-bridge-config, rewrite-module-required, handler-unreachable.
 */
import { attr, attrValue, envSetting, isFastCgiHandler, isHttpPlatformHandler, isPythonFastCgiHandler } from '../model/webConfig';
import { isPythonCgiHandler } from './cgiHandlerRules';
import { nameSpan, valueSpan, type Rule } from './context';
import { isAzureAppService } from './deployment';
import { hostOf, hostVariableFor } from './hostEnv';
import { applicationRoot, inheritedHandlers, isSubFolder, parentSetting } from './inheritance';
import { liveHandlers, shadowedHandlers } from './reach';

export const handlerMissing: Rule = (ctx) => {
  const { model } = ctx;
  const wsgiKeys = model.appSettings.filter((s) => /^WSGI_/i.test(s.key));
  if (!wsgiKeys.length) return;
  if (model.handlers.some((h) => isFastCgiHandler(h) || isHttpPlatformHandler(h))) return;
  if (model.handlers.some(isPythonCgiHandler)) return; // python-cgi-handler names what runs Python and offers the migration
  if (inheritedHandlers(ctx).some((h) => h.bridge)) return;
  const appHost = ctx.options.appHost;
  if (appHost?.serverHandlers.some((h) => h.fastCgi || h.httpPlatform)) return;
  const first = wsgiKeys.find((s) => s.key.toUpperCase() === 'WSGI_HANDLER') ?? wsgiKeys[0]!;
  const span = valueSpan(first.keyAttr);
  const keys = [...new Set(wsgiKeys.map((s) => s.key))].slice(0, 3).join(', ');
  // App Service maps handlers in the portal too (Configuration > Path mappings), outside any file: not known here.
  if (!appHost && isAzureAppService(model)) return ctx.report('handler-missing', span.start, span.end, 'handler.missingAzure', { keys }, [], 'warning');
  ctx.report('handler-missing', span.start, span.end, 'handler.missing', { keys, apphost: appHost ? '@handler.missing.apphostNone' : '' });
};

export const wsgiHandlerMissing: Rule = (ctx) => {
  const { model } = ctx;
  if (envSetting(model, 'WSGI_HANDLER')?.value.trim()) return;
  const handlers = liveHandlers(model).filter((h) => isFastCgiHandler(h) && /wfastcgi/i.test(attrValue(h, 'scriptProcessor') ?? ''));
  if (!handlers.length || hostVariableFor(ctx, 'WSGI_HANDLER')) return;
  const subFolder = isSubFolder(ctx);
  // wfastcgi reads the application folder's web.config: a parent's WSGI_HANDLER is the one it uses.
  if (subFolder && parentSetting(ctx, 'WSGI_HANDLER')) return;
  const external = model.appSettingsSections.map((s) => attr(s, 'configSource') ?? attr(s, 'file')).find(Boolean);
  const noSettings = !model.appSettingsSections.length && !hostOf(ctx);
  for (const h of handlers) {
    const span = valueSpan(attr(h, 'scriptProcessor')!);
    const handler = attrValue(h, 'name') ?? '';
    if (subFolder) {
      ctx.report('wsgi-handler-missing', span.start, span.end, 'wsgi.handlerMissing.subFolder', { handler, root: applicationRoot(ctx) ?? '' });
    } else if (noSettings) {
      const key = isAzureAppService(model) ? 'wsgi.handlerMissing.noSettingsAzure' : 'wsgi.handlerMissing.noSettings';
      ctx.report('wsgi-handler-missing', span.start, span.end, key, { handler }, [], 'warning');
    } else {
      ctx.report('wsgi-handler-missing', span.start, span.end, 'wsgi.handlerMissing', {
        handler,
        external: external ? '@wsgi.handlerMissing.external' : '',
        file: external?.value ?? '',
      });
    }
  }
};

/** handler-unreachable: one finding on a handler an earlier `path="*"` entry takes every request from. */
export const handlerUnreachable: Rule = (ctx) => {
  for (const [dead, first] of shadowedHandlers(ctx.model)) {
    const nameAttr = attr(dead, 'name');
    const span = nameAttr ? valueSpan(nameAttr) : nameSpan(dead);
    ctx.report('handler-unreachable', span.start, span.end, 'handler.unreachable',
      { handler: nameAttr?.value ?? '', first: attrValue(first, 'name') ?? '' }, [{ ...nameSpan(first), messageKey: 'related.first' }]);
  }
};

export const resourceType: Rule = (ctx) => {
  for (const h of liveHandlers(ctx.model)) {
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
  for (const [dead, first] of shadowedHandlers(model)) if (isHttpPlatformHandler(dead) !== isHttpPlatformHandler(first)) return; // handler-unreachable says it
  const live = liveHandlers(model);
  const fastCgi = live.filter((h) => isPythonFastCgiHandler(model, h));
  const platform = live.filter(isHttpPlatformHandler);
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
  // Azure App Service (Windows) always has URL Rewrite installed.
  if (isAzureAppService(ctx.model)) return;
  for (const el of ctx.model.rewrites) {
    const span = nameSpan(el);
    ctx.report('rewrite-module-required', span.start, span.end, 'rewrite.required');
  }
};
