/** Paths of the IIS installed on this machine (Windows only): its configuration folder and what is in it. */
import { statSync } from 'node:fs';
import { join } from 'node:path';

/** `%windir%\System32\inetsrv\config\<name>` when this is Windows and it exists as a file (or a folder). */
export function installedIisConfig(name: string, kind: 'file' | 'folder'): string | undefined {
  if (process.platform !== 'win32') return undefined;
  const path = join(process.env['windir'] ?? 'C:\\Windows', 'System32', 'inetsrv', 'config', name);
  try {
    const s = statSync(path);
    return (kind === 'file' ? s.isFile() : s.isDirectory()) ? path : undefined;
  } catch {
    return undefined;
  }
}
