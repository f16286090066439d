/**
 * WSGI_HANDLER resolved statically the way wfastcgi resolves it at start-up: the longest dotted prefix that
 * imports is the module (an ImportError moves the last module segment to the name list), the remaining
 * names are attributes (an AttributeError is final), `()` calls with no arguments.
 */
import { wsgiHandlerProblem } from '../rules/settingRules';
import type { AppKind } from './frameworks';
import { WELL_KNOWN_ENTRY_POINTS } from './frameworks';
import { Evaluator, type Value } from './evaluate';
import type { ModuleLocation, ProjectModule, PythonProject } from './project';
import type { Binding, FunctionInfo, ModuleSummary } from './summary';

export interface HandlerSegment {
  name: string;
  called: boolean;
  /** The name's span in the value (without `()`); `end` includes `()` when called. */
  start: number;
  nameEnd: number;
  end: number;
}

export type HandlerProblem =
  | { kind: 'module-not-found'; top: string }
  | { kind: 'attribute-not-found'; segment: number; module: ProjectModule; summary: ModuleSummary }
  | { kind: 'is-module'; segment: number; module: ProjectModule }
  | { kind: 'factory-not-called'; segment: number; module: ProjectModule; binding: Binding }
  | { kind: 'instance-called'; segment: number; app: AppKind; module: ProjectModule | undefined; binding: Binding | undefined }
  | { kind: 'factory-arguments'; segment: number; module: ProjectModule; binding: Binding }
  | { kind: 'asgi'; app: AppKind; module: ProjectModule | undefined; binding: Binding | undefined };

export interface HandlerResolution {
  segments: HandlerSegment[];
  /** How many leading segments name the module wfastcgi imports (0: none imports). */
  moduleSegments: number;
  module: ModuleLocation | undefined;
  /** The value after each segment (modules for the module segments). */
  steps: Value[];
  final: Value;
  problems: HandlerProblem[];
}

/** The segments of a syntactically valid WSGI_HANDLER value (the first `limit` of them), or undefined. */
export function handlerSegments(value: string, limit?: number): HandlerSegment[] | undefined {
  if (!value.trim() || wsgiHandlerProblem(value)) return undefined;
  const out: HandlerSegment[] = [];
  let offset = 0;
  for (const part of value.split('.', limit)) {
    const called = part.endsWith('()');
    const name = called ? part.slice(0, -2) : part;
    out.push({ name, called, start: offset, nameEnd: offset + name.length, end: offset + part.length });
    offset += part.length + 1;
  }
  return out;
}

/**
 * Longer values are only checked for their first module: every dotted prefix is a module name to look up (and
 * its parents, recursively), so the work grows with the square of the length. Real handlers have a few segments.
 */
export const MAX_HANDLER_SEGMENTS = 64;

export function resolveHandler(project: PythonProject, value: string): HandlerResolution | undefined {
  const segments = handlerSegments(value, MAX_HANDLER_SEGMENTS + 1);
  if (!segments || segments.length < 2) return undefined;
  // Past the limit, `segments` holds the first MAX_HANDLER_SEGMENTS + 1 only (what module-not-found reports on).
  if (segments.length > MAX_HANDLER_SEGMENTS) return project.find(segments[0]!.name) ? undefined : notFound(segments);
  const evaluator = new Evaluator(project);
  for (let k = segments.length - 1; k >= 1; k--) {
    if (segments.slice(0, k).some((s) => s.called)) continue;
    const name = segments.slice(0, k).map((s) => s.name).join('.');
    const module = project.find(name);
    if (!module) continue;
    const steps = segments.slice(0, k).map((_s, i) => evaluator.moduleValue(segments.slice(0, i + 1).map((s) => s.name).join('.')));
    const start: Value = module.kind === 'project' ? { kind: 'module', module: module.module } : { kind: 'external', qualified: name };
    return { ...walkNames(evaluator, segments, k, start, steps), segments, moduleSegments: k, module };
  }
  return notFound(segments);
}

/** No prefix of the value imports: module-not-found, unless it is a well-known entry point of a package. */
function notFound(segments: HandlerSegment[]): HandlerResolution {
  const plain = segments.map((s) => s.name).join('.');
  const wellKnown = Object.keys(WELL_KNOWN_ENTRY_POINTS).some((e) => e === plain || e.startsWith(`${segments[0]!.name}.`));
  const problems: HandlerProblem[] = wellKnown ? [] : [{ kind: 'module-not-found', top: segments[0]!.name }];
  return { segments, moduleSegments: 0, module: undefined, steps: [], final: { kind: 'unknown' }, problems };
}

function walkNames(evaluator: Evaluator, segments: HandlerSegment[], k: number, start: Value, steps: Value[]) {
  const problems: HandlerProblem[] = [];
  let current = start;
  for (let i = k; i < segments.length; i++) {
    const seg = segments[i]!;
    const next = evaluator.attribute(current, seg.name);
    if (next.kind === 'missing') {
      problems.push({ kind: 'attribute-not-found', segment: i, module: next.module, summary: next.summary });
      return { steps, final: { kind: 'unknown' } as Value, problems };
    }
    steps.push(next);
    current = seg.called ? callStep(evaluator, next, i, problems) : next;
  }
  finalChecks(evaluator, segments, current, problems);
  return { steps, final: current, problems };
}

function callStep(evaluator: Evaluator, value: Value, segment: number, problems: HandlerProblem[]): Value {
  const app = evaluator.appOf(value);
  if (app?.instance) {
    const where = value.kind === 'binding' ? value : value.kind === 'instance' ? value.origin : undefined;
    problems.push({ kind: 'instance-called', segment, app: app.app, module: where?.module, binding: where?.binding });
    return { kind: 'unknown' };
  }
  if (value.kind === 'binding' && value.binding.kind === 'def' && (value.binding.fn?.required ?? 0) > 0) {
    problems.push({ kind: 'factory-arguments', segment, module: value.module, binding: value.binding });
    return { kind: 'unknown' };
  }
  return evaluator.callResult(value);
}

const RAW_ASGI: AppKind = { protocol: 'asgi', what: 'async def (scope, receive, send)', framework: 'asgi' };

function finalChecks(evaluator: Evaluator, segments: HandlerSegment[], final: Value, problems: HandlerProblem[]): void {
  const last = segments.length - 1;
  if (problems.length) return;
  if (!segments[last]!.called) {
    if (final.kind === 'module') {
      problems.push({ kind: 'is-module', segment: last, module: final.module });
      return;
    }
    if (final.kind === 'binding' && final.binding.kind === 'def' && final.binding.fn && isFactory(evaluator, final, final.binding.fn)) {
      problems.push({ kind: 'factory-not-called', segment: last, module: final.module, binding: final.binding });
      return;
    }
  }
  if (final.kind === 'binding' && final.binding.fn?.isAsync && final.binding.fn.required === 3 && !segments[last]!.called) {
    problems.push({ kind: 'asgi', app: RAW_ASGI, module: final.module, binding: final.binding });
    return;
  }
  const app = evaluator.appOf(final);
  if (app?.instance && app.app.protocol === 'asgi') {
    const where = final.kind === 'binding' ? final : final.kind === 'instance' ? final.origin : undefined;
    problems.push({ kind: 'asgi', app: app.app, module: where?.module, binding: where?.binding });
  }
}

/** A function that cannot be a WSGI callable `(environ, start_response)`: a factory to be called with `()`. */
function isFactory(evaluator: Evaluator, value: Extract<Value, { kind: 'binding' }>, fn: FunctionInfo): boolean {
  if (evaluator.appOf(value)) return true;
  if (fn.decorated || fn.isAsync || fn.varargs) return false;
  return fn.required !== 2;
}
