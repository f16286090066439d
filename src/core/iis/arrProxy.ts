/**
 * What IIS does with one request when URL Rewrite + ARR proxy it, as data: which inbound rule applies (patterns,
 * `{HTTPS}`-style conditions, `{R:n}` / `{C:n}` / server-variable expansion, `None` and local rewrites, stopProcessing)
 * and the request the backend then receives. ARR (defaults of system.webServer/proxy, arr_schema.xml):
 * - Host becomes the target's host:port (preserveHostHeader="false");
 * - X-Forwarded-For gets the client's ip:port appended (includePortInXForwardedFor="true"), after any value the
 *   client sent;
 * - X-ARR-SSL (certificate details) on HTTPS, X-ARR-LOG-ID, and X-Original-URL (URL Rewrite records the URL before
 *   the rewrite in it);
 * - Max-Forwards counted down per hop: a request that arrives with Max-Forwards 0 is refused with 400.0 ("reached the
 *   Max-Forwards limit", what a self-referencing ARR farm shows), a client's N goes on as N-1, and a request without
 *   one leaves with 10 (the value this stand-in has always sent; no public source found gives ARR's own start value);
 * - the rule's HTTP_* server variables replace the client's header of the same name; an empty value removes it;
 * - hop-by-hop headers are not forwarded; Location headers naming the backend get the public host back
 *   (reverseRewriteHostInResponseHeaders="true").
 * It never adds X-Forwarded-Proto, -Host or -Prefix: only the rule does.
 */
import type { RewriteRule } from './urlMap';

export interface IncomingRequest {
  /** The path and query as the client sent them: `/sub/page?x=1`. */
  url: string;
  https: boolean;
  /** The Host header (public host name, maybe with a port). */
  host: string;
  /** Request headers, names lower-case. */
  headers: Record<string, string>;
  clientIp: string;
  clientPort: number;
  serverPort: number;
}

export type RouteDecision =
  | { kind: 'proxy'; rule: string; target: string; headers: [string, string][] }
  | { kind: 'file'; path: string }
  | { kind: 'redirect'; url: string }
  | { kind: 'unknown'; reason: string };

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade']);

/** The server variables a rule can read, for this request ({HTTPS}, {HTTP_HOST}, {CACHE_URL}...). */
export function serverVariable(name: string, req: IncomingRequest, rel: string): string | undefined {
  const n = name.toUpperCase();
  const query = req.url.includes('?') ? req.url.slice(req.url.indexOf('?') + 1) : '';
  const path = req.url.split('?')[0]!;
  switch (n) {
    case 'HTTPS': return req.https ? 'on' : 'off';
    case 'SERVER_PORT': return String(req.serverPort);
    case 'SERVER_PORT_SECURE': return req.https ? '1' : '0';
    case 'REMOTE_ADDR': case 'REMOTE_HOST': return req.clientIp;
    case 'REMOTE_PORT': return String(req.clientPort);
    case 'QUERY_STRING': return query;
    case 'REQUEST_URI': case 'UNENCODED_URL': return req.url;
    case 'URL': case 'PATH_INFO': case 'SCRIPT_NAME': return decodeURIComponentSafe(path);
    case 'SERVER_NAME': return req.host.replace(/:\d+$/, '');
    case 'CACHE_URL': return `${req.https ? 'https' : 'http'}://${req.host}${path}`;
    case 'REQUEST_METHOD': return undefined;
  }
  if (n.startsWith('HTTP_')) return req.headers[n.slice(5).toLowerCase().replace(/_/g, '-')] ?? '';
  void rel;
  return undefined;
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Expands `{R:n}`, `{C:n}` and `{VARIABLE}`; undefined when it names something this cannot know (a rewrite map). */
function expand(template: string, r: RegExpExecArray, c: string[], req: IncomingRequest, rel: string): string | undefined {
  if (/\{[^{}]*\{/.test(template)) return undefined; // a rewrite map lookup, {Map:{VARIABLE}}
  let unknown = false;
  const out = template.replace(/\{([^{}]+)\}/g, (_m, inner: string) => {
    const back = /^([RC]):(\d+)$/i.exec(inner);
    if (back) return (back[1]!.toUpperCase() === 'R' ? r[Number(back[2])] : c[Number(back[2])]) ?? '';
    const v = serverVariable(inner, req, rel);
    if (v === undefined) unknown = true;
    return v ?? '';
  });
  return unknown ? undefined : out;
}

/**
 * The rule that applies to `req` for an application mounted at `appPath` (`/sub`, or `` at the site root) and
 * what follows from it. `exists` says what a path relative to the application folder is (IsFile/IsDirectory).
 */
export function routeRequest(rules: RewriteRule[], appPath: string, req: IncomingRequest, exists: (path: string) => 'file' | 'dir' | undefined): RouteDecision {
  const path = req.url.split('?')[0]!;
  const base = appPath.replace(/\/+$/, '');
  if (base && path.toLowerCase() !== base.toLowerCase() && !path.toLowerCase().startsWith(`${base.toLowerCase()}/`)) return { kind: 'unknown', reason: `${path} is outside the application (${base})` };
  let rel = decodeURIComponentSafe(path.slice(base.length).replace(/^\//, ''));
  for (const rule of rules.slice(0, 1000)) {
    let re: RegExp;
    try {
      re = new RegExp(rule.pattern, rule.ignoreCase ? 'i' : '');
    } catch {
      return { kind: 'unknown', reason: `rule "${rule.name}": its pattern cannot be evaluated here` };
    }
    const m = re.exec(rel);
    const match = rule.negate ? (m ? null : (Object.assign([rel], { index: 0, input: rel }) as unknown as RegExpExecArray)) : m;
    if (!match) continue;
    const captures = conditionCaptures(rule, req, rel, exists);
    if (captures === undefined) return { kind: 'unknown', reason: `rule "${rule.name}": a condition this cannot evaluate` };
    if (captures === false) continue;
    const type = rule.action.type.toLowerCase();
    if (type === 'rewrite') {
      const target = expand(rule.action.url ?? '', match, captures, req, rel);
      if (target === undefined) return { kind: 'unknown', reason: `rule "${rule.name}": its URL names a server variable this cannot know` };
      if (/^https?:\/\//i.test(target)) return proxied(rule, target, match, captures, req, rel);
      rel = target.split('?')[0]!.replace(/^\//, '');
    } else if (type === 'redirect') {
      return { kind: 'redirect', url: expand(rule.action.url ?? '', match, captures, req, rel) ?? '' };
    } else if (type !== 'none') return { kind: 'unknown', reason: `rule "${rule.name}": action ${rule.action.type}` };
    if (rule.stopProcessing) break;
  }
  return { kind: 'file', path: rel };
}

/** {C:n} of the conditions (false when they do not hold, undefined when one cannot be judged). */
function conditionCaptures(rule: RewriteRule, req: IncomingRequest, rel: string, exists: (path: string) => 'file' | 'dir' | undefined): string[] | false | undefined {
  let last: string[] = [];
  const all: string[] = [''];
  let any = false;
  for (const c of rule.conditions) {
    let ok: boolean;
    if (c.matchType === 'Pattern') {
      const input = expand(c.input, Object.assign([rel], { index: 0, input: rel }) as unknown as RegExpExecArray, last, req, rel);
      if (input === undefined) return undefined;
      let re: RegExp;
      try {
        re = new RegExp(c.pattern ?? '', c.ignoreCase ? 'i' : '');
      } catch {
        return undefined;
      }
      const m = re.exec(input);
      ok = c.negate ? !m : !!m;
      if (m && !c.negate) {
        last = [...m].map((g) => g ?? '');
        all.push(...last.slice(1));
      }
    } else {
      if (!/^\{REQUEST_FILENAME\}$/i.test(c.input.trim())) return undefined;
      const found = exists(rel);
      const is = c.matchType === 'IsFile' ? found === 'file' : found === 'dir';
      ok = c.negate ? !is : is;
    }
    if (rule.matchAny && ok) { any = true; break; }
    if (!rule.matchAny && !ok) return false;
  }
  if (rule.matchAny && rule.conditions.length && !any) return false;
  return rule.trackAllCaptures ? all : last;
}

function proxied(rule: RewriteRule, target: string, r: RegExpExecArray, c: string[], req: IncomingRequest, rel: string): RouteDecision {
  const headers: [string, string][] = [];
  for (const v of rule.serverVariables ?? []) {
    if (!/^HTTP_/i.test(v.name)) continue;
    const value = expand(v.value, r, c, req, rel);
    if (value === undefined) return { kind: 'unknown', reason: `rule "${rule.name}": ${v.name} names a server variable this cannot know` };
    headers.push([v.name.slice(5).toLowerCase().replace(/_/g, '-'), value]);
  }
  // appendQueryString (default true): the query of the request follows the rewritten URL.
  const query = req.url.includes('?') ? req.url.slice(req.url.indexOf('?') + 1) : '';
  const full = query ? `${target}${target.includes('?') ? '&' : '?'}${query}` : target;
  return { kind: 'proxy', rule: rule.name, target: full, headers };
}

/** The request headers ARR sends the backend for a proxy decision (names lower-case, in a stable order). */
export function arrRequestHeaders(req: IncomingRequest, decision: Extract<RouteDecision, { kind: 'proxy' }>, logId: string): [string, string][] {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(req.headers)) if (!HOP_BY_HOP.has(k)) out.set(k, v);
  for (const [k, v] of decision.headers) {
    if (v === '') out.delete(k);
    else out.set(k, v);
  }
  out.set('host', new URL(decision.target).host);
  const client = req.clientIp.includes(':') ? `[${req.clientIp}]:${req.clientPort}` : `${req.clientIp}:${req.clientPort}`;
  const xff = out.get('x-forwarded-for');
  out.set('x-forwarded-for', xff ? `${xff}, ${client}` : client);
  out.set('x-original-url', req.url);
  out.set('max-forwards', String(nextMaxForwards(req) ?? 0));
  out.set('x-arr-log-id', logId);
  if (req.https) out.set('x-arr-ssl', '2048|256|CN=flask-iis local run|CN=' + req.host.replace(/:\d+$/, ''));
  return [...out];
}

/** The Max-Forwards the backend gets, or undefined when the request reached the limit (ARR answers 400.0). */
export function nextMaxForwards(req: IncomingRequest): number | undefined {
  const given = req.headers['max-forwards']?.trim();
  if (given === undefined || !/^\d{1,9}$/.test(given)) return 10;
  const n = Number(given);
  return n > 0 ? n - 1 : undefined;
}

/** reverseRewriteHostInResponseHeaders: a Location naming the backend gets the public host (and scheme) back. */
export function rewriteLocation(location: string, target: string, req: IncomingRequest): string {
  try {
    const loc = new URL(location, target);
    const t = new URL(target);
    if (loc.host.toLowerCase() !== t.host.toLowerCase() || !/^https?:\/\//i.test(location)) return location;
    return `${req.https ? 'https' : 'http'}://${req.host}${loc.pathname}${loc.search}${loc.hash}`;
  } catch {
    return location;
  }
}
