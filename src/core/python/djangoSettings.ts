/**
 * What deployment needs from a Django settings module, read from its text (settings are plain assignments):
 * STATIC_URL, STATIC_ROOT (relative to the application folder when it is BASE_DIR-based), whether WhiteNoise
 * serves static files, ROOT_URLCONF, ALLOWED_HOSTS, CSRF_TRUSTED_ORIGINS, and whether DEBUG is on.
 */
import { dirName, joinPath } from './paths';

export interface DjangoSettings {
  /** The settings file, relative to the application folder. */
  file: string;
  /** STATIC_URL without slashes (`static`). */
  staticUrl?: string;
  /** STATIC_ROOT relative to the application folder (`staticfiles`), when it can be told. */
  staticRoot?: string;
  whitenoise: boolean;
  rootUrlconf: boolean;
  allowedHosts: boolean;
  csrfTrustedOrigins: boolean;
}

const assigned = (text: string, name: string): string | undefined => new RegExp(`^${name}\\s*=\\s*(.+)$`, 'm').exec(text)?.[1]?.replace(/\s+#.*$/, '').trim();

export function readDjangoSettings(file: string, text: string): DjangoSettings {
  const staticUrl = /^["']([^"']*)["']$/.exec(assigned(text, 'STATIC_URL') ?? '')?.[1];
  const root = assigned(text, 'STATIC_ROOT');
  const staticRoot = root !== undefined ? staticRootPath(file, text, root) : undefined;
  return {
    file,
    ...(staticUrl !== undefined && !/^[a-z]+:\/\//i.test(staticUrl) ? { staticUrl: staticUrl.replace(/^\/+|\/+$/g, '') } : {}),
    ...(staticRoot ? { staticRoot } : {}),
    whitenoise: /^MIDDLEWARE\s*=[^\]]*whitenoise\.middleware\.WhiteNoiseMiddleware/ms.test(text),
    rootUrlconf: assigned(text, 'ROOT_URLCONF') !== undefined,
    allowedHosts: assigned(text, 'ALLOWED_HOSTS') !== undefined,
    csrfTrustedOrigins: assigned(text, 'CSRF_TRUSTED_ORIGINS') !== undefined,
  };
}

/** `BASE_DIR / "staticfiles"`, `os.path.join(BASE_DIR, "staticfiles")`, `str(BASE_DIR / 'static')`. */
function staticRootPath(file: string, text: string, expr: string): string | undefined {
  const m = /^(?:str\()?\s*BASE_DIR\s*\/\s*["']([^"']+)["']\s*\)?$/.exec(expr) ?? /^os\.path\.join\(\s*BASE_DIR\s*,\s*["']([^"']+)["']\s*\)$/.exec(expr);
  if (!m) return undefined;
  const base = baseDir(file, text);
  if (base === undefined) return undefined;
  const rel = m[1]!.replace(/\\/g, '/').replace(/^\.\/|\/$/g, '');
  return rel.split('/').some((p) => p === '..' || p === '') || /^[A-Za-z]:|^\//.test(rel) ? undefined : joinPath(base, rel);
}

/** BASE_DIR: `Path(__file__).resolve().parent.parent` or `os.path.dirname(os.path.dirname(os.path.abspath(__file__)))`. */
function baseDir(file: string, text: string): string | undefined {
  const expr = assigned(text, 'BASE_DIR');
  if (!expr || !expr.includes('__file__')) return undefined;
  const levels = (expr.match(/\.parent\b/g) ?? []).length || (expr.match(/dirname\(/g) ?? []).length;
  if (!levels) return undefined;
  let dir = file;
  for (let i = 0; i < levels; i++) {
    if (dir === '.') return undefined;
    dir = dirName(dir);
  }
  return dir;
}
