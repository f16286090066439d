/**
 * WSGI_HANDLER modules that are neither in the project, nor in the standard library, nor declared or in a
 * project venv: an interpreter is asked whether they are installed, one child process per interpreter for all
 * names, and files with such modules are checked again with its answers.
 *
 * `check` runs nothing unless asked (docs/security.md): the interpreter is the one given with `--python`, or,
 * with `--trust-config`, scriptProcessor's python.exe when it exists on this machine (what IIS will start).
 * Without either, no question is asked and the static verdict stands.
 */
import { checkBytes, type CheckOptions, type CheckResult } from '../core/check';
import { chooseInterpreter } from '../node/interpreterChoice';
import { askInstalledSync, type InstalledAnswers } from '../node/installedModules';

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

export function letPythonPlaceModules<T extends CheckedFile>(checked: T[], permission: PythonPermission, warn: (text: string) => void): T[] {
  if (!permission.python && !permission.trustConfig) return checked;
  const wanted = new Map<string, Set<string>>();
  const interpreterOf = new Map<T, string>();
  for (const c of checked) {
    const names = unplacedModules(c.result);
    if (!names.length) continue;
    const chosen = chooseInterpreter(c.result.model, { explicit: permission.python, trustConfig: permission.trustConfig, allowPath: false });
    if (!chosen.ok) continue;
    const python = chosen.choice.python;
    interpreterOf.set(c, python);
    const set = wanted.get(python) ?? new Set<string>();
    for (const n of names) set.add(n);
    wanted.set(python, set);
  }
  const answers = new Map<string, InstalledAnswers>();
  for (const [python, names] of wanted) {
    const a = askInstalledSync(python, names);
    if (a) answers.set(python, a);
    else warn(`flask-iis: could not ask ${python} which modules are installed`);
  }
  return checked.map((c) => {
    const python = interpreterOf.get(c);
    const a = python === undefined ? undefined : answers.get(python);
    if (!python || !a || !unplacedModules(c.result).some((n) => a.has(n))) return c;
    const next: CheckOptions = { ...c.options, installedModules: { interpreter: python, installed: (n) => a.get(n) } };
    return { ...c, options: next, result: checkBytes(c.bytes, next) };
  });
}
