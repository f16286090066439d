/**
 * `flask-iis run` for the reverse-proxy bridge: the service's command (serviceDefinition.ts) on a free loopback
 * port, and in front of it a reverse proxy in Node's http module that routes each request through web.config's
 * URL Rewrite rules and sends the backend what ARR would (core/iis/arrProxy.ts). Where it departs from IIS + ARR
 * is said once at start (DEPARTURES).
 */
import { randomUUID } from 'node:crypto';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { arrRequestHeaders, nextMaxForwards, rewriteLocation, routeRequest, type IncomingRequest } from '../../core/iis/arrProxy';
import { rewriteRules } from '../../core/iis/rewriteRules';
import type { RewriteRule } from '../../core/iis/urlMap';
import type { WebConfig } from '../../core/model/webConfig';
import { readRegularFile } from '../safeRead';
import { statSync } from 'node:fs';

export const DEPARTURES = [
  'no TLS: a request whose target is an absolute https:// URL (curl --request-target https://host/path http://127.0.0.1:PORT/) counts as HTTPS ({HTTPS}=on, port 443), and its host as the Host header',
  'responses stream through (IIS may buffer or compress them: ARR responseBufferLimit, dynamic compression)',
  'no ARR timeout (2 minutes by default on IIS), no WebSocket upgrade',
  'only this web.config\'s rules: no server-level rules, and allowedServerVariables is not checked (IIS answers 500.50 when a variable is not allowed)',
  'X-ARR-SSL carries no real certificate; static files are served from this folder without IIS\'s MIME map or caching headers',
  'Max-Forwards is counted down as ARR does (0 is refused with 400.0), but 10 for a request without one is this stand-in\'s choice, not a documented ARR value',
];

/** The rule that proxies to a loopback backend: its target port, and the application's URL path (X-Forwarded-Prefix set literally). */
export function proxyTargetOf(model: WebConfig): { port: number; appPath: string; rule: RewriteRule } | undefined {
  for (const rule of rewriteRules(model)) {
    const m = /^https?:\/\/(127\.0\.0\.1|localhost|\[::1\]):(\d+)(\/|$)/i.exec(rule.action.url ?? '');
    if (rule.action.type.toLowerCase() !== 'rewrite' || !m) continue;
    const prefix = rule.serverVariables?.find((v) => v.name.toUpperCase() === 'HTTP_X_FORWARDED_PREFIX')?.value ?? '';
    return { port: Number(m[2]), appPath: /^(\/[^{}/?#]+)+$/.test(prefix) ? prefix : '', rule };
  }
  return undefined;
}

export function usesReverseProxy(model: WebConfig): boolean {
  return !!proxyTargetOf(model) && !model.httpPlatforms.length && !model.handlers.some((h) => /fastcgimodule|httpplatformhandler/i.test(h.attributes.find((a) => a.name === 'modules')?.value ?? ''));
}

const TYPES: Record<string, string> = { '.css': 'text/css', '.js': 'text/javascript', '.html': 'text/html', '.htm': 'text/html', '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.svg': 'image/svg+xml', '.ico': 'image/x-icon', '.json': 'application/json', '.txt': 'text/plain', '.woff2': 'font/woff2' };
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer']);

export interface LocalProxyOptions {
  model: WebConfig;
  appDir: string;
  /** Where the backend really listens here (the declared port is kept in Host, as ARR sends it). */
  backendPort: number;
  port: number;
  log: (line: string) => void;
}

export function startLocalProxy(o: LocalProxyOptions): Promise<{ server: Server; url: string; appPath: string }> {
  const target = proxyTargetOf(o.model)!;
  const rules = rewriteRules(o.model);
  const root = resolve(o.appDir);
  const exists = (rel: string): 'file' | 'dir' | undefined => {
    const full = resolve(root, ...rel.split('/').filter(Boolean));
    if (full !== root && !full.startsWith(root + sep)) return undefined;
    try {
      const s = statSync(full);
      return s.isFile() ? 'file' : s.isDirectory() ? 'dir' : undefined;
    } catch {
      return undefined;
    }
  };
  const server = createServer((req, res) => handle(req, res, o, rules, target.appPath, exists, root));
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(o.port, '127.0.0.1', () => {
      const a = server.address();
      const port = typeof a === 'object' && a ? a.port : o.port;
      resolvePromise({ server, url: `http://127.0.0.1:${port}/`, appPath: target.appPath });
    });
  });
}

function incoming(req: IncomingMessage): IncomingRequest {
  const raw = req.url ?? '/';
  const absolute = /^(https?):\/\/([^/?#]+)([^#]*)$/i.exec(raw);
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  const https = absolute ? absolute[1]!.toLowerCase() === 'https' : false;
  const host = absolute ? absolute[2]! : headers['host'] ?? '127.0.0.1';
  if (absolute) headers['host'] = host;
  const ip = (req.socket.remoteAddress ?? '').replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, '$1');
  return { url: absolute ? absolute[3] || '/' : raw, https, host, headers, clientIp: ip, clientPort: req.socket.remotePort ?? 0, serverPort: https ? 443 : req.socket.localPort ?? 80 };
}

function handle(req: IncomingMessage, res: ServerResponse, o: LocalProxyOptions, rules: RewriteRule[], appPath: string, exists: (rel: string) => 'file' | 'dir' | undefined, root: string): void {
  const r = incoming(req);
  const decision = routeRequest(rules, appPath, r, exists);
  if (decision.kind === 'unknown') return answer(res, 404, `flask-iis run: ${decision.reason}\n`);
  if (decision.kind === 'redirect') {
    res.writeHead(301, { location: decision.url });
    return void res.end();
  }
  if (decision.kind === 'file') {
    if (exists(decision.path) !== 'file') return answer(res, 404, 'Not Found (IIS would look for a file here: no rule sent this URL to Python)\n');
    const read = readRegularFile(join(root, ...decision.path.split('/').filter(Boolean)), 50_000_000, { noFollow: true });
    if (!read.ok) return answer(res, 404, 'Not Found\n');
    res.writeHead(200, { 'content-type': TYPES[extname(decision.path).toLowerCase()] ?? 'application/octet-stream', 'content-length': read.bytes.length });
    return void res.end(read.bytes);
  }
  if (nextMaxForwards(r) === undefined) return answer(res, 400, '400.0 Bad Request: The request cannot be routed because it has reached the Max-Forwards limit. The server may be self-referencing itself in request routing topology.\n');
  const t = new URL(decision.target);
  const headers = arrRequestHeaders(r, decision, randomUUID().toUpperCase());
  const back = request({ host: '127.0.0.1', port: o.backendPort, method: req.method, path: `${t.pathname}${t.search}`, headers: Object.fromEntries(headers) }, (up) => {
    const out: Record<string, string | string[]> = {};
    for (const [k, v] of Object.entries(up.headers)) if (v !== undefined && !HOP_BY_HOP.has(k)) out[k] = k === 'location' && typeof v === 'string' ? rewriteLocation(v, decision.target, r) : v;
    res.writeHead(up.statusCode ?? 502, out);
    up.pipe(res);
  });
  back.on('error', (e) => {
    o.log(`proxy: ${decision.target}: ${e.message}`);
    if (!res.headersSent) answer(res, 502, `502.3 Bad Gateway: the Python service did not answer (${e.message})\n`);
    else res.destroy();
  });
  req.pipe(back);
}

function answer(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(body);
}
