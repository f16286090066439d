/** Hover for web.config: elements and attributes (schema and catalogue), appSettings keys, WSGI_HANDLER targets, %VAR% and scriptProcessor registration. */
import { elementDoc } from '../catalogue/elements';
import { settingDoc } from '../catalogue/settings';
import { sameRegistration } from '../host/appHost';
import type { MessageArgs, MessageKey } from '../messages';
import { attr } from '../model/webConfig';
import { mapServerPath } from '../python/serverPaths';
import { splitScriptProcessor } from '../rules/scriptProcessorRules';
import type { XmlAttribute, XmlDocument, XmlElement } from '../xml/types';
import { settingBlock } from './completion';
import type { DocBlock, EditingEnv } from './env';
import { attributeBlock, catalogueAttribute, elementBlock, sectionPath } from './schemaDocs';
import { attributesOf, nodeAt, schemaFor } from './schemaNav';

export interface HoverNote {
  key: MessageKey;
  args?: MessageArgs;
  /** Arguments that name a local file: the adapter shows each as a link (to `line`, one-based, when given). */
  links?: { arg: string; file: string; line?: number }[];
}

export interface HoverResult {
  start: number;
  end: number;
  block?: DocBlock;
  notes: HoverNote[];
}

const WELL_KNOWN: Record<string, string> = { SYSTEMDRIVE: 'C:', SYSTEMROOT: 'C:\\Windows', WINDIR: 'C:\\Windows', PROGRAMFILES: 'C:\\Program Files' };

export function hover(doc: XmlDocument, offset: number, env: EditingEnv = {}): HoverResult | undefined {
  const el = elementAt(doc, offset);
  if (!el) return undefined;
  const parent = el.parent?.name;
  const schema = schemaFor(env.schema);
  const names: string[] = [];
  for (let e: XmlElement | undefined = el; e; e = e.parent) names.unshift(e.name);
  const node = nodeAt(schema, names);
  if (inSpan(offset, el.nameStart, el.nameEnd)) {
    const cat = elementDoc(el.name, parent);
    if (!cat && node?.kind !== 'element') return undefined; // a group or the root: nothing to say beyond its name
    return { start: el.nameStart, end: el.nameEnd, block: elementBlock(el.name, cat, node?.kind === 'element' ? sectionPath(node.el) : undefined), notes: [] };
  }
  const a = el.attributes.find((x) => inSpan(offset, x.nameStart, x.valueEnd + 1));
  if (!a) return undefined;
  if (offset <= a.nameEnd) {
    const as = node && attributesOf(node).find((x) => x.name === a.name);
    const cat = catalogueAttribute(el.name, parent, a.name);
    if (!as && !cat.attr) return undefined;
    return { start: a.nameStart, end: a.nameEnd, block: attributeBlock(el.name, as, cat.attr, cat.el?.docs), notes: [] };
  }
  return valueHover(el, a, env);
}

function valueHover(el: XmlElement, a: XmlAttribute, env: EditingEnv): HoverResult | undefined {
  const notes: HoverNote[] = [];
  let block: DocBlock | undefined;
  const key = el.name === 'add' ? attr(el, 'key')?.value.trim() : undefined;
  if (key && a.name === 'key') {
    block = settingBlock(key);
    const s = settingDoc(key);
    if (s) notes.push({ key: s.lookup === 'exact' ? 'hover.lookupExact' : 'hover.lookupEnv' });
  }
  if (key?.toUpperCase() === 'WSGI_HANDLER' && a.name === 'value' && env.resolveHandler) {
    const target = env.resolveHandler(a.value.trim());
    notes.push(target ? definitionNote(target, env) : { key: 'hover.notResolved' });
    if (target) notes.push({ key: 'hover.handlerOffline' });
  }
  if (a.name === 'scriptProcessor') notes.push(...scriptProcessorNotes(a.value, env));
  for (const m of a.value.matchAll(/%(\w+)%/g)) notes.push(expansionNote(m[1]!, env));
  if (!block && !notes.length) return undefined;
  return { start: a.valueStart, end: a.valueEnd, block, notes };
}

/** Where the handler is defined: a path relative to the application folder, linked to the line. */
function definitionNote(target: { path: string; line: number }, env: EditingEnv): HoverNote {
  const folder = env.appFolder;
  const absolute = /^([A-Za-z]:)?[\\/]/.test(target.path);
  const rel = absolute ? relativeTo(folder, target.path) : target.path.replace(/\\/g, '/');
  const file = absolute ? target.path : folder ? `${folder}/${target.path}` : undefined;
  const note: HoverNote = { key: 'hover.resolved', args: { path: rel ?? target.path, line: target.line + 1 } };
  if (file) note.links = [{ arg: 'path', file, line: target.line + 1 }];
  return note;
}

/** `path` relative to `folder` with `/`, when it is inside it. */
export function relativeTo(folder: string | undefined, path: string): string | undefined {
  if (!folder) return undefined;
  const norm = (p: string) => p.replace(/\\/g, '/').replace(/\/+$/, '');
  const f = norm(folder);
  const p = norm(path);
  const windows = /^[A-Za-z]:/.test(f);
  const inside = windows ? p.toLowerCase().startsWith(`${f.toLowerCase()}/`) : p.startsWith(`${f}/`);
  return inside ? p.slice(f.length + 1) : undefined;
}

/**
 * The two halves, each linked when it lies in this project (through the site path, Azure's folder or the
 * folder's own name); then the registration when a host configuration is at hand, else what was checked.
 */
function scriptProcessorNotes(value: string, env: EditingEnv): HoverNote[] {
  const parts = splitScriptProcessor(value);
  if (!parts) return env.appHost ? [registrationNote(value, env)] : [{ key: 'hover.scriptProcessorOffline' }];
  const notes: HoverNote[] = [];
  const exe = parts.exe.trim().replace(/^"(.*)"$/, '$1');
  const script = parts.script.trim().replace(/^"(.*)"$/, '$1');
  const context = { sitePath: env.sitePath, localFolder: env.appFolder };
  const exeRel = mapServerPath(/^%/.test(exe) ? undefined : exe, exe, context)?.mapped;
  const scriptRel = mapServerPath(/^%/.test(script) ? undefined : script, script, context)?.mapped;
  const note: HoverNote = { key: 'hover.scriptProcessorParts', args: { python: exeRel ?? exe, script: scriptRel ?? script } };
  const links = [['python', exeRel], ['script', scriptRel]] as const;
  note.links = links.filter(([, rel]) => env.appFolder && rel && rel !== '.').map(([arg, rel]) => ({ arg, file: `${env.appFolder}/${rel}` }));
  notes.push(note);
  notes.push(env.appHost ? registrationNote(value, env) : { key: 'hover.scriptProcessorOffline' });
  return notes;
}

function registrationNote(value: string, env: EditingEnv): HoverNote {
  const host = env.appHost!;
  const parts = splitScriptProcessor(value);
  const ok = !!parts && host.fastCgiApplications.some((app) => sameRegistration(app, parts.exe, parts.script));
  return { key: ok ? 'hover.registered' : 'hover.notRegistered', args: { apphost: host.path } };
}

function expansionNote(name: string, env: EditingEnv): HoverNote {
  if (name.toUpperCase() === 'HTTP_PLATFORM_PORT') return { key: 'hover.expandsPort' };
  const known = Object.entries(env.environment ?? {}).find(([k]) => k.toUpperCase() === name.toUpperCase())?.[1] ?? WELL_KNOWN[name.toUpperCase()];
  return known !== undefined ? { key: 'hover.expands', args: { name, value: known } } : { key: 'hover.expandsUnknown', args: { name } };
}

function inSpan(offset: number, start: number, end: number): boolean {
  return offset >= start && offset <= end;
}

/** The element whose start tag contains `offset` (binary search over start-tag order). */
export function elementAt(doc: XmlDocument, offset: number): XmlElement | undefined {
  const els = doc.elements;
  let lo = 0;
  let hi = els.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (els[mid]!.start <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  const el = found >= 0 ? els[found] : undefined;
  return el && offset < el.openEnd ? el : undefined;
}
