/**
 * The Python entry files the servers run (.wsgi, .fcgi, .cgi): `application` defined (mod_wsgi and uWSGI's
 * wsgi-file serve that name), no server started on import (app.run()), nothing printed into a CGI response, a
 * shebang that is the virtual environment's python, the executable bit of scripts the server executes.
 */
import { parseSummary } from '../../python/moduleCache';
import { executedModules } from '../../python/executedModules';
import { readEnvironment } from '../../python/environment';
import { hasPythonAccess, PythonProject } from '../../python/project';
import { lineOf, relatedInFile } from '../../python/related';
import type { ModuleSummary } from '../../python/summary';
import type { ProjectFiles } from '../../rules/context';
import { kindOf, type Reporter, type ServerCheckInput, type ServerFile } from './types';

const MAX_FINDINGS_PER_FILE = 3;

/** Offsets of `print(...)` and `sys.stdout.write(...)` calls on code lines (comments left out; `file=` prints spared). */
export function stdoutWrites(text: string, from = 0, to = text.length): { start: number; end: number; what: string }[] {
  const out: { start: number; end: number; what: string }[] = [];
  const re = /(^|[^\w.])(print\s*\(|sys\.stdout\.write\s*\(|sys\.stdout\.writelines\s*\()/gm;
  re.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) && m.index < to) {
    const start = m.index + m[1]!.length;
    const lineStart = text.lastIndexOf('\n', start) + 1;
    const lineEnd = text.indexOf('\n', start) < 0 ? text.length : text.indexOf('\n', start);
    const before = text.slice(lineStart, start);
    if (before.includes('#') || /['"]/.test(before.replace(/\\./g, '').replace(/(['"]).*?\1/g, ''))) continue;
    if (/\bfile\s*=/.test(text.slice(start, lineEnd))) continue;
    out.push({ start, end: start + m[2]!.replace(/\s*\($/, '').length, what: m[2]!.replace(/\s*\($/, '') });
  }
  return out;
}

/** Where standard output is set aside (`sys.stdout = sys.stderr`, or any reassignment), if it is. */
function stdoutRedirect(text: string): number | undefined {
  const m = /^[ \t]*sys\.stdout\s*=(?!=)/m.exec(text);
  return m?.index;
}

function summaryOf(text: string, input: ServerCheckInput): ModuleSummary | undefined {
  if (!input.python) return undefined;
  const s = parseSummary(input.python.support.parser, text);
  return s.opaque ? undefined : s;
}

/** `application` without the parser: assigned, imported, or defined at the start of a line. */
const DEFINES_APPLICATION = /^(application\s*(:[^=\n]*)?=|def\s+application\b|class\s+application\b|from\s+\S+\s+import\s+[^#\n]*\bapplication\b|import\s+[^#\n]*\bas\s+application\b)/m;

function applicationCheck(file: ServerFile, summary: ModuleSummary | undefined, r: Reporter): void {
  const defined = summary ? summary.names.includes('application') || summary.starImports.length > 0 || summary.hasGetattr : DEFINES_APPLICATION.test(file.text) || /^from\s+\S+\s+import\s+\*/m.test(file.text);
  if (defined) return;
  const other = summary ? summary.names.find((n) => ['app', 'wsgi_app', 'api'].includes(n)) : /^(app\s*=|from\s+\S+\s+import\s+[^#\n]*\bapp\b)/m.test(file.text) ? 'app' : undefined;
  const at = other ? Math.max(0, file.text.search(new RegExp(`\\b${other}\\b(?![.\\w])`))) : 0;
  r.report(file.path, 'wsgi-file-no-application', at, other ? at + other.length : Math.min(file.text.indexOf('\n') < 0 ? file.text.length : file.text.indexOf('\n'), file.text.length), other ? 'servers.noApplicationRename' : 'servers.noApplication', { file: file.path, name: other ?? '' });
}

function projectOf(input: ServerCheckInput): PythonProject | undefined {
  const files: ProjectFiles | undefined = input.python?.files;
  if (!input.python || !hasPythonAccess(files)) return undefined;
  return new PythonProject(files, input.python.support, [], readEnvironment(files));
}

/** The protocol servers an entry is meant to run: `CGIHandler().run(app)`, flup's `WSGIServer(app).run()`. */
const PROTOCOL_SERVER = /^[\w.]*\b(CGIHandler|BaseCGIHandler|IISCGIHandler|WSGIServer)\s*\(/;

function isProtocolServer(text: string, callee: string): boolean {
  const object = callee.slice(0, callee.lastIndexOf('.'));
  if (!object || object.includes('.')) return false;
  return new RegExp(`^[ \\t]*${object}\\s*=\\s*[\\w.]*\\b(CGIHandler|BaseCGIHandler|IISCGIHandler|WSGIServer)\\s*\\(`, 'm').test(text);
}

/** app.run() in the entry itself, or in a project module the entry's imports execute. */
function runCheck(file: ServerFile, summary: ModuleSummary, project: PythonProject | undefined, input: ServerCheckInput, r: Reporter): void {
  let reported = 0;
  for (const run of summary.runCalls) {
    if (PROTOCOL_SERVER.test(file.text.slice(run.span.start, run.span.end)) || isProtocolServer(file.text, run.callee)) continue;
    if (reported++ >= MAX_FINDINGS_PER_FILE) return;
    r.report(file.path, 'app-run-at-import', run.span.start, run.span.end, 'servers.runAtImport', { callee: run.callee, file: file.path, line: lineOf({ readText: () => file.text }, '', run.span.start) });
  }
  if (!project) return;
  const files = input.python!.files;
  for (const ref of summary.imports) {
    if (ref.level) continue;
    const at = importSpan(file.text, ref.module);
    for (const module of executedModules(project, ref.module)) {
      const s = project.summary(module);
      for (const run of s?.opaque ? [] : s?.runCalls ?? []) {
        if (reported++ >= MAX_FINDINGS_PER_FILE || !module.file) return;
        r.report(file.path, 'app-run-at-import', at.start, at.end, 'servers.runAtImportModule', { callee: run.callee, file: module.file, line: lineOf(files, module.file, run.span.start) }, relatedInFile(files, module.file, run.span, 'related.pyRunCall'));
      }
    }
  }
}

function importSpan(text: string, module: string): { start: number; end: number } {
  const re = new RegExp(`^[ \\t]*(from|import)[ \\t]+(${module.replace(/\./g, '\\.')})\\b`, 'm');
  const m = re.exec(text);
  if (!m) return { start: 0, end: 0 };
  const start = m.index + m[0].length - m[2]!.length;
  return { start, end: start + m[2]!.length };
}

/** A print in the CGI script before standard output is set aside, or in the modules it imports when it never is. */
function cgiStdoutCheck(file: ServerFile, summary: ModuleSummary | undefined, project: PythonProject | undefined, input: ServerCheckInput, r: Reporter): void {
  const redirect = stdoutRedirect(file.text);
  let reported = 0;
  for (const w of stdoutWrites(file.text, 0, redirect ?? file.text.length)) {
    if (reported++ >= MAX_FINDINGS_PER_FILE) return;
    r.report(file.path, 'cgi-writes-stdout', w.start, w.end, 'servers.cgiStdout', { what: w.what });
  }
  if (!project || !summary) return;
  const files = input.python!.files;
  for (const ref of summary.imports) {
    const at = importSpan(file.text, ref.module);
    if (ref.level || (redirect !== undefined && redirect < at.start)) continue;
    for (const module of executedModules(project, ref.module)) {
      const text = module.file ? files.readText(module.file) : undefined;
      const w = text !== undefined ? stdoutWrites(text)[0] : undefined;
      if (!w || !module.file) continue;
      if (reported++ >= MAX_FINDINGS_PER_FILE) return;
      r.report(file.path, 'cgi-writes-stdout', at.start, at.end, 'servers.cgiStdoutModule', { what: w.what, file: module.file, line: lineOf(files, module.file, w.start) }, relatedInFile(files, module.file, w, 'related.cgiPrint'));
      break;
    }
  }
}

/** The shebang of a script the server executes: present, not `env python` (the server's PATH has no venv), the venv's. */
function shebangCheck(file: ServerFile, input: ServerCheckInput, r: Reporter): void {
  const first = file.text.split('\n', 1)[0]!.replace(/\r$/, '');
  if (!first.startsWith('#!')) {
    r.report(file.path, 'shebang-not-venv', 0, 0, 'servers.shebangMissing', { file: file.path });
    return;
  }
  const interpreter = first.slice(2).trim();
  const end = first.length;
  if (/^\/usr\/bin\/env\b/.test(interpreter)) {
    r.report(file.path, 'shebang-not-venv', 0, end, 'servers.shebangEnv', { shebang: interpreter, venv: input.venv ?? '.venv' });
    return;
  }
  if (input.venv && !new RegExp(`/${input.venv.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/bin/python[0-9.]*$`).test(interpreter.split(/\s+/)[0]!)) {
    r.report(file.path, 'shebang-not-venv', 0, end, 'servers.shebangNotVenv', { shebang: interpreter, venv: input.venv });
  }
}

export function checkEntries(input: ServerCheckInput, r: Reporter): void {
  const entries = input.files.filter((f) => ['wsgi', 'fcgi', 'cgi'].includes(kindOf(f) ?? ''));
  if (!entries.length) return;
  const project = projectOf(input);
  for (const file of entries) {
    const kind = kindOf(file)!;
    const summary = summaryOf(file.text, input);
    if (kind === 'wsgi') applicationCheck(file, summary, r);
    if (summary) runCheck(file, summary, project, input, r);
    if (kind === 'cgi') cgiStdoutCheck(file, summary, project, input, r);
    if (kind !== 'wsgi') {
      shebangCheck(file, input, r);
      if (file.executable === false) r.report(file.path, 'script-not-executable', 0, Math.max(0, file.text.indexOf('\n')), 'servers.notExecutable', { file: file.path, kind: kind === 'cgi' ? 'CGI' : 'FastCGI' });
    }
  }
}
