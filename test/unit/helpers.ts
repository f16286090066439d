/** Shared test helpers: a clean web.config to vary, and shortcuts over the core check. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { checkText, type CheckOptions } from '../../src/core/check';
import type { Finding } from '../../src/core/findings';
import { parseAppHost } from '../../src/core/host/appHost';

export const CLEAN_HANDLER =
  '<add name="Python FastCGI" path="*" verb="*" modules="FastCgiModule" scriptProcessor="C:\\Python311\\python.exe|C:\\Python311\\Lib\\site-packages\\wfastcgi.py" resourceType="Unspecified" requireAccess="Script" />';

export const CLEAN_SETTINGS = [
  '<add key="WSGI_HANDLER" value="app.app" />',
  '<add key="PYTHONPATH" value="C:\\inetpub\\app" />',
  '<add key="WSGI_RESTART_FILE_REGEX" value=".*((\\.py)|(\\.config))$" />',
].join('\n    ');

export interface Parts {
  decl?: string;
  handlers?: string;
  webServer?: string;
  settings?: string;
  tail?: string;
}

/** A complete wfastcgi web.config; every part can be replaced. */
export function webConfig(parts: Parts = {}): string {
  return `${parts.decl ?? '<?xml version="1.0" encoding="utf-8"?>'}
<configuration>
  <system.webServer>
    <handlers>
      ${parts.handlers ?? CLEAN_HANDLER}
    </handlers>${parts.webServer ?? ''}
  </system.webServer>
  <appSettings>
    ${parts.settings ?? CLEAN_SETTINGS}
  </appSettings>${parts.tail ?? ''}
</configuration>
`;
}

export function findings(text: string, options?: CheckOptions): Finding[] {
  const result = checkText(text, options);
  assert.deepEqual(result.internalErrors, [], 'no rule may fail');
  return result.findings;
}

export function codes(text: string, options?: CheckOptions): string[] {
  return findings(text, options).map((f) => f.code);
}

export function assertFires(code: string, text: string, options?: CheckOptions): Finding {
  const all = findings(text, options);
  const f = all.find((x) => x.code === code);
  assert.ok(f, `expected ${code}, got [${all.map((x) => x.code).join(', ')}] for:\n${text}`);
  return f;
}

export function assertSilent(code: string, text: string, options?: CheckOptions): void {
  const all = findings(text, options);
  const f = all.find((x) => x.code === code);
  assert.equal(f, undefined, `did not expect ${code} (${f && text.slice(f.start, f.end)}) for:\n${text}`);
}

/** The text a finding's range covers. */
export function covered(text: string, f: Finding): string {
  return text.slice(f.start, f.end);
}

export function appHost(body: string, path = 'C:\\Windows\\System32\\inetsrv\\config\\applicationHost.config') {
  return parseAppHost(`<?xml version="1.0" encoding="UTF-8"?>\n<configuration>\n${body}\n</configuration>\n`, path);
}

/** Runs the built CLI (dist/cli.js) in a child process with an English locale. */
export function runCli(args: string[], timeout = 30_000, env: NodeJS.ProcessEnv = {}): { status: number | null; stdout: string; stderr: string } {
  const cli = join(resolve(__dirname, '../..'), 'dist/cli.js');
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout, env: { ...process.env, LANG: 'C', ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
