/**
 * Where the programs we start come from. Data in the workspace never chooses one: an executable is given by the
 * user (a CLI flag, a machine-scoped setting, the Python extension) or found on PATH, and PATH lookup here never
 * looks in the current folder, in a relative PATH entry, or inside the folders being worked on. The result is
 * always an absolute path, so Windows' CreateProcess never searches the current folder for a bare name first.
 */
import { accessSync, constants, statSync } from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { isRemoteOrDevicePath } from '../core/host/hostPaths';
import { sayWith, type Say } from '../core/host/undo';

export interface LookupOptions {
  /** Folders whose contents must never be started by name: the workspace, the folders checked. */
  exclude?: readonly string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  platform?: NodeJS.Platform;
}

export interface PathSkip {
  entry: string;
  candidate: string;
  why: 'relative' | 'current-folder' | 'workspace';
}

export interface Lookup {
  found: string | undefined;
  /** Candidates that exist but were not taken, so a message can say why (and how to choose one: --python). */
  skipped: PathSkip[];
}

function pathApi(platform: NodeJS.Platform): path.PlatformPath {
  return platform === 'win32' ? path.win32 : path.posix;
}

function isUnderFolder(p: path.PlatformPath, child: string, folder: string, caseless: boolean): boolean {
  const norm = (s: string) => {
    const r = p.resolve(s);
    return caseless ? r.toLowerCase() : r;
  };
  const c = norm(child);
  const f = norm(folder);
  const rel = p.relative(f, c);
  return c === f || (!!rel && !rel.startsWith('..') && !p.isAbsolute(rel));
}

function samePath(p: path.PlatformPath, a: string, b: string, caseless: boolean): boolean {
  const x = p.resolve(a).replace(/[\\/]+$/, '');
  const y = p.resolve(b).replace(/[\\/]+$/, '');
  return caseless ? x.toLowerCase() === y.toLowerCase() : x === y;
}

function isExecutableFile(file: string, platform: NodeJS.Platform): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    if (platform !== 'win32') accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Looks `name` up on PATH the safe way: absolute entries only, never the current folder or an excluded one. */
export function lookupOnPath(name: string, options: LookupOptions = {}): Lookup {
  const platform = options.platform ?? process.platform;
  const p = pathApi(platform);
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const caseless = platform === 'win32';
  const pathVar = env['PATH'] ?? env['Path'] ?? '';
  const exts = platform === 'win32' && !p.extname(name) ? (env['PATHEXT'] ?? '.COM;.EXE;.BAT;.CMD').split(';').filter(Boolean) : [''];
  const skipped: PathSkip[] = [];
  for (const raw of pathVar.split(platform === 'win32' ? ';' : ':')) {
    const entry = raw.trim().replace(/^"(.*)"$/, '$1');
    if (!entry) continue;
    if (platform === 'win32' && isRemoteOrDevicePath(entry)) continue;
    for (const ext of exts) {
      const candidate = p.join(entry, name + ext);
      let why: PathSkip['why'] | undefined;
      if (!p.isAbsolute(entry) || (platform === 'win32' && !/^[A-Za-z]:[\\/]/.test(entry))) why = 'relative';
      else if (samePath(p, entry, cwd, caseless)) why = 'current-folder';
      else if ((options.exclude ?? []).some((f) => isUnderFolder(p, entry, f, caseless))) why = 'workspace';
      if (!isExecutableFile(why === 'relative' ? p.resolve(cwd, candidate) : candidate, platform)) continue;
      if (why) {
        skipped.push({ entry, candidate, why });
        continue;
      }
      return { found: candidate, skipped };
    }
  }
  return { found: undefined, skipped };
}

/**
 * An executable the user named (`--python EXE`): a path with a folder part is the user's own choice, made
 * absolute against the current folder; a bare name is looked up on PATH as above.
 */
export function resolveUserExecutable(given: string, options: LookupOptions = {}): Lookup & { given: string } {
  const platform = options.platform ?? process.platform;
  const p = pathApi(platform);
  if (/[\\/]/.test(given) || (platform === 'win32' && /^[A-Za-z]:/.test(given))) {
    const abs = p.resolve(options.cwd ?? process.cwd(), given);
    return { given, found: isExecutableFile(abs, platform) ? abs : undefined, skipped: [] };
  }
  return { given, ...lookupOnPath(given, options) };
}

/** The names a Python interpreter has on PATH here, in order of preference. */
export function pythonNames(platform: NodeJS.Platform = process.platform): string[] {
  return platform === 'win32' ? ['python', 'py'] : ['python3', 'python'];
}

export interface PythonLookup {
  python: string | undefined;
  skipped: PathSkip[];
}

/** The first Python on PATH (safe lookup) that starts; runs only absolute paths. */
export function findPython(options: LookupOptions = {}): PythonLookup {
  const skipped: PathSkip[] = [];
  for (const name of pythonNames(options.platform)) {
    const l = lookupOnPath(name, options);
    skipped.push(...l.skipped);
    if (l.found && runs(l.found)) return { python: l.found, skipped };
  }
  return { python: undefined, skipped };
}

const runsCache = new Map<string, boolean>();

/** Whether an interpreter (absolute path) starts and can import `re`. */
export function runs(python: string): boolean {
  let ok = runsCache.get(python);
  if (ok === undefined) {
    ok = spawnSync(python, ['-I', '-c', 'import re'], { timeout: 5000, windowsHide: true, shell: false }).status === 0;
    runsCache.set(python, ok);
  }
  return ok;
}

/** The sentence for a message: the PATH candidates that were skipped and why ('' when none). */
export function describeSkips(skipped: readonly PathSkip[], say: Say = sayWith()): string {
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const s of skipped) {
    if (seen.has(s.candidate)) continue;
    seen.add(s.candidate);
    parts.push(say(s.why === 'relative' ? 'trust.skip.relative' : s.why === 'current-folder' ? 'trust.skip.currentFolder' : 'trust.skip.workspace', { candidate: s.candidate }));
  }
  return parts.length ? say('trust.pathSkipped', { list: parts.join(', ') }) : '';
}
