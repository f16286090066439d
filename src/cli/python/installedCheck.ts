/**
 * WSGI_HANDLER modules that are neither in the project, nor in the standard library, nor declared or in a
 * project venv: an interpreter is asked whether they are installed, one child process per interpreter for all
 * names, and files with such modules are checked again with its answers.
 *
 * `check` runs nothing unless asked (docs/security.md): the interpreter is the one given with `--python`, or,
 * with `--trust-config`, scriptProcessor's python.exe when it exists on this machine (what IIS will start).
 * When scriptProcessor's python.exe is not on this machine (and no `--python` is given), the answer is unknown
 * (information): no local Python is asked as if it were the server's. Otherwise the static verdict stands.
 */
import { checkBytes, type CheckOptions, type CheckResult, type InstalledModules } from '../../core/check';
import { installedModulesQuestion, unknownInstalled, type InstalledQuestion } from '../../node/python/interpreterChoice';
import { askInstalledSync, type InstalledAnswers } from '../../node/python/installedModules';

export interface CheckedFile {
  path: string;
  bytes: Buffer;
  options: CheckOptions;
  result: CheckResult;
}

/** The top-level modules a check could not place (reported missing by the static analysis). */
export function unplacedModules(result: CheckResult): string[] {
  return result.findings.filter((f) => f.code === 'wsgi-handler-module-not-found' && typeof f.args['module'] === 'string').map((f) => f.args['module'] as string);
}

export interface PythonPermission {
  /** `--python` made absolute (undefined: not given). */
  python: string | undefined;
  trustConfig: boolean;
}

/** `cannotAsk(python)`: said when `python` could not be asked. */
export function letPythonPlaceModules<T extends CheckedFile>(checked: T[], permission: PythonPermission, cannotAsk: (python: string) => void): T[] {
  const wanted = new Map<string, Set<string>>();
  const question = new Map<T, InstalledQuestion>();
  for (const c of checked) {
    const names = unplacedModules(c.result);
    if (!names.length) continue;
    // The decision VS Code makes too: the server's interpreter, or "unknown" when it is not on this machine.
    const q = installedModulesQuestion(c.result.model, { explicit: permission.python, mayRun: () => permission.trustConfig });
    question.set(c, q);
    if (q.kind !== 'ask') continue;
    const set = wanted.get(q.python) ?? new Set<string>();
    for (const n of names) set.add(n);
    wanted.set(q.python, set);
  }
  const answers = new Map<string, InstalledAnswers>();
  for (const [python, names] of wanted) {
    const a = askInstalledSync(python, names);
    if (a) answers.set(python, a);
    else cannotAsk(python);
  }
  return checked.map((c) => {
    const q = question.get(c);
    if (q?.kind === 'unknown') return recheck(c, unknownInstalled(q.server));
    const a = q?.kind === 'ask' ? answers.get(q.python) : undefined;
    if (q?.kind !== 'ask' || !a || !unplacedModules(c.result).some((n) => a.has(n))) return c;
    return recheck(c, { interpreter: q.python, installed: (n) => a.get(n) });
  });
}

function recheck<T extends CheckedFile>(c: T, installedModules: InstalledModules): T {
  const next: CheckOptions = { ...c.options, installedModules };
  return { ...c, options: next, result: checkBytes(c.bytes, next) };
}
