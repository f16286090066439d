/**
 * The command a reverse-proxy bridge's Windows service runs, read from its WinSW definition in the application
 * folder (service/*.xml, or *.xml beside web.config), made runnable here: the interpreter the user chose instead of
 * the server's python.exe (the repository never chooses a program to run unless --trust-config), the app folder as
 * working folder, PYTHONPATH entries below the server's site folder mapped to this folder, and the port moved to
 * a free one.
 */
import { readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { decodeEntities } from '../../core/xml/entities';
import { scanXml } from '../../core/xml/scanner';
import type { XmlElement } from '../../core/xml/types';
import { readRegularFile } from '../safeRead';
import { splitCommandLine } from './httpPlatformLaunch';

export interface ServiceCommand {
  file: string;
  executable: string;
  args: string[];
  workingDirectory: string | undefined;
  env: [string, string][];
}

const PYTHON_NAME = /(^|[\\/])python(w)?(\d+(\.\d+)*)?(\.exe)?$/i;

function text(doc: string, el: XmlElement | undefined): string | undefined {
  if (!el || el.selfClosing) return el ? '' : undefined;
  return decodeEntities(doc.slice(el.openEnd, doc.lastIndexOf('</', el.end))).value.trim();
}

export function parseWinsw(xml: string, file: string): ServiceCommand | undefined {
  const doc = scanXml(xml);
  const root = doc.root;
  if (!root || root.name !== 'service' || doc.problems.some((p) => p.kind === 'malformed')) return undefined;
  const child = (name: string) => root.children.find((c) => c.name === name);
  const executable = text(xml, child('executable'));
  if (!executable) return undefined;
  const many = root.children.filter((c) => c.name === 'argument' || c.name === 'startargument').map((c) => text(xml, c) ?? '');
  const args = many.length ? many : splitCommandLine(text(xml, child('arguments') ?? child('startarguments')) ?? '');
  const env = root.children.filter((c) => c.name === 'env').map((e): [string, string] => [e.attributes.find((a) => a.name === 'name')?.value ?? '', e.attributes.find((a) => a.name === 'value')?.value ?? '']).filter(([k]) => k);
  return { file, executable, args, workingDirectory: text(xml, child('workingdirectory')), env };
}

/** The WinSW definitions of the folder (service/*.xml first), the one listening on `port` first. */
export function findServiceDefinitions(appDir: string, port: number | undefined): ServiceCommand[] {
  const found: ServiceCommand[] = [];
  for (const folder of [join(appDir, 'service'), appDir]) {
    let names: string[] = [];
    try {
      names = readdirSync(folder).filter((n) => /\.xml$/i.test(n)).sort().slice(0, 50);
    } catch {
      continue;
    }
    for (const n of names) {
      const read = readRegularFile(join(folder, n), 1_000_000, { noFollow: true });
      const parsed = read.ok ? parseWinsw(read.bytes.toString('utf8'), join(folder, n)) : undefined;
      if (parsed) found.push(parsed);
    }
  }
  const listens = (s: ServiceCommand) => port !== undefined && s.args.some((a, i) => new RegExp(`[:=]${port}$`).test(a) || (/^--?port$/.test(s.args[i - 1] ?? '') && a === String(port)));
  return [...found.filter(listens), ...found.filter((s) => !listens(s))];
}

/** The arguments with the declared port replaced by `local` (--listen=127.0.0.1:P, --port P, --bind ...:P). */
export function movePort(args: string[], declared: number, local: number): { args: string[]; moved: boolean } {
  let moved = false;
  const out = args.map((a, i) => {
    if (/^--?port$/.test(args[i - 1] ?? '') && a === String(declared)) return (moved = true), String(local);
    const m = new RegExp(`^(--(?:port|listen|bind)=(?:.*:)?)${declared}$`).exec(a);
    if (m) return (moved = true), `${m[1]}${local}`;
    return a;
  });
  return { args: out, moved };
}

/** PYTHONPATH of the service (`;`-separated server paths) for this machine: entries below a server root map here. */
export function localPythonPath(value: string, serverRoots: string[], appDir: string): { value: string; dropped: string[] } {
  const dropped: string[] = [];
  const out: string[] = [];
  for (const raw of value.split(';').map((s) => s.trim()).filter(Boolean)) {
    const root = serverRoots.find((r) => raw.toLowerCase() === r.toLowerCase() || raw.toLowerCase().startsWith(`${r.toLowerCase().replace(/\\+$/, '')}\\`));
    if (root) out.push(join(appDir, ...raw.slice(root.length).split(/[\\/]+/).filter(Boolean)));
    else if (!/^[A-Za-z]:|^[\\/]/.test(raw)) out.push(join(appDir, ...raw.split(/[\\/]+/).filter(Boolean)));
    else dropped.push(raw);
  }
  return { value: out.join(delimiter), dropped };
}

export type ServiceLaunch = { argv: string[]; env: Record<string, string>; file: string; notes: string[] } | { problem: string };

export function serviceLaunch(s: ServiceCommand, python: string | undefined, trustConfig: boolean, appDir: string, sitePath: string | undefined, declared: number, local: number): ServiceLaunch {
  const notes: string[] = [];
  let exe: string | undefined;
  if (trustConfig && !/^[A-Za-z]:\\/.test(s.executable)) exe = s.executable;
  else if (PYTHON_NAME.test(s.executable)) {
    exe = python;
    if (python) notes.push(`${s.file}: runs ${s.executable} on the server; here ${python}`);
  }
  if (!exe) return { problem: python ? `${s.file}: the service runs ${s.executable}, not a Python interpreter; start it yourself, or use --trust-config` : 'no Python interpreter to run the service with (use --python)' };
  const { args, moved } = movePort(s.args, declared, local);
  if (!moved) return { problem: `${s.file}: the service's arguments do not name port ${declared}, where web.config sends the requests` };
  const roots = [s.workingDirectory, sitePath].filter((r): r is string => !!r);
  const env: Record<string, string> = {};
  for (const [k, v] of s.env) {
    if (k.toUpperCase() !== 'PYTHONPATH') env[k] = v;
    else {
      const mapped = localPythonPath(v, roots, appDir);
      env[k] = mapped.value;
      for (const d of mapped.dropped) notes.push(`PYTHONPATH entry ${d} is not below the site folder; left out here`);
    }
  }
  return { argv: [exe, ...args], env, file: s.file, notes };
}
