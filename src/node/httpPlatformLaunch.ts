/**
 * What HttpPlatformHandler starts for an `<httpPlatform>` configuration, made runnable here: processPath +
 * arguments with %HTTP_PLATFORM_PORT% (and <environmentVariables>) substituted, HTTP_PLATFORM_PORT set.
 * A Windows python.exe that does not exist on this machine is replaced by the chosen interpreter.
 */
import { statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { attrValue, children, type WebConfig } from '../core/model/webConfig';

export interface PlatformLaunch {
  argv: string[];
  env: Record<string, string>;
  startupTimeLimitMs: number;
}

const PYTHON_NAME = /(^|[\\/])python(w)?(\d+(\.\d+)*)?(\.exe)?$/i;

export function platformLaunch(model: WebConfig, appDir: string, port: number, python: string | undefined): PlatformLaunch | string {
  const platform = model.httpPlatforms[0];
  if (!platform) return 'this web.config has no <httpPlatform> element';
  const vars: Record<string, string> = { HTTP_PLATFORM_PORT: String(port) };
  for (const v of children(platform, 'environmentVariables').flatMap((e) => children(e, 'environmentVariable'))) {
    const name = attrValue(v, 'name')?.trim();
    if (name) vars[name] = attrValue(v, 'value') ?? '';
  }
  const substitute = (text: string) => text.replace(/%(\w+)%/g, (m, name: string) => {
    const key = Object.keys(vars).find((k) => k.toUpperCase() === name.toUpperCase());
    return key !== undefined ? vars[key]! : process.env[name] ?? m;
  });
  for (const k of Object.keys(vars)) vars[k] = substitute(vars[k]!);
  const processPath = substitute(attrValue(platform, 'processPath') ?? '').trim().replace(/^"|"$/g, '');
  if (!processPath) return '<httpPlatform> has no processPath';
  const local = isAbsolute(processPath) ? processPath : join(appDir, processPath);
  let exe = exists(local) ? local : undefined;
  if (!exe && PYTHON_NAME.test(processPath)) exe = python;
  if (!exe) return `processPath "${processPath}" does not exist on this machine${PYTHON_NAME.test(processPath) ? ' and no interpreter was chosen (--python)' : ''}`;
  const seconds = Number(attrValue(platform, 'startupTimeLimit') ?? '10');
  return { argv: [exe, ...splitCommandLine(substitute(attrValue(platform, 'arguments') ?? ''))], env: vars, startupTimeLimitMs: (Number.isFinite(seconds) && seconds > 0 ? seconds : 10) * 1000 };
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
