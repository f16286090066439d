/**
 * "Migrate to HttpPlatformHandler", shared by the VS Code command and `flask-iis migrate`: the core's minimal
 * edits, uvicorn when WSGI_HANDLER names an ASGI application of the project (unless told), and the refusal of a
 * link, FIFO or device where the log folder goes (checked before anything changes).
 */
import type { TextEdit } from '../../core/editing/textEdits';
import type { Translate } from '../../core/messages';
import type { PythonSupport } from '../../core/python';
import { migrateToHttpPlatform, type PlannedFile } from '../../core/scaffold';
import type { Problem } from '../../core/scaffold/options';
import { refusalProblem } from './scaffoldFs';
import { appCandidates } from './scaffoldProject';
import { inspectPlan } from './scaffoldWriter';

export type Migration = { ok: true; edits: TextEdit[]; createFiles: PlannedFile[]; handler: string; asgi: boolean } | { ok: false; problems: Problem[] };

/**
 * `dir`: the local folder of web.config (undefined for a file that is not on disk: no project analysis, no
 * files created). `asgi`: undefined lets the project's Python decide.
 */
export async function planMigration(text: string, dir: string | undefined, asgi: boolean | undefined, support: () => Promise<PythonSupport | undefined>, translate?: Translate): Promise<Migration> {
  let result = migrateToHttpPlatform(text, { asgi: asgi === true, translate });
  if (!result.ok) return { ok: false, problems: [result.problem] };
  const handler = result.handler;
  const detected = asgi ?? (dir !== undefined && (await isAsgi(dir, handler, support)));
  if (detected && !asgi) result = migrateToHttpPlatform(text, { asgi: true, translate });
  if (!result.ok) return { ok: false, problems: [result.problem] };
  const refused = dir !== undefined ? inspectPlan(dir, result.createFiles).refused : [];
  if (refused.length) return { ok: false, problems: refused.map(refusalProblem) };
  return { ok: true, edits: result.edits, createFiles: dir !== undefined ? result.createFiles : [], handler: result.handler, asgi: detected };
}

/** Whether WSGI_HANDLER names an ASGI application of the project (FastAPI, Starlette...). */
async function isAsgi(dir: string, handler: string, support: () => Promise<PythonSupport | undefined>): Promise<boolean> {
  const s = await support();
  return !!s && appCandidates(dir, s).some((c) => c.asgi && c.handler === handler);
}

/** The text with the edits applied (non-overlapping, any order). */
export function applyEdits(text: string, edits: TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}
