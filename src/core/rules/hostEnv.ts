/**
 * The host's applicationHost.config as the rules see it: readable, and about this deployment (a local host says
 * nothing about an Azure App Service file). FastCGI applications' environmentVariables are the process environment
 * wfastcgi starts with, so WSGI_HANDLER, PYTHONPATH and DJANGO_SETTINGS_MODULE may come from there.
 */
import { hostVariable, sameRegistration, type AppHostConfig, type FastCgiApplication, type HostEnvironmentVariable } from '../host/appHost';
import { attr, isPythonFastCgiHandler } from '../model/webConfig';
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
export function hostVariableFor(ctx: RuleContext, name: string): { app: FastCgiApplication; variable: HostEnvironmentVariable } | undefined {
  if (!hostOf(ctx)) return undefined;
  const own = liveHandlers(ctx.model).filter((h) => isPythonFastCgiHandler(ctx.model, h));
  const handlers = own.length ? own : inheritedHandlers(ctx).filter((h) => h.bridge).map((h) => h.element);
  for (const h of handlers) {
    const app = applicationFor(ctx, h);
    const variable = app && hostVariable(app, name);
    if (app && variable?.value.trim()) return { app, variable };
  }
  return undefined;
}
