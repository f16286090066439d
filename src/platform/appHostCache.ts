/** The configured (machine-scoped) or default applicationHost.config, parsed once and re-read when it changes. */
import { statSync } from 'node:fs';
import type { AppHostConfig } from '../core/host/appHost';
import { defaultAppHostPath, loadAppHost } from '../node/python/projectFiles';
import { log } from './log';

let cache: { path: string; mtimeMs: number; config: AppHostConfig | undefined } | undefined;

export function currentAppHost(configured: string): AppHostConfig | undefined {
  const path = configured || defaultAppHostPath();
  if (!path) return undefined;
  let mtimeMs: number;
  try {
    mtimeMs = statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
  if (cache?.path === path && cache.mtimeMs === mtimeMs) return cache.config;
  const loaded = loadAppHost(path);
  if (!loaded.ok) log().warn(loaded.reason);
  cache = { path, mtimeMs, config: loaded.ok ? loaded.config : undefined };
  return cache.config;
}
