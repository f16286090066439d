/** Where a WSGI_HANDLER finding sits, shared by pythonHandlerRules.ts and handlerFollowUp.ts. */
import type { HandlerSource, PythonAnalysis } from '../python/analysis';
import type { HandlerResolution } from '../python/resolveHandler';
import { valueOffset } from '../xml/entities';
import { valueSpan, type RuleContext } from './context';

/**
 * Offsets of a span of the (decoded) WSGI_HANDLER value in the document; a value from the host's FastCGI
 * environment has no span here: the scriptProcessor that selects that FastCGI application stands for it.
 */
export function handlerSpan(ctx: RuleContext, setting: HandlerSource, start: number, end: number): { start: number; end: number } {
  if (setting.host) return valueSpan(setting.host.anchor);
  const a = setting.valueAttr!;
  return { start: valueOffset(ctx.text, a, start), end: valueOffset(ctx.text, a, end) };
}

export interface Site {
  ctx: RuleContext;
  a: PythonAnalysis;
  setting: HandlerSource;
  r: HandlerResolution;
}
