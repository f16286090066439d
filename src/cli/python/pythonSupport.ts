/** The CLI's Python-aware checking: the tree-sitter parser (loaded once) and a cache for one run. */
import { PythonModuleCache, type PythonSupport } from '../../core/python';
import { DirListingCache } from '../../node/python/pythonFiles';
import { loadPythonParser, parserLoadError } from '../../node/python/pythonParser';
import type { CommandIo } from '../io';
import { outputSay } from '../cliMessages';

export async function cliPythonSupport(io: CommandIo): Promise<{ support: PythonSupport; listings: DirListingCache } | undefined> {
  const parser = await loadPythonParser();
  if (!parser) {
    const say = outputSay(io.translate);
    io.stderr(`flask-iis: ${say('pythonSkipped', { reason: parserLoadError() ?? say('parserNotLoaded') })}`);
    return undefined;
  }
  return { support: { parser, cache: new PythonModuleCache() }, listings: new DirListingCache() };
}
