/**
 * Where an interpreter's wfastcgi lives: wfastcgi-enable / wfastcgi-disable in its Scripts folder and
 * wfastcgi.py in its site-packages (found, or where `pip install wfastcgi` will put them).
 */
import { existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { IS_WINDOWS } from './hostTools';
import { findWfastcgi } from './interpreters';

export interface WfastcgiInstall {
  python: string;
  tools: { enable: string; disable: string } | undefined;
  expectedTools: { enable: string; disable: string };
  wfastcgiPy: string;
}

export function locateWfastcgi(pythonPath: string): WfastcgiInstall {
  const python = resolve(pythonPath);
  const dir = dirname(python);
  const inScripts = /^(scripts|bin)$/i.test(basename(dir));
  const scripts = inScripts ? dir : join(dir, 'Scripts');
  const prefix = inScripts ? dirname(dir) : dir;
  const exe = IS_WINDOWS ? '.exe' : '';
  const expectedTools = { enable: join(scripts, `wfastcgi-enable${exe}`), disable: join(scripts, `wfastcgi-disable${exe}`) };
  const tools = existsSync(expectedTools.enable) && existsSync(expectedTools.disable) ? expectedTools : undefined;
  return { python, tools, expectedTools, wfastcgiPy: findWfastcgi(prefix) ?? join(prefix, 'Lib', 'site-packages', 'wfastcgi.py') };
}
