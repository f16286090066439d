/**
 * Which application `init` deploys: the one the project defines, the one named with --handler, or none when
 * several are found (the user chooses). Candidates come from the Python-aware analysis (listWsgiApps).
 */
import type { WsgiApp } from '../editing/env';
import { handlerProblem, type Problem } from './options';

export interface AppCandidate extends WsgiApp {
  kind: 'instance' | 'factory' | 'django';
  /** `flask`, `django`, `fastapi`... */
  framework?: string;
  /** The defining file, relative to the project folder. */
  file: string;
  /** Modules registering the app's routes on import, and those the handler's module never imports. */
  routes?: { modules: string[]; missing: string[]; aliasMissing?: Record<string, string[]> };
  /** Other spellings of the same object. */
  aliases?: string[];
}

export type AppChoice = { ok: true; app: WsgiApp; notes: Problem[] } | { ok: false; problem: Problem; candidates: AppCandidate[] };

const DJANGO_HANDLER = 'django.core.wsgi.get_wsgi_application()';

const moduleOf = (handler: string) => handler.slice(0, handler.lastIndexOf('.'));

/**
 * One entry per application: Django's `mysite.wsgi.application` becomes get_wsgi_application() with its
 * settings (Microsoft's documented form) and its `asgi.py` is the same project (the WSGI entry is served);
 * a module defining both an app and its factory counts once (the app).
 */
export function distinctApps(candidates: AppCandidate[]): AppCandidate[] {
  const djangoFiles = new Set(candidates.filter((c) => c.kind === 'django').map((c) => c.file));
  const withInstance = new Set(candidates.filter((c) => c.kind === 'instance').map((c) => moduleOf(c.handler)));
  const seen = new Set<string>();
  return candidates.filter((c) => {
    if (c.kind === 'instance' && djangoFiles.has(c.file)) return false;
    if (c.asgi && c.framework === 'django' && djangoFiles.size) return false;
    if (c.kind === 'factory' && withInstance.has(moduleOf(c.handler))) return false;
    const key = `${c.handler}\0${c.djangoSettings ?? ''}`;
    return !seen.has(key) && !!seen.add(key);
  });
}

/** The application to deploy, given the analysis' candidates and the user's --handler (if any). */
export function chooseApp(candidates: AppCandidate[], handler: string | undefined, folder: string): AppChoice {
  const apps = distinctApps(candidates);
  if (handler !== undefined) {
    const invalid = handlerProblem(handler);
    if (invalid) return { ok: false, problem: invalid, candidates: apps };
    const known = candidates.find((c) => c.handler === handler && (c.kind !== 'django' || c.djangoSettings));
    if (known) return chosen(known);
    const alias = candidates.find((c) => c.aliases?.includes(handler));
    if (alias) {
      const missing = alias.routes?.aliasMissing?.[handler];
      return chosen({ ...alias, handler, ...(alias.routes && missing ? { routes: { modules: alias.routes.modules, missing } } : {}) });
    }
    const settings = handler === DJANGO_HANDLER ? candidates.find((c) => c.djangoSettings)?.djangoSettings : undefined;
    return { ok: true, app: settings ? { handler, djangoSettings: settings } : { handler }, notes: [] };
  }
  if (apps.length === 1) return chosen(apps[0]!);
  // Applications whose routes are all left out (404 everywhere) are no real choice next to one that serves.
  const serving = apps.filter((a) => !a.routes || a.routes.missing.length < a.routes.modules.length);
  if (serving.length === 1 && apps.length > 1) return chosen(serving[0]!);
  if (!apps.length) return { ok: false, problem: { key: 'scaffold.noApp', args: { folder } }, candidates: [] };
  return { ok: false, problem: { key: 'scaffold.severalApps', args: { folder, list: apps.map((a) => a.handler).join(', ') } }, candidates: apps };
}

/** The chosen application, with a note when importing it leaves route modules out (those URLs answer 404). */
function chosen(c: AppCandidate): AppChoice {
  const missing = c.routes?.missing ?? [];
  const notes: Problem[] = missing.length
    ? [{ key: missing.length === c.routes!.modules.length ? 'scaffold.note.routesNotImported' : 'scaffold.note.someRoutesNotImported', args: { handler: c.handler, modules: missing.join(', ') } }]
    : [];
  return { ok: true, app: strip(c), notes };
}

function strip(c: AppCandidate): WsgiApp {
  return {
    handler: c.handler, ...(c.detail ? { detail: c.detail } : {}), ...(c.asgi ? { asgi: true } : {}), ...(c.djangoSettings ? { djangoSettings: c.djangoSettings } : {}),
    ...(c.pythonPath?.length ? { pythonPath: c.pythonPath } : {}),
  };
}
