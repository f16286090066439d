/**
 * WSGI_HANDLER against the project's Python files: wsgi-handler-module-not-found, wsgi-handler-attribute-not-found,
 * wsgi-handler-factory-not-called, wsgi-handler-instance-called, asgi-app-under-wfastcgi.
 */
import type { RelatedLocation } from '../findings';
import type { AppSetting } from '../model/webConfig';
import { pythonAnalysis, type PythonAnalysis } from '../python/analysis';
import { Evaluator } from '../python/evaluate';
import { findElsewhere } from '../python/findElsewhere';
import { rankNames, relatedInFile } from '../python/related';
import type { HandlerProblem, HandlerResolution } from '../python/resolveHandler';
import { rawIndex } from '../xml/entities';
import type { Rule, RuleContext } from './context';

/** Offsets of a span of the (decoded) WSGI_HANDLER value in the document. */
export function handlerSpan(ctx: RuleContext, setting: AppSetting, start: number, end: number): { start: number; end: number } {
  const a = setting.valueAttr!;
  const raw = ctx.text.slice(a.valueStart, a.valueEnd);
  return { start: a.valueStart + rawIndex(raw, start), end: a.valueStart + rawIndex(raw, end) };
}

export const wsgiHandlerResolution: Rule = (ctx) => {
  const analysis = pythonAnalysis(ctx.model, ctx.options);
  const setting = analysis?.handler;
  const resolution = analysis?.resolution;
  if (!analysis || !setting?.valueAttr || !resolution) return;
  for (const problem of resolution.problems) report(ctx, analysis, setting, resolution, problem);
};

function report(ctx: RuleContext, a: PythonAnalysis, setting: AppSetting, r: HandlerResolution, p: HandlerProblem): void {
  const value = setting.value;
  const files = a.project.files;
  const seg = (i: number) => r.segments[i]!;
  switch (p.kind) {
    case 'module-not-found': {
      if (!a.searchComplete) return;
      const span = handlerSpan(ctx, setting, seg(0).start, seg(0).nameEnd);
      const searched = ['.', ...a.project.pathRoots].map((root) => `"${root}"`).join(', ');
      const elsewhere = findElsewhere(a.project, p.top);
      if (elsewhere) {
        ctx.report('wsgi-handler-module-not-found', span.start, span.end, 'py.moduleNotFoundElsewhere', { module: p.top, value, searched, found: elsewhere.file, folder: elsewhere.folder.replace(/\//g, '\\') });
      } else {
        ctx.report('wsgi-handler-module-not-found', span.start, span.end, 'py.moduleNotFound', { module: p.top, value, searched, candidates: `${p.top}.py, ${p.top}/__init__.py` });
      }
      return;
    }
    case 'attribute-not-found': {
      const s = seg(p.segment);
      const span = handlerSpan(ctx, setting, s.start, s.end);
      const evaluator = new Evaluator(a.project);
      const appNames = new Set(p.summary.names.filter((n) => evaluator.appOf({ kind: 'binding', module: p.module, binding: p.summary.bindings[n]! })));
      const names = rankNames(p.summary.names, appNames);
      const file = p.module.file ?? p.module.dirs[0] ?? p.module.name;
      const common = { file, module: p.module.name, name: s.name };
      if (!names.length) return ctx.report('wsgi-handler-attribute-not-found', span.start, span.end, 'py.attributeNotFoundEmpty', common);
      const best = names[0]!;
      const suggestion = [...r.segments.slice(0, p.segment).map((x) => value.slice(x.start, x.end)), best].join('.');
      const related = p.module.file ? relatedInFile(files, p.module.file, p.summary.bindings[best]!.span, 'related.pyDefinition', { name: best }) : [];
      ctx.report('wsgi-handler-attribute-not-found', span.start, span.end, 'py.attributeNotFound', { ...common, defined: names.slice(0, 8).join(', '), suggestion }, related);
      return;
    }
    case 'is-module': {
      const s = seg(p.segment);
      const span = handlerSpan(ctx, setting, s.start, s.end);
      const summary = a.project.summary(p.module);
      const evaluator = new Evaluator(a.project);
      const apps = (summary?.names ?? []).filter((n) => evaluator.appOf({ kind: 'binding', module: p.module, binding: summary!.bindings[n]! }));
      const suggestion = `${value}.${rankNames(apps, new Set(apps))[0] ?? 'app'}`;
      ctx.report('wsgi-handler-attribute-not-found', span.start, span.end, 'py.isModule', { value, module: p.module.name, file: p.module.file ?? p.module.name, suggestion });
      return;
    }
    case 'factory-not-called': {
      const s = seg(p.segment);
      const span = handlerSpan(ctx, setting, s.start, s.end);
      const file = p.module.file!;
      const related = relatedInFile(files, file, p.binding.span, 'related.pyDefinition', { name: p.binding.name });
      ctx.report('wsgi-handler-factory-not-called', span.start, span.end, 'py.factoryNotCalled', { name: p.binding.name, file, params: p.binding.fn?.params.join(', ') ?? '', fixed: `${value}()` }, related);
      return;
    }
    case 'instance-called': {
      const s = seg(p.segment);
      const span = handlerSpan(ctx, setting, s.start, s.end);
      const fixed = value.slice(0, s.nameEnd) + value.slice(s.end);
      const related = definitionRelated(a, p.module?.file, p.binding);
      ctx.report('wsgi-handler-instance-called', span.start, span.end, 'py.instanceCalled', { name: p.binding?.name ?? s.name, file: p.module?.file ?? '', what: p.app.what, fixed }, related);
      return;
    }
    case 'asgi': {
      const span = handlerSpan(ctx, setting, 0, value.length);
      const moduleName = r.segments.slice(0, r.moduleSegments).map((x) => x.name).join('.');
      const rest = r.segments.slice(r.moduleSegments).map((x) => value.slice(x.start, x.end)).join('.');
      const target = `${moduleName}:${rest.replace(/\(\)$/, '')}${rest.endsWith('()') ? ' --factory' : ''}`;
      const related = definitionRelated(a, p.module?.file, p.binding);
      const last = seg(r.segments.length - 1);
      ctx.report('asgi-app-under-wfastcgi', span.start, span.end, 'py.asgi', { name: p.binding?.name ?? last.name, file: p.module?.file ?? moduleName, what: p.app.what, target }, related);
      return;
    }
  }
}

function definitionRelated(a: PythonAnalysis, file: string | undefined, binding: { name: string; span: { start: number; end: number } } | undefined): RelatedLocation[] {
  return file && binding ? relatedInFile(a.project.files, file, binding.span, 'related.pyDefinition', { name: binding.name }) : [];
}
