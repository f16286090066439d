/**
 * The access the reverse-proxy bridge's Windows service needs for the account it runs as (the generated WinSW
 * definition says LocalService): read & execute on the site folder and on the interpreter (its venv and the
 * installation pyvenv.cfg names), modify on its log folder (<logpath>). Without them the service stops at once
 * ("Access is denied" in its log, error 1053 when it cannot even start Python).
 *
 * The definition is a project file, so its paths are only data: a path below the definition's working directory
 * is mapped onto the site folder register works on; every grant then goes through planGrants (grants.ts), which
 * plans without a question only inside the site folder and on the interpreter the user chose, asks for anything
 * else, and never lets anyone modify a system folder. LocalService is shared by every service that runs as it,
 * so unregister removes its entries only inside the site folder (unregisterPlan.ts).
 */
import { exeEnvironment } from '../rules/scriptProcessorRules';
import type { HostFacts } from './facts';
import { grantTargets, planGrants, type GrantPlanning, type GrantScope, type GrantTarget } from './grants';
import { isHostAbsolute, isRemoteOrDevicePath, isUnder, joinHost, samePath } from './hostPaths';
import type { WinswDefinition } from './services';
import type { Say, Tools } from './undo';

/** NT AUTHORITY\LOCAL SERVICE by its SID (icacls takes `*SID`): the same on every Windows display language. */
export const LOCAL_SERVICE = '*S-1-5-19';
/** How icacls lists it (English Windows), and the other spellings that name it. */
const LOCAL_SERVICE_NAMES = [LOCAL_SERVICE, 'NT AUTHORITY\\LOCAL SERVICE', 'NT AUTHORITY\\LocalService', 'LOCAL SERVICE', 'LocalService'];

export function isLocalService(principal: string): boolean {
  return LOCAL_SERVICE_NAMES.some((n) => n.toLowerCase() === principal.trim().toLowerCase());
}

/** Every principal the service acts as when it opens a file (its account, the SERVICE group and the everyone groups). */
export const LOCAL_SERVICE_PRINCIPALS = [...LOCAL_SERVICE_NAMES, 'NT AUTHORITY\\SERVICE', 'BUILTIN\\Users', 'Everyone', 'NT AUTHORITY\\Authenticated Users'];

/** The definition's path mapped onto the site folder when it lies in the definition's working directory. */
function onSite(path: string, def: WinswDefinition, appDir: string): string {
  const wd = def.workingDirectory;
  if (!wd || !isHostAbsolute(wd)) return path;
  if (samePath(path, wd)) return appDir;
  if (!isUnder(path, wd)) return path;
  return joinHost(appDir, path.slice(wd.replace(/[\\/]+$/, '').length + 1));
}

export function serviceGrantTargets(def: WinswDefinition, appDir: string, facts: Pick<HostFacts, 'readText'>): GrantTarget[] {
  const exe = isHostAbsolute(def.executable) ? onSite(def.executable, def, appDir) : undefined;
  const environment = exe && !/%/.test(exe) ? exeEnvironment(exe) : undefined;
  const cfg = environment && !isRemoteOrDevicePath(environment) ? facts.readText(joinHost(environment, 'pyvenv.cfg')) : undefined;
  const base = cfg ? /^\s*home\s*=\s*(.*?)\s*$/m.exec(cfg)?.[1] : undefined;
  const log = def.logPath && isHostAbsolute(def.logPath) && !/%/.test(def.logPath) ? onSite(def.logPath, def, appDir) : undefined;
  const targets = grantTargets(appDir, { bridge: undefined, ...(environment ? { environment } : {}), ...(base ? { base } : {}) });
  return [...targets, ...(log ? [{ path: log, right: 'M' as const, what: 'serviceLog' as const }] : [])];
}

/** The grants for the service's account, or undefined when it does not run as LocalService (nothing to grant). */
export function planServiceGrants(def: WinswDefinition, appDir: string, scope: GrantScope, tools: Tools, facts: HostFacts, say: Say): GrantPlanning | undefined {
  if (!def.account || !isLocalService(def.account)) return undefined;
  return planGrants(appDir, serviceGrantTargets(def, appDir, facts), LOCAL_SERVICE, LOCAL_SERVICE_PRINCIPALS, scope, tools, facts, say, 'service');
}
