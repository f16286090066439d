/** Quick fixes that rewrite part of one attribute value. */
import { attr } from '../model/webConfig';
import { escapeAttribute } from '../xml/escape';
import type { XmlAttribute } from '../xml/types';
import type { Fix, FixContext } from './fixTypes';
import { quoteFor, removeElement, type TextEdit } from './textEdits';
import { guessWfastcgi, serverCommand } from './valueCompletion';

const replaceFix = (start: number, end: number, newText: string, key: Fix['title']['key'] = 'fix.replaceWith', preferred = true): Fix => ({
  title: { key, args: { value: newText } },
  edits: [{ start, end, newText }],
  isPreferred: preferred,
});

/** Replaces an attribute's whole value with `value`, escaped for its quote; the title shows `value` as is. */
function valueFix(a: XmlAttribute, value: string, key: Fix['title']['key'] = 'fix.replaceWith', preferred = true): Fix {
  return { ...replaceFix(a.valueStart, a.valueEnd, escapeXml(value, a.quote), key, preferred), title: { key, args: { value } } };
}

/** The attribute whose value contains the finding. */
function valueAttribute(c: FixContext): XmlAttribute | undefined {
  return c.element?.attributes.find((a) => a.valueStart <= c.finding.start && c.finding.end <= a.valueEnd);
}

function escapeXml(value: string, quote: string): string {
  return escapeAttribute(value, quote === "'" ? "'" : '"');
}

export function fixScriptProcessor(c: FixContext): Fix[] {
  const a = valueAttribute(c);
  if (!a || a.name !== 'scriptProcessor') return [];
  const fixes: Fix[] = [];
  if (c.finding.messageKey === 'sp.spacePipe' || c.finding.messageKey === 'sp.spaceEdge') {
    const bar = a.value.indexOf('|');
    const cleaned = bar < 0 ? a.value.trim() : `${a.value.slice(0, bar).trim()}|${a.value.slice(bar + 1).trim()}`;
    fixes.push(valueFix(a, cleaned, 'fix.removeSpaces'));
  }
  for (const it of c.env.interpreters ?? []) {
    const value = `${it.python}|${it.wfastcgi ?? guessWfastcgi(it.python)}`;
    fixes.push(valueFix(a, value, 'fix.useInterpreter', false));
  }
  return fixes;
}

/**
 * PYTHONPATH as wfastcgi wants it: entries separated by `;`, no stray `,`/`:` separators, no spaces or quotes,
 * `$NAME` / `${NAME}` written as the `%NAME%` wfastcgi expands.
 */
export function normalisePythonPath(value: string): string {
  const out: string[] = [];
  for (const part of value.replace(/\$\{?(\w+)\}?/g, '%$1%').split(/[;,]/)) {
    let current = '';
    const pieces: string[] = [];
    for (const ch of part) {
      if (ch === ':' && !/^\s*"?[A-Za-z]$/.test(current)) {
        pieces.push(current);
        current = '';
      } else current += ch;
    }
    pieces.push(current);
    for (const p of pieces) {
      const t = p.trim().replace(/"/g, '');
      if (t) out.push(t);
    }
  }
  return out.join(';');
}

export function fixPythonPath(c: FixContext): Fix[] {
  const a = valueAttribute(c);
  if (!a) return [];
  const fixed = normalisePythonPath(a.value);
  return fixed === a.value ? [] : [valueFix(a, fixed, 'fix.pythonPath')];
}

export function fixPlatformPort(c: FixContext): Fix[] {
  const platform = c.element?.name === 'httpPlatform' ? c.element : c.element?.parent?.parent?.name === 'httpPlatform' ? c.element.parent.parent : undefined;
  const args = platform && attr(platform, 'arguments');
  if (!platform) return [];
  if (!args) {
    const anchor = attr(platform, 'processPath');
    const at = anchor ? anchor.valueEnd + 1 : platform.nameEnd;
    const q = quoteFor(c.result.model.doc, platform);
    return [{ title: { key: 'fix.addPort' }, edits: [{ start: at, end: at, newText: ` arguments=${q}--port=%HTTP_PLATFORM_PORT%${q}` }], isPreferred: true }];
  }
  const v = args.value;
  const patterns: [RegExp, string][] = [
    [/\$\{?HTTP_PLATFORM_PORT\}?/i, '%HTTP_PLATFORM_PORT%'],
    [/(--port[= ])\d+/, '$1%HTTP_PLATFORM_PORT%'],
    [/((?:-b|--bind|--listen)[= ](?:[\w.]*|\[[^\]]*\]):)\d+/, '$1%HTTP_PLATFORM_PORT%'],
    [/(\brunserver\s+)(?:[\w.]+:)?\d+/, '$1%HTTP_PLATFORM_PORT%'],
  ];
  for (const [re, replacement] of patterns) {
    if (re.test(v)) return [valueFix(args, v.replace(re, replacement), 'fix.usePort')];
  }
  const edit: TextEdit = { start: args.valueEnd, end: args.valueEnd, newText: `${v && !v.endsWith(' ') ? ' ' : ''}--port=%HTTP_PLATFORM_PORT%` };
  return [{ title: { key: 'fix.addPort' }, edits: [edit], isPreferred: true }];
}

/** restart-regex-ineffective and dev-server-in-production: rewrite the value to what works. */
export function fixSettingValue(c: FixContext): Fix[] {
  const a = valueAttribute(c);
  const f = c.finding;
  if (f.messageKey === 'regex.miscased') return [replaceFix(f.start, f.end, 'WSGI_RESTART_FILE_REGEX', 'fix.renameTo')].map((x) => ({ ...x, title: { key: 'fix.renameTo', args: { name: 'WSGI_RESTART_FILE_REGEX' } } }));
  if (!a) return [];
  if (f.messageKey === 'regex.anchored' || f.messageKey === 'regex.leadingSeparator') {
    const body = a.value.replace(/^\^/, '').replace(/^(\\\\|\/)+/, '');
    return [valueFix(a, `.*${body}`)];
  }
  if (f.messageKey === 'devserver.debugEnv' && c.element) {
    const removal = removeElement(c.text, c.element);
    return [{ title: { key: 'fix.removeSetting', args: { key: String(f.args['name']) } }, edits: [removal], isPreferred: true }];
  }
  if (f.messageKey === 'devserver.command' && a.name === 'arguments') {
    const app = c.env.wsgiApps?.[0] ?? { handler: 'app.app' };
    const command = serverCommand(app).insertText;
    return [valueFix(a, command, 'fix.replaceWith', true)];
  }
  return [];
}

