/** Parsed-module summaries, kept between checks and keyed by path + file version, so unchanged files are not re-parsed. */
import { summarize } from './summarize';
import { opaqueSummary, type ModuleSummary } from './summary';
import type { PythonParser } from './syntax';

/** Files larger than this are not parsed (generated modules): their names are unknown, never "missing". */
export const MAX_PARSED_CHARS = 1_000_000;

export interface ModuleCacheOptions {
  /**
   * Files whose changes the adapter reports with `delete(key)` (a file watcher): their entries are used
   * without asking for the version again, which saves a stat per module per check.
   */
  watched?: (key: string) => boolean;
}

export class PythonModuleCache {
  private readonly entries = new Map<string, { version: string; summary: ModuleSummary }>();
  /** How many files were parsed (not served from the cache): for tests and the bench. */
  parses = 0;

  constructor(private readonly options: ModuleCacheOptions = {}) {}

  /**
   * The summary of `key` at its current version. `version` is asked only to validate an entry; `load` reads the
   * text with its version when the cache has no such version (a version taken before the read, or of the read
   * itself: either way a change after it shows as a new version next time).
   */
  get(key: string, version: () => string | undefined, parser: PythonParser, load: () => { text: string | undefined; version: string | undefined }): ModuleSummary {
    const hit = this.entries.get(key);
    if (hit && this.options.watched?.(key)) return hit.summary;
    if (hit && hit.version === version()) return hit.summary;
    const { text, version: current } = load();
    const summary = parseSummary(parser, text);
    this.parses++;
    if (current !== undefined) this.entries.set(key, { version: current, summary });
    else this.entries.delete(key);
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
