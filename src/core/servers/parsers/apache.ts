/**
 * A small Apache configuration reader: directives (name, arguments with quotes, offsets) and `<Section>` blocks,
 * with `\` line continuations and `#` comment lines. A section closed by another name or never closed is reported.
 */
import type { NotUnderstood } from './nginx';

export interface ApacheDirective {
  name: string;
  args: { value: string; start: number; end: number }[];
  start: number;
  end: number;
  /** The `<Section ...>` it is in (innermost last). */
  sections: string[];
}

export function parseApache(text: string): { directives: ApacheDirective[]; problems: NotUnderstood[] } {
  const directives: ApacheDirective[] = [];
  const problems: NotUnderstood[] = [];
  const open: { name: string; start: number; end: number }[] = [];
  const re = /[^\n]*(\n|$)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) && m[0] !== '') {
    let start = m.index;
    let line = m[0].replace(/\r?\n$/, '');
    while (/\\\r?$/.test(line)) {
      const next = re.exec(text);
      if (!next || next[0] === '') break;
      line = `${line.replace(/\\\r?$/, ' ')}${next[0].replace(/\r?\n$/, '')}`;
    }
    const lead = line.length - line.trimStart().length;
    start += lead;
    const body = line.trim();
    if (!body || body.startsWith('#')) continue;
    const close = /^<\/\s*([A-Za-z]+)\s*>$/.exec(body);
    if (close) {
      const top = open.pop();
      if (!top || top.name.toLowerCase() !== close[1]!.toLowerCase()) problems.push({ start, end: start + body.length, what: 'closesNoSection', args: { tag: close[1]! } });
      continue;
    }
    const sec = /^<\s*([A-Za-z]+)\b([^>]*)>$/.exec(body);
    const words = tokens(sec ? sec[2]! : body, start + (sec ? body.indexOf(sec[2]!) : 0));
    if (sec) {
      open.push({ name: sec[1]!, start, end: start + body.length });
      directives.push({ name: `<${sec[1]}`, args: words, start, end: start + body.length, sections: open.slice(0, -1).map((o) => o.name) });
      continue;
    }
    const [name, ...args] = words;
    if (name) directives.push({ name: name.value, args, start, end: start + body.length, sections: open.map((o) => o.name) });
  }
  for (const o of open) problems.push({ start: o.start, end: o.end, what: 'sectionNeverClosed', args: { tag: o.name } });
  return { directives, problems };
}

function tokens(text: string, base: number): { value: string; start: number; end: number }[] {
  const out: { value: string; start: number; end: number }[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|(\S+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) out.push({ value: m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2]!, start: base + m.index, end: base + m.index + m[0].length });
  return out;
}
