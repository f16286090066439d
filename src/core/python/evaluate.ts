/**
 * Static evaluation of what a dotted name refers to in the project: modules, bindings, what they were
 * imported from, and which known application (Flask, FastAPI, Django...) a value is or constructs.
 * Bounded: cycles (circular imports, `a = b; b = a`) and deep chains end as "unknown", never as a finding.
 */
import { appKindOf, WELL_KNOWN_ENTRY_POINTS, type AppKind } from './frameworks';
import type { ProjectModule, PythonProject } from './project';
import type { Binding, CallInfo, ModuleSummary, ValueExpr } from './summary';

export type Value =
  | { kind: 'module'; module: ProjectModule }
  | { kind: 'external'; qualified: string }
  | { kind: 'binding'; module: ProjectModule; binding: Binding }
  | { kind: 'instance'; app: AppKind | undefined; origin?: { module: ProjectModule; binding: Binding } }
  | { kind: 'unknown' }
  | { kind: 'missing'; module: ProjectModule; summary: ModuleSummary };

export interface AppInfo {
  app: AppKind;
  /** An application object (calling it with no arguments is wrong), as opposed to a class or a factory. */
  instance: boolean;
}

const UNKNOWN: Value = { kind: 'unknown' };
const MAX_DEPTH = 40;

export class Evaluator {
  private depth = 0;

  constructor(readonly project: PythonProject) {}

  /** Runs `fn` one level deeper; past the bound, or on a cycle, the answer is `fallback`. */
  private nested<T>(fallback: T, fn: () => T): T {
    if (this.depth >= MAX_DEPTH) return fallback;
    this.depth++;
    try {
      return fn();
    } finally {
      this.depth--;
    }
  }

  /** A module by absolute name; one the project does not have is something installed (its contents unknown). */
  moduleValue(name: string): Value {
    const loc = this.project.find(name);
    return loc?.kind === 'project' ? { kind: 'module', module: loc.module } : { kind: 'external', qualified: name };
  }

  /** `getattr(value, name)`; for a package, a submodule of that name counts (wfastcgi imports with a fromlist). */
  attribute(v: Value, name: string): Value {
    if (v.kind === 'external') return { kind: 'external', qualified: `${v.qualified}.${name}` };
    if (v.kind !== 'module') return UNKNOWN;
    return this.nested(UNKNOWN, () => this.moduleAttribute(v.module, name));
  }

  private moduleAttribute(module: ProjectModule, name: string): Value {
    const summary = this.project.summary(module);
    const b = summary && !summary.opaque ? summary.bindings[name] : undefined;
    if (b) return this.bindingValue(module, b);
    if (module.kind === 'package' || module.kind === 'namespace') {
      const sub = this.project.find(`${module.name}.${name}`);
      if (sub?.kind === 'project') return { kind: 'module', module: sub.module };
    }
    if (!summary || summary.opaque || summary.hasGetattr || summary.syntaxError) return UNKNOWN;
    for (const star of summary.starImports) {
      const target = this.project.absoluteImport(module, star);
      const from = target ? this.moduleValue(target) : UNKNOWN;
      const found = from.kind === 'module' ? this.attribute(from, name) : UNKNOWN;
      if (found.kind !== 'missing') return found;
    }
    return { kind: 'missing', module, summary };
  }

  /** What a module-level binding refers to: imports are followed, definitions are the binding itself. */
  bindingValue(module: ProjectModule, b: Binding): Value {
    if (b.kind === 'import') return this.moduleValue(b.importOf!.module);
    if (b.kind !== 'from-import') return { kind: 'binding', module, binding: b };
    const ref = b.importOf!;
    const target = this.project.absoluteImport(module, ref);
    if (!target) return UNKNOWN;
    const sub = this.project.find(`${target}.${ref.name!}`);
    if (sub?.kind === 'project') return { kind: 'module', module: sub.module };
    const value = this.attribute(this.moduleValue(target), ref.name!);
    return value.kind === 'missing' ? UNKNOWN : value;
  }

  /** A dotted name as written in `module` (`Flask`, `fastapi.FastAPI`, `server.app`). */
  resolveName(module: ProjectModule, dotted: string): Value {
    const [first, ...rest] = dotted.split('.');
    const summary = this.project.summary(module);
    const b = summary?.bindings[first!];
    let v: Value = b ? this.nested(UNKNOWN, () => this.bindingValue(module, b)) : UNKNOWN;
    for (const name of rest) v = this.attribute(v, name);
    return v;
  }

  /** The application a value is, or constructs when called. */
  appOf(v: Value): AppInfo | undefined {
    if (v.kind === 'instance') return v.app && { app: v.app, instance: true };
    if (v.kind === 'external') {
      const app = appKindOf(v.qualified) ?? WELL_KNOWN_ENTRY_POINTS[v.qualified];
      return app && { app, instance: false };
    }
    if (v.kind !== 'binding') return undefined;
    return this.nested(undefined, () => this.bindingApp(v.module, v.binding));
  }

  private bindingApp(module: ProjectModule, b: Binding): AppInfo | undefined {
    if (b.kind === 'assign') {
      const app = this.valueApp(module, b.value, {});
      return app && { app, instance: true };
    }
    if (b.kind === 'def' && b.fn) {
      for (const ret of b.fn.returns) {
        const app = this.valueApp(module, ret, b.fn.locals);
        if (app) return { app, instance: false };
      }
      return undefined;
    }
    if (b.kind === 'class') {
      for (const base of b.bases ?? []) {
        const app = this.appOf(this.resolveName(module, base)) ?? (!this.isBound(module, base) ? appKindOfName(base) : undefined);
        if (app) return { app: 'app' in app ? app.app : app, instance: false };
      }
    }
    return undefined;
  }

  /** The app an expression evaluates to (an assignment's value or a factory's `return`). */
  private valueApp(module: ProjectModule, value: ValueExpr | undefined, locals: Record<string, CallInfo>): AppKind | undefined {
    if (!value || value.kind === 'other') return undefined;
    if (value.kind === 'name') {
      const local = locals[value.name];
      if (local) return this.callApp(module, local);
      const app = this.appOf(this.resolveName(module, value.name));
      return app?.instance ? app.app : undefined;
    }
    return this.callApp(module, value.call);
  }

  /** The app a call constructs: `Flask(__name__)`, `create_app()`, `get_wsgi_application()`. */
  callApp(module: ProjectModule, call: CallInfo): AppKind | undefined {
    const callee = this.resolveName(module, call.callee);
    if (callee.kind === 'unknown' && !this.isBound(module, call.callee)) return appKindOfName(call.callee);
    const app = this.appOf(callee);
    return app && !app.instance ? app.app : undefined;
  }

  /** What `value()` gives: the app a factory or class produces (its kind unknown otherwise). */
  callResult(v: Value): Value {
    const app = this.appOf(v);
    const origin = v.kind === 'binding' ? { module: v.module, binding: v.binding } : undefined;
    return { kind: 'instance', app: app && !app.instance ? app.app : undefined, ...(origin ? { origin } : {}) };
  }

  private isBound(module: ProjectModule, dotted: string): boolean {
    const summary = this.project.summary(module);
    return !!summary && (summary.opaque !== undefined || dotted.split('.')[0]! in summary.bindings || summary.starImports.length > 0);
  }
}

function appKindOfName(callee: string): AppKind | undefined {
  return callee.includes('.') ? undefined : appKindOf(callee);
}
