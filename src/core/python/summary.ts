/** What the checks need to know about one Python module, extracted once per file version and cached. */

export interface Span {
  start: number;
  end: number;
}

/** A literal keyword argument: a string, `None`, or some other expression. */
export type KeywordValue = { literal: string } | { none: true } | { other: true };

export interface CallInfo {
  /** The callee as written: `Flask`, `fastapi.FastAPI`, `create_app`. */
  callee: string;
  span: Span;
  keywords: Record<string, KeywordValue>;
  /** Dotted names passed as arguments, at any depth (`DispatcherMiddleware(front, {'/api': api})` → front, api). */
  refs?: string[];
}

/** The right-hand side of a module-level assignment, as far as it matters. */
export type ValueExpr = { kind: 'call'; call: CallInfo } | { kind: 'name'; name: string } | { kind: 'other' };

export interface FunctionInfo {
  /** Positional parameters without a default. */
  required: number;
  /** All positional parameters. */
  positional: number;
  varargs: boolean;
  params: string[];
  isAsync: boolean;
  decorated: boolean;
  /** What its `return` statements return (calls and names only). */
  returns: ValueExpr[];
  /** Local names assigned a call in its body (`app = Flask(__name__)` inside a factory). */
  locals: Record<string, CallInfo>;
}

export interface ImportRef {
  /** The dotted module as written after `from`/`import`, without leading dots. */
  module: string;
  /** Leading dots of a relative import (0: absolute). */
  level: number;
  /** `from module import name`: the imported name. */
  name?: string;
  /** In `imports`: the names a from-import imports (any may be a submodule). */
  names?: string[];
  /** In `imports`: inside a `try:` block, where an ImportError may be handled. */
  guarded?: true;
  /** In `imports`: the statement's span. */
  span?: Span;
}

export type BindingKind = 'assign' | 'def' | 'class' | 'import' | 'from-import';

export interface Binding {
  name: string;
  kind: BindingKind;
  /** The bound name in the source (go-to-definition target). */
  span: Span;
  value?: ValueExpr;
  fn?: FunctionInfo;
  bases?: string[];
  /** `import a.b as c` → module a.b; `import a.b` binds a → module a; from-import → module + name. */
  importOf?: ImportRef;
}

export interface RunCall {
  callee: string;
  span: Span;
}

/** A route registered on import: `@app.route("/")`, `app.add_url_rule(...)`, `app.register_blueprint(bp)`. */
export interface RouteUse {
  /** The object it is registered on, as written: `app`, `bp`, `api`. */
  object: string;
  method: string;
  span: Span;
}

export interface ModuleSummary {
  /** Module-level bindings; a later binding of a name replaces an earlier one. */
  bindings: Record<string, Binding>;
  /** Bound names in source order (for messages). */
  names: string[];
  starImports: ImportRef[];
  hasGetattr: boolean;
  /** Server starts (`app.run(...)`, `serve(app)`) executed on import. */
  runCalls: RunCall[];
  /** Routes registered when the module is imported (module-level decorators and calls). */
  routes: RouteUse[];
  /** Every module-level import (to follow what importing this module executes). */
  imports: ImportRef[];
  /** Calls of known application constructors anywhere in the file (`Flask(...)` inside a factory too). */
  appCalls: CallInfo[];
  syntaxError: boolean;
  /** Set when the file could not be analysed; its bindings are then unknown, not missing. */
  opaque?: 'unreadable' | 'too-large' | 'unparsed';
}

export function opaqueSummary(reason: NonNullable<ModuleSummary['opaque']>): ModuleSummary {
  return { bindings: {}, names: [], starImports: [], hasGetattr: false, runCalls: [], routes: [], imports: [], appCalls: [], syntaxError: false, opaque: reason };
}
