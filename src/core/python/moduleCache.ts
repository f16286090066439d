/** Parsed-module summaries, kept between checks and keyed by path + file version, so unchanged files are not re-parsed. */
import { summarize } from './summarize';
import { opaqueSummary, type ModuleSummary } from './summary';
import type { PythonParser } from './syntax';

/** Files larger than this are not parsed (generated modules): their names are unknown, never "missing". */
export const MAX_PARSED_CHARS = 1_000_000;

export class PythonModuleCache {
  private readonly entries = new Map<string, { version: string; summary: ModuleSummary }>();
  /** How many files were parsed (not served from the cache): for tests and the bench. */
  parses = 0;

  /** The summary of `key` at `version`; `load` reads the text when the cache has no such version. */
  get(key: string, version: string | undefined, parser: PythonParser, load: () => string | undefined): ModuleSummary {
    const hit = version !== undefined ? this.entries.get(key) : undefined;
    if (hit && hit.version === version) return hit.summary;
    const summary = parseSummary(parser, load());
    this.parses++;
    if (version !== undefined) this.entries.set(key, { version, summary });
    return summary;
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}

/** What the Python-aware checks need from an adapter: a ready parser and a cache that outlives one check. */
export interface PythonSupport {
  parser: PythonParser;
  cache: PythonModuleCache;
}

export function parseSummary(parser: PythonParser, text: string | undefined): ModuleSummary {
  if (text === undefined) return opaqueSummary('unreadable');
  if (text.length > MAX_PARSED_CHARS) return opaqueSummary('too-large');
  let tree;
  try {
    tree = parser.parse(text);
  } catch {
    return opaqueSummary('unparsed');
  }
  if (!tree) return opaqueSummary('unparsed');
  try {
    return summarize(tree.rootNode);
  } catch {
    return opaqueSummary('unparsed');
  } finally {
    tree.delete();
  }
}
