/**
 * Where an interpreter's wfastcgi lives: wfastcgi-enable / wfastcgi-disable in its Scripts folder and
 * wfastcgi.py in its site-packages (found, or where `pip install wfastcgi` will put them).
 */
import { existsSync } from 'node:fs';
import * as nodePath from 'node:path';
import { IS_WINDOWS } from './hostTools';
import { findWfastcgi } from '../python/interpreters';

export interface WfastcgiInstall {
  python: string;
  tools: { enable: string; disable: string } | undefined;
  expectedTools: { enable: string; disable: string };
  wfastcgiPy: string;
}

/** A Windows path (`C:\...`, `\\...`) is a Windows path on every host: never joined to a POSIX current folder. */
function pathApiFor(p: string): nodePath.PlatformPath {
  return IS_WINDOWS || /^[A-Za-z]:[\\/]/.test(p) || p.includes('\\') ? nodePath.win32 : nodePath;
}

export function locateWfastcgi(pythonPath: string): WfastcgiInstall {
  const { basename, dirname, join, resolve, isAbsolute } = pathApiFor(pythonPath);
  const python = isAbsolute(pythonPath) && /^[A-Za-z]:[\\/]|^\//.test(pythonPath) ? pythonPath : resolve(pythonPath);
  const dir = dirname(python);
  const inScripts = /^(scripts|bin)$/i.test(basename(dir));
  const scripts = inScripts ? dir : join(dir, 'Scripts');
  const prefix = inScripts ? dirname(dir) : dir;
  const exe = IS_WINDOWS || pathApiFor(pythonPath) === nodePath.win32 ? '.exe' : '';
  const expectedTools = { enable: join(scripts, `wfastcgi-enable${exe}`), disable: join(scripts, `wfastcgi-disable${exe}`) };
  const tools = existsSync(expectedTools.enable) && existsSync(expectedTools.disable) ? expectedTools : undefined;
  return { python, tools, expectedTools, wfastcgiPy: findWfastcgi(prefix) ?? join(prefix, 'Lib', 'site-packages', 'wfastcgi.py') };
}
