/**
 * Server-check rules on the site tree: is this folder served at all, as an application (not a virtual
 * directory), without its handler leaking into child applications, and without another Python application
 * sharing its pool and FastCGI processes.
 */
import { attr, attrValue, buildWebConfig, isPythonFastCgiHandler } from '../model/webConfig';
import { nameSpan, valueSpan } from '../rules/context';
import { scanXml } from '../xml/scanner';
import type { XmlElement } from '../xml/types';
import type { DoctorContext, DoctorRule } from './doctorTypes';
import { appFolder, appsInPool, type SiteApplication } from './hostObjects';
import { expandHostEnv, joinHost, samePath } from './hostPaths';

/** site-not-registered / python-app-in-virtual-directory. */
const served: DoctorRule = (ctx) => {
  if (ctx.apps.length) return;
  const { appDir, facts } = ctx.input;
  for (const site of ctx.host.objects.sites) {
    for (const app of site.apps) {
      const vdir = app.vdirs.find((v) => v.path !== '/' && samePath(expandHostEnv(v.physicalPath, facts.env), appDir));
      if (!vdir) continue;
      ctx.report('python-app-in-virtual-directory', ctx.anchor(), 'doctor.virtualDirectory', {
        path: appDir, vdir: vdir.path, app: `${site.name}${app.path}`, root: appFolder(app) ?? '?', site: site.name,
      }, [vdir.element], 'related.vdir');
      return;
    }
  }
  ctx.report('site-not-registered', ctx.anchor(), 'doctor.notRegistered', { apphost: ctx.host.path, path: appDir });
};

/** handler-inherited-by-child-apps: child applications below ours inherit this web.config's handlers. */
const childApps: DoctorRule = (ctx) => {
  const app = ctx.apps[0];
  if (!app || !ctx.handler || notInherited(ctx.handler)) return;
  const prefix = app.path === '/' ? '/' : `${app.path}/`;
  const children = app.site.apps.filter((a) => a !== app && a.path.toLowerCase().startsWith(prefix.toLowerCase()));
  if (!children.length) return;
  ctx.report('handler-inherited-by-child-apps', nameSpan(ctx.handler), 'doctor.inherited', {
    site: app.site.name, children: children.map((c) => c.path).join(', '), handler: attrValue(ctx.handler, 'name') ?? '',
  }, children.map((c) => c.element), 'related.childApp');
};

/** `<location path="." inheritInChildApplications="false">` around the handler stops the inheritance. */
function notInherited(el: XmlElement): boolean {
  for (let p = el.parent; p; p = p.parent) {
    if (p.name !== 'location') continue;
    const path = attrValue(p, 'path') ?? '';
    if ((path === '.' || path === '') && (attrValue(p, 'inheritInChildApplications') ?? '').toLowerCase() === 'false') return true;
  }
  return false;
}

/** app-pool-shared-scriptprocessor: another application in the same pool starts the same python.exe|wfastcgi.py. */
const sharedPool: DoctorRule = (ctx) => {
  const app = ctx.apps[0];
  const mine = ctx.layout.fastCgi?.attribute;
  if (!app || !mine) return;
  for (const other of appsInPool(ctx.host.objects, app.pool)) {
    if (other === app) continue;
    const sp = otherScriptProcessor(ctx, other);
    if (sp === undefined || sp.trim().toLowerCase() !== mine.value.trim().toLowerCase()) continue;
    ctx.report('app-pool-shared-scriptprocessor', valueSpan(mine), 'doctor.sharedPool', { other: `${other.site.name}${other.path}`, pool: app.pool }, [other.element], 'related.otherApp');
    return;
  }
};

function otherScriptProcessor(ctx: DoctorContext, app: SiteApplication): string | undefined {
  const folder = appFolder(app);
  if (!folder) return undefined;
  const dir = expandHostEnv(folder, ctx.input.facts.env);
  const text = ctx.input.facts.readText(joinHost(dir, 'web.config'));
  if (text === undefined) return undefined;
  const model = buildWebConfig(scanXml(text));
  const handler = model.handlers.find((h) => isPythonFastCgiHandler(model, h));
  return handler ? attr(handler, 'scriptProcessor')?.value : undefined;
}

export const siteRules: DoctorRule[] = [served, childApps, sharedPool];
