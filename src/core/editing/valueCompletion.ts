/** Completion inside attribute values: the schema's values, appSettings keys, and values from the machine and project. */
import { elementDoc } from '../catalogue/elements';
import { SETTINGS } from '../catalogue/settings';
import { CONVENTIONAL_STATIC } from '../iis/servedFolders';
import type { AttributeSchema, Schema } from '../schema/types';
import { attributeValue, riskOf, settingBlock, type Proposal } from './proposals';
import type { CursorContext } from './cursor';
import type { EditingEnv, Interpreter, WsgiApp } from './env';
import { allowedValues } from './schemaDocs';
import { attributesOf, nodeAt } from './schemaNav';

type ValueContext = Extract<CursorContext, { kind: 'attributeValue' }>;

export const DEFAULT_RESTART_REGEX = '.*((\\.py)|(\\.config))$';

/**
 * Proposals for the value under the cursor (`value` is the whole value, `at` the cursor's offset in it): the
 * Python-specific kinds first (appSettings keys and values, interpreters, the server command), then what the schema
 * allows (booleans, enumerations, flags one comma-separated part at a time), then the catalogue's suggestions.
 */
export function valueProposals(ctx: ValueContext, value: string, at: number, schema: Schema, env: EditingEnv, present: () => Set<string> = () => new Set()): Proposal[] {
  const parent = ctx.path[ctx.path.length - 1];
  const cat = elementDoc(ctx.element, parent)?.attributes.find((a) => a.name === ctx.attribute);
  const make = (p: Omit<Proposal, 'start' | 'end' | 'snippet'>, i: number): Proposal => ({ ...p, start: ctx.start, end: ctx.end, snippet: false, sortText: p.sortText ?? String(i).padStart(3, '0') });
  if (cat?.kind === 'appSettingKey' && ctx.element === 'remove') return SETTINGS.map((s, i) => make({ label: s.key, kind: 'setting', doc: settingBlock(s.key), insertText: s.key }, i));
  if (cat?.kind === 'appSettingKey') return keyProposals(ctx, present());
  if (cat?.kind === 'appSettingValue') return settingValues(attributeValue(ctx.attributes, 'key') ?? '', env).map(make);
  if (cat?.kind === 'scriptProcessor') return (env.interpreters ?? []).map((it, i) => make(scriptProcessorProposal(it), i));
  if (cat?.kind === 'interpreter') {
    return (env.interpreters ?? []).map((it, i) => make({ label: it.python, kind: 'interpreter', insertText: it.python, detail: { key: `completion.source.${it.source}` } }, i));
  }
  if (cat?.kind === 'command' && ctx.element === 'httpPlatform') return (env.wsgiApps ?? []).map((app, i) => make(serverCommand(app), i));
  const node = nodeAt(schema, [...ctx.path, ctx.element]);
  const a = node && attributesOf(node).find((x) => x.name === ctx.attribute);
  if (a?.type === 'flags') return flagProposals(ctx, a, value, at);
  const values = a ? allowedValues(a) : [];
  const list = values.length ? values : cat?.values ?? [];
  return list.map((v, i) => make({ label: v, kind: 'value', insertText: v, preselect: v === a?.defaultValue }, i));
}

/** Flags: the names not yet in the value, replacing only the comma-separated part under the cursor. */
function flagProposals(ctx: ValueContext, a: AttributeSchema, value: string, at: number): Proposal[] {
  const before = value.lastIndexOf(',', at - 1) + 1;
  let start = before;
  while (start < at && /\s/.test(value[start]!)) start++;
  const after = value.indexOf(',', at);
  let end = after < 0 ? value.length : after;
  while (end > start && /\s/.test(value[end - 1]!)) end--;
  const taken = new Set<string>();
  let pos = 0;
  for (const part of value.split(',')) {
    if (pos !== before) taken.add(part.trim().toLowerCase());
    pos += part.length + 1;
  }
  return a.values
    .filter((v) => !taken.has(v.name.toLowerCase()))
    .map((v, i) => ({ label: v.name, kind: 'value' as const, insertText: v.name, snippet: false, start: ctx.start + start, end: ctx.start + end, sortText: String(i).padStart(3, '0'), detail: { key: 'hover.flags' as const } }));
}

/**
 * Known keys not yet in force (a second one is HTTP 500.19). In an <add> without a value attribute, the pick
 * writes ` value=""` too and leaves the cursor inside it, so typing goes on into the value, not the key.
 */
function keyProposals(ctx: ValueContext, present: Set<string>): Proposal[] {
  const hasValue = ctx.attributes.some((a) => a.name === 'value');
  const q = ctx.quote || '"';
  return SETTINGS.filter((s) => !present.has(s.key.toUpperCase())).map((s, i): Proposal => ({
    label: s.key,
    kind: 'setting',
    doc: settingBlock(s.key),
    insertText: hasValue ? s.key : `${s.key}${q} value=${q}$1`,
    snippet: !hasValue,
    retrigger: !hasValue,
    start: ctx.start,
    end: ctx.end,
    filterText: s.key,
    sortText: `${s.risk ? 'z' : ''}${String(i).padStart(3, '0')}`,
    ...riskOf(s.key),
  }));
}

function settingValues(key: string, env: EditingEnv): Omit<Proposal, 'start' | 'end' | 'snippet'>[] {
  switch (key.trim().toUpperCase()) {
    case 'WSGI_HANDLER':
      return (env.wsgiApps ?? []).filter((a) => !a.asgi).map((a, i) => ({
        label: a.handler, kind: 'handler' as const, insertText: a.handler, preselect: i === 0,
        detail: a.detail ? { key: 'completion.handler' as const, args: { detail: a.detail } } : undefined,
      }));
    case 'PYTHONPATH':
      return (env.folders ?? []).map((f) => ({ label: f, kind: 'folder' as const, insertText: f, detail: { key: 'completion.folder' as const } }));
    case 'WSGI_LOG':
      return logFolders(env).map((f) => ({ label: f, kind: 'folder' as const, insertText: `${f}\\wfastcgi.log`, detail: { key: 'completion.logFolder' as const } }));
    case 'WSGI_RESTART_FILE_REGEX':
      return [
        { label: DEFAULT_RESTART_REGEX, kind: 'value', insertText: DEFAULT_RESTART_REGEX, detail: { key: 'completion.restartDefault' }, preselect: true },
        { label: '""', kind: 'value', insertText: '', detail: { key: 'completion.restartOff' } },
      ];
    case 'DJANGO_SETTINGS_MODULE':
      return [...new Set((env.wsgiApps ?? []).map((a) => a.djangoSettings).filter((s): s is string => !!s))].map((s) => ({ label: s, kind: 'value' as const, insertText: s }));
    default:
      return [];
  }
}

/** Folders for a log: never one IIS serves to everyone (its web.config removes the handler) or a conventional static folder. */
export function logFolders(env: EditingEnv): string[] {
  const served = new Set([...(env.servedFolders ?? []), ...CONVENTIONAL_STATIC].map((f) => f.toLowerCase()));
  return (env.folders ?? []).filter((f) => !served.has(f.toLowerCase()));
}

function scriptProcessorProposal(it: Interpreter): Omit<Proposal, 'start' | 'end' | 'snippet'> {
  const wfastcgi = it.wfastcgi ?? guessWfastcgi(it.python);
  const value = `${it.python}|${wfastcgi}`;
  return {
    label: value,
    kind: 'interpreter',
    insertText: value,
    detail: it.wfastcgi || it.source === 'template' || it.source === 'server' ? { key: `completion.source.${it.source}` } : { key: 'completion.wfastcgiMissing' },
    sortText: `${it.wfastcgi ? 0 : 1}`,
  };
}

/** Where `pip install wfastcgi` puts wfastcgi.py for this interpreter (Windows layout). */
export function guessWfastcgi(python: string): string {
  const sep = python.includes('\\') ? '\\' : '/';
  const dir = python.slice(0, Math.max(python.lastIndexOf('\\'), python.lastIndexOf('/')));
  const root = /[\\/]Scripts$/i.test(dir) ? dir.slice(0, -'Scripts'.length - 1) : dir;
  return [root, 'Lib', 'site-packages', 'wfastcgi.py'].join(sep);
}

/** waitress listens on every interface by default; HttpPlatformHandler proxies to 127.0.0.1 only. */
const WAITRESS_LISTEN = '--host=127.0.0.1 --port=%HTTP_PLATFORM_PORT%';

/** The HttpPlatformHandler arguments that serve this app: waitress for WSGI, uvicorn for ASGI. */
export function serverCommand(app: WsgiApp): Omit<Proposal, 'start' | 'end' | 'snippet'> {
  const m = /^(.*)\.([^.()]+)(\(\))?$/.exec(app.handler);
  const target = m ? `${m[1]}:${m[2]}` : app.handler;
  const value = app.asgi
    ? `-m uvicorn ${target} --port %HTTP_PLATFORM_PORT%`
    : app.handler.startsWith('django.core.wsgi.') && app.djangoSettings
      ? `-m waitress ${WAITRESS_LISTEN} ${app.djangoSettings.replace(/\.settings$/, '.wsgi')}:application`
      : `-m waitress ${WAITRESS_LISTEN} ${m?.[3] ? '--call ' : ''}${target}`;
  return { label: value, kind: 'value', insertText: value, detail: { key: app.asgi ? 'completion.uvicorn' : 'completion.waitress' } };
}
