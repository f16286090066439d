/**
 * Paths as the host writes them (Windows `C:\...`, or `/...` when tests run the same code on Linux): joined,
 * compared and nested without node:path, so the core stays pure and a Windows path means the same anywhere.
 */

export function separatorOf(path: string): '\\' | '/' {
  return path.includes('\\') || /^[A-Za-z]:/.test(path) ? '\\' : '/';
}

export function isHostAbsolute(path: string): boolean {
  return /^[A-Za-z]:[\\/]|^[\\/]/.test(path);
}

/** Joins a relative path (`.\logs`, `logs/x`) to a folder; an absolute one is returned as it is. */
export function joinHost(base: string, rel: string): string {
  if (isHostAbsolute(rel)) return rel;
  const sep = separatorOf(base);
  const parts = rel.split(/[\\/]+/).filter((p) => p && p !== '.');
  let out = base.replace(/[\\/]+$/, '');
  for (const p of parts) out = p === '..' ? dirnameHost(out) : `${out.replace(/[\\/]+$/, '')}${sep}${p}`;
  return out;
}

export function dirnameHost(path: string): string {
  const trimmed = path.replace(/[\\/]+$/, '');
  const i = Math.max(trimmed.lastIndexOf('\\'), trimmed.lastIndexOf('/'));
  if (i < 0) return trimmed;
  const dir = trimmed.slice(0, i);
  return /^[A-Za-z]:$/.test(dir) ? dir + '\\' : dir || trimmed.slice(0, 1);
}

/** For comparisons: one separator, no trailing one, case-insensitive (as NTFS is). */
export function normalizeHost(path: string): string {
  return path.replace(/\//g, '\\').replace(/\\\.(?=\\|$)/g, '').replace(/\\+$/, '').toLowerCase();
}

export function samePath(a: string, b: string): boolean {
  return normalizeHost(a) === normalizeHost(b);
}

/** True when `child` is `parent` or inside it. */
export function isUnder(child: string, parent: string): boolean {
  const c = normalizeHost(child);
  const p = normalizeHost(parent);
  return c === p || c.startsWith(p + '\\');
}

export function unquote(path: string): string {
  return path.trim().replace(/^"(.*)"$/, '$1');
}

/** Expands %NAME% the way IIS expands physicalPath (case-insensitive names; unknown names stay as written). */
export function expandHostEnv(path: string, env: Record<string, string | undefined>): string {
  const lower = new Map(Object.entries(env).map(([k, v]) => [k.toLowerCase(), v]));
  return path.replace(/%([^%]+)%/g, (m, name: string) => lower.get(name.toLowerCase()) ?? m);
}

/**
 * A UNC path (`\\server\share\...`, `//server/share`) or a Win32 device path (`\\?\...`, `\\.\...`, `\??\`):
 * touching one on Windows (even a stat) contacts another machine and can hand it the user's NTLM credentials.
 * Paths from web.config of these kinds are never looked at on this machine.
 */
export function isRemoteOrDevicePath(path: string): boolean {
  const p = path.trim().replace(/^"/, '');
  return /^[\\/]{2}/.test(p) || /^\\\?\?\\/.test(p);
}

/**
 * Folders of Windows itself and the roots everything else lives in: a drive root, %windir% and everything below
 * it (System32, SysWOW64, Temp, ...), the Program Files roots, the ProgramData root, the Users root (and Public,
 * Default) and the inetpub root. A pool identity is never given modify there, whatever web.config says.
 */
export function isSystemFolder(path: string, env: Record<string, string | undefined>): boolean {
  const p = normalizeHost(unquote(path));
  if (/^[a-z]:$/.test(p) || p === '' || p === '\\') return true;
  const get = (name: string) => Object.entries(env).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
  const drive = (get('SystemDrive') ?? 'C:').replace(/[\\/]+$/, '');
  const windir = get('windir') ?? get('SystemRoot') ?? `${drive}\\Windows`;
  if (isUnder(p, windir) || isUnder(p, `${drive}\\Windows`)) return true;
  const roots = [
    get('ProgramFiles'), get('ProgramFiles(x86)'), get('ProgramW6432'), get('ProgramData'), get('PUBLIC'),
    `${drive}\\Program Files`, `${drive}\\Program Files (x86)`, `${drive}\\ProgramData`, `${drive}\\Users`,
    `${drive}\\Users\\Public`, `${drive}\\Users\\Default`, `${drive}\\Documents and Settings`, `${drive}\\inetpub`,
  ];
  return roots.some((r) => r !== undefined && r !== '' && samePath(p, r));
}
