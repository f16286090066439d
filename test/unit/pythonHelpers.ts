/** Helpers for the Python-aware tests: the wasm parser loaded from node_modules, sample projects, variants. */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after } from 'node:test';
import { checkText, type CheckOptions } from '../../src/core/check';
import type { Finding } from '../../src/core/findings';
import { PythonModuleCache, type PythonParser, type PythonSupport } from '../../src/core/python';
import { nodeProjectFiles } from '../../src/node/python/projectFiles';
import { loadPythonParser, parserLoadError } from '../../src/node/python/pythonParser';
import { readFileSync } from 'node:fs';

export const PROJECTS = resolve(__dirname, '../../test/fixtures/projects');

/** The tree-sitter parser (from node_modules/@vscode/tree-sitter-wasm); fails the test when it cannot load. */
export async function testParser(): Promise<PythonParser> {
  const parser = await loadPythonParser();
  if (!parser) throw new Error(`tree-sitter did not load: ${parserLoadError()}`);
  return parser;
}

export async function testSupport(): Promise<PythonSupport> {
  return { parser: await testParser(), cache: new PythonModuleCache() };
}

export function projectOptions(dir: string, support: PythonSupport): CheckOptions {
  return { project: nodeProjectFiles(dir), python: support };
}

/** All findings of the web.config in `dir`, checked with the project's Python files. */
export function checkProject(dir: string, support: PythonSupport): { text: string; findings: Finding[] } {
  const text = readFileSync(join(dir, 'web.config'), 'utf8');
  const result = checkText(text, projectOptions(dir, support));
  if (result.internalErrors.length) throw new Error(result.internalErrors.join('\n'));
  return { text, findings: result.findings };
}

let scratch: string | undefined;

/** A fresh folder for this test file, removed afterwards. */
export function tempDir(name: string): string {
  if (!scratch) {
    scratch = mkdtempSync(join(tmpdir(), 'flask-iis-py-'));
    const dir = scratch;
    after(() => rmSync(dir, { recursive: true, force: true }));
  }
  const dir = join(scratch, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** A project from files (path → text or bytes), optionally starting from a sample project. */
export function makeProject(name: string, files: Record<string, string | Uint8Array>, from?: string): string {
  const dir = tempDir(name);
  if (from) cpSync(join(PROJECTS, from), dir, { recursive: true });
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

export const FASTCGI_HANDLER = '<add name="Python FastCGI" path="*" verb="*" modules="FastCgiModule" scriptProcessor="C:\\Python311\\python.exe|C:\\Python311\\Lib\\site-packages\\wfastcgi.py" resourceType="Unspecified" requireAccess="Script" />';

/** A wfastcgi web.config naming `handler`, with extra appSettings. */
export function wfastcgiConfig(handler: string, settings = '', handlers = FASTCGI_HANDLER): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <system.webServer>
    <handlers>
      ${handlers}
    </handlers>
  </system.webServer>
  <appSettings>
    <add key="WSGI_HANDLER" value="${handler}" />${settings}
  </appSettings>
</configuration>
`;
}

export function codesOf(findings: Finding[]): string[] {
  return findings.map((f) => f.code);
}
