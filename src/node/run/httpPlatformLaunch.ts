/**
 * What HttpPlatformHandler starts for an `<httpPlatform>` configuration, made runnable here: processPath +
 * arguments with %HTTP_PLATFORM_PORT% (and <environmentVariables>) substituted, HTTP_PLATFORM_PORT set.
 *
 * processPath comes from the repository, so it is started only when the user trusts it (`--trust-config`, or a
 * confirmation of the exact command line in VS Code). Without that, a processPath that names a Python
 * interpreter is replaced by the one the user chose, and any other program is refused with its command line. A
 * UNC or device processPath is never touched.
 */
import { statSync } from 'node:fs';
import { isAbsolute, join, posix, win32 } from 'node:path';
import { isRemoteOrDevicePath } from '../../core/host/hostPaths';
import { sayWith, type Say } from '../../core/host/undo';
import { attrValue, children, type WebConfig } from '../../core/model/webConfig';
import { isWindowsAbsolute } from '../../core/python/paths';
import { mapServerPath } from '../../core/python/serverPaths';

export interface PlatformLaunch {
  argv: string[];
  env: Record<string, string>;
  startupTimeLimitMs: number;
  /** argv[0] is the program web.config names (not the interpreter the user chose). */
  fromConfig: boolean;
  /** A Python processPath that exists here but was replaced by the chosen interpreter (not trusted). */
  replaced?: string;
}

/** Starting this would run a program the repository chose: the exact command line, for the user to confirm. */
export interface NeedsTrust {
  needsTrust: true;
  commandLine: string;
  launch: PlatformLaunch;
}

const PYTHON_NAME = /(^|[\\/])python(w)?(\d+(\.\d+)*)?(\.exe)?$/i;

export function platformLaunch(model: WebConfig, appDir: string, port: number, python: string | undefined, trustConfig = false, say: Say = sayWith()): PlatformLaunch | NeedsTrust | string {
  const platform = model.httpPlatforms[0];
  if (!platform) return say('trust.noHttpPlatform');
  const vars: Record<string, string> = { HTTP_PLATFORM_PORT: String(port) };
  for (const v of children(platform, 'environmentVariables').flatMap((e) => children(e, 'environmentVariable'))) {
    const name = attrValue(v, 'name')?.trim();
    if (name) vars[name] = attrValue(v, 'value') ?? '';
  }
  const substitute = (text: string, keepPort = false) => text.replace(/%(\w+)%/g, (m, name: string) => {
    if (keepPort && name.toUpperCase() === 'HTTP_PLATFORM_PORT') return m;
    const key = Object.keys(vars).find((k) => k.toUpperCase() === name.toUpperCase());
    return key !== undefined ? vars[key]! : process.env[name] ?? m;
  });
  for (const k of Object.keys(vars)) vars[k] = substitute(vars[k]!);
  const processPath = substitute(attrValue(platform, 'processPath') ?? '').trim().replace(/^"|"$/g, '');
  if (!processPath) return say('trust.noProcessPath');
  if (isRemoteOrDevicePath(processPath)) return say('trust.processPathRemote', { path: processPath });
  const local = isAbsolute(processPath) ? processPath : join(appDir, processPath);
  const here = exists(local) ? local : undefined;
  const isPython = PYTHON_NAME.test(processPath);
  let exe: string | undefined;
  let replaced: string | undefined;
  if (here && trustConfig) exe = here;
  else if (isPython) {
    exe = python;
    if (here) replaced = here;
  } else exe = here;
  if (!exe) return say('trust.processPathMissing', { path: processPath });
  const seconds = Number(attrValue(platform, 'startupTimeLimit') ?? '10');
  const launch: PlatformLaunch = {
    argv: [exe, ...splitCommandLine(substitute(attrValue(platform, 'arguments') ?? ''))],
    env: vars,
    startupTimeLimitMs: (Number.isFinite(seconds) && seconds > 0 ? seconds : 10) * 1000,
    fromConfig: exe === here && exe !== python,
    ...(replaced ? { replaced } : {}),
  };
  // The port is chosen anew for every start: the command line to confirm keeps %HTTP_PLATFORM_PORT% as written.
  const shown = [exe, ...splitCommandLine(substitute(attrValue(platform, 'arguments') ?? '', true))];
  if (launch.fromConfig && !trustConfig) return { needsTrust: true, commandLine: commandLineOf(shown), launch };
  return launch;
}

/** argv as one Windows command line (quoted where CommandLineToArgvW needs it), for showing to the user. */
export function commandLineOf(argv: string[]): string {
  return argv.map((a) => (a && !/[\s"]/.test(a) ? a : `"${a.replace(/(\\*)"/g, '$1$1\\"').replace(/(\\+)$/, '$1$1')}"`)).join(' ');
}

function exists(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Windows command-line splitting (CommandLineToArgvW rules for quotes and backslashes). */
export function splitCommandLine(text: string): string[] {
  const out: string[] = [];
  let current = '';
  let inQuotes = false;
  let hasToken = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\') {
      let n = 0;
      while (text[i + n] === '\\') n++;
      if (text[i + n] === '"') {
        current += '\\'.repeat(Math.floor(n / 2));
        if (n % 2 === 1) current += '"';
        else inQuotes = !inQuotes;
        i += n;
      } else {
        current += '\\'.repeat(n);
        i += n - 1;
      }
      hasToken = true;
    } else if (c === '"') {
      inQuotes = !inQuotes;
      hasToken = true;
    } else if (/\s/.test(c) && !inQuotes) {
      if (hasToken) out.push(current);
      current = '';
      hasToken = false;
    } else {
      current += c;
      hasToken = true;
    }
  }
  if (hasToken) out.push(current);
  return out;
}

/**
 * PYTHONPATH written for the server (`;`-separated, Windows paths: `C:\inetpub\shop;src`) as this machine's
 * Python must read it: entries in the server's application folder (the site path, or a path ending in the local
 * folder's names) map to the local folder, other Windows paths mean nothing here and are left out, relative
 * entries stay relative (HttpPlatformHandler starts the process in the site folder, as the local run does), and
 * the separator is this platform's (`:` on Linux and macOS).
 */
export function localPythonPath(value: string, appDir: string, sitePath?: string, platform: NodeJS.Platform = process.platform): string {
  const p = platform === 'win32' ? win32 : posix;
  const out: string[] = [];
  for (const part of value.split(';')) {
    if (!part) continue;
    if (isWindowsAbsolute(part) || isRemoteOrDevicePath(part)) {
      const mapped = mapServerPath(part, part, { sitePath, localFolder: appDir });
      if (mapped) out.push(mapped.mapped === '.' ? appDir : p.join(appDir, ...mapped.mapped.split('/')));
      else if (platform === 'win32') out.push(part);
      continue;
    }
    out.push(platform === 'win32' ? part : part.replace(/\\/g, '/'));
  }
  return out.join(p.delimiter);
}

/** The launch's environment with PYTHONPATH (any case) made local (see localPythonPath). */
export function localEnvironment(env: Record<string, string>, appDir: string, sitePath?: string): Record<string, string> {
  const key = Object.keys(env).find((k) => k.toUpperCase() === 'PYTHONPATH');
  return key === undefined ? env : { ...env, [key]: localPythonPath(env[key]!, appDir, sitePath) };
}
