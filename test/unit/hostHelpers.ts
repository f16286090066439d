/** Helpers for the host-task tests: the fixture applicationHost.config, web.configs, facts, and the CLI with the fakes. */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after } from 'node:test';
import { parseAppHost, type AppHostConfig } from '../../src/core/host/appHost';
import type { HostFacts } from '../../src/core/host/facts';
import type { Ace } from '../../src/core/host/icacls';
import type { Tools } from '../../src/core/host/undo';
import { buildWebConfig, type WebConfig } from '../../src/core/model/webConfig';
import { scanXml } from '../../src/core/xml/scanner';

export const ROOT = resolve(__dirname, '../..');
export const CLI = join(ROOT, 'dist/cli.js');
export const FAKES = join(ROOT, 'test/fakes');
export const APPCMD = join(FAKES, 'appcmd');
export const ICACLS = join(FAKES, 'icacls');
export const FIXTURE_APPHOST = join(ROOT, 'test/fixtures/host/applicationHost.config');
export const APPHOST_PATH = 'C:\\Windows\\System32\\inetsrv\\config\\applicationHost.config';

export function fixtureAppHost(edit: (text: string) => string = (t) => t): AppHostConfig {
  return parseAppHost(edit(readFileSync(FIXTURE_APPHOST, 'utf8')), APPHOST_PATH);
}

/** Inserts XML before the closing tag of the first `<name>` of the fixture. */
export function insertInto(name: string, xml: string): (text: string) => string {
  return (text) => text.replace(`</${name}>`, `${xml}\r\n</${name}>`);
}

export const WIN_TOOLS: Tools = { target: { appcmd: 'C:\\Windows\\System32\\inetsrv\\appcmd.exe' }, icacls: 'C:\\Windows\\System32\\icacls.exe' };

export function fastCgiConfig(scriptProcessor: string, settings = '<add key="WSGI_HANDLER" value="app.app" />'): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <system.webServer>
    <handlers>
      <add name="Python FastCGI" path="*" verb="*" modules="FastCgiModule" scriptProcessor="${scriptProcessor.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}" resourceType="Unspecified" requireAccess="Script" />
    </handlers>
  </system.webServer>
  <appSettings>
    ${settings}
  </appSettings>
</configuration>
`;
}

export function platformConfig(processPath: string, extra = ''): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <system.webServer>
    <handlers>
      <add name="PythonHandler" path="*" verb="*" modules="httpPlatformHandler" resourceType="Unspecified" />
    </handlers>
    <httpPlatform processPath="${processPath}" arguments="-m waitress --port=%HTTP_PLATFORM_PORT% app:app"${extra} />
  </system.webServer>
</configuration>
`;
}

export function model(text: string): WebConfig {
  return buildWebConfig(scanXml(text));
}

export interface FakeFacts {
  files?: Record<string, string>;
  missing?: string[];
  acls?: Record<string, Ace[]>;
  machines?: Record<string, 'x86' | 'x64' | 'arm64'>;
}

/** Facts of an imaginary Windows machine: paths are looked up case-insensitively in the given tables. */
export function facts(f: FakeFacts = {}): HostFacts {
  const key = (p: string) => p.toLowerCase();
  const lookup = <T>(table: Record<string, T> | undefined, p: string) => Object.entries(table ?? {}).find(([k]) => key(k) === key(p))?.[1];
  return {
    exists: (p) => !(f.missing ?? []).some((m) => key(m) === key(p)),
    readText: (p) => lookup(f.files, p),
    acl: (p) => aclOf(f.acls, p),
    machine: (p) => lookup(f.machines, p),
    env: { SystemDrive: 'C:', windir: 'C:\\Windows' },
  };
}

/** A path's own entries plus the (OI)/(CI) entries of the folders above it, as icacls lists them. */
function aclOf(table: Record<string, Ace[]> | undefined, path: string): Ace[] | undefined {
  const norm = (p: string) => p.toLowerCase().replace(/\\+$/, '');
  const entries = Object.entries(table ?? {});
  const own = entries.find(([k]) => norm(k) === norm(path))?.[1];
  const inherited = entries
    .filter(([k]) => norm(path).startsWith(norm(k) + '\\'))
    .flatMap(([, aces]) => aces.filter((a) => a.flags.includes('OI') || a.flags.includes('CI')).map((a) => ({ ...a, inherited: true, flags: ['I', ...a.flags] })));
  return own || inherited.length ? [...(own ?? []), ...inherited] : undefined;
}

let scratch: string | undefined;

export function tempDir(name: string): string {
  scratch ??= mkdtempSync(join(tmpdir(), 'flask-iis-host-'));
  const dir = join(scratch, name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

after(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/** A scratch server: a copy of the fixture applicationHost.config, an ACL file, a log, and the fakes' environment. */
export function fakeServer(name: string, acl: Record<string, { principal: string; flags: string[] }[]> = {}) {
  const dir = tempDir(name);
  const apphost = join(dir, 'applicationHost.config');
  copyFileSync(FIXTURE_APPHOST, apphost);
  const aclFile = join(dir, 'acl.json');
  writeFileSync(aclFile, JSON.stringify({ paths: acl }, null, 2) + '\n');
  const log = join(dir, 'log.jsonl');
  const env = { FLASK_IIS_FAKE_APPHOST: apphost, FLASK_IIS_FAKE_ACL: aclFile, FLASK_IIS_FAKE_LOG: log };
  const logged = (): { tool: string; argv: string[] }[] => {
    try {
      return readFileSync(log, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { tool: string; argv: string[] });
    } catch {
      return [];
    }
  };
  return { dir, apphost, aclFile, log, env, logged };
}

export function cli(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, LANG: 'C', ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

const fakeLib = createRequire(__filename)(join(FAKES, 'lib', 'wfastcgi.js')) as { makeVenv(prefix: string, withWfastcgi: boolean): string };

/** A fake venv (Scripts/python.exe understands `-m pip install wfastcgi`), optionally with the fake wfastcgi installed. */
export function makeVenv(prefix: string, withWfastcgi: boolean): string {
  return fakeLib.makeVenv(prefix, withWfastcgi);
}
