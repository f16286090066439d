/**
 * Python-aware analysis of an IIS application folder: what wfastcgi will import, statically.
 * Pure TypeScript (no vscode, no node:): files come through `ProjectFiles`, the parser is injected.
 *
 * Entry points for other features:
 *
 *   listWsgiApps(files: ProjectFiles, support: PythonSupport, options?: { pythonPath?: string[]; asgi?: boolean }): WsgiAppCandidate[]
 *     The WSGI applications the project defines, best first: Flask (or other WSGI) instances as
 *     `module.app`, factories as `module.create_app()`, Django as
 *     `django.core.wsgi.get_wsgi_application()` with `settingsModule` set (and the project's own
 *     `mysite.wsgi.application`). Each candidate has the file and span of its definition.
 *     With `asgi: true`, ASGI applications (FastAPI, Starlette...) are listed too, marked `asgi: true`.
 *
 *   wsgiHandlerTargets(text: string, options: CheckOptions): HandlerTarget[]
 *     For the WSGI_HANDLER value in a web.config text: each dotted segment's span in the web.config and
 *     the Python definition it resolves to (absolute path + offsets), for go-to-definition and links.
 *
 *   handlerDefinition(files: ProjectFiles, support: PythonSupport, value: string, pythonPath?: string[]): { path, line } | undefined
 *     Where an arbitrary WSGI_HANDLER value's last resolvable segment is defined (zero-based line).
 *
 *   PythonModuleCache, PythonSupport: the adapters create one cache per process/session and pass
 *     `{ parser, cache }` as `CheckOptions.python`; unchanged files (same mtime and size) are not re-parsed.
 *
 *   PythonParser / PyTree / PyNode: the structural interface a web-tree-sitter Parser with the Python
 *     grammar satisfies (see src/node/pythonParser.ts for the loader).
 */
export type { PyNode, PyTree, PythonParser } from './syntax';
export { PythonModuleCache, type PythonSupport } from './moduleCache';
export type { ModuleSummary } from './summary';
export { analyseApps, listWsgiApps, type AppAnalysis, type SkippedApp, type WsgiAppCandidate } from './wsgiApps';
export { handlerDefinition, wsgiHandlerTargets, type HandlerTarget } from './handlerTargets';
export { importFailedFinding } from './verifyFinding';
