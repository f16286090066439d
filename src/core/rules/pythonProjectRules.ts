/** The project around the handler: pythonpath-not-found, venv-not-used, app-run-at-import. */
import { attr, isHttpPlatformHandler, isPythonFastCgiHandler } from '../model/webConfig';
import { executedModules } from '../python/executedModules';
import { isRemotePath, lookupPath, MAX_SEARCH_ROOTS, type PythonPathEntry } from '../python/pythonPath';
import type { PythonAnalysis } from '../python/analysis';
import type { PythonFiles } from '../python/project';
import { lineOf, relatedInFile } from '../python/related';
import { valueOffset } from '../xml/entities';
import type { XmlAttribute } from '../xml/types';
import { handlerSpan } from './handlerSite';
import { pythonPathEntryMalformed } from './settingRules';
import { valueSpan, type Rule, type RuleContext } from './context';
import { ruleAnalysis, sourceContext } from './hostEnv';
import { liveHandlers } from './reach';

export const pythonPathNotFound: Rule = (ctx) => {
  const analysis = ruleAnalysis(ctx);
  if (analysis?.hostPythonPath) hostPythonPath(ctx, analysis.hostPythonPath, analysis.project.files);
  const pp = analysis?.pythonPath;
  if (!analysis || !pp?.setting.valueAttr) return;
  const files = analysis.project.files;
  const said = new Set<string>();
  // Each different folder is looked up once, and at most MAX_SEARCH_ROOTS of them; the rest are summarised.
  const isDir = new Map<string, boolean>();
  let skipped: { entry: PythonPathEntry; count: number } | undefined;
  for (const entry of pp.entries) {
    if (pythonPathEntryMalformed(entry.raw)) continue;
    const remote = entry.expanded !== undefined && isRemotePath(entry.expanded);
    if (!entry.server && (remote || (entry.kind === 'windows' && !files.windowsPaths))) {
      // Said once per entry: modules only found there are not checked here (the other entries still are).
      if (entry.expanded !== undefined && !said.has(entry.raw)) {
        said.add(entry.raw);
        const span = attrSpan(ctx, pp.setting.valueAttr, entry.start, entry.end);
        ctx.report('pythonpath-not-checkable', span.start, span.end, remote ? 'py.pythonPathRemote' : 'py.pythonPathOutsideSite', { entry: entry.raw });
      }
      continue;
    }
    const path = lookupPath(entry, files.windowsPaths === true);
    if (path === undefined || path === '.') continue;
    let found = isDir.get(path);
    if (found === undefined) {
      if (isDir.size >= MAX_SEARCH_ROOTS) {
        if (skipped) skipped.count++;
        else skipped = { entry, count: 1 };
        continue;
      }
      isDir.set(path, (found = files.isDirectory(path)));
    }
    if (found) continue;
    const span = attrSpan(ctx, pp.setting.valueAttr, entry.start, entry.end);
    const resolved = `"${files.absolute?.(path) ?? path}"`;
    if (entry.server) ctx.report('pythonpath-not-found', span.start, span.end, 'py.pythonPathNotFoundMapped', { entry: entry.raw, resolved });
    else ctx.report('pythonpath-not-found', span.start, span.end, 'py.pythonPathNotFound', { entry: entry.raw, resolved });
  }
  if (!skipped) return;
  const span = attrSpan(ctx, pp.setting.valueAttr, skipped.entry.start, skipped.entry.end);
  ctx.report('check-truncated', span.start, span.end, 'py.pythonPathNotLookedUp', { count: skipped.count, shown: MAX_SEARCH_ROOTS });
};

/**
 * PYTHONPATH of the host's FastCGI environment: said on the scriptProcessor that selects that FastCGI application
 * (the file the user has), with where it is set in applicationHost.config. Once per entry.
 */
function hostPythonPath(rule: RuleContext, hp: NonNullable<PythonAnalysis['hostPythonPath']>, files: PythonFiles): void {
  const ctx = sourceContext(rule, { value: hp.host.value, host: hp.host });
  const span = valueSpan(hp.host.anchor);
  const said = new Set<string>();
  for (const entry of hp.entries) {
    if (said.has(entry.raw) || pythonPathEntryMalformed(entry.raw)) continue;
    said.add(entry.raw);
    if (entry.kind === 'relative') {
      ctx.report('pythonpath-not-checkable', span.start, span.end, 'py.hostPythonPathRelative', { entry: entry.raw });
    } else if (entry.server) {
      if (entry.server.mapped !== '.' && !files.isDirectory(entry.server.mapped)) {
        ctx.report('pythonpath-not-found', span.start, span.end, 'py.hostPythonPathNotFound', { entry: entry.raw, resolved: `"${files.absolute?.(entry.server.mapped) ?? entry.server.mapped}"` });
      }
    } else if (!files.windowsPaths || entry.expanded === undefined || isRemotePath(entry.expanded)) {
      ctx.report('pythonpath-not-checkable', span.start, span.end, 'py.hostPythonPathOutsideSite', { entry: entry.raw });
    }
  }
}

function attrSpan(ctx: RuleContext, a: XmlAttribute, start: number, end: number): { start: number; end: number } {
  return { start: valueOffset(ctx.text, a, start), end: valueOffset(ctx.text, a, end) };
}

/** The interpreters the configuration starts: scriptProcessor's python.exe half, httpPlatform's processPath. */
function interpreters(ctx: RuleContext): { attribute: 'scriptProcessor' | 'processPath'; attr: XmlAttribute; exe: string; end: number }[] {
  const out: { attribute: 'scriptProcessor' | 'processPath'; attr: XmlAttribute; exe: string; end: number }[] = [];
  for (const h of liveHandlers(ctx.model)) {
    const sp = isPythonFastCgiHandler(ctx.model, h) ? attr(h, 'scriptProcessor') : undefined;
    if (sp && sp.value.includes('|')) out.push({ attribute: 'scriptProcessor', attr: sp, exe: sp.value.slice(0, sp.value.indexOf('|')), end: sp.value.indexOf('|') });
  }
  if (liveHandlers(ctx.model).some(isHttpPlatformHandler) || ctx.model.httpPlatforms.length) {
    for (const p of ctx.model.httpPlatforms) {
      const pp = attr(p, 'processPath');
      if (pp) out.push({ attribute: 'processPath', attr: pp, exe: pp.value, end: pp.value.length });
    }
  }
  return out;
}

const norm = (p: string) => p.trim().replace(/^"|"$/g, '').replace(/\//g, '\\').replace(/\\+$/, '').toLowerCase();

export const venvNotUsed: Rule = (ctx) => {
  const analysis = ruleAnalysis(ctx);
  const venv = analysis?.env.venvs[0];
  if (!analysis || !venv) return;
  for (const i of interpreters(ctx)) {
    const exe = i.exe.trim();
    if (!exe || exe.includes('%') || /\{\{|__\w+__/.test(exe)) continue;
    const parts = norm(exe).split('\\');
    const usesVenv = analysis.env.venvs.some((v) => parts.some((p, k) => p === v.dir.toLowerCase() && /^(scripts|bin)$/.test(parts[k + 1] ?? '')));
    if (usesVenv) continue;
    const exeDir = parts.slice(0, -1).join('\\');
    const base = venv.home !== undefined && norm(venv.home) === exeDir;
    const span = attrSpan(ctx, i.attr, 0, i.end);
    const related = relatedInFile(analysis.project.files, `${venv.dir}/pyvenv.cfg`, { start: 0, end: 0 }, 'related.pyvenv');
    const suggestion = `"<site folder>\\${venv.dir}\\Scripts\\python.exe"`;
    ctx.report('venv-not-used', span.start, span.end, 'py.venvNotUsed', {
      venv: venv.dir, attribute: i.attribute, exe, base: base ? '@py.venvNotUsed.base' : '', suggestion,
      register: i.attribute === 'scriptProcessor' ? '@py.venvNotUsed.register' : '',
    }, related);
    return;
  }
};

const MAX_RUN_FINDINGS = 3;

export const appRunAtImport: Rule = (rule) => {
  const analysis = ruleAnalysis(rule);
  const r = analysis?.resolution;
  const setting = analysis?.handler;
  if (!analysis || !r || !(setting?.valueAttr || setting?.host) || r.module?.kind !== 'project') return;
  const ctx = sourceContext(rule, setting);
  const moduleName = r.module.module.name;
  const last = r.segments[r.moduleSegments - 1]!;
  const span = handlerSpan(ctx, setting, 0, last.end);
  let reported = 0;
  for (const module of executedModules(analysis.project, moduleName)) {
    const summary = analysis.project.summary(module);
    for (const run of summary?.opaque ? [] : summary?.runCalls ?? []) {
      if (reported++ >= MAX_RUN_FINDINGS || !module.file) return;
      const files = analysis.project.files;
      const related = relatedInFile(files, module.file, run.span, 'related.pyRunCall');
      ctx.report('app-run-at-import', span.start, span.end, 'py.runAtImport', { file: module.file, callee: run.callee, line: lineOf(files, module.file, run.span.start) }, related);
    }
  }
};
