/**
 * In trusted workspaces, WSGI_HANDLER modules that are neither in the project nor in the standard library nor
 * declared are looked up in the interpreter that will run the site (scriptProcessor's python.exe when it exists
 * here and the user confirmed it before, else the machine-scoped `flaskIis.python.interpreterPath` or the Python
 * extension's; when scriptProcessor names a python.exe that is not on this machine, nobody is asked and the
 * answer is unknown, as in the CLI): asynchronously,
 * never blocking a check. A check without an answer yet keeps the static verdict and queues the question; the
 * answers (cached per interpreter and name for the session) re-validate the open web.configs.
 */
import * as vscode from 'vscode';
import type { InstalledModules } from '../../core/check';
import { buildWebConfig } from '../../core/model/webConfig';
import { scanXml } from '../../core/xml/scanner';
import { askableModule, askInstalled } from '../../node/python/installedModules';
import { installedModulesQuestion, unknownInstalled, type InstalledQuestion } from '../../node/python/interpreterChoice';
import { isConfirmed } from '../configTrust';
import { chosenInterpreter } from './pythonInterpreter';

/** Answers older than this are asked again (a `pip install` meanwhile), the old answer serving until then. */
const FRESH_MS = 60_000;
const answers = new Map<string, Map<string, { installed: boolean; at: number }>>();
/** `python\0name` pairs being asked, or whose asking failed (not asked again until the settings change). */
const asked = new Set<string>();
const queued = new Map<string, Set<string>>();
/** The chosen interpreter per workspace folder (undefined: none), resolved in the background. */
const chosen = new Map<string, string | undefined>();
const resolving = new Set<string>();
let recheck: () => void = () => undefined;
let flushTimer: ReturnType<typeof setTimeout> | undefined;

/** The answers for a check of `document`, or undefined where no interpreter may be run and the answer is not known to be unknown. */
export function installedModulesFor(document: vscode.TextDocument): InstalledModules | undefined {
  if (document.uri.scheme !== 'file') return undefined;
  if (!vscode.workspace.isTrusted) {
    // Nothing runs; a server interpreter that is not on this machine is still "unknown", as in the CLI without flags.
    const q = installedModulesQuestion(buildWebConfig(scanXml(document.getText())), { mayRun: () => false });
    return q.kind === 'unknown' ? unknownInstalled(q.server) : undefined;
  }
  // The same decision as the CLI's (src/node/interpreterChoice.ts): the server's interpreter, never a local one
  // standing in for a scriptProcessor python.exe that is not on this machine.
  let question: InstalledQuestion | undefined;
  const ask = () => (question ??= questionFor(document));
  return {
    get interpreter() {
      const q = ask();
      return q.kind === 'ask' ? q.python : q.kind === 'unknown' ? q.server : '';
    },
    get unknown() {
      return ask().kind === 'unknown';
    },
    installed(name) {
      const q = ask();
      if (q.kind !== 'ask' || !askableModule(name)) return undefined;
      const answer = answers.get(q.python)?.get(name);
      if (!answer || Date.now() - answer.at > FRESH_MS) request(q.python, name);
      return answer?.installed;
    },
  };
}

function questionFor(document: vscode.TextDocument): InstalledQuestion {
  // scriptProcessor's python.exe only when the user confirmed that exact program before (never asked from here).
  return installedModulesQuestion(buildWebConfig(scanXml(document.getText())), { mayRun: isConfirmed, fallback: () => chosenFor(document) });
}

function chosenFor(document: vscode.TextDocument): string | undefined {
  const folder = vscode.workspace.getWorkspaceFolder(document.uri)?.uri.toString() ?? '';
  if (chosen.has(folder)) return chosen.get(folder);
  if (!resolving.has(folder)) {
    resolving.add(folder);
    void chosenInterpreter(document.uri).then((exe) => {
      resolving.delete(folder);
      chosen.set(folder, exe);
      if (exe) recheck();
    });
  }
  return undefined;
}

function request(python: string, name: string): void {
  const key = `${python}\0${name}`;
  if (asked.has(key)) return;
  asked.add(key);
  const names = queued.get(python) ?? new Set<string>();
  names.add(name);
  queued.set(python, names);
  flushTimer ??= setTimeout(flush, 0);
}

function flush(): void {
  flushTimer = undefined;
  const batch = [...queued];
  queued.clear();
  for (const [python, names] of batch) {
    void askInstalled(python, names).then((a) => {
      if (!a?.size) return;
      const known = answers.get(python) ?? new Map<string, { installed: boolean; at: number }>();
      let changed = false;
      for (const [n, v] of a) {
        changed ||= known.get(n)?.installed !== v;
        known.set(n, { installed: v, at: Date.now() });
        asked.delete(`${python}\0${n}`);
      }
      answers.set(python, known);
      if (changed) recheck();
    });
  }
}

function forget(): void {
  answers.clear();
  asked.clear();
  chosen.clear();
}

/** `revalidate` re-checks the open web.configs when answers arrive, the interpreter setting or trust changes. */
export function startInstalledModules(revalidate: () => void): vscode.Disposable {
  recheck = revalidate;
  return vscode.Disposable.from(
    vscode.workspace.onDidGrantWorkspaceTrust(() => revalidate()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('flaskIis.python.interpreterPath')) return;
      forget();
      revalidate();
    }),
    {
      dispose: () => {
        clearTimeout(flushTimer);
        flushTimer = undefined;
        queued.clear();
        forget();
        recheck = () => undefined;
      },
    },
  );
}
