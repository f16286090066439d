/**
 * What may be installed rather than in the project: virtual environments (found by pyvenv.cfg), their
 * site-packages, requirements files and pyproject.toml dependencies. Such modules are never reported missing.
 */
import type { DirEntry, ProjectFiles } from '../rules/context';
import { IMPORT_NAMES } from './frameworks';
import { joinPath } from './paths';
import { scanPyproject } from './pyproject';

export interface VirtualEnv {
  /** The venv folder, relative to the application folder. */
  dir: string;
  /** `home = ...` of pyvenv.cfg: the base interpreter's folder. */
  home: string | undefined;
  cfgText: string | undefined;
}

export interface Environment {
  venvs: VirtualEnv[];
  /** Top-level modules in a project venv's site-packages: certainly importable there. */
  sitePackages: Set<string>;
  /** Lower-cased import names of declared dependencies (requirements*.txt, pyproject.toml). */
  declared: Set<string>;
}

type Files = ProjectFiles & { listDir(path: string): DirEntry[] | undefined; isFile(path: string): boolean };

export function readEnvironment(files: Files): Environment {
  const entries = files.listDir('.') ?? [];
  const venvs: VirtualEnv[] = [];
  for (const e of entries) {
    if (e.kind !== 'dir' || !files.isFile(joinPath(e.name, 'pyvenv.cfg'))) continue;
    const cfgText = files.readText(joinPath(e.name, 'pyvenv.cfg'));
    const home = cfgText && /^\s*home\s*=\s*(.*?)\s*$/m.exec(cfgText)?.[1];
    venvs.push({ dir: e.name, home: home || undefined, cfgText });
  }
  const sitePackages = new Set<string>();
  for (const v of venvs) for (const dir of sitePackageDirs(files, v.dir)) addTopLevel(files.listDir(dir) ?? [], sitePackages);
  const declared = new Set<string>();
  for (const e of entries) {
    if (e.kind === 'file' && /^requirements.*\.txt$/i.test(e.name)) requirementNames(files.readText(e.name) ?? '', declared);
  }
  for (const e of files.listDir('requirements') ?? []) {
    if (e.kind === 'file' && e.name.endsWith('.txt')) requirementNames(files.readText(joinPath('requirements', e.name)) ?? '', declared);
  }
  pyprojectNames(files.readText('pyproject.toml') ?? '', declared);
  return { venvs, sitePackages, declared };
}

function sitePackageDirs(files: Files, venv: string): string[] {
  const out = [joinPath(venv, 'Lib/site-packages')];
  for (const lib of ['lib', 'lib64']) {
    for (const e of files.listDir(joinPath(venv, lib)) ?? []) if (e.kind === 'dir' && /^python\d/.test(e.name)) out.push(joinPath(venv, `${lib}/${e.name}/site-packages`));
  }
  return out;
}

function addTopLevel(entries: DirEntry[], out: Set<string>): void {
  for (const e of entries) {
    if (e.kind === 'dir' && !/\.(dist|egg)-info$/.test(e.name) && e.name !== '__pycache__') out.add(e.name);
    else if (e.kind === 'file' && /\.(py|pyd|so)$/.test(e.name)) out.add(e.name.slice(0, e.name.indexOf('.')));
  }
}

function addDistribution(name: string, out: Set<string>): void {
  const normalized = name.toLowerCase().replace(/[-_.]+/g, '-');
  out.add(normalized.replace(/-/g, '_'));
  for (const alias of IMPORT_NAMES[normalized] ?? []) out.add(alias.toLowerCase());
}

export function requirementNames(text: string, out: Set<string>): void {
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(line.replace(/#.*/, ''));
    if (m && !/^\s*-/.test(line)) addDistribution(m[1]!, out);
  }
}

/** `[project] dependencies = [...]`, optional-dependencies arrays, and `[tool.poetry.dependencies]` keys. */
export function pyprojectNames(text: string, out: Set<string>): void {
  scanPyproject(
    text,
    (section, line) => /^\s*(dependencies|[\w-]+)\s*=\s*\[/.test(line) && (section === 'project' || section === 'project.optional-dependencies'),
    (line) => {
      for (const m of line.matchAll(/["']\s*([A-Za-z0-9][A-Za-z0-9._-]*)/g)) addDistribution(m[1]!, out);
    },
    (section, line) => {
      const key = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*=/.exec(line);
      if (key && /^tool\.poetry\.(dev-)?(group\.[\w-]+\.)?dependencies$/.test(section) && key[1] !== 'python') addDistribution(key[1]!, out);
    },
  );
}
