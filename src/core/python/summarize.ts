/** Builds a ModuleSummary from a tree-sitter Python syntax tree: module-level bindings, imports, server starts. */
import { isAppConstructorName, mayConstructApp } from './frameworks';
import type { Binding, CallInfo, FunctionInfo, ImportRef, KeywordValue, ModuleSummary, ValueExpr } from './summary';
import { dottedName, field, named, stringLiteral, type PyNode } from './syntax';

const SERVER_MODULES = new Set(['subprocess', 'asyncio', 'trio', 'anyio', 'os', 'sys', 'unittest', 'pytest', 'doctest']);
const SERVE_FUNCTIONS = new Set(['serve', 'waitress.serve', 'run_simple', 'werkzeug.serving.run_simple', 'uvicorn.run', 'web.run_app']);

/** `async def`: the definition's first token (reading it from the text spares marshalling every child node). */
const ASYNC = /^async\b/;

export function summarize(root: PyNode): ModuleSummary {
  tryDepth = 0;
  const s: ModuleSummary = { bindings: {}, names: [], starImports: [], hasGetattr: false, runCalls: [], routes: [], imports: [], appCalls: [], syntaxError: root.hasError };
  walkBlock(root, s);
  // Every call in the file, in functions too; most modules construct no app, and the text says so without a walk.
  if (mayConstructApp(root.text)) {
    for (const node of root.descendantsOfType('call')) {
      const callee = node && dottedName(field(node, 'function'));
      const call = callee && isAppConstructorName(callee) ? callInfo(node!) : undefined;
      if (call) s.appCalls.push(call);
    }
  }
  return s;
}

function bind(s: ModuleSummary, b: Binding): void {
  if (!(b.name in s.bindings)) s.names.push(b.name);
  s.bindings[b.name] = b;
}

/** The statements that run on import: the module body and the bodies of if/try/with/for/while in it. */
function walkBlock(block: PyNode, s: ModuleSummary): void {
  for (const stmt of named(block)) walkStatement(stmt, s);
}

/** How many `try:` blocks the statement being walked is in (imports there may be guarded by an except clause). */
let tryDepth = 0;

function walkStatement(stmt: PyNode, s: ModuleSummary): void {
  if (stmt.type === 'try_statement') {
    tryDepth++;
    try {
      return walkCompound(stmt, s);
    } finally {
      tryDepth--;
    }
  }
  switch (stmt.type) {
    case 'expression_statement':
      return expressionStatement(stmt, s);
    case 'import_statement':
    case 'import_from_statement':
      return importStatement(stmt, s);
    case 'function_definition':
    case 'class_definition':
      return definition(stmt, s, false);
    case 'decorated_definition': {
      for (const d of named(stmt)) if (d.type === 'decorator') routeUse(named(d)[0], s);
      const def = field(stmt, 'definition');
      return def ? definition(def, s, true) : undefined;
    }
    case 'if_statement':
      return ifStatement(stmt, s);
    case 'with_statement':
    case 'for_statement':
    case 'while_statement':
    case 'else_clause':
    case 'except_clause':
    case 'finally_clause':
      return walkCompound(stmt, s);
    default:
      return;
  }
}

function walkCompound(stmt: PyNode, s: ModuleSummary): void {
  for (const child of named(stmt)) {
    if (child.type === 'block') walkBlock(child, s);
    else if (child.type.endsWith('_clause')) walkStatement(child, s);
  }
}

function pushImport(s: ModuleSummary, stmt: PyNode, ref: ImportRef): void {
  s.imports.push({ ...ref, span: { start: stmt.startIndex, end: stmt.endIndex }, ...(tryDepth > 0 ? { guarded: true as const } : {}) });
}

function ifStatement(stmt: PyNode, s: ModuleSummary): void {
  const condition = field(stmt, 'condition');
  const mainGuard = condition !== undefined && /^__name__\s*==\s*['"]__main__['"]$|^['"]__main__['"]\s*==\s*__name__$/.test(condition.text);
  if (!mainGuard) {
    const consequence = field(stmt, 'consequence');
    if (consequence) walkBlock(consequence, s);
  }
  for (const alt of named(stmt)) {
    if (alt.type === 'elif_clause') {
      const body = field(alt, 'consequence');
      if (body) walkBlock(body, s);
    } else if (alt.type === 'else_clause') {
      const body = field(alt, 'body');
      if (body) walkBlock(body, s);
    }
  }
}

function expressionStatement(stmt: PyNode, s: ModuleSummary): void {
  for (const expr of named(stmt)) {
    if (expr.type === 'assignment') assignment(expr, s);
    else if (expr.type === 'call') {
      runCall(expr, s);
      routeUse(expr, s);
    }
  }
}

/** Route registration methods (Flask, Bottle, Falcon): a call or decorator `object.method(...)`. */
const ROUTE_METHODS = new Set(['route', 'get', 'post', 'put', 'patch', 'delete', 'add_url_rule', 'register_blueprint', 'add_route', 'add_sink', 'mount', 'merge']);

function routeUse(node: PyNode | undefined, s: ModuleSummary): void {
  if (node?.type !== 'call') return;
  const callee = dottedName(field(node, 'function'));
  const dot = callee ? callee.lastIndexOf('.') : -1;
  if (!callee || dot < 0 || !ROUTE_METHODS.has(callee.slice(dot + 1))) return;
  s.routes.push({ object: callee.slice(0, dot), method: callee.slice(dot + 1), span: { start: node.startIndex, end: node.endIndex } });
}

function assignment(expr: PyNode, s: ModuleSummary): void {
  const right = field(expr, 'right');
  const value: ValueExpr = right?.type === 'assignment' ? valueOf(field(right, 'right')) : valueOf(right);
  if (right?.type === 'assignment') assignment(right, s);
  const left = field(expr, 'left');
  const targets = left?.type === 'identifier' ? [left] : named(left).filter((n) => n.type === 'identifier');
  for (const target of targets) {
    bind(s, { name: target.text, kind: 'assign', span: { start: target.startIndex, end: target.endIndex }, value: targets.length === 1 ? value : { kind: 'other' } });
  }
  if (right?.type === 'call') runCall(right, s);
}

function valueOf(node: PyNode | undefined): ValueExpr {
  if (!node) return { kind: 'other' };
  if (node.type === 'call') {
    const call = callInfo(node);
    return call ? { kind: 'call', call } : { kind: 'other' };
  }
  if (node.type === 'await') return { kind: 'other' };
  const name = dottedName(node);
  return name ? { kind: 'name', name } : { kind: 'other' };
}

export function callInfo(node: PyNode): CallInfo | undefined {
  const callee = dottedName(field(node, 'function'));
  if (!callee) return undefined;
  const keywords: Record<string, KeywordValue> = {};
  for (const arg of named(field(node, 'arguments'))) {
    if (arg.type !== 'keyword_argument') continue;
    const name = field(arg, 'name')?.text;
    const value = field(arg, 'value');
    if (!name) continue;
    const literal = stringLiteral(value);
    keywords[name] = literal !== undefined ? { literal } : value?.type === 'none' ? { none: true } : { other: true };
  }
  const refs = argumentRefs(field(node, 'arguments'));
  return { callee, span: { start: node.startIndex, end: node.endIndex }, keywords, ...(refs.length ? { refs } : {}) };
}

const MAX_REFS = 16;

/** Names passed as arguments, inside lists, dicts and keyword values too (bounded). */
function argumentRefs(args: PyNode | undefined): string[] {
  const out: string[] = [];
  const visit = (n: PyNode, depth: number) => {
    if (out.length >= MAX_REFS || depth > 4) return;
    if (n.type === 'identifier' || n.type === 'attribute') {
      const name = dottedName(n);
      if (name) out.push(name);
      return;
    }
    if (n.type === 'call' || n.type === 'lambda') return;
    for (const c of named(n)) visit(c, depth + 1);
  };
  for (const a of named(args)) visit(a.type === 'keyword_argument' ? field(a, 'value') ?? a : a, 0);
  return out;
}

/** `x.run(...)` or `serve(app)` as a statement on import: a blocking server start. */
function runCall(expr: PyNode, s: ModuleSummary): void {
  const callee = dottedName(field(expr, 'function'));
  if (!callee) return;
  const parts = callee.split('.');
  const isRun = parts.length > 1 && parts[parts.length - 1] === 'run' && !SERVER_MODULES.has(parts[0]!);
  if (isRun || SERVE_FUNCTIONS.has(callee)) s.runCalls.push({ callee, span: { start: expr.startIndex, end: expr.endIndex } });
}

function importStatement(stmt: PyNode, s: ModuleSummary): void {
  if (stmt.type === 'import_statement') {
    for (const item of named(stmt)) {
      const aliased = item.type === 'aliased_import';
      const nameNode = aliased ? field(item, 'name') : item;
      const module = dottedName(nameNode);
      if (!module || !nameNode) continue;
      pushImport(s, stmt, { module, level: 0 });
      const alias = aliased ? field(item, 'alias') : undefined;
      const boundNode = alias ?? named(nameNode)[0] ?? nameNode;
      const bound = alias ? module : module.split('.')[0]!;
      bind(s, { name: boundNode.text, kind: 'import', span: { start: boundNode.startIndex, end: boundNode.endIndex }, importOf: { module: bound, level: 0 } });
    }
    return;
  }
  const moduleNode = field(stmt, 'module_name');
  const from = fromModule(moduleNode);
  if (!from) return;
  // Nodes are fresh objects on every access: the module name is told apart by position.
  const moduleStart = moduleNode?.startIndex;
  const items = named(stmt).filter((n) => n.startIndex !== moduleStart);
  const imported: string[] = [];
  for (const item of items) {
    if (item.type === 'wildcard_import') {
      s.starImports.push(from);
      continue;
    }
    const aliased = item.type === 'aliased_import';
    const name = dottedName(aliased ? field(item, 'name') : item);
    const boundNode = aliased ? field(item, 'alias') : item;
    if (!name || !boundNode) continue;
    imported.push(name);
    bind(s, { name: boundNode.text, kind: 'from-import', span: { start: boundNode.startIndex, end: boundNode.endIndex }, importOf: { ...from, name } });
  }
  pushImport(s, stmt, imported.length ? { ...from, names: imported } : from);
}

function fromModule(node: PyNode | undefined): ImportRef | undefined {
  if (!node) return undefined;
  if (node.type === 'dotted_name') return { module: dottedName(node) ?? '', level: 0 };
  if (node.type !== 'relative_import') return undefined;
  const parts = named(node);
  const prefix = parts.find((n) => n.type === 'import_prefix');
  const rest = parts.find((n) => n.type === 'dotted_name');
  return { module: rest ? dottedName(rest) ?? '' : '', level: prefix ? prefix.text.length : 0 };
}

function definition(def: PyNode, s: ModuleSummary, decorated: boolean): void {
  const nameNode = field(def, 'name');
  if (!nameNode) return;
  const span = { start: nameNode.startIndex, end: nameNode.endIndex };
  if (def.type === 'class_definition') {
    const bases = named(field(def, 'superclasses')).map((b) => dottedName(b)).filter((b): b is string => !!b);
    bind(s, { name: nameNode.text, kind: 'class', span, bases });
    return;
  }
  if (nameNode.text === '__getattr__') s.hasGetattr = true;
  bind(s, { name: nameNode.text, kind: 'def', span, fn: functionInfo(def, decorated) });
}

function functionInfo(def: PyNode, decorated: boolean): FunctionInfo {
  const info: FunctionInfo = { required: 0, positional: 0, varargs: false, params: [], isAsync: ASYNC.test(def.text), decorated, returns: [], locals: {} };
  let keywordOnly = false;
  for (const p of named(field(def, 'parameters'))) {
    if (p.type === 'list_splat_pattern') {
      info.varargs = true;
      keywordOnly = true;
    } else if (p.type === 'keyword_separator') keywordOnly = true;
    else if (p.type === 'dictionary_splat_pattern' || p.type === 'positional_separator') continue;
    else if (!keywordOnly) {
      const withDefault = p.type === 'default_parameter' || p.type === 'typed_default_parameter';
      const name = p.type === 'identifier' ? p.text : (field(p, 'name') ?? named(p)[0])?.text ?? '';
      info.params.push(name);
      info.positional++;
      if (!withDefault) info.required++;
    }
  }
  // One walk of the body for both kinds (each kept in source order, as two walks gave them).
  for (const node of field(def, 'body')?.descendantsOfType(['assignment', 'return_statement']) ?? []) {
    if (node?.type === 'assignment') {
      const left = field(node, 'left');
      const right = field(node, 'right');
      const call = right?.type === 'call' ? callInfo(right) : undefined;
      if (left?.type === 'identifier' && call) info.locals[left.text] = call;
    } else if (node) {
      const value = named(node)[0];
      if (value) info.returns.push(valueOf(value));
    }
  }
  return info;
}
