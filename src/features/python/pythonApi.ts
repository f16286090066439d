/**
 * The Python extension, reached through its official API facade (`@vscode/python-extension`): the environments
 * it knows and the active interpreter of a resource. Every call is defensive: without the extension (or when it
 * fails) the answers are empty and the callers fall back to their own discovery.
 */
import * as vscode from 'vscode';
import { PythonExtension, PVSC_EXTENSION_ID } from '@vscode/python-extension';

async function api(): Promise<PythonExtension | undefined> {
  if (!vscode.extensions.getExtension(PVSC_EXTENSION_ID)) return undefined;
  try {
    return await PythonExtension.api();
  } catch {
    return undefined;
  }
}

/** The executables of the environments the Python extension knows (environments without one are left out). */
export async function knownEnvironmentExecutables(): Promise<string[]> {
  const python = await api();
  if (!python) return [];
  try {
    return python.environments.known.map((e) => e.executable.uri?.fsPath).filter((p): p is string => !!p);
  } catch {
    return [];
  }
}

/**
 * The active interpreter for `resource`: the executable of the selected environment when the extension can
 * resolve it, else the path it has (a folder for some conda environments: callers check it).
 */
export async function activeInterpreterPath(resource: vscode.Uri): Promise<string | undefined> {
  const python = await api();
  if (!python) return undefined;
  try {
    const selected = python.environments.getActiveEnvironmentPath(resource);
    const resolved = await python.environments.resolveEnvironment(selected);
    return resolved?.executable.uri?.fsPath ?? (selected.path || undefined);
  } catch {
    return undefined;
  }
}
