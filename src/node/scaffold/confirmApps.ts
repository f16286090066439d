/**
 * init's confirmation (issue 12 §1): each candidate application is loaded the way wfastcgi would load it (our
 * runner's `confirm` mode: chdir to the folder, sys.path[0] = '.', PYTHONPATH appended, the ImportError
 * fallback, DJANGO_SETTINGS_MODULE set) and its routes are counted. This runs the project's code, so it happens
 * only with an interpreter the user chose for it (CLI `--confirm-with`, VS Code's chosen one in a trusted
 * workspace), one process per candidate, killed after a timeout.
 */
import { join, sep } from 'node:path';
import type { AppCandidate, Confirmation } from '../../core/scaffold';
import { distinctApps } from '../../core/scaffold';
import { cleanEnvironment, spawnTracked } from '../processes';
import { runnerDir } from '../run/wfastcgiRunner';

/** At most this many candidates are loaded (a real project has one to three). */
export const MAX_CONFIRMED = 6;

interface ConfirmResult {
  ok: boolean;
  routes?: number | null;
  error?: string;
  notWsgi?: string;
}

/** Loads one candidate and counts its routes; undefined when the runner gave no verdict (hung, died, missing). */
export async function confirmOne(python: string, dir: string, app: Pick<AppCandidate, 'handler' | 'pythonPath' | 'djangoSettings'>, timeoutMs = 20_000): Promise<Confirmation> {
  const runner = runnerDir();
  if (!runner) return { python, loads: false, routes: null, error: 'the runner script wfastcgi_runner.py is missing from this installation' };
  const argv = [python, '-u', join(runner, 'wfastcgi_runner.py'), 'confirm', dir, app.handler];
  for (const p of app.pythonPath ?? []) argv.push('--pythonpath', p.replace(/[\\/]/g, sep));
  if (app.djangoSettings) argv.push('--settings', app.djangoSettings);
  let result: ConfirmResult | undefined;
  let tracked;
  try {
    tracked = spawnTracked(argv, {
      cwd: dir,
      env: cleanEnvironment({}),
      onStdoutLine: (line) => {
        if (!line.startsWith('FLASK_IIS_RESULT ')) return;
        try {
          result = JSON.parse(line.slice('FLASK_IIS_RESULT '.length)) as ConfirmResult;
        } catch {
          // not a verdict
        }
      },
    });
  } catch (e) {
    return { python, loads: false, routes: null, error: `cannot start ${python}: ${(e as Error).message}` };
  }
  const t = tracked;
  let timedOut = false;
  const timer = setTimeout(() => { timedOut = true; t.kill(); }, timeoutMs);
  const exit = await t.exited;
  clearTimeout(timer);
  t.kill();
  if (!result) {
    const why = timedOut ? `loading did not finish within ${Math.round(timeoutMs / 1000)} s` : `${python} exited (${exit.code ?? exit.signal}) without a verdict`;
    return { python, loads: false, routes: null, error: why };
  }
  if (!result.ok) return { python, loads: false, routes: null, error: (result.error ?? 'did not load').slice(0, 300) };
  return { python, loads: true, routes: typeof result.routes === 'number' ? result.routes : null, ...(result.notWsgi ? { error: result.notWsgi.slice(0, 300) } : {}) };
}

/** The candidates with each distinct application's confirmation (spellings of one object share it). */
export async function confirmApps(python: string, dir: string, candidates: AppCandidate[], timeoutMs?: number): Promise<AppCandidate[]> {
  const apps = distinctApps(candidates).filter((c) => !c.asgi).slice(0, MAX_CONFIRMED);
  const confirmed = new Map<string, Confirmation>();
  // One at a time: each import runs the project's code (databases, files), and the machine may be busy.
  for (const app of apps) confirmed.set(app.handler, await confirmOne(python, dir, app, timeoutMs));
  return candidates.map((c) => {
    const found = confirmed.get(c.handler);
    return found ? { ...c, confirmed: found } : c;
  });
}
