/** The outline of a web.config: appSettings keys, handlers, HttpPlatformHandler and rewrite rules, with offsets. */
import { attrValue, type WebConfig } from '../model/webConfig';
import type { XmlElement } from '../xml/types';

export type OutlineKind = 'section' | 'setting' | 'handler' | 'process' | 'rule';

export interface OutlineNode {
  name: string;
  detail: string;
  kind: OutlineKind;
  start: number;
  end: number;
  selectionStart: number;
  selectionEnd: number;
  children: OutlineNode[];
}

function node(el: XmlElement, name: string, detail: string, kind: OutlineKind, selectAttr?: string): OutlineNode {
  const a = selectAttr ? el.attributes.find((x) => x.name === selectAttr) : undefined;
  return { name: name || '?', detail, kind, start: el.start, end: el.end, selectionStart: a?.valueStart ?? el.nameStart, selectionEnd: a?.valueEnd ?? el.nameEnd, children: [] };
}

export function outline(model: WebConfig): OutlineNode[] {
  const out: OutlineNode[] = [];
  for (const section of model.appSettingsSections) {
    const s = node(section, 'appSettings', '', 'section');
    s.children = section.children.filter((c) => c.name === 'add').map((c) => node(c, attrValue(c, 'key') ?? '', attrValue(c, 'value') ?? '', 'setting', 'key'));
    out.push(s);
  }
  const handlerSections = new Set(model.handlers.map((h) => h.parent!).filter(Boolean));
  for (const section of handlerSections) {
    const s = node(section, 'handlers', '', 'section');
    s.children = section.children.filter((c) => c.name === 'add').map((c) => node(c, attrValue(c, 'name') ?? '', attrValue(c, 'modules') ?? '', 'handler', 'name'));
    out.push(s);
  }
  for (const p of model.httpPlatforms) out.push(node(p, 'httpPlatform', `${attrValue(p, 'processPath') ?? ''} ${attrValue(p, 'arguments') ?? ''}`.trim(), 'process', 'processPath'));
  for (const r of model.rewrites) {
    const s = node(r, 'rewrite', '', 'section');
    s.children = r.children.filter((c) => c.name === 'rules').flatMap((rules) => rules.children.filter((c) => c.name === 'rule')).map((c) => node(c, attrValue(c, 'name') ?? '', '', 'rule', 'name'));
    out.push(s);
  }
  return out.sort((a, b) => a.start - b.start);
}

/** File paths in values that may point at files of the application folder (configSource, scripts, logs). */
export function linkCandidates(model: WebConfig): { start: number; end: number; path: string }[] {
  const out: { start: number; end: number; path: string }[] = [];
  for (const el of model.doc.elements) {
    for (const a of el.attributes) {
      if (a.hasEntities || !a.value.trim()) continue;
      if (['configSource', 'file', 'processPath', 'stdoutLogFile', 'physicalPath'].includes(a.name)) out.push({ start: a.valueStart, end: a.valueEnd, path: a.value.trim() });
      else if (a.name === 'scriptProcessor') {
        const bar = a.value.indexOf('|');
        if (bar > 0) out.push({ start: a.valueStart, end: a.valueStart + bar, path: a.value.slice(0, bar) }, { start: a.valueStart + bar + 1, end: a.valueEnd, path: a.value.slice(bar + 1) });
      } else if (a.name === 'arguments') {
        for (const m of a.value.matchAll(/[^\s"]+\.py\b/g)) out.push({ start: a.valueStart + m.index!, end: a.valueStart + m.index! + m[0].length, path: m[0] });
      } else if (a.name === 'value' && /^(WSGI_LOG)$/i.test(attrValue(el, 'key')?.trim() ?? '')) out.push({ start: a.valueStart, end: a.valueEnd, path: a.value.trim() });
    }
  }
  return out;
}
