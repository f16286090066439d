/**
 * Exclusions that do nothing: handler-remove-unmatched (a `<remove>` that matches no handler in force),
 * static-exclusion-ineffective (an empty `<location path="static">`), rewrite-rule-never-matches (`^/` in a
 * web.config rule's match url).
 */
import { attr, attrValue, children, forEachDescendant, sectionElements } from '../model/webConfig';
import type { XmlElement } from '../xml/types';
import { nameSpan, valueSpan, type Rule, type RuleContext } from './context';
import { hostOf } from './hostEnv';
import { apply, HandlerList, inheritedHandlers, isSubFolder, rootHandlerSections, type InheritedHandler } from './inheritance';
import { handlerKey } from './reach';

const PYTHONISH = /py|fastcgi|wsgi|flask|django|platform|cgi/i;

export const handlerRemoveUnmatched: Rule = (ctx) => {
  const inherited = inheritedHandlers(ctx);
  let own = inherited;
  for (const section of rootHandlerSections(ctx.model)) {
    if (isSubFolder(ctx)) checkRemoves(ctx, section, own);
    own = apply(own, section);
  }
  const locations = ctx.model.configuration ? children(ctx.model.configuration, 'location') : [];
  for (const loc of locations) {
    if (['', '.'].includes((attrValue(loc, 'path') ?? '').trim())) continue;
    for (const section of sectionElements([loc], ['system.webServer', 'handlers'])) checkRemoves(ctx, section, own);
  }
};

/** Reports removes that match nothing in force, when a Python handler is in force and still is after the section. */
function checkRemoves(ctx: RuleContext, section: XmlElement, before: InheritedHandler[]): void {
  if (!before.some((h) => h.bridge)) return;
  if (apply(before, section).filter((h) => h.bridge).length === 0) return;
  const serverNames = new Set((hostOf(ctx)?.serverHandlers ?? []).map((h) => handlerKey(attrValue(h.element, 'name'))));
  const current = new HandlerList(before);
  for (const item of section.children) {
    if (item.name === 'remove') {
      const a = attr(item, 'name');
      const name = handlerKey(a?.value);
      if (a && name && PYTHONISH.test(name) && !current.has(name) && !serverNames.has(name)) {
        const actual = current.firstBridge()!;
        const span = valueSpan(a);
        const where = actual.path ?? '';
        ctx.report('handler-remove-unmatched', span.start, span.end, where ? 'handler.removeUnmatched' : 'handler.removeUnmatchedHere',
          { name: a.value, actual: actual.name, file: where },
          [{ ...(where ? { path: where, text: actual.text } : {}), ...nameSpan(actual.element), messageKey: 'related.handlerAdded' }]);
      }
    }
    current.applyItem(item);
  }
}

/** Elements that only group others: a location holding nothing but these changes nothing. */
const CONTAINERS = new Set(['system.webServer', 'system.web', 'handlers', 'modules', 'staticContent', 'security']);

export const emptyLocation: Rule = (ctx) => {
  const root = ctx.model.configuration;
  if (!root) return;
  let own = inheritedHandlers(ctx);
  for (const section of rootHandlerSections(ctx.model)) own = apply(own, section);
  if (!own.some((h) => h.bridge && attrValue(h.element, 'path')?.trim() === '*')) return;
  for (const loc of children(root, 'location')) {
    const path = attr(loc, 'path');
    if (!path || ['', '.'].includes(path.value.trim())) continue;
    let meaningful = false;
    forEachDescendant(loc, (d) => {
      if (!CONTAINERS.has(d.name) || d.attributes.length) meaningful = true;
    });
    if (meaningful || loc.attributes.some((a) => a.name !== 'path')) continue;
    const span = valueSpan(path);
    ctx.report('static-exclusion-ineffective', span.start, span.end, 'static.emptyLocation', { path: path.value });
  }
};

/** In a web.config, URL Rewrite matches `<match url>` against the path without its leading "/". */
export const rewriteNeverMatches: Rule = (ctx) => {
  for (const rule of sectionElements(ctx.model.rewrites, ['rules', 'rule'])) {
    const match = children(rule, 'match')[0];
    const url = match && attr(match, 'url');
    if (!url || (attrValue(match, 'negate') ?? '').trim().toLowerCase() === 'true') continue;
    const syntax = (attrValue(rule, 'patternSyntax') ?? 'ECMAScript').trim().toLowerCase();
    const v = url.value;
    const never = syntax === 'wildcard' || syntax === 'exactmatch' ? v.startsWith('/') : /^\^(\/|\\\/)/.test(v);
    if (!never) continue;
    const fixed = syntax === 'wildcard' || syntax === 'exactmatch' ? v.slice(1) : `^${v.replace(/^\^(\/|\\\/)/, '')}`;
    const span = valueSpan(url);
    ctx.report('rewrite-rule-never-matches', span.start, span.end, 'rewrite.leadingSlash', { rule: attrValue(rule, 'name') ?? '', value: v, fixed });
  }
};
