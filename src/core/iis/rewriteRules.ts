/** The inbound URL Rewrite rules of a web.config, in order, as urlMap.ts evaluates them. */
import { attrValue as value, children, type WebConfig } from '../model/webConfig';
import type { XmlElement } from '../xml/types';
import type { RewriteRule } from './urlMap';

const attrValue = (el: XmlElement | undefined, name: string): string | undefined => (el ? value(el, name) : undefined);
const truthy = (v: string | undefined, fallback: boolean) => (v === undefined ? fallback : v.trim().toLowerCase() === 'true');

export function rewriteRules(model: WebConfig): RewriteRule[] {
  const out: RewriteRule[] = [];
  for (const rewrite of model.rewrites) {
    for (const rules of children(rewrite, 'rules')) {
      for (const el of rules.children) {
        if (el.name === 'clear') out.length = 0;
        if (el.name !== 'rule' || !truthy(attrValue(el, 'enabled'), true)) continue;
        const match: XmlElement | undefined = children(el, 'match')[0];
        const action: XmlElement | undefined = children(el, 'action')[0];
        const conditions: XmlElement | undefined = children(el, 'conditions')[0];
        const syntax = (attrValue(el, 'patternSyntax') ?? 'ECMAScript').trim().toLowerCase();
        out.push({
          name: attrValue(el, 'name') ?? '',
          // Wildcard and ExactMatch syntaxes are not evaluated here: an invalid pattern makes the rule "unknown".
          pattern: syntax === 'ecmascript' ? attrValue(match, 'url') ?? '' : '(',
          ignoreCase: truthy(attrValue(match, 'ignoreCase'), true),
          negate: truthy(attrValue(match, 'negate'), false),
          matchAny: (attrValue(conditions, 'logicalGrouping') ?? '').trim().toLowerCase() === 'matchany',
          conditions: (conditions ? children(conditions, 'add') : []).map((c) => ({
            input: attrValue(c, 'input') ?? '',
            matchType: ((attrValue(c, 'matchType') ?? 'Pattern').trim().toLowerCase() === 'isfile' ? 'IsFile' : (attrValue(c, 'matchType') ?? '').trim().toLowerCase() === 'isdirectory' ? 'IsDirectory' : 'Pattern'),
            ...(attrValue(c, 'pattern') !== undefined ? { pattern: attrValue(c, 'pattern')! } : {}),
            negate: truthy(attrValue(c, 'negate'), false),
            ignoreCase: truthy(attrValue(c, 'ignoreCase'), true),
          })),
          action: { type: attrValue(action, 'type') ?? 'Rewrite', ...(attrValue(action, 'url') !== undefined ? { url: attrValue(action, 'url')! } : {}) },
          stopProcessing: truthy(attrValue(el, 'stopProcessing'), false),
          trackAllCaptures: truthy(attrValue(conditions, 'trackAllCaptures'), false),
          serverVariables: children(el, 'serverVariables').flatMap((sv) => children(sv, 'set')).map((set) => ({
            name: attrValue(set, 'name') ?? '', value: attrValue(set, 'value') ?? '', replace: truthy(attrValue(set, 'replace'), true),
          })),
        });
      }
    }
  }
  return out;
}
