/** unexpanded-placeholder: template text left in values (Visual Studio publish tokens, {{...}}, __name__). */
import { attr } from '../model/webConfig';
import { valueOffset } from '../xml/entities';
import type { XmlAttribute, XmlElement } from '../xml/types';
import type { Rule, RuleContext } from './context';
import { hasVisualStudioBanner } from './deployment';

const VS_TOKENS: Record<string, string> = {
  INTERPRETERPATH: '@placeholder.hint.interpreter',
  WFASTCGIPATH: '@placeholder.hint.wfastcgi',
  ROOTDIR: '@placeholder.hint.rootdir',
};

const PLACEHOLDER = /%(INTERPRETERPATH|WFASTCGIPATH|ROOTDIR)%|\{\{[^{}]*\}\}|(?<![\w.])__[A-Za-z][A-Za-z0-9_]*?__(?!\w)|<[^<>]{1,60}>|[\\/]path[\\/]to[\\/]/gi;
const DUNDERS = new Set(['__init__', '__main__', '__name__', '__call__']);
/** Attributes whose whole-segment XXX / YYY is a tutorial's blank, not a name. */
const PATHLIKE = new Set(['scriptProcessor', 'processPath', 'arguments', 'physicalPath', 'stdoutLogFile']);
const PATHLIKE_KEYS = new Set(['WSGI_HANDLER', 'PYTHONPATH', 'WSGI_LOG', 'DJANGO_SETTINGS_MODULE']);
const BLANK_SEGMENT = /(?<=^|[\\/;.|:])(X{3,}|Y{3,}|x{3,}|y{3,})(?=$|[\\/;.|])/g;

export const placeholders: Rule = (ctx) => {
  for (const el of ctx.model.doc.elements) {
    for (const a of el.attributes) {
      if (a.value.length < 3) continue;
      if (MAYBE_PLACEHOLDER.test(a.value)) scanPlaceholders(ctx, el, a);
      if (!isPathLike(el, a)) continue;
      BLANK_SEGMENT.lastIndex = 0;
      for (let m = BLANK_SEGMENT.exec(a.value); m; m = BLANK_SEGMENT.exec(a.value)) report(ctx, el, a, m.index, m[0], '@placeholder.hint.generic');
    }
  }
};

/** A cheap first look: most values (URLs, names) cannot hold a placeholder at all. */
const MAYBE_PLACEHOLDER = /%\w|\{\{|__|<|path[\\/]to/i;

function scanPlaceholders(ctx: RuleContext, el: XmlElement, a: XmlAttribute): void {
  PLACEHOLDER.lastIndex = 0;
  for (let m = PLACEHOLDER.exec(a.value); m; m = PLACEHOLDER.exec(a.value)) {
    if (DUNDERS.has(m[0])) continue;
    const hint = m[1] ? VS_TOKENS[m[1].toUpperCase()]! : '@placeholder.hint.generic';
    report(ctx, el, a, m.index, m[0], hint, Boolean(m[1]) && hasVisualStudioBanner(ctx.model));
  }
}

function isPathLike(el: XmlElement, a: XmlAttribute): boolean {
  if (PATHLIKE.has(a.name)) return true;
  return el.name === 'add' && a.name === 'value' && PATHLIKE_KEYS.has(attr(el, 'key')?.value.trim().toUpperCase() ?? '');
}

/** `vsPublish`: a Visual Studio publish token in a file with its template banner (substituted when Visual Studio publishes). */
function report(ctx: RuleContext, el: XmlElement, a: XmlAttribute, index: number, placeholder: string, hint: string, vsPublish = false): void {
  const start = valueOffset(ctx.text, a, index);
  const end = valueOffset(ctx.text, a, index + placeholder.length);
  const key = el.name === 'add' ? attr(el, 'key')?.value.trim() : undefined;
  const where = key && a.name === 'value' ? key : a.name;
  if (vsPublish) ctx.report('unexpanded-placeholder', start, end, 'placeholder.vsPublish', { placeholder, where, hint }, [], 'warning');
  else ctx.report('unexpanded-placeholder', start, end, 'placeholder.value', { placeholder, where, hint });
}
