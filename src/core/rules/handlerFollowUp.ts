/**
 * WSGI_HANDLER one level further, once it resolves: the project-local imports its module runs
 * (wsgi-handler-import-unresolved), and whether importing it registers the app's routes
 * (wsgi-handler-routes-not-imported: routes in a module only some other entry imports answer 404).
 */
import { analyseApps } from '../python/wsgiApps';
import { handlerRoutes, unresolvedImports } from '../python/handlerImports';
import { lineOf, relatedInFile } from '../python/related';
import { handlerSpan, type Site } from './handlerSite';

export function handlerFollowUp(s: Site): void {
  const { ctx, a, setting, r } = s;
  if (r.module?.kind !== 'project') return;
  const moduleName = r.module.module.name;
  const span = handlerSpan(ctx, setting, 0, r.segments[r.moduleSegments - 1]!.end);
  const files = a.project.files;
  for (const u of unresolvedImports(a.project, moduleName)) {
    const file = u.module.file!;
    const statement = (files.readText(file) ?? '').slice(u.span.start, u.span.end).split('\n')[0]!.trim().slice(0, 100);
    const reason = u.reason === 'no-module' ? '@py.importUnresolved.noModule' : u.reason === 'no-name' ? '@py.importUnresolved.noName' : '@py.importUnresolved.noParent';
    const args = { file, line: lineOf(files, file, u.span.start), statement, value: setting.value, reason, missing: u.missing, target: u.target ?? '' };
    ctx.report('wsgi-handler-import-unresolved', span.start, span.end, 'py.importUnresolved', args, relatedInFile(files, file, u.span, 'related.pyImport'));
  }
  const routes = handlerRoutes(a.project, r);
  if (!routes?.missing.length) return;
  const all = routes.missing.length === routes.modules.length;
  const better = analyseApps(files, a.project.support, { pythonPath: a.project.pathRoots }).apps
    .find((c) => (c.handler === setting.value || c.aliases?.includes(setting.value)) && c.handler !== setting.value && c.routes?.missing.length === 0);
  const modules = routes.missing.map((m) => m.file ?? m.name).join(', ');
  const args = { value: setting.value, module: moduleName, modules, suggestion: better ? better.handler : '' };
  const key = better ? (all ? 'py.routesNotImported' : 'py.someRoutesNotImported') : all ? 'py.routesNotImportedNoEntry' : 'py.someRoutesNotImportedNoEntry';
  const first = routes.missing[0]!;
  const site = a.project.summary(first)?.routes[0];
  const related = first.file && site ? relatedInFile(files, first.file, site.span, 'related.pyRoutes') : [];
  ctx.report('wsgi-handler-routes-not-imported', span.start, span.end, key, args, related);
}
