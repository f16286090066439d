/**
 * Which interpreter runs the user's code for verify/run: scriptProcessor's python.exe when it exists on this
 * machine (what IIS will start), else the one the user chose (--python, the machine-scoped setting or the
 * Python extension), else — for the CLI only — python3/python on PATH.
 */
import { statSync } from 'node:fs';
import { attr, isPythonFastCgiHandler, type WebConfig } from '../core/model/webConfig';
import { pythonOnPath } from './pythonRegexJudge';

export interface InterpreterChoice {
  python: string;
  source: 'scriptProcessor' | 'chosen' | 'path';
}

export function scriptProcessorPython(model: WebConfig): string | undefined {
  for (const h of model.handlers) {
    const sp = isPythonFastCgiHandler(model, h) ? attr(h, 'scriptProcessor')?.value : undefined;
    const exe = sp?.includes('|') ? sp.slice(0, sp.indexOf('|')).trim().replace(/^"|"$/g, '') : undefined;
    if (exe && isFile(exe)) return exe;
  }
  return undefined;
}

export function chooseInterpreter(model: WebConfig, chosen: string | undefined, allowPath: boolean): InterpreterChoice | undefined {
  const configured = scriptProcessorPython(model);
  if (configured) return { python: configured, source: 'scriptProcessor' };
  if (chosen) return { python: chosen, source: 'chosen' };
  const onPath = allowPath ? pythonOnPath() : undefined;
  return onPath ? { python: onPath, source: 'path' } : undefined;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
