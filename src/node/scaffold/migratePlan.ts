/**
 * "Migrate to HttpPlatformHandler", shared by the VS Code command and `flask-iis migrate`: the core's minimal
 * edits, uvicorn when WSGI_HANDLER names an ASGI application of the project (unless told), and the refusal of a
 * link, FIFO or device where the log folder goes (checked before anything changes).
 */
import type { TextEdit } from '../../core/editing/textEdits';
import type { Translate } from '../../core/messages';
import type { PythonSupport } from '../../core/python';
import { migrateToHttpPlatform, migrateToProxy, type PlannedFile } from '../../core/scaffold';
import { suggestName } from '../../core/host/appcmd';
import { DEFAULT_BACKEND_PORT } from '../../core/scaffold/options';
import { existsSync, lstatSync } from 'node:fs';
import { basename, join } from 'node:path';
import { recordedSitePath } from '../host/siteSettings';
import type { Problem } from '../../core/scaffold/options';
import type { AppCandidate } from '../../core/scaffold/appChoice';
import { refusalProblem } from './scaffoldFs';
import { appCandidates } from './scaffoldProject';
import { inspectPlan } from './scaffoldWriter';

export type Migration =
  | { ok: true; edits: TextEdit[]; createFiles: PlannedFile[]; handler: string; asgi: boolean; from?: 'wfastcgi' | 'cgi' | 'httpplatform' }
  | { ok: false; problems: Problem[]; candidates?: string[] };

export interface MigrationChoices {
  /** Serve with uvicorn; undefined lets the project's Python decide. */
  asgi?: boolean;
  /** The application to serve when web.config names none (a CgiModule mapping): `module.attr`. */
  handler?: string;
}

/**
 * `dir`: the local folder of web.config (undefined for a file that is not on disk: no project analysis, no
 * files created). A CgiModule mapping names a script, not an application: the one given, else the project's only
 * application (the analysis), else the script's own when several; otherwise a refusal listing the candidates.
 */
export async function planMigration(text: string, dir: string | undefined, choices: MigrationChoices, support: () => Promise<PythonSupport | undefined>, translate?: Translate): Promise<Migration> {
  const { asgi } = choices;
  let handler = choices.handler;
  let result = migrateToHttpPlatform(text, { asgi: asgi === true, ...(handler ? { handler } : {}), translate });
  let candidates: AppCandidate[] | undefined;
  if (!result.ok && result.problem.key === 'migrate.cgiNoApp' && dir !== undefined) {
    const s = await support();
    candidates = s ? appCandidates(dir, s) : [];
    const chosen = chooseCandidate(candidates, result.problem.args['script']);
    if (chosen) {
      handler = chosen.handler;
      result = migrateToHttpPlatform(text, { asgi: asgi ?? !!chosen.asgi, handler, translate });
    }
  }
  if (!result.ok) return { ok: false, problems: [result.problem], ...(candidates?.length ? { candidates: candidates.map((c) => c.handler) } : {}) };
  const served = result.handler;
  const detected = served !== '' && (asgi ?? (dir !== undefined && (await isAsgi(dir, served, support, candidates))));
  if (detected && !asgi) result = migrateToHttpPlatform(text, { asgi: true, ...(handler ? { handler } : {}), translate });
  if (!result.ok) return { ok: false, problems: [result.problem] };
  const refused = dir !== undefined ? inspectPlan(dir, result.createFiles).refused : [];
  if (refused.length) return { ok: false, problems: refused.map(refusalProblem) };
  return { ok: true, edits: result.edits, createFiles: dir !== undefined ? result.createFiles : [], handler: result.handler, asgi: detected, from: result.from };
}

/** The project's only application, or, among several, the one defined in the CGI mapping's script (by file name). */
function chooseCandidate(candidates: AppCandidate[], script: unknown): AppCandidate | undefined {
  if (candidates.length === 1) return candidates[0];
  const name = typeof script === 'string' ? script.split(/[\\/]/).pop()!.toLowerCase() : '';
  const own = name && name !== '*.py' ? candidates.filter((c) => c.file.split(/[\\/]/).pop()!.toLowerCase() === name) : [];
  return own.length === 1 ? own[0] : undefined;
}

export interface ProxyMigrationOptions {
  port?: number;
  urlPrefix?: string;
  name?: string;
  asgi?: boolean;
  translate?: Translate;
}

/**
 * "Migrate to the reverse-proxy bridge": the core's minimal edits, plus the WinSW definition and the wrapper
 * module as new files. The project decides what it can (ASGI or Flask from its Python, a `static` folder, the
 * server's site path new/init recorded), never which program runs here: nothing runs.
 */
export async function planProxyMigration(text: string, dir: string | undefined, o: ProxyMigrationOptions, support: () => Promise<PythonSupport | undefined>): Promise<Migration> {
  const name = o.name ?? suggestName(dir ? basename(dir) : 'site');
  const sitePath = dir !== undefined ? recordedSitePath(dir) : undefined;
  const base = { name, port: o.port ?? DEFAULT_BACKEND_PORT, ...(o.urlPrefix ? { urlPrefix: o.urlPrefix } : {}), ...(sitePath ? { sitePath } : {}), ...(o.translate ? { translate: o.translate } : {}), staticFolder: dir !== undefined && isFolder(join(dir, 'static')) };
  const first = migrateToProxy(text, base);
  if (!first.ok) return { ok: false, problems: [first.problem] };
  const s = dir !== undefined ? await support() : undefined;
  const candidate = s && dir !== undefined ? appCandidates(dir, s).find((c) => c.handler === first.handler) : undefined;
  const asgi = o.asgi ?? candidate?.asgi ?? false;
  const result = migrateToProxy(text, { ...base, ...(asgi ? { asgi } : {}), ...(candidate?.framework === 'flask' ? { werkzeug: true } : {}) });
  if (!result.ok) return { ok: false, problems: [result.problem] };
  const createFiles = dir !== undefined ? result.createFiles.filter((f) => !existsSync(join(dir, ...f.path.split('/')))) : [];
  const refused = dir !== undefined ? inspectPlan(dir, createFiles).refused : [];
  if (refused.length) return { ok: false, problems: refused.map(refusalProblem) };
  return { ok: true, edits: result.edits, createFiles, handler: result.handler, from: result.from, asgi: asgi || /uvicorn/.test(createFiles.map((f) => f.content).join('')) };
}

function isFolder(path: string): boolean {
  try {
    return lstatSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Whether WSGI_HANDLER names an ASGI application of the project (FastAPI, Starlette...). */
async function isAsgi(dir: string, handler: string, support: () => Promise<PythonSupport | undefined>, known?: AppCandidate[]): Promise<boolean> {
  if (known) return known.some((c) => c.asgi && c.handler === handler);
  const s = await support();
  return !!s && appCandidates(dir, s).some((c) => c.asgi && c.handler === handler);
}

/** The text with the edits applied (non-overlapping, any order). */
export function applyEdits(text: string, edits: TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}
