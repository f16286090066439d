/**
 * The reverse-proxy checks that need the app's code: stream-buffered (a streaming / server-sent-events route
 * behind IIS dynamic compression or ARR response buffering), websocket-not-enabled (websockets behind ARR without
 * the IIS WebSocket Protocol feature) and forwarded-for-port (ARR's X-Forwarded-For "1.2.3.4:5678" reaching
 * ProxyFix with no wrapper that takes the port off). The app is read as text (projectTexts, as the other proxy
 * checks); the host's applicationHost.config, when known, says which modules are installed and how ARR is set.
 */
import type { RelatedLocation } from '../findings';
import type { MessageKey } from '../messages';
import { attr, attrValue, children, sectionElements } from '../model/webConfig';
import type { XmlAttribute, XmlElement } from '../xml/types';
import { nameSpan, valueSpan, type Rule, type RuleContext } from './context';
import { hostOf } from './hostEnv';
import { isLoopback, projectTexts, proxyFixCalls, proxyRuleElements, type Evidence } from './proxyRules';

type Texts = { path: string; text: string }[];

/** Full-line comments blanked (offsets kept), so commented-out code is not read as the app's. */
const code = (text: string) => text.replace(/^[ \t]*#.*$/gm, (m) => ' '.repeat(m.length));

const STREAM = /\bstream_with_context\s*\(|["']text\/event-stream["']|\bStreamingHttpResponse\s*\(|\bStreamingResponse\s*\(|\bEventSourceResponse\s*\(/g;
const GENERATOR_RESPONSE = /\bResponse\s*\(\s*(\w+)\s*\(/g;
const WEBSOCKET = /^[ \t]*(?:from|import)[ \t]+(?:flask_sock|flask_sockets|flask_socketio|simple_websocket|geventwebsocket|websockets|channels(?:\.\w+)*)\b|@\w+\.websocket(?:_route)?\s*\(/gm;

/** True when `def name(...)` in the text (at any indentation) has a `yield` in its body (one linear scan). */
function isGenerator(text: string, name: string): boolean {
  const def = new RegExp(`^([ \\t]*)def[ \\t]+${name}[ \\t]*\\(`, 'm').exec(text);
  if (!def) return false;
  const indent = def[1]!.length;
  let at = text.indexOf('\n', def.index);
  while (at >= 0) {
    const next = text.indexOf('\n', at + 1);
    const line = text.slice(at + 1, next < 0 ? undefined : next);
    if (line.trim() && line.length - line.trimStart().length <= indent) return false;
    if (/\byield\b/.test(line)) return true;
    at = next;
  }
  return false;
}

/** The first `Response(name(...))` whose `name` is a generator function of the file (20 names looked up at most). */
function generatorResponse(text: string): { start: number; end: number } | undefined {
  const seen = new Map<string, boolean>();
  for (const g of text.matchAll(GENERATOR_RESPONSE)) {
    const name = g[1]!;
    if (!seen.has(name)) {
      if (seen.size >= 20) return undefined;
      seen.set(name, isGenerator(text, name));
    }
    if (seen.get(name)) return { start: g.index!, end: g.index! + g[0].length };
  }
  return undefined;
}

function firstMatch(files: Texts, find: (text: string) => { start: number; end: number } | undefined): Evidence | undefined {
  for (const f of files.filter((x) => x.path.endsWith('.py'))) {
    const hit = find(code(f.text));
    if (hit) return { path: f.path, text: f.text, ...hit };
  }
  return undefined;
}

export function streamingRoute(files: Texts): Evidence | undefined {
  return firstMatch(files, (text) => {
    const m = new RegExp(STREAM.source).exec(text);
    if (m) return { start: m.index, end: m.index + m[0].length };
    return generatorResponse(text);
  });
}

export function websocketUse(files: Texts): Evidence | undefined {
  return firstMatch(files, (text) => {
    const m = new RegExp(WEBSOCKET.source, 'm').exec(text);
    return m ? { start: m.index + m[0].length - m[0].trimStart().length, end: m.index + m[0].length } : undefined;
  });
}

const rel = (ctx: RuleContext, e: Evidence, messageKey: MessageKey): RelatedLocation =>
  ({ path: ctx.options.project?.absolute?.(e.path) ?? e.path, text: e.text, start: e.start, end: e.end, messageKey });

/** The project's texts, read once per check (the three rules share them). */
const TEXTS = new WeakMap<object, Texts>();

/**
 * The first loopback proxy rule of the file (or, with `platform`, its httpPlatform element: HttpPlatformHandler is a
 * proxy too), and the app's files, when both are there to read.
 */
function proxiedApp(ctx: RuleContext, platform = false): { rule: XmlElement; arr: boolean; files: Texts } | undefined {
  const project = ctx.options.project;
  if (!project?.listDir) return undefined;
  const arr = proxyRuleElements(ctx.model).find((r) => r.url && isLoopback(r.url.hostname))?.rule;
  const rule = arr ?? (platform ? ctx.model.httpPlatforms[0] : undefined);
  if (!rule) return undefined;
  let files = TEXTS.get(ctx.model);
  if (!files) TEXTS.set(ctx.model, (files = projectTexts(project)));
  return { rule, arr: !!arr, files };
}

/** `system.webServer/<path>` elements of the file (any scope), then of the host's server level. */
function sections(ctx: RuleContext, path: string[]): { own: XmlElement[]; host: XmlElement[] } {
  return { own: sectionElements(ctx.model.scopes, ['system.webServer', ...path]), host: sectionElements(hostOf(ctx)?.webServers ?? [], path) };
}

const last = (els: XmlElement[], name: string): XmlAttribute | undefined => els.map((e) => attr(e, name)).filter((a) => a !== undefined).at(-1);
const coversEventStream = (mime: string) => ['text/event-stream', 'text/*', '*/*'].includes(mime.split(';')[0]!.trim().toLowerCase());

export const streamBuffered: Rule = (ctx) => {
  const found = proxiedApp(ctx, true);
  const route = found && streamingRoute(found.files);
  if (!found || !route) return;
  const related = [rel(ctx, route, 'related.streamRoute')];
  const ruleSpan = nameSpan(found.rule);
  const ruleName = attrValue(found.rule, 'name') ?? '';
  // Dynamic compression: IIS compresses a text/* response in blocks, so the events arrive late and together.
  const url = sections(ctx, ['urlCompression']);
  const dynamic = last(url.own, 'doDynamicCompression');
  // httpCompression is AppHostOnly: only the host's dynamicTypes count (a web.config copy is config-section-locked).
  const entries = sectionElements(hostOf(ctx)?.webServers ?? [], ['httpCompression', 'dynamicTypes']).flatMap((t) => children(t, 'add'));
  const enabled = (a: XmlElement) => attrValue(a, 'enabled')?.trim().toLowerCase() !== 'false';
  const excluded = entries.some((a) => (attrValue(a, 'mimeType') ?? '').trim().toLowerCase().startsWith('text/event-stream') && !enabled(a));
  const host = hostOf(ctx);
  if (!excluded && dynamic?.value.trim().toLowerCase() !== 'false') {
    const hostCompresses = !!host?.globalModules?.has('dynamiccompressionmodule') && last(url.host, 'doDynamicCompression')?.value.trim().toLowerCase() !== 'false'
      && entries.some((a) => coversEventStream(attrValue(a, 'mimeType') ?? '') && enabled(a));
    const anchor = dynamic?.value.trim().toLowerCase() === 'true' ? valueSpan(dynamic) : hostCompresses ? ruleSpan : undefined;
    if (anchor) ctx.report('stream-buffered', anchor.start, anchor.end, 'proxy.streamCompressed', { file: route.path }, related);
  }
  // ARR buffers up to responseBufferLimit (4 MB by default) before it sends anything to the client.
  if (!found.arr) return;
  const proxy = sections(ctx, ['proxy']);
  const limit = last(proxy.own, 'responseBufferLimit') ?? last(proxy.host, 'responseBufferLimit');
  if (limit?.value.trim() === '0') return;
  const own = limit && proxy.own.some((p) => p.attributes.includes(limit));
  const span = own ? valueSpan(limit) : ruleSpan;
  ctx.report('stream-buffered', span.start, span.end, 'proxy.streamBuffered', { file: route.path, rule: ruleName, limit: limit?.value.trim() ?? '4194304' }, related);
};

export const websocketNotEnabled: Rule = (ctx) => {
  const found = proxiedApp(ctx);
  const use = found && websocketUse(found.files);
  if (!found || !use) return;
  const related = [rel(ctx, use, 'related.websocket')];
  const ws = sections(ctx, ['webSocket']);
  const own = last(ws.own, 'enabled');
  const host = hostOf(ctx);
  const span = nameSpan(found.rule);
  if (own?.value.trim().toLowerCase() === 'false') {
    const v = valueSpan(own);
    ctx.report('websocket-not-enabled', v.start, v.end, 'proxy.websocketDisabled', { file: use.path, where: 'web.config' }, related);
    return;
  }
  if (host?.globalModules && !host.globalModules.has('websocketmodule')) {
    ctx.report('websocket-not-enabled', span.start, span.end, 'proxy.websocketMissing', { file: use.path, apphost: host.path }, related, 'error');
    return;
  }
  if (own?.value.trim().toLowerCase() === 'true') return;
  if (host) {
    if (last(ws.host, 'enabled')?.value.trim().toLowerCase() === 'false') ctx.report('websocket-not-enabled', span.start, span.end, 'proxy.websocketDisabled', { file: use.path, where: host.path }, related);
    return;
  }
  ctx.report('websocket-not-enabled', span.start, span.end, 'proxy.websocketFeature', { file: use.path }, related);
};

const STRIPS_PORT = /(?:\.r?split|\.r?partition)\(\s*["']:["']|\bip_address\s*\(|_host_only\b|_without_client_port\b/;

export const forwardedForPort: Rule = (ctx) => {
  const found = proxiedApp(ctx);
  if (!found) return;
  const call = proxyFixCalls(found.files).find((c) => c.hops['x_for']! > 0);
  if (!call) return;
  // A wrapper that rewrites X-Forwarded-For before ProxyFix reads it (the generated wsgi_iis.py does).
  if (found.files.some((f) => f.path.endsWith('.py') && /HTTP_X_FORWARDED_FOR/.test(code(f.text)) && STRIPS_PORT.test(code(f.text)))) return;
  const proxy = sections(ctx, ['proxy']);
  const include = last(proxy.own, 'includePortInXForwardedFor') ?? last(proxy.host, 'includePortInXForwardedFor');
  if (include?.value.trim().toLowerCase() === 'false') return;
  const span = include && proxy.own.some((p) => p.attributes.includes(include)) ? valueSpan(include) : nameSpan(found.rule);
  ctx.report('forwarded-for-port', span.start, span.end, 'proxy.forwardedPort', { file: call.path, rule: attrValue(found.rule, 'name') ?? '' }, [rel(ctx, call, 'related.proxyFix')]);
};
