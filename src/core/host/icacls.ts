/**
 * icacls.exe: grant/remove command lines, and reading its listing (`icacls PATH`) into access entries so
 * plans skip grants that are already there and the server check can tell whether a pool identity has access.
 */

export interface Ace {
  principal: string;
  /** The permission groups, e.g. ['OI', 'CI', 'RX'] or ['I', 'F'] or ['DENY', 'W']. */
  flags: string[];
  inherited: boolean;
  deny: boolean;
}

export type Right = 'RX' | 'M';

export const icacls = {
  grant: (tool: string, path: string, principal: string, right: Right) => [tool, path, '/grant', `${principal}:(OI)(CI)${right}`],
  remove: (tool: string, path: string, principal: string) => [tool, path, '/remove:g', principal],
  list: (tool: string, path: string) => [tool, path],
};

/**
 * Parses `icacls PATH` output: the first line is the path followed by the first entry, further entries are
 * indented, then a blank line and "Successfully processed ..." (localized, so only entry lines are read).
 */
export function parseIcaclsListing(output: string, path: string): Ace[] | undefined {
  const lines = output.split(/\r?\n/);
  const first = lines.findIndex((l) => l.toLowerCase().startsWith(path.toLowerCase() + ' '));
  if (first < 0) return undefined;
  const aces: Ace[] = [];
  for (let i = first; i < lines.length; i++) {
    const line = i === first ? lines[i]!.slice(path.length + 1) : lines[i]!;
    if (i > first && !/^\s+\S/.test(line)) break;
    const ace = parseAce(line.trim());
    if (ace) aces.push(ace);
  }
  return aces;
}

function parseAce(text: string): Ace | undefined {
  const colon = text.search(/:\(/);
  if (colon <= 0) return undefined;
  const flags = [...text.slice(colon + 1).matchAll(/\(([^)]*)\)/g)].map((m) => m[1]!);
  return { principal: text.slice(0, colon), flags, inherited: flags.includes('I'), deny: flags.includes('DENY') };
}

/** The principals a pool identity acts as when it reads files (its own account and the groups it is in). */
export function poolPrincipals(identityType: string, pool: string, userName: string): string[] {
  const common = ['BUILTIN\\IIS_IUSRS', 'IIS_IUSRS', 'BUILTIN\\Users', 'Everyone', 'NT AUTHORITY\\Authenticated Users'];
  switch (identityType.toLowerCase()) {
    case 'networkservice':
      return ['NT AUTHORITY\\NETWORK SERVICE', ...common];
    case 'localservice':
      return ['NT AUTHORITY\\LOCAL SERVICE', ...common];
    case 'specificuser':
      return userName ? [userName, ...common] : common;
    default:
      return [`IIS AppPool\\${pool}`, ...common];
  }
}

/** The account a plan grants to: what the pool runs as (undefined for LocalSystem, which needs no grant). */
export function poolAccount(identityType: string, pool: string, userName: string): string | undefined {
  const kind = identityType.toLowerCase();
  if (kind === 'localsystem') return undefined;
  if (kind === 'specificuser') return userName || undefined;
  return poolPrincipals(identityType, pool, userName)[0];
}

const RX = new Set(['F', 'M', 'RX']);
const MODIFY = new Set(['F', 'M']);

/**
 * Whether any of `principals` is allowed `right` by these entries (a deny entry for one of them wins).
 * Specific-rights lists like (RD,X) are counted only when they include the whole set.
 */
export function hasAccess(aces: Ace[], principals: string[], right: Right): boolean {
  const mine = aces.filter((a) => principals.some((p) => p.toLowerCase() === a.principal.toLowerCase()));
  const grants = right === 'RX' ? RX : MODIFY;
  const covers = (a: Ace) => a.flags.some((f) => grants.has(f) || (right === 'RX' && coversReadExecute(f)));
  const denied = DENIED_BY[right];
  if (mine.some((a) => a.deny && a.flags.some((f) => f.split(',').some((part) => denied.has(part))))) return false;
  return mine.some((a) => !a.deny && covers(a));
}

/** Rights whose denial takes away what `right` needs. */
const DENIED_BY: Record<Right, Set<string>> = {
  RX: new Set(['F', 'M', 'RX', 'R', 'GR', 'GE', 'GA', 'RD', 'X']),
  M: new Set(['F', 'M', 'RX', 'R', 'W', 'D', 'GR', 'GE', 'GW', 'GA', 'RD', 'X', 'WD', 'AD']),
};

function coversReadExecute(flag: string): boolean {
  const parts = new Set(flag.split(','));
  return ['RD', 'X'].every((p) => parts.has(p)) || (parts.has('GR') && parts.has('GE'));
}

/** True when `principal` has an entry of its own (not inherited) on the path: what `/remove:g` would take away. */
export function hasExplicitGrant(aces: Ace[], principal: string): boolean {
  return aces.some((a) => !a.inherited && !a.deny && a.principal.toLowerCase() === principal.toLowerCase());
}
