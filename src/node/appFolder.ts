/**
 * The application folder a command works on: a folder with a web.config (any case), or a web.config file.
 * The web.config is read only when it is a regular file within the size limit (never a FIFO, a device or a
 * link to one), so a crafted project cannot hang a command or fill its memory.
 */
import { readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { checkBytes } from '../core/check';
import { renderMessage, type Translate } from '../core/messages';
import type { WebConfig } from '../core/model/webConfig';
import { MAX_CONFIG_BYTES, readRegularFile } from './safeRead';

export type AppFolder = { ok: true; appDir: string; configPath: string; text: string; model: WebConfig } | { ok: false; reason: string };

export function openAppFolder(target: string, translate?: Translate): AppFolder {
  let configPath: string | undefined;
  try {
    const full = resolve(target);
    if (statSync(full).isDirectory()) {
      const name = readdirSync(full).find((n) => n.toLowerCase() === 'web.config');
      if (!name) return { ok: false, reason: renderMessage('folder.noWebConfig', { path: target }, translate) };
      configPath = join(full, name);
    } else if (basename(full).toLowerCase() === 'web.config') configPath = full;
    else return { ok: false, reason: renderMessage('folder.notConfig', { path: target }, translate) };
    const read = readRegularFile(configPath, MAX_CONFIG_BYTES);
    if (!read.ok) {
      const reason = read.reason === 'not-regular' ? renderMessage('refuse.notRegular', { path: configPath, detail: read.detail }, translate) : renderMessage('folder.unreadable', { path: configPath, detail: read.detail }, translate);
      return { ok: false, reason };
    }
    const result = checkBytes(read.bytes);
    return { ok: true, appDir: dirname(configPath), configPath, text: result.text, model: result.model };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { ok: false, reason: code === 'ENOENT' || code === 'ENOTDIR' ? renderMessage('folder.missing', { path: target }, translate) : renderMessage('folder.unreadable', { path: target, detail: code ?? String(e) }, translate) };
  }
}
