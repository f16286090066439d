/** The static-folder quick fix's URL Rewrite rule: /url/... rewritten to the folder where the files are. */
import { children, type WebConfig } from '../model/webConfig';
import { staticRewriteRule, staticRewriteSection } from '../scaffold/webConfigTemplates';
import type { XmlElement } from '../xml/types';
import type { FixContext } from './fixTypes';
import { eol, indentationAt, indentUnit, insertLastChild, lineStart, quoteFor, type TextEdit } from './textEdits';

/** Inserts the rule first in the existing <rewrite><rules> (before any catch-all rule), else a new <rewrite> section. */
export function staticRewriteEdit(c: FixContext, url: string, folder: string, handler: XmlElement): TextEdit | undefined {
  const model: WebConfig = c.result.model;
  const rules = model.rewrites.flatMap((r) => children(r, 'rules'))[0];
  const style = { quote: quoteFor(model.doc), indent: indentUnit(c.text) };
  const rule = staticRewriteRule(url, folder, style);
  if (rules) {
    const first = rules.children[0];
    if (!first || rules.selfClosing) return insertLastChild(c.text, rules, rule);
    const at = lineStart(c.text, first.start);
    const indent = indentationAt(c.text, first.start);
    const nl = eol(c.text);
    return { start: at, end: at, newText: rule.map((l) => `${indent}${l}${nl}`).join('') };
  }
  const webServer = handler.parent?.parent;
  if (!webServer || webServer.name !== 'system.webServer') return undefined;
  return insertLastChild(c.text, webServer, staticRewriteSection(url, folder, style));
}
