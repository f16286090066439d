/**
 * The extension's Python-aware checking: the tree-sitter parser loaded once in the background (checks run
 * without the Python rules until it is ready), one parse cache and one folder-listing cache for the session,
 * and a file watcher that re-checks open web.configs when a project .py (or venv, requirements) file changes.
 */
import * as vscode from 'vscode';
import { handlerDefinition, listWsgiApps, PythonModuleCache, type PythonSupport } from '../../core/python';
import { nodeProjectFiles } from '../../node/python/projectFiles';
import { DirListingCache } from '../../node/python/pythonFiles';
import { loadPythonParser, parserLoadError } from '../../node/python/pythonParser';
import { log } from '../../platform/log';
import type { PythonInsight } from '../editing/editingEnv';

const WATCHED = '**/{*.py,pyvenv.cfg,requirements*.txt,pyproject.toml,{web,Web,WEB}.config}';
const DEBOUNCE_MS = 300;

/** Files inside a workspace folder are watched (a change deletes their entry); others are re-stat'ed per check. */
const cache = new PythonModuleCache({ watched: (path) => vscode.workspace.getWorkspaceFolder(vscode.Uri.file(path)) !== undefined });
const listings = new DirListingCache();
let support: PythonSupport | undefined;

/** The parser and caches, once the parser has loaded (undefined before: the Python rules then do not run). */
export function pythonSupport(): PythonSupport | undefined {
  return support;
}

export function projectListings(): DirListingCache {
  return listings;
}

/** Loads the parser and watches project files; `recheck` re-validates open web.configs. */
export function startPythonSupport(recheck: () => void): vscode.Disposable {
  void loadPythonParser().then((parser) => {
    if (!parser) return log().warn(`Python-aware checks are off: ${parserLoadError() ?? 'the parser did not load'}`);
    support = { parser, cache };
    recheck();
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const changed = (uri: vscode.Uri) => {
    cache.delete(uri.fsPath);
    clearTimeout(timer);
    timer = setTimeout(recheck, DEBOUNCE_MS);
  };
  const watcher = vscode.workspace.createFileSystemWatcher(WATCHED);
  return vscode.Disposable.from(watcher, watcher.onDidChange(changed), watcher.onDidCreate(changed), watcher.onDidDelete(changed), {
    dispose: () => {
      clearTimeout(timer);
      cache.clear();
      listings.clear();
    },
  });
}

/** What the editor features (completion, hover) get from the Python-aware analysis. */
export const pythonInsight: PythonInsight = {
  wsgiApps(appFolder) {
    const s = support;
    if (!s) return [];
    try {
      return listWsgiApps(nodeProjectFiles(appFolder, listings), s).map((c) => ({ handler: c.handler, detail: c.file, ...(c.settingsModule ? { djangoSettings: c.settingsModule } : {}) }));
    } catch {
      return [];
    }
  },
  resolveHandler(appFolder, value) {
    return support ? handlerDefinition(nodeProjectFiles(appFolder, listings), support, value) : undefined;
  },
};
