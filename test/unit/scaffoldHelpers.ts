/** Helpers for the scaffold tests: the CLI in a child process, plans written to folders, and their full check. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { pythonWith } from './platform';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { checkText } from '../../src/core/check';
import type { PythonSupport } from '../../src/core/python';
import type { PlannedFile } from '../../src/core/scaffold';
import { nodeProjectFiles } from '../../src/node/python/projectFiles';
import { PROJECTS, tempDir } from './pythonHelpers';

export const CLI = resolve(__dirname, '../../dist/cli.js');

export function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, LANG: 'C', ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Writes planned files into a fresh folder. */
export function writeFiles(name: string, files: PlannedFile[]): string {
  const dir = tempDir(name);
  for (const f of files) {
    mkdirSync(dirname(join(dir, f.path)), { recursive: true });
    writeFileSync(join(dir, f.path), f.content);
  }
  return dir;
}

/** A copy of a sample project without its web.config files: what `init` starts from. */
export function fixtureWithoutConfig(sample: string, name = `init-${sample}`): string {
  const dir = tempDir(name);
  cpSync(join(PROJECTS, sample), dir, { recursive: true });
  for (const f of listFiles(dir)) if (/(^|\/)web\.config$/i.test(f)) rmSync(join(dir, f));
  return dir;
}

export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(relative(dir, full).split('\\').join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

/** Every finding (any severity but information/hint) of every web.config under `dir`, with the Python-aware checks. */
export function problemsIn(dir: string, support: PythonSupport): string[] {
  const out: string[] = [];
  for (const f of listFiles(dir).filter((p) => /(^|\/)web\.config$/i.test(p))) {
    const folder = join(dir, dirname(f));
    const result = checkText(readFileSync(join(dir, f), 'utf8'), { project: nodeProjectFiles(folder), python: support });
    assert.deepEqual(result.internalErrors, [], `no rule may fail on ${f}`);
    for (const x of result.findings) if (x.severity === 'error' || x.severity === 'warning') out.push(`${f}: ${x.severity} ${x.code} ${result.text.slice(x.start, x.end)}`);
  }
  return out;
}

/** `flask-iis check DIR --format json`: the codes of errors and warnings (exit status asserted 0). */
export function cliProblems(dir: string): string[] {
  const r = cli(['check', dir, '--format', 'json']);
  assert.equal(r.status, 0, `flask-iis check ${dir}: ${r.stdout}${r.stderr}`);
  const json = JSON.parse(r.stdout) as { files: { path: string; diagnostics: { code: string; severity: string }[] }[] };
  assert.ok(json.files.length >= 1);
  return json.files.flatMap((f) => f.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning').map((d) => `${f.path}: ${d.code}`));
}

/** What Python's xml.dom.minidom — wfastcgi's parser — reads from a web.config: appSettings and <httpPlatform> attributes. */
export function readWithMinidom(text: string): Record<string, string> | undefined {
  const python = pythonWith([]);
  if (!python) return undefined;
  const file = join(tempDir('minidom'), 'web.config');
  writeFileSync(file, text);
  const script = [
    'import json, sys, xml.dom.minidom as m',
    'd = m.parse(sys.argv[1]); out = {}',
    'for a in d.getElementsByTagName("appSettings"):',
    '    for s in a.getElementsByTagName("add"): out[s.getAttribute("key")] = s.getAttribute("value")',
    'for tag in ("httpPlatform", "environmentVariable", "add", "remove"):',
    '    for e in d.getElementsByTagName(tag):',
    '        for k, v in e.attributes.items(): out[tag + "." + (e.getAttribute("name") or "") + "." + k] = v',
    'print(json.dumps(out))',
  ].join('\n');
  const r = spawnSync(python, ['-c', script, file], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as Record<string, string>;
}
