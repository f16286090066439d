/** The CLI's Python-aware checking: the tree-sitter parser (loaded once) and a cache for one run. */
import { PythonModuleCache, type PythonSupport } from '../../core/python';
import { DirListingCache } from '../../node/python/pythonFiles';
import { loadPythonParser, parserLoadError } from '../../node/python/pythonParser';
import type { CommandIo } from '../io';

export async function cliPythonSupport(io: CommandIo): Promise<{ support: PythonSupport; listings: DirListingCache } | undefined> {
  const parser = await loadPythonParser();
  if (!parser) {
    io.stderr(`flask-iis: Python-aware checks skipped: ${parserLoadError() ?? 'the Python parser could not be loaded'}`);
    return undefined;
  }
  return { support: { parser, cache: new PythonModuleCache() }, listings: new DirListingCache() };
}
