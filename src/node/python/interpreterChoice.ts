/**
 * Which interpreter runs the user's code for verify/run, by the trust rule (docs/security.md): an explicit
 * `--python` always wins; scriptProcessor's python.exe (what IIS will start) only when the user opted in to
 * running what web.config names (`--trust-config`, or a confirmation in VS Code) and it exists on this machine;
 * otherwise a Python found on PATH the safe way (never in the current folder or the project).
 */
import { statSync } from 'node:fs';
import { isAbsolute, win32 } from 'node:path';
import { isRemoteOrDevicePath } from '../../core/host/hostPaths';
import { attr, isPythonFastCgiHandler, type WebConfig } from '../../core/model/webConfig';
import { sayWith, type Say } from '../../core/host/undo';
import { describeSkips, findPython, resolveUserExecutable, type LookupOptions } from '../executables';

export interface InterpreterChoice {
  python: string;
  source: 'flag' | 'scriptProcessor' | 'chosen' | 'path';
}

/** scriptProcessor's python.exe as written (first Python FastCGI handler), whether or not it exists here. */
export function scriptProcessorPythonText(model: WebConfig): string | undefined {
  for (const h of model.handlers) {
    const sp = isPythonFastCgiHandler(model, h) ? attr(h, 'scriptProcessor')?.value : undefined;
    const exe = sp?.includes('|') ? sp.slice(0, sp.indexOf('|')).trim().replace(/^"|"$/g, '') : undefined;
    if (exe) return exe;
  }
  return undefined;
}

/**
 * scriptProcessor's python.exe when it is an absolute local path to a file on this machine. A relative path is
 * never resolved (against what? IIS wants it absolute) and a UNC or device path is never touched (a stat of
 * `\\host\share` hands the host our credentials).
 */
export function scriptProcessorPython(model: WebConfig): string | undefined {
  const exe = scriptProcessorPythonText(model);
  if (!exe || isRemoteOrDevicePath(exe)) return undefined;
  const absolute = process.platform === 'win32' ? win32.isAbsolute(exe) && /^[A-Za-z]:[\\/]/.test(exe) : isAbsolute(exe);
  return absolute && isFile(exe) ? exe : undefined;
}

export interface ChoiceRequest extends LookupOptions {
  /** `--python` as given (made absolute here), or an interpreter the user chose in VS Code. */
  explicit?: string | undefined;
  explicitSource?: 'flag' | 'chosen';
  /** The user opted in to running the interpreter web.config names. */
  trustConfig?: boolean;
  /** Whether a Python on PATH may be used when nothing else is chosen. */
  allowPath?: boolean;
  /** Renders the notes and reasons (translated in the adapters). */
  say?: Say;
}

export type ChoiceResult =
  | { ok: true; choice: InterpreterChoice; notes: string[] }
  | { ok: false; reason: string; notes: string[] };

export function chooseInterpreter(model: WebConfig, request: ChoiceRequest): ChoiceResult {
  const notes: string[] = [];
  const say = request.say ?? sayWith();
  if (request.explicit) {
    const r = resolveUserExecutable(request.explicit, request);
    if (!r.found) return { ok: false, reason: say('trust.noSuchExecutable', { given: request.explicit, skips: describeSkips(r.skipped, say) }), notes };
    return { ok: true, choice: { python: r.found, source: request.explicitSource ?? 'flag' }, notes };
  }
  const configured = scriptProcessorPython(model);
  if (configured && request.trustConfig) return { ok: true, choice: { python: configured, source: 'scriptProcessor' }, notes };
  if (configured) notes.push(say('trust.configInterpreterSkipped', { python: configured }));
  if (request.allowPath === false) return { ok: false, reason: 'no Python interpreter was chosen', notes };
  const found = findPython(request);
  if (found.python) return { ok: true, choice: { python: found.python, source: 'path' }, notes };
  return { ok: false, reason: say('trust.noInterpreter', { skips: describeSkips(found.skipped, say) }), notes };
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Which interpreter is asked which modules are installed, for the WSGI_HANDLER checks (CLI and VS Code alike). */
export type InstalledQuestion =
  | { kind: 'ask'; python: string }
  /** scriptProcessor's python.exe is not on this machine: the answer is unknown, and no local Python stands in for it. */
  | { kind: 'unknown'; server: string }
  | { kind: 'none' };

export interface InstalledQuestionRequest {
  /** An interpreter the user named for this very question (the CLI's `--python`, made absolute): always asked. */
  explicit?: string | undefined;
  /** Whether scriptProcessor's python.exe (existing here) may be run: `--trust-config`, or confirmed in VS Code. */
  mayRun(exe: string): boolean;
  /** A local interpreter asked when web.config names none that could be the server's (VS Code's chosen one). */
  fallback?: () => string | undefined;
}

/**
 * The interpreter asked is the one that will run on the server. When scriptProcessor names a python.exe that does
 * not exist on this machine (a Windows path seen on Linux, another drive, a network path), nothing local is asked
 * as if it were the server's: the answer is unknown (said as information, never an error).
 */
export function installedModulesQuestion(model: WebConfig, request: InstalledQuestionRequest): InstalledQuestion {
  if (request.explicit) return { kind: 'ask', python: request.explicit };
  const written = scriptProcessorPythonText(model);
  const local = scriptProcessorPython(model);
  if (local && request.mayRun(local)) return { kind: 'ask', python: local };
  if (written && !local) return { kind: 'unknown', server: written };
  const fallback = request.fallback?.();
  return fallback ? { kind: 'ask', python: fallback } : { kind: 'none' };
}

/** The installed-modules answer for a question whose answer is unknown (see installedModulesQuestion). */
export function unknownInstalled(server: string): { interpreter: string; unknown: true; installed: () => undefined } {
  return { interpreter: server, unknown: true, installed: () => undefined };
}
