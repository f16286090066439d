/**
 * The web server side against the Python side: nginx's proxy_pass / uwsgi_pass / fastcgi_pass (and lighttpd's
 * fastcgi socket) must name a socket or port that uWSGI, gunicorn or the .fcgi binds (from their ini, systemd
 * unit or gunicorn config); ProxyFix belongs behind a proxy and only there. Configs that could not be read are
 * reported as such (server-config-not-understood), never guessed.
 */
import { parseApache } from '../parsers/apache';
import { parseIni } from '../parsers/ini';
import { allDirectives, parseNginx, type NotUnderstood } from '../parsers/nginx';
import { kindOf, type Reporter, type ServerCheckInput, type ServerFile, type ServerFileKind } from './types';

interface Place {
  file: string;
  start: number;
  end: number;
}

interface Address extends Place {
  /** `unix:/run/x.sock`, or `host:port` (host `*` for every interface). */
  key: string;
  written: string;
}

/** `unix:/p`, `http://127.0.0.1:8000/`, `localhost:8000`, `:8000`, `0.0.0.0:8000`, `/run/x.sock` → a comparable key. */
export function addressKey(raw: string): string | undefined {
  let v = raw.trim().replace(/^["']|["']$/g, '');
  if (!v || v.includes('$') || v.includes('%')) return undefined;
  if (v.startsWith('unix:')) return `unix:${v.slice(5).replace(/\|.*$/, '').replace(/:$/, '')}`;
  if (v.startsWith('/')) return `unix:${v}`;
  v = v.replace(/^[a-z]+:\/\//i, '').replace(/\/.*$/, '');
  const m = /^(\[[^\]]*\]|[^:]*)?:(\d+)$/.exec(v) ?? (/^\d+$/.test(v) ? ['', '', v] : null);
  if (!m) return undefined;
  const host = (m[1] ?? '').toLowerCase();
  const wildcard = host === '' || host === '*' || host === '0.0.0.0' || host === '[::]';
  const loopback = host === 'localhost' || host === '127.0.0.1' || host === '[::1]';
  return `${wildcard ? '*' : loopback ? 'loopback' : host}:${m[2]}`;
}

function matches(client: string, bind: string): boolean {
  if (client.startsWith('unix:') || bind.startsWith('unix:')) return client === bind;
  const [ch, cp] = [client.slice(0, client.lastIndexOf(':')), client.slice(client.lastIndexOf(':') + 1)];
  const [bh, bp] = [bind.slice(0, bind.lastIndexOf(':')), bind.slice(bind.lastIndexOf(':') + 1)];
  return cp === bp && (bh === '*' || ch === bh);
}

const UWSGI_BINDS = new Set(['socket', 'uwsgi-socket', 'http-socket', 'http', 'fastcgi-socket', 'shared-socket', 'https-socket', 'scgi-socket']);
const FLAG_BINDS = new Set(['--bind', '-b', '--socket', '-s', '--http-socket', '--http', '--fastcgi-socket', '--uwsgi-socket']);

function add(out: Address[], file: string, written: string, start: number): void {
  const key = addressKey(written);
  if (key) out.push({ key, written, file, start, end: start + written.length });
}

/** What the Python side binds: uWSGI ini keys, ExecStart flags (gunicorn, uwsgi, a .fcgi's socket argument), gunicorn's bind. */
function appBinds(files: { f: ServerFile; kind: ServerFileKind }[]): Address[] {
  const out: Address[] = [];
  for (const { f, kind } of files) {
    if (kind === 'uwsgi') {
      for (const e of parseIni(f.text).entries) if (e.section === 'uwsgi' && UWSGI_BINDS.has(e.key)) add(out, f.path, e.value, e.start);
    } else if (kind === 'systemd') {
      for (const e of parseIni(f.text).entries) {
        if (e.key !== 'ExecStart') continue;
        const words = [...e.value.matchAll(/\S+/g)];
        for (let i = 0; i < words.length; i++) {
          const w = words[i]![0];
          const eq = /^(--[a-z-]+)=(.+)$/.exec(w);
          if (eq && FLAG_BINDS.has(eq[1]!)) add(out, f.path, eq[2]!, e.start + words[i]!.index! + eq[1]!.length + 1);
          else if (FLAG_BINDS.has(w) && words[i + 1]) add(out, f.path, words[i + 1]![0], e.start + words[i + 1]!.index!);
          else if (/\.fcgi$/.test(w) && words[i + 1]) add(out, f.path, words[i + 1]![0], e.start + words[i + 1]!.index!);
        }
      }
    } else if (kind === 'gunicorn') {
      const m = /^bind\s*=\s*\[?\s*(["'])([^"']+)\1/m.exec(f.text);
      if (m) add(out, f.path, m[2]!, m.index + m[0].length - m[2]!.length - 1);
    }
  }
  return out;
}

interface Pass extends Address {
  directive: string;
}

function notUnderstood(r: Reporter, file: string, kind: string, problems: NotUnderstood[]): void {
  for (const p of problems.slice(0, 1)) r.report(file, 'server-config-not-understood', p.start, p.end, 'servers.notUnderstood', { kind, ...p.args, what: `@servers.parse.${p.what}` });
}

export function checkProxies(input: ServerCheckInput, r: Reporter): void {
  const files = input.files.map((f) => ({ f, kind: kindOf(f) })).filter((x): x is { f: ServerFile; kind: ServerFileKind } => x.kind !== undefined);
  const passes: Pass[] = [];
  const proxies: Place[] = [];
  let serverConfigs = 0;
  for (const { f, kind } of files) {
    if (kind === 'nginx') {
      serverConfigs++;
      const conf = parseNginx(f.text);
      notUnderstood(r, f.path, 'nginx', conf.problems);
      const upstreams = new Map<string, { value: string; start: number }[]>();
      for (const { d } of allDirectives(conf.directives)) {
        if (d.name === 'upstream' && d.args[0] && d.block) upstreams.set(d.args[0].value, d.block.filter((s) => s.name === 'server' && s.args[0]).map((s) => ({ value: s.args[0]!.value, start: s.args[0]!.start })));
      }
      for (const { d } of allDirectives(conf.directives)) {
        if (!['proxy_pass', 'uwsgi_pass', 'fastcgi_pass'].includes(d.name) || !d.args[0]) continue;
        const a = d.args[0];
        if (d.name === 'proxy_pass' && /^https?:\/\//.test(a.value)) proxies.push({ file: f.path, start: d.start, end: d.end });
        const name = a.value.replace(/^[a-z]+:\/\//, '').replace(/[/:].*$/, '');
        const targets = upstreams.get(name) ?? [{ value: a.value, start: a.start }];
        for (const t of targets) {
          const key = addressKey(t.value);
          if (key) passes.push({ key, written: a.value, file: f.path, start: a.start, end: a.end, directive: d.name });
        }
      }
    } else if (kind === 'apache') {
      serverConfigs++;
      const conf = parseApache(f.text);
      notUnderstood(r, f.path, 'Apache', conf.problems);
      for (const d of conf.directives) if (/^(ProxyPass|ProxyPassMatch|RewriteRule)$/i.test(d.name) && d.args.some((a) => /^(https?|uwsgi|fcgi):\/\/|\[P[\],]/i.test(a.value))) proxies.push({ file: f.path, start: d.start, end: d.end });
    } else if (kind === 'lighttpd') {
      serverConfigs++;
      for (const m of f.text.matchAll(/"socket"\s*=>\s*"([^"]+)"/g)) {
        const key = addressKey(m[1]!);
        const start = m.index! + m[0].length - m[1]!.length - 1;
        if (key) passes.push({ key, written: m[1]!, file: f.path, start, end: start + m[1]!.length, directive: 'fastcgi.server socket' });
      }
    } else if (kind === 'uwsgi' || kind === 'systemd') {
      serverConfigs++;
      notUnderstood(r, f.path, kind === 'uwsgi' ? 'uWSGI' : 'systemd', parseIni(f.text).problems);
    }
  }
  const binds = appBinds(files);
  if (binds.length) {
    for (const p of passes) {
      if (binds.some((b) => matches(p.key, b.key))) continue;
      r.report(p.file, 'upstream-not-bound', p.start, p.end, 'servers.upstreamNotBound', { directive: p.directive, target: p.written, binds: binds.map((b) => b.written).join(', ') });
    }
  }
  const python = files.filter((x) => ['python', 'wsgi', 'fcgi', 'cgi'].includes(x.kind));
  const fixes = python.flatMap(({ f }) => [...f.text.matchAll(/^[^#\n]*?\bProxyFix\s*\(/gm)].map((m) => ({ file: f.path, start: m.index! + m[0].indexOf('ProxyFix'), end: m.index! + m[0].indexOf('ProxyFix') + 8 })));
  if (fixes.length && serverConfigs && !proxies.length) for (const x of fixes.slice(0, 3)) r.report(x.file, 'proxyfix-without-proxy', x.start, x.end, 'servers.proxyFixWithoutProxy');
  if (proxies.length && python.length && !fixes.length) {
    const p = proxies[0]!;
    r.report(p.file, 'proxyfix-missing-behind-proxy', p.start, p.end, 'servers.proxyFixMissing', { target: passes.find((x) => x.file === p.file)?.written ?? '' });
  }
}
