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
  /** Loaded the way wfastcgi would by a local interpreter the user chose for it (init's confirmation). */
  confirmed?: Confirmation;
}

/** What loading a candidate as wfastcgi would showed. */
export interface Confirmation {
  /** The interpreter that loaded it. */
  python: string;
  loads: boolean;
  /** Routes counted (Flask url_map, Django urlpatterns, Bottle routes, Falcon routers); null: unknown. */
  routes: number | null;
  /** Why it does not load, or why wfastcgi's per-request call would fail although it loads. */
  error?: string;
}

export type AppChoice = { ok: true; app: WsgiApp; notes: Problem[] } | { ok: false; problem: Problem; candidates: AppCandidate[]; notes?: Problem[] };

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

/**
 * The application to deploy, given the analysis' candidates and the user's --handler (if any). Candidates that
 * were loaded as wfastcgi would (`confirmed`) and have routes are preferred; the notes say what was checked.
 */
export function chooseApp(candidates: AppCandidate[], handler: string | undefined, folder: string): AppChoice {
  const apps = distinctApps(candidates);
  const checked = confirmationNotes(apps);
  const c = handler !== undefined ? namedApp(candidates, apps, handler) : unnamedApp(apps, folder);
  return c.ok ? { ...c, notes: [...c.notes, ...checked] } : { ...c, notes: [...(c.notes ?? []), ...checked] };
}

function namedApp(candidates: AppCandidate[], apps: AppCandidate[], handler: string): AppChoice {
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

function unnamedApp(apps: AppCandidate[], folder: string): AppChoice {
  // Loaded as wfastcgi would: the candidates that have routes are preferred (the others would answer 404).
  const routed = confirmedWithRoutes(apps);
  if (routed.length === 1) return chosen(routed[0]!);
  return staticChoice(routed.length > 1 ? routed : apps, folder);
}

/** The candidates a confirmation loaded, that wfastcgi could call, and that have routes. */
export function confirmedWithRoutes(apps: AppCandidate[]): AppCandidate[] {
  return apps.filter((a) => a.confirmed?.loads && !a.confirmed.error && (a.confirmed.routes ?? 0) > 0);
}

function staticChoice(apps: AppCandidate[], folder: string): AppChoice {
  if (apps.length === 1) return chosen(apps[0]!);
  // Applications whose routes are all left out (404 everywhere) are no real choice next to one that serves.
  const serving = apps.filter((a) => !a.routes || a.routes.missing.length < a.routes.modules.length);
  if (serving.length === 1 && apps.length > 1) return chosen(serving[0]!);
  if (!apps.length) return { ok: false, problem: { key: 'scaffold.noApp', args: { folder } }, candidates: [] };
  return { ok: false, problem: { key: 'scaffold.severalApps', args: { folder, list: apps.map((a) => a.handler).join(', ') } }, candidates: apps };
}

/** What the confirmation checked, one note per candidate loaded. */
function confirmationNotes(apps: AppCandidate[]): Problem[] {
  return apps.flatMap((a): Problem[] => {
    const c = a.confirmed;
    if (!c) return [];
    const args = { handler: a.handler, python: c.python, routes: c.routes ?? 0, error: c.error ?? '' };
    if (!c.loads) return [{ key: 'scaffold.note.confirmFailed', args }];
    if (c.error) return [{ key: 'scaffold.note.confirmNotWsgi', args }];
    if (c.routes === null) return [{ key: 'scaffold.note.confirmLoads', args }];
    return [{ key: c.routes > 0 ? 'scaffold.note.confirmRoutes' : 'scaffold.note.confirmNoRoutes', args }];
  });
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
