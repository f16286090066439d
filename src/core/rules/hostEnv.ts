/**
 * The host's applicationHost.config as the rules see it: readable, and about this deployment (a local host says
 * nothing about an Azure App Service file). FastCGI applications' environmentVariables are the process environment
 * wfastcgi starts with, so WSGI_HANDLER, PYTHONPATH and DJANGO_SETTINGS_MODULE may come from there.
 */
import type { RelatedLocation } from '../findings';
import { hostVariable, sameRegistration, type AppHostConfig, type FastCgiApplication, type HostEnvironmentVariable } from '../host/appHost';
import { attr, isPythonFastCgiHandler } from '../model/webConfig';
import { pythonAnalysis, type HandlerSource, type HostValue, type PythonAnalysis } from '../python/analysis';
import type { XmlElement } from '../xml/types';
import type { RuleContext } from './context';
import { isAzureAppService } from './deployment';
import { inheritedHandlers } from './inheritance';
import { liveHandlers } from './reach';

export function hostOf(ctx: RuleContext): AppHostConfig | undefined {
  const host = ctx.options.appHost;
  return host && !host.unreadable && !isAzureAppService(ctx.model) ? host : undefined;
}

/** The FastCGI application registered for a handler's exact scriptProcessor, when the host is known. */
export function applicationFor(ctx: RuleContext, handler: XmlElement): FastCgiApplication | undefined {
  const host = hostOf(ctx);
  const sp = attr(handler, 'scriptProcessor')?.value;
  const bar = sp?.indexOf('|') ?? -1;
  if (!host || !sp || bar < 0) return undefined;
  return host.fastCgiApplications.find((a) => sameRegistration(a, sp.slice(0, bar), sp.slice(bar + 1)));
}

/** `name` in the environment of the FastCGI application that serves this folder (own or inherited wfastcgi handler). */
export function hostVariableFor(ctx: RuleContext, name: string): { app: FastCgiApplication; variable: HostEnvironmentVariable; handler: XmlElement } | undefined {
  if (!hostOf(ctx)) return undefined;
  const own = liveHandlers(ctx.model).filter((h) => isPythonFastCgiHandler(ctx.model, h));
  const handlers = own.length ? own : inheritedHandlers(ctx).filter((h) => h.bridge).map((h) => h.element);
  for (const h of handlers) {
    const app = applicationFor(ctx, h);
    const variable = app && hostVariable(app, name);
    if (app && variable?.value.trim()) return { app, variable, handler: h };
  }
  return undefined;
}

/**
 * `name` from the host for the Python-aware checks of this file: only through the file's own wfastcgi handler (its
 * scriptProcessor is where findings about the value go, in the file the user has), with a related location at the
 * applicationHost.config environmentVariable the value comes from.
 */
export function ownHostValue(ctx: RuleContext, name: string): HostValue | undefined {
  const found = hostVariableFor(ctx, name);
  const host = hostOf(ctx);
  const anchor = found && liveHandlers(ctx.model).includes(found.handler) ? attr(found.handler, 'scriptProcessor') : undefined;
  if (!found || !host || !anchor) return undefined;
  const el = found.variable.element;
  const related: RelatedLocation = { path: host.path, text: host.text, start: el.start, end: el.openEnd, messageKey: 'related.hostVariable', args: { name: found.variable.name } };
  return { value: found.variable.value, anchor, related };
}

/** The Python side of the check, with WSGI_HANDLER, PYTHONPATH and DJANGO_SETTINGS_MODULE from the host too. */
export function ruleAnalysis(ctx: RuleContext): PythonAnalysis | undefined {
  return pythonAnalysis(ctx.model, ctx.options, (name) => ownHostValue(ctx, name));
}

/** The context findings about a handler value go through: a value from the host adds where it is set there. */
export function sourceContext(ctx: RuleContext, source: HandlerSource): RuleContext {
  const host = source.host;
  if (!host) return ctx;
  return { ...ctx, report: (code, start, end, key, args, related = [], severity) => ctx.report(code, start, end, key, args, [...related, host.related], severity) };
}
