/**
 * WSGI_HANDLER against the project's Python files: wsgi-handler-module-not-found, wsgi-handler-attribute-not-found,
 * wsgi-handler-factory-not-called, wsgi-handler-instance-called, asgi-app-under-wfastcgi,
 * wsgi-handler-factory-arguments; one level further (handlerFollowUp.ts): wsgi-handler-import-unresolved and
 * wsgi-handler-routes-not-imported.
 */
import type { RelatedLocation } from '../findings';
import { Evaluator } from '../python/evaluate';
import { findElsewhere } from '../python/findElsewhere';
import type { ProjectModule } from '../python/project';
import { rankNames, relatedInFile } from '../python/related';
import type { HandlerProblem } from '../python/resolveHandler';
import type { Binding, ModuleSummary } from '../python/summary';
import type { Rule } from './context';
import { handlerSpan, type Site } from './handlerSite';
import { handlerFollowUp } from './handlerFollowUp';
import { ruleAnalysis, sourceContext } from './hostEnv';

type Reporter<K extends HandlerProblem['kind']> = (s: Site, p: Extract<HandlerProblem, { kind: K }>) => void;

export const wsgiHandlerResolution: Rule = (rule) => {
  const a = ruleAnalysis(rule);
  const setting = a?.handler;
  const r = a?.resolution;
  if (!a || !(setting?.valueAttr || setting?.host) || !r) return;
  const ctx = sourceContext(rule, setting);
  for (const p of r.problems) (REPORTERS[p.kind] as Reporter<typeof p.kind>)({ ctx, a, setting, r }, p as never);
  if (!r.problems.length) handlerFollowUp({ ctx, a, setting, r });
};

/** The span of segment `i` (with its `()` when `withCall`). */
function segmentSpan(s: Site, i: number, withCall = true): { start: number; end: number } {
  const seg = s.r.segments[i]!;
  return handlerSpan(s.ctx, s.setting, seg.start, withCall ? seg.end : seg.nameEnd);
}

export function definitionRelated(s: Site, file: string | undefined, binding: Pick<Binding, 'name' | 'span'> | undefined): RelatedLocation[] {
  return file && binding ? relatedInFile(s.a.project.files, file, binding.span, 'related.pyDefinition', { name: binding.name }) : [];
}

/** The names a module defines, the applications among them first. */
function definedNames(s: Site, module: ProjectModule, summary: ModuleSummary): string[] {
  const evaluator = new Evaluator(s.a.project);
  const apps = new Set(summary.names.filter((n) => evaluator.appOf({ kind: 'binding', module, binding: summary.bindings[n]! })));
  return rankNames(summary.names, apps);
}

const moduleNotFound: Reporter<'module-not-found'> = (s, p) => {
  if (!s.a.searchComplete) return;
  const span = segmentSpan(s, 0, false);
  const searched = ['.', ...s.a.project.pathRoots].map((root) => `"${root}"`).join(', ');
  const base = { module: p.top, value: s.setting.value, searched };
  const elsewhere = findElsewhere(s.a.project, p.top);
  if (elsewhere) {
    s.ctx.report('wsgi-handler-module-not-found', span.start, span.end, 'py.moduleNotFoundElsewhere', { ...base, found: elsewhere.file, folder: elsewhere.folder.replace(/\//g, '\\') });
  } else {
    const asked = s.ctx.options.installedModules;
    if (asked?.unknown) {
      // Not in the project, and whether the server's interpreter has it installed cannot be known here.
      const args = { ...base, candidates: `${p.top}.py, ${p.top}/__init__.py`, python: asked.interpreter };
      return s.ctx.report('wsgi-handler-module-not-found', span.start, span.end, 'py.moduleInstalledUnknown', args, [], 'information');
    }
    const notInstalled = asked?.installed(p.top) === false;
    const args = { ...base, candidates: `${p.top}.py, ${p.top}/__init__.py`, ...(notInstalled ? { python: asked.interpreter } : {}) };
    s.ctx.report('wsgi-handler-module-not-found', span.start, span.end, notInstalled ? 'py.moduleNotInstalled' : 'py.moduleNotFound', args);
  }
};

const attributeNotFound: Reporter<'attribute-not-found'> = (s, p) => {
  const seg = s.r.segments[p.segment]!;
  const span = segmentSpan(s, p.segment);
  const args = { file: p.module.file ?? p.module.dirs[0] ?? p.module.name, module: p.module.name, name: seg.name };
  const names = definedNames(s, p.module, p.summary);
  const best = names[0];
  if (best === undefined) return s.ctx.report('wsgi-handler-attribute-not-found', span.start, span.end, 'py.attributeNotFoundEmpty', args);
  const value = s.setting.value;
  const suggestion = [...s.r.segments.slice(0, p.segment).map((x) => value.slice(x.start, x.end)), best].join('.');
  const related = definitionRelated(s, p.module.file, p.summary.bindings[best]);
  s.ctx.report('wsgi-handler-attribute-not-found', span.start, span.end, 'py.attributeNotFound', { ...args, defined: names.slice(0, 8).join(', '), suggestion }, related);
};

const isModule: Reporter<'is-module'> = (s, p) => {
  const span = segmentSpan(s, p.segment);
  const summary = s.a.project.summary(p.module);
  const apps = summary ? definedNames(s, p.module, summary) : [];
  const value = s.setting.value;
  s.ctx.report('wsgi-handler-attribute-not-found', span.start, span.end, 'py.isModule', { value, module: p.module.name, file: p.module.file ?? p.module.name, suggestion: `${value}.${apps[0] ?? 'app'}` });
};

const factoryNotCalled: Reporter<'factory-not-called'> = (s, p) => {
  const span = segmentSpan(s, p.segment);
  const file = p.module.file ?? p.module.name;
  const args = { name: p.binding.name, file, params: p.binding.fn?.params.join(', ') ?? '', fixed: `${s.setting.value}()` };
  s.ctx.report('wsgi-handler-factory-not-called', span.start, span.end, 'py.factoryNotCalled', args, definitionRelated(s, p.module.file, p.binding));
};

const instanceCalled: Reporter<'instance-called'> = (s, p) => {
  const seg = s.r.segments[p.segment]!;
  const span = segmentSpan(s, p.segment);
  const value = s.setting.value;
  const args = { name: p.binding?.name ?? seg.name, file: p.module?.file ?? '', what: p.app.what, fixed: value.slice(0, seg.nameEnd) + value.slice(seg.end) };
  s.ctx.report('wsgi-handler-instance-called', span.start, span.end, 'py.instanceCalled', args, definitionRelated(s, p.module?.file, p.binding));
};

const asgi: Reporter<'asgi'> = (s, p) => {
  const { r, setting } = s;
  const span = handlerSpan(s.ctx, setting, 0, setting.value.length);
  const moduleName = r.segments.slice(0, r.moduleSegments).map((x) => x.name).join('.');
  const rest = r.segments.slice(r.moduleSegments).map((x) => setting.value.slice(x.start, x.end)).join('.');
  const target = `${moduleName}:${rest.replace(/\(\)$/, '')}${rest.endsWith('()') ? ' --factory' : ''}`;
  const args = { name: p.binding?.name ?? r.segments[r.segments.length - 1]!.name, file: p.module?.file ?? moduleName, what: p.app.what, target };
  s.ctx.report('asgi-app-under-wfastcgi', span.start, span.end, 'py.asgi', args, definitionRelated(s, p.module?.file, p.binding));
};

const factoryArguments: Reporter<'factory-arguments'> = (s, p) => {
  const span = segmentSpan(s, p.segment);
  const args = { name: p.binding.name, file: p.module.file ?? p.module.name, params: p.binding.fn?.params.join(', ') ?? '', required: p.binding.fn?.required ?? 1 };
  s.ctx.report('wsgi-handler-factory-arguments', span.start, span.end, 'py.factoryArguments', args, definitionRelated(s, p.module.file, p.binding));
};

const REPORTERS: { [K in HandlerProblem['kind']]: Reporter<K> } = {
  'factory-arguments': factoryArguments,
  'module-not-found': moduleNotFound,
  'attribute-not-found': attributeNotFound,
  'is-module': isModule,
  'factory-not-called': factoryNotCalled,
  'instance-called': instanceCalled,
  asgi,
};
