/** The application folder a command works on: a folder with a web.config (any case), or a web.config file. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { checkBytes } from '../core/check';
import type { WebConfig } from '../core/model/webConfig';

export type AppFolder = { ok: true; appDir: string; configPath: string; text: string; model: WebConfig } | { ok: false; reason: string };

export function openAppFolder(target: string): AppFolder {
  let configPath: string | undefined;
  try {
    const full = resolve(target);
    if (statSync(full).isDirectory()) {
      const name = readdirSync(full).find((n) => n.toLowerCase() === 'web.config');
      if (!name) return { ok: false, reason: `${target}: no web.config in this folder` };
      configPath = join(full, name);
    } else if (basename(full).toLowerCase() === 'web.config') configPath = full;
    else return { ok: false, reason: `${target}: not a folder or a web.config` };
    const result = checkBytes(readFileSync(configPath));
    return { ok: true, appDir: dirname(configPath), configPath, text: result.text, model: result.model };
  } catch (e) {
    return { ok: false, reason: `${target}: ${(e as NodeJS.ErrnoException).code ?? String(e)}` };
  }
}
