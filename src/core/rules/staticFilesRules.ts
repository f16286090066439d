/**
 * Static files that IIS serves, and that exist: where the URL of a file of the static folder (`/static/site.css`)
 * maps on disk (urlMap.ts: rewrite rules, the site's folders), and whether the Python handler is removed there.
 *   static-files-through-python: the URL reaches Python (slow, one single-threaded process per file request).
 *   static-folder-unreachable: the handler is removed where the URL maps, but the files are elsewhere (a static
 *     folder inside a package: `static/web.config` at the site root makes every file answer 404).
 * Silent when the URL maps to the folder holding the files and the handler is removed there.
 */
import { mapUrl, type UrlMapping } from '../iis/urlMap';
import { rewriteRules } from '../iis/rewriteRules';
import { attr, attrValue, buildWebConfig, children, isHttpPlatformHandler, isPythonFastCgiHandler, sectionElements, type WebConfig } from '../model/webConfig';
import type { PythonAnalysis } from '../python/analysis';
import { Evaluator } from '../python/evaluate';
import { joinPath } from '../python/paths';
import { djangoStaticFolder, flaskStaticFolder, type StaticFolder } from '../python/staticFolder';
import { scanXml } from '../xml/scanner';
import type { XmlElement } from '../xml/types';
import { nameSpan, valueSpan, type Rule } from './context';
import { ruleAnalysis } from './hostEnv';

export const staticFilesThroughPython: Rule = (ctx) => {
  const analysis = ruleAnalysis(ctx);
  const r = analysis?.resolution;
  if (!analysis || !r || r.problems.length) return;
  const handler = ctx.model.handlers.find((h) => (isPythonFastCgiHandler(ctx.model, h) || isHttpPlatformHandler(h)) && attrValue(h, 'path')?.trim() === '*');
  if (!handler || handler.parent?.parent?.parent !== ctx.model.configuration) return;
  const settings = analysis.djangoSettings;
  const where = settings ? djangoStaticFolder(analysis.project, settings) : flaskStaticFolder(new Evaluator(analysis.project), r.final);
  if (!where) return;
  const name = attrValue(handler, 'name') ?? '';
  const nameAttr = attr(handler, 'name');
  const span = nameAttr ? valueSpan(nameAttr) : nameSpan(handler);
  const judged = judge(ctx.model, analysis, where, name);
  if (!judged) return;
  const args = { folder: where.folder, url: where.url, handler: name, config: judged.configFolder, file: judged.sample, mapped: judged.mapped, rewrite: judged.needsRewrite ? 'yes' : '' };
  if (judged.verdict === 'unreachable') return ctx.report('static-folder-unreachable', span.start, span.end, 'py.staticUnreachable', args);
  if (judged.verdict === 'wrong-name') {
    const related = judged.other ? [{ ...judged.other, messageKey: 'related.pyStaticConfig' as const }] : [];
    return ctx.report('static-files-through-python', span.start, span.end, 'py.staticWrongName', { ...args, removed: judged.other?.name ?? '' }, related);
  }
  const key = where.django ? 'py.staticDjango' : judged.needsRewrite ? 'py.staticInPackage' : 'py.staticThroughPython';
  ctx.report('static-files-through-python', span.start, span.end, key, args);
};

interface Judged {
  verdict: 'through-python' | 'unreachable' | 'wrong-name';
  /** The folder whose web.config must remove the handler: the static folder itself. */
  configFolder: string;
  /** The file whose URL was followed (a real one when the folder has files). */
  sample: string;
  /** Where its URL maps. */
  mapped: string;
  /** The URL does not reach the static folder without a rewrite rule (or a virtual directory). */
  needsRewrite: boolean;
  other?: { name: string; path: string; text: string; start: number; end: number };
}

function judge(model: WebConfig, analysis: PythonAnalysis, where: StaticFolder, handlerName: string): Judged | undefined {
  const files = analysis.project.files;
  const exists = (p: string) => (files.isFile(p) ? 'file' : files.isDirectory(p) ? 'dir' : undefined);
  const inside = sampleFile(analysis, where.folder) ?? 'site.css';
  const sample = joinPath(where.folder, inside);
  const mapping: UrlMapping = mapUrl({ rules: rewriteRules(model), virtualDirs: [], exists }, `/${where.url}/${inside}`);
  if (mapping.kind !== 'file') return undefined;
  const reachesFolder = mapping.physical.toLowerCase() === sample.toLowerCase();
  const removal = removedAlong(model, analysis, mapping, handlerName);
  const base = { configFolder: where.folder, sample, mapped: mapping.physical, needsRewrite: !reachesFolder };
  if (removal.removes) return reachesFolder ? undefined : { verdict: 'unreachable', ...base };
  if (removal.other && reachesFolder) return { verdict: 'wrong-name', ...base, other: removal.other };
  return { verdict: 'through-python', ...base };
}

/** A file of the static folder (breadth-first, two levels), so the URL followed is one a page really asks for. */
function sampleFile(analysis: PythonAnalysis, folder: string): string | undefined {
  let level = [''];
  for (let depth = 0; depth < 2 && level.length; depth++) {
    const next: string[] = [];
    for (const rel of level) {
      const entries = analysis.project.listDir(rel ? joinPath(folder, rel) : folder);
      for (const [name, kind] of [...(entries ?? [])].sort(([a], [b]) => (a < b ? -1 : 1))) {
        if (kind === 'file' && name.toLowerCase() !== 'web.config') return rel ? `${rel}/${name}` : name;
        if (kind === 'dir') next.push(rel ? `${rel}/${name}` : name);
      }
    }
    level = next;
  }
  return undefined;
}

/** Whether the web.config files along the request (or a root <location>) remove the handler by its name. */
function removedAlong(model: WebConfig, analysis: PythonAnalysis, mapping: Extract<UrlMapping, { kind: 'file' }>, name: string): { removes: boolean; other?: Judged['other'] } {
  const segments = mapping.url.split('/').filter(Boolean);
  for (let i = 1; i < segments.length; i++) {
    const prefix = segments.slice(0, i).join('/').toLowerCase();
    const locations = model.configuration ? children(model.configuration, 'location').filter((l) => (attrValue(l, 'path') ?? '').replace(/^[\\/]+|[\\/]+$/g, '').replace(/\\/g, '/').toLowerCase() === prefix) : [];
    if (handlerRemoval(locations, name).removes) return { removes: true };
  }
  let other: Judged['other'];
  const files = analysis.project.files;
  for (const folder of mapping.configFolders.slice(1)) {
    const configName = [...(analysis.project.listDir(folder)?.keys() ?? [])].find((n) => n.toLowerCase() === 'web.config');
    const text = configName ? files.readText(joinPath(folder, configName)) : undefined;
    if (text === undefined) continue;
    const removal = handlerRemoval(buildWebConfig(scanXml(text)).scopes, name);
    if (removal.removes) return { removes: true };
    const path = files.absolute?.(joinPath(folder, configName!));
    if (removal.other && path) other ??= { ...removal.other, path, text };
  }
  return other ? { removes: false, other } : { removes: false };
}

/** `<remove name="handler"/>` (IIS compares collection keys case-insensitively) or `<clear/>` in handlers. */
function handlerRemoval(scopes: XmlElement[], name: string): { removes: boolean; other?: { name: string; start: number; end: number } } {
  let other: { name: string; start: number; end: number } | undefined;
  for (const handlers of sectionElements(scopes, ['system.webServer', 'handlers'])) {
    if (children(handlers, 'clear').length) return { removes: true };
    for (const remove of children(handlers, 'remove')) {
      const a = attr(remove, 'name');
      if (!a) continue;
      if (a.value.trim().toLowerCase() === name.trim().toLowerCase()) return { removes: true };
      other ??= { name: a.value, ...valueSpan(a) };
    }
  }
  return other ? { removes: false, other } : { removes: false };
}

