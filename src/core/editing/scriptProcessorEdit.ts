/**
 * Writes the value wfastcgi-enable printed into the FastCGI handler's scriptProcessor: one minimal edit of
 * the attribute value (quote style and everything around it kept), escaped for XML.
 */
import { attr, isFastCgiHandler, type WebConfig } from '../model/webConfig';
import { escapeAttribute } from '../xml/escape';
import { quoteFor, type TextEdit } from './textEdits';

export function scriptProcessorEdit(model: WebConfig, value: string): TextEdit | undefined {
  const handler = model.handlers.find((h) => isFastCgiHandler(h) && attr(h, 'scriptProcessor')) ?? model.handlers.find(isFastCgiHandler);
  if (!handler) return undefined;
  const sp = attr(handler, 'scriptProcessor');
  if (sp) {
    if (sp.value === value) return undefined;
    const quote = sp.quote === "'" ? "'" : '"';
    return { start: sp.valueStart, end: sp.valueEnd, newText: escapeAttribute(value, quote) };
  }
  const modules = attr(handler, 'modules')!;
  const at = modules.valueEnd + 1;
  const q = quoteFor(model.doc, handler);
  return { start: at, end: at, newText: ` scriptProcessor=${q}${escapeAttribute(value, q)}${q}` };
}
