/** Node implementations of the core's file access: read-only, size-capped, never throwing. */
import { installedIisConfig } from '../host/installedIis';
import type { Stats } from 'node:fs';
import { isAbsolute, join, normalize, relative } from 'node:path';
import type { ProjectFiles } from '../../core/check';
import { parseAppHost, type AppHostConfig } from '../../core/host/appHost';
import { decodeBytes } from '../../core/text/decode';
import { fileVersion, nodePythonFiles, type DirListingCache } from './pythonFiles';
import { readRegularFile } from '../safeRead';

const MAX_PROJECT_FILE = 2 * 1024 * 1024;

/** Files of the application folder; paths outside it are refused (except for the Python look-ups, see pythonFiles). */
export function nodeProjectFiles(appFolder: string, listings?: DirListingCache): ProjectFiles {
  const inside = (relativePath: string): string | undefined => {
    if (isAbsolute(relativePath) || /^[A-Za-z]:/.test(relativePath)) return undefined;
    const full = normalize(join(appFolder, relativePath.replace(/\\/g, '/')));
    return relative(appFolder, full).startsWith('..') ? undefined : full;
  };
  return {
    readText(relativePath: string): string | undefined {
      const full = inside(relativePath);
      return full === undefined ? undefined : readTextFile(full, MAX_PROJECT_FILE);
    },
    readVersioned(relativePath: string) {
      const full = inside(relativePath);
      const read = full === undefined ? undefined : readTextWithStats(full, MAX_PROJECT_FILE);
      return read ? { text: read.text, version: fileVersion(read.stats) } : { text: undefined, version: undefined };
    },
    ...nodePythonFiles(appFolder, listings),
  };
}

/**
 * The same access with each file's text read once (one init reads a module for the scan and again for
 * DEPLOY.md's facts; nothing changes meanwhile). For one short operation only: it never sees later changes.
 */
export function onceReadFiles(files: ProjectFiles): ProjectFiles {
  const texts = new Map<string, string | undefined>();
  return {
    ...files,
    readText(path: string): string | undefined {
      if (!texts.has(path)) texts.set(path, files.readText(path));
      return texts.get(path);
    },
    readVersioned(path: string) {
      if (texts.has(path) || !files.readVersioned) return { text: this.readText(path), version: files.version?.(path) };
      const read = files.readVersioned(path);
      texts.set(path, read.text);
      return read;
    },
  };
}

/** A regular file's text within `maxBytes` (readRegularFile: judged on the open descriptor, a FIFO never hangs). */
export function readTextFile(path: string, maxBytes: number): string | undefined {
  return readTextWithStats(path, maxBytes)?.text;
}

/** The text (not binary) and the stats of the open descriptor it was read from. */
function readTextWithStats(path: string, maxBytes: number): { text: string; stats: Stats } | undefined {
  const read = readRegularFile(path, maxBytes);
  if (!read.ok) return undefined;
  const decoded = decodeBytes(read.bytes);
  return decoded.binary ? undefined : { text: decoded.text, stats: read.stats };
}

export type AppHostResult = { ok: true; config: AppHostConfig } | { ok: false; reason: string };

/** Reads an applicationHost.config; a reason instead of throwing when it cannot be used. */
export function loadAppHost(path: string): AppHostResult {
  const read = readRegularFile(path);
  if (!read.ok) return { ok: false, reason: read.reason === 'not-regular' ? `${path} is not a file` : `cannot read ${path}: ${read.reason === 'missing' ? 'no such file or directory' : read.detail}` };
  const decoded = decodeBytes(read.bytes);
  const config = parseAppHost(decoded.binary ? '' : decoded.text, path);
  return config.unreadable ? { ok: false, reason: `${path} is not an applicationHost.config (no <configuration> root)` } : { ok: true, config };
}

/** Where IIS keeps its configuration on this machine, when this is a Windows machine with IIS. */
export function defaultAppHostPath(): string | undefined {
  return installedIisConfig('applicationHost.config', 'file');
}
