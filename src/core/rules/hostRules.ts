/** Checks against the host's applicationHost.config: scriptprocessor-not-registered, handlers-section-locked, *-missing modules. */
import { eq, sameRegistration, type AppHostConfig } from '../host/appHost';
import type { RelatedLocation } from '../findings';
import { attr, isFastCgiHandler, isHttpPlatformHandler, isPythonFastCgiHandler, sectionElements } from '../model/webConfig';
import type { XmlElement } from '../xml/types';
import { nameSpan, valueSpan, type Rule } from './context';
import { hostOf } from './hostEnv';
import { liveHandlers } from './reach';
import { splitScriptProcessor, wrappedSpace } from './scriptProcessorRules';

function relatedIn(host: AppHostConfig, el: XmlElement, messageKey: RelatedLocation['messageKey']): RelatedLocation {
  return { path: host.path, text: host.text, start: el.nameStart, end: el.nameEnd, messageKey };
}

export const scriptProcessorRegistered: Rule = (ctx) => {
  const host = hostOf(ctx);
  if (!host) return;
  for (const h of liveHandlers(ctx.model)) {
    if (!isPythonFastCgiHandler(ctx.model, h)) continue;
    const sp = attr(h, 'scriptProcessor');
    const parts = sp && splitScriptProcessor(sp.value);
    if (!sp || !parts || /%(INTERPRETERPATH|WFASTCGIPATH)%/i.test(sp.value)) continue;
    if (wrappedSpace(parts.exe.trim()) || wrappedSpace(parts.script.trim())) continue; // scriptprocessor-malformed says why
    const apps = host.fastCgiApplications;
    if (apps.some((a) => sameRegistration(a, parts.exe, parts.script))) continue;
    const closest = apps.find((a) => eq(a.fullPath, parts.exe)) ?? apps.find((a) => eq(a.arguments, parts.script));
    const key = !apps.length ? 'host.notRegistered.none' : closest ? 'host.notRegistered.closest' : 'host.notRegistered.list';
    const args = {
      value: sp.value, apphost: host.path,
      pair: closest ? `${closest.fullPath}|${closest.arguments}` : '',
      difference: closest && eq(closest.fullPath, parts.exe) ? '@host.diff.arguments' : '@host.diff.fullPath',
      list: apps.slice(0, 4).map((a) => `"${a.fullPath}|${a.arguments}"`).join(', '),
    };
    const span = valueSpan(sp);
    ctx.report('scriptprocessor-not-registered', span.start, span.end, key, args,
      (closest ? [closest] : apps.slice(0, 4)).map((a) => relatedIn(host, a.element, 'related.registered')));
  }
};

export const handlersLocked: Rule = (ctx) => {
  const host = hostOf(ctx);
  if (!host?.handlersDenied || host.handlersAllowedAt.length) return;
  for (const section of sectionElements(ctx.model.scopes, ['system.webServer', 'handlers'])) {
    const span = nameSpan(section);
    ctx.report('handlers-section-locked', span.start, span.end, 'host.handlersLocked', { apphost: host.path },
      [relatedIn(host, host.handlersDenied, 'related.lockedHere')]);
  }
};

export const modulesInstalled: Rule = (ctx) => {
  const host = hostOf(ctx);
  const modules = host?.globalModules;
  if (!host || !modules) return;
  const apphost = host.path;
  for (const h of liveHandlers(ctx.model)) {
    const span = valueSpan(attr(h, 'modules')!);
    if (isFastCgiHandler(h) && !modules.has('fastcgimodule')) ctx.report('cgi-feature-missing', span.start, span.end, 'host.cgiMissing', { apphost });
    if (isHttpPlatformHandler(h) && !modules.has('httpplatformhandler')) ctx.report('httpplatform-module-missing', span.start, span.end, 'host.platformMissing', { apphost });
  }
  if (!modules.has('rewritemodule')) {
    for (const r of ctx.model.rewrites) {
      const span = nameSpan(r);
      ctx.report('rewrite-module-missing', span.start, span.end, 'host.rewriteMissing', { apphost });
    }
  }
};
