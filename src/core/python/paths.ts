/** Project-relative paths with `/` separators (the adapters accept them on every platform). */

export function toSlashes(path: string): string {
  return path.replace(/\\/g, '/');
}

export function joinPath(dir: string, name: string): string {
  if (dir === '.' || dir === '') return name;
  return dir.endsWith('/') ? dir + name : `${dir}/${name}`;
}

export function dirName(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '.' : path.slice(0, i) || '/';
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** `C:\x`, `C:/x`, `\\server\share`, `\x` (drive-relative): paths that are absolute on Windows. */
export function isWindowsAbsolute(path: string): boolean {
  return /^[A-Za-z]:[\\/]|^[\\/]/.test(path);
}

/** `C:x` has a drive but no root: relative to that drive's current folder, never to the application folder. */
export function isDriveRelative(path: string): boolean {
  return /^[A-Za-z]:(?![\\/])/.test(path);
}
