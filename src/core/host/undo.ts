/** The one command that removes what a manifest entry records: shared by register's undo and unregister. */
import { renderMessage, type MessageArgs, type MessageKey, type Translate } from '../messages';
import { appcmd, type AppcmdTarget } from './appcmd';
import { icacls } from './icacls';
import type { ManifestEntry } from './manifest';

export interface Tools {
  target: AppcmdTarget;
  icacls: string;
  /** sc.exe (the system's, or one named explicitly): stops, deletes and marks services. */
  sc?: string;
  /** The WinSW executable named by the user (flag or machine setting), never one from the project. */
  winsw?: string;
}

/** sc.exe where every Windows has it, when the adapter named none. */
export const DEFAULT_SC = 'C:\\Windows\\System32\\sc.exe';

export function undoCommand(entry: ManifestEntry, tools: Tools): string[] {
  const t = tools.target;
  switch (entry.kind) {
    case 'apppool':
      return appcmd.deletePool(t, entry.name);
    case 'site':
      return appcmd.deleteSite(t, entry.name);
    case 'fastcgi':
      return appcmd.fastCgi(t, '-', entry.fullPath, entry.arguments);
    case 'unlock':
      return appcmd.lock(t, entry.section);
    case 'grant':
      return icacls.remove(tools.icacls, entry.path, entry.principal);
    case 'setting':
      return entry.object === 'apppool'
        ? appcmd.setPool(t, entry.name, entry.attribute, entry.previous)
        : appcmd.setApp(t, entry.name, entry.attribute, entry.previous);
    case 'proxy':
      return entry.previous === 'absent' ? appcmd.clearProxy(t) : appcmd.setProxyEnabled(t, 'false');
    case 'serverVariable':
      return appcmd.allowVariable(t, '-', entry.name);
    case 'service':
      return [tools.sc ?? DEFAULT_SC, 'delete', entry.name];
    case 'serviceRunning':
      return [tools.sc ?? DEFAULT_SC, 'stop', entry.name];
  }
}

/** Why an entry is removed, for the unregister plan. */
export function undoReason(entry: ManifestEntry, say: Say): string {
  switch (entry.kind) {
    case 'apppool':
      return say('plan.undo.pool', { pool: entry.name });
    case 'site':
      return say('plan.undo.site', { site: entry.name });
    case 'fastcgi':
      return say('plan.undo.fastcgi', { pair: `${entry.fullPath}|${entry.arguments}` });
    case 'unlock':
      return say('plan.undo.unlock', { section: entry.section });
    case 'grant':
      return say('plan.undo.grant', { principal: entry.principal, path: entry.path });
    case 'setting':
      return say('plan.undo.setting', { attribute: entry.attribute, name: entry.name, previous: entry.previous });
    case 'proxy':
      return say('plan.undo.proxy');
    case 'serverVariable':
      return say('plan.undo.variable', { name: entry.name });
    case 'service':
      return say('plan.undo.service', { service: entry.name });
    case 'serviceRunning':
      return say('plan.undo.serviceRunning', { service: entry.name });
  }
}

export type Say = (key: MessageKey, args?: MessageArgs) => string;

export function sayWith(translate?: Translate): Say {
  return (key, args = {}) => renderMessage(key, args, translate);
}
