/**
 * What the unit tests may assume about the machine. The suite runs in full on Debian (npm test installs Debian's
 * Python packages and web servers); CI also runs it on Windows and macOS, where a test that needs something only
 * a POSIX system or Debian has skips and says why, never fails for lack of it.
 */
import { spawnSync } from 'node:child_process';
import { isAbsolute } from 'node:path';
import { test as nodeTest, type TestContext, type TestOptions } from 'node:test';

export const IS_WINDOWS = process.platform === 'win32';

/**
 * The skip reason on Windows for tests that start the POSIX fakes: test/fakes/appcmd, icacls and the venv's
 * python.exe are `#!/usr/bin/env node` scripts, and some tests write `#!/bin/sh` interpreters; Windows runs neither.
 */
export const POSIX_ONLY: string | false = IS_WINDOWS && 'starts #! scripts (the fake appcmd, icacls and python.exe, /bin/sh stand-ins): POSIX only';

type Body = (t: TestContext) => void | Promise<void>;

/** `test` for a file whose tests start the POSIX fakes: skipped on Windows with POSIX_ONLY as the reason. */
export function posixTest(name: string, body: Body): Promise<void>;
export function posixTest(name: string, options: TestOptions, body: Body): Promise<void>;
export function posixTest(name: string, optionsOrBody: TestOptions | Body, body?: Body): Promise<void> {
  const options: TestOptions = typeof optionsOrBody === 'function' ? {} : optionsOrBody;
  const fn = (typeof optionsOrBody === 'function' ? optionsOrBody : body)!;
  return nodeTest(name, { ...options, skip: POSIX_ONLY || options.skip }, fn);
}

/**
 * The Pythons the tests may run, in order: FLASK_IIS_PYTHON (CI on Windows/macOS points it at a Python with
 * Flask and waitress), Debian's /usr/bin/python3, then python3 and python on PATH.
 */
export function pythonCandidates(): string[] {
  return [process.env['FLASK_IIS_PYTHON'], '/usr/bin/python3', 'python3', 'python'].filter((p): p is string => !!p);
}

/** The first candidate that imports all of `modules`, as the absolute path of its executable; undefined if none. */
export function pythonWith(modules: string[]): string | undefined {
  for (const candidate of pythonCandidates()) {
    const r = spawnSync(candidate, ['-c', `import sys${modules.map((m) => `, ${m}`).join('')}; print(sys.executable)`], { encoding: 'utf8', timeout: 20_000 });
    const exe = r.status === 0 ? r.stdout.trim() : '';
    if (exe) return isAbsolute(candidate) ? candidate : exe;
  }
  return undefined;
}
