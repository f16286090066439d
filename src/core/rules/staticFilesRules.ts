/** static-files-through-python: a Flask static folder that every request for a file reaches through Python. */
import { attr, attrValue, children, isHttpPlatformHandler, isPythonFastCgiHandler, sectionElements, buildWebConfig, type WebConfig } from '../model/webConfig';
import { pythonAnalysis } from '../python/analysis';
import { Evaluator } from '../python/evaluate';
import { joinPath } from '../python/paths';
import { flaskStaticFolder } from '../python/staticFolder';
import { scanXml } from '../xml/scanner';
import type { XmlElement } from '../xml/types';
import { nameSpan, valueSpan, type Rule } from './context';

export const staticFilesThroughPython: Rule = (ctx) => {
  const analysis = pythonAnalysis(ctx.model, ctx.options);
  const r = analysis?.resolution;
  if (!analysis || !r || r.problems.length) return;
  const handler = ctx.model.handlers.find((h) => (isPythonFastCgiHandler(ctx.model, h) || isHttpPlatformHandler(h)) && attrValue(h, 'path')?.trim() === '*');
  if (!handler || handler.parent?.parent?.parent !== ctx.model.configuration) return;
  const where = flaskStaticFolder(new Evaluator(analysis.project), r.final);
  if (!where) return;
  const name = attrValue(handler, 'name') ?? '';
  if (excludedHere(ctx.model, where.url, name) || rewriteExcludes(ctx.model, where.url)) return;
  const files = analysis.project.files;
  const nestedName = [...(analysis.project.listDir(where.url)?.keys() ?? [])].find((n) => n.toLowerCase() === 'web.config');
  const nested = nestedName ? files.readText(joinPath(where.url, nestedName)) : undefined;
  const nameAttr = attr(handler, 'name');
  const span = nameAttr ? valueSpan(nameAttr) : nameSpan(handler);
  const args = { folder: where.folder, url: where.url, handler: name };
  if (nested !== undefined) {
    const removal = handlerRemoval(buildWebConfig(scanXml(nested)).scopes, name);
    if (removal.removes) return;
    if (removal.other) {
      const path = files.absolute?.(joinPath(where.url, nestedName!));
      const related = path ? [{ path, text: nested, start: removal.other.start, end: removal.other.end, messageKey: 'related.pyStaticConfig' as const }] : [];
      ctx.report('static-files-through-python', span.start, span.end, 'py.staticWrongName', { ...args, removed: removal.other.name }, related);
      return;
    }
  }
  ctx.report('static-files-through-python', span.start, span.end, 'py.staticThroughPython', args);
};

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

function excludedHere(model: WebConfig, url: string, name: string): boolean {
  const locations = model.configuration ? children(model.configuration, 'location') : [];
  const matching = locations.filter((l) => (attrValue(l, 'path') ?? '').replace(/^[\\/]+|[\\/]+$/g, '').toLowerCase() === url.toLowerCase());
  return handlerRemoval(matching, name).removes;
}

/** A rewrite rule that mentions the folder (a condition or pattern that sends it elsewhere than Python). */
function rewriteExcludes(model: WebConfig, url: string): boolean {
  const text = model.doc.text;
  return model.rewrites.some((r) => text.slice(r.start, r.end).toLowerCase().includes(url.toLowerCase()));
}
