/** xml-malformed, xml-declaration-malformed, typographic-quotes: what the scanner saw, plus values it cannot judge. */
import type { Code } from '../codes';
import type { MessageKey } from '../messages';
import { attr } from '../model/webConfig';
import { encodingFamily } from '../text/decode';
import { INVISIBLE, TYPOGRAPHIC_DASHES, TYPOGRAPHIC_QUOTES } from '../xml/chars';
import { rawIndex } from '../xml/entities';
import type { XmlAttribute, XmlElement, XmlProblemKind } from '../xml/types';
import type { Rule, RuleContext } from './context';

const MAX_MALFORMED = 20;

const PROBLEM_CODES: Record<XmlProblemKind, Code> = {
  malformed: 'xml-malformed',
  declaration: 'xml-declaration-malformed',
  typographic: 'typographic-quotes',
};

export const scannerProblems: Rule = (ctx) => {
  let malformed = 0;
  for (const p of ctx.model.doc.problems) {
    if (p.kind === 'malformed' && ++malformed > MAX_MALFORMED) continue;
    ctx.report(PROBLEM_CODES[p.kind], p.start, p.end, p.message as MessageKey, p.args);
  }
  const root = ctx.model.doc.root;
  if (root && root.name !== 'configuration') ctx.report('xml-malformed', root.nameStart, root.nameEnd, 'xml.rootName', { name: root.name });
};

export const declaration: Rule = (ctx) => {
  const decl = ctx.model.doc.declaration;
  if (!decl) return;
  const version = attr(decl, 'version');
  if (!version || decl.attributes[0] !== version) ctx.report('xml-declaration-malformed', decl.start, decl.end, 'decl.noVersion');
  else if (!/^1\.\d+$/.test(version.value)) ctx.report('xml-declaration-malformed', version.valueStart, version.valueEnd, 'decl.badVersion', { version: version.value });
  checkPseudoAttributes(ctx, decl.attributes);
  const enc = attr(decl, 'encoding');
  const actual = ctx.options.encoding;
  if (!enc || !actual) return;
  const declared = enc.value.trim().toLowerCase().replace(/_/g, '-');
  const family = declared === 'utf-8' || declared === 'utf8' ? 'utf-8' : /^(utf-16|unicode|ucs-2)/.test(declared) ? 'utf-16' : undefined;
  // A byte order mark settles the encoding (XML 1.0 4.3.3): a declaration naming another one is an error.
  const bom = actual !== 'utf-8';
  if (family ? family !== encodingFamily(actual) : bom && /^[A-Za-z][A-Za-z0-9._-]*$/.test(enc.value)) {
    const actualName = encodingFamily(actual) === 'utf-16' ? 'UTF-16' : bom ? 'UTF-8 (with a byte order mark)' : 'UTF-8';
    ctx.report('xml-declaration-malformed', enc.valueStart, enc.valueEnd, 'decl.encodingMismatch', { declared: enc.value, actual: actualName });
  }
};

const PSEUDO_ORDER = ['version', 'encoding', 'standalone'];

function checkPseudoAttributes(ctx: RuleContext, attrs: XmlAttribute[]): void {
  let last = -1;
  for (const a of attrs) {
    const rank = PSEUDO_ORDER.indexOf(a.name);
    if (rank < 0) ctx.report('xml-declaration-malformed', a.nameStart, a.nameEnd, 'decl.unknownAttribute', { name: a.name });
    else if (rank <= last) ctx.report('xml-declaration-malformed', a.nameStart, a.nameEnd, 'decl.order');
    last = Math.max(last, rank);
    if (a.name === 'standalone' && a.value !== 'yes' && a.value !== 'no') ctx.report('xml-declaration-malformed', a.valueStart, a.valueEnd, 'decl.badStandalone', { value: a.value });
    if (a.name === 'encoding' && !/^[A-Za-z][A-Za-z0-9._-]*$/.test(a.value)) ctx.report('xml-declaration-malformed', a.valueStart - 1, a.valueEnd + 1, 'decl.badEncoding', { value: a.value });
  }
}

/** Attributes whose values are paths or command lines: a typographic dash there is a bug, not prose. */
const COMMAND_ATTRIBUTES = new Set(['scriptProcessor', 'processPath', 'arguments', 'path', 'physicalPath', 'stdoutLogFile', 'fullPath']);
const HANDLER_KEYS = new Set(['WSGI_HANDLER', 'WSGI_ALT_VIRTUALENV_HANDLER']);
const NON_ASCII = /[^\x00-\x7f]/;

export const typographicValues: Rule = (ctx) => {
  // Only a file with non-ASCII text or a character reference (`&#8203;`) can hold one.
  if (!NON_ASCII.test(ctx.text) && !ctx.text.includes('&#')) return;
  for (const el of ctx.model.doc.elements) {
    for (const a of el.attributes) {
      if (!NON_ASCII.test(a.value) || a.quote.charCodeAt(0) > 0x7f) continue;
      const kind = suspiciousIn(a, el);
      if (kind) reportValue(ctx, el, a, kind.index, kind.what);
    }
  }
};

/** Keys whose values wfastcgi parses as names, paths or patterns (other values may be prose). */
const PARSED_KEYS = /^(WSGI_\w+|PYTHONPATH|DJANGO_SETTINGS_MODULE|APPINSIGHTS_INSTRUMENTATIONKEY|SCRIPT_NAME)$/i;

function suspiciousIn(a: XmlAttribute, el: XmlElement): { index: number; what: 'quote' | 'invisible' | 'dash' } | undefined {
  const command = COMMAND_ATTRIBUTES.has(a.name);
  const identifier = a.name === 'name' || (el.name === 'add' && a.name === 'key');
  const parsed = el.name === 'add' && a.name === 'value' && PARSED_KEYS.test(attr(el, 'key')?.value.trim() ?? '');
  if (!command && !identifier && !parsed) return undefined;
  for (let i = 0; i < a.value.length; i++) {
    const c = a.value.charCodeAt(i);
    if (INVISIBLE.has(c)) return { index: i, what: 'invisible' };
    if (TYPOGRAPHIC_QUOTES.has(c)) return { index: i, what: 'quote' };
    if (command && TYPOGRAPHIC_DASHES.has(c)) return { index: i, what: 'dash' };
  }
  return undefined;
}

function reportValue(ctx: RuleContext, el: XmlElement, a: XmlAttribute, index: number, what: 'quote' | 'invisible' | 'dash'): void {
  const keyAttr = attr(el, 'key');
  const effect = a.name === 'key' || a.name === 'name'
    ? '@typo.effect.key'
    : keyAttr && HANDLER_KEYS.has(keyAttr.value.trim()) ? '@typo.effect.handler' : '@typo.effect.path';
  const raw = ctx.text.slice(a.valueStart, a.valueEnd);
  const ch = a.value[index]!;
  // The raw span of the character: itself, or the character reference (`&#8203;`) that writes it.
  const start = a.valueStart + (a.hasEntities ? rawIndex(raw, index) : index);
  const end = a.valueStart + (a.hasEntities ? rawIndex(raw, index + 1) : index + 1);
  const code = 'U+' + ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
  const name = a.name === 'value' && keyAttr ? keyAttr.value.trim() : a.name;
  ctx.report('typographic-quotes', start, end, 'typo.inValue', { name, what: `@typo.what.${what}`, code, effect });
}

/** IIS refuses configuration files over 250 KB unless the server's MaxWebConfigFileSizeInKB is raised. */
export const IIS_MAX_CONFIG_KB = 250;

export const sizeLimit: Rule = (ctx) => {
  const limit = IIS_MAX_CONFIG_KB * 1024;
  if (ctx.text.length * 3 <= limit) return;
  const bytes = ctx.text.length > limit ? ctx.text.length : utf8Length(ctx.text);
  if (bytes <= limit) return;
  const root = ctx.model.doc.root;
  ctx.report('webconfig-too-large', root?.nameStart ?? 0, root?.nameEnd ?? 0, 'xml.tooLarge', { size: Math.round(bytes / 1024), limit: IIS_MAX_CONFIG_KB });
};

function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c < 0xdc00 ? (i++, 4) : 3;
  }
  return n;
}
