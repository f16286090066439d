/**
 * The reverse-proxy bridge (URL Rewrite + ARR in front of a Python server): proxy-forwarded-proto-missing,
 * server-variable-not-allowed, proxy-target-not-loopback, proxy-headers-not-trusted, proxyfix-too-many-hops,
 * proxyfix-without-proxy. ARR never sends X-Forwarded-Proto and sends Host as the backend's; the app must trust
 * exactly the one proxy in front of it, and only when there is one (a client can forge any X-Forwarded-*).
 * The application side is read as text from the project's Python files and service definitions (the folder and one level below, 100 files).
 */
import type { RelatedLocation } from '../findings';
import { attr, attrValue, children, envSetting, isPythonFastCgiHandler, type WebConfig } from '../model/webConfig';
import type { XmlElement } from '../xml/types';
import { nameSpan, valueSpan, type ProjectFiles, type Rule, type RuleContext } from './context';
import { hostOf } from './hostEnv';

/** `<rule>` elements whose action rewrites to an http(s):// URL (ARR proxies them), in document order. */
export function proxyRuleElements(model: WebConfig): { rule: XmlElement; action: XmlElement; url: URL | undefined }[] {
  const out: { rule: XmlElement; action: XmlElement; url: URL | undefined }[] = [];
  for (const rule of model.rewrites.flatMap((r) => children(r, 'rules')).flatMap((rs) => children(rs, 'rule'))) {
    if ((attrValue(rule, 'enabled') ?? 'true').trim().toLowerCase() === 'false') continue;
    const action = children(rule, 'action')[0];
    const target = action && attrValue(action, 'url');
    if (!action || (attrValue(action, 'type') ?? 'Rewrite').trim().toLowerCase() !== 'rewrite' || !target || !/^https?:\/\//i.test(target.trim())) continue;
    let url: URL | undefined;
    try {
      url = new URL(target.trim().replace(/\{[^{}]*\}/g, 'x'));
    } catch {
      url = undefined;
    }
    out.push({ rule, action, url });
  }
  return out;
}

export const isLoopback = (host: string) => /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/i.test(host);
const setsOf = (rule: XmlElement) => children(rule, 'serverVariables').flatMap((s) => children(s, 'set'));

export const forwardedProtoMissing: Rule = (ctx) => {
  for (const { rule, url } of proxyRuleElements(ctx.model)) {
    if (url && !isLoopback(url.hostname)) continue;
    if (setsOf(rule).some((s) => /^HTTP_X_FORWARDED_PROTO$/i.test(attrValue(s, 'name')?.trim() ?? ''))) continue;
    const span = nameSpan(rule);
    ctx.report('proxy-forwarded-proto-missing', span.start, span.end, 'proxy.protoMissing', { rule: attrValue(rule, 'name') ?? '' });
  }
};

export const serverVariableNotAllowed: Rule = (ctx) => {
  const allowed = hostOf(ctx)?.allowedServerVariables;
  if (!allowed) return;
  const host = hostOf(ctx)!;
  for (const rule of ctx.model.rewrites.flatMap((r) => children(r, 'rules')).flatMap((rs) => children(rs, 'rule'))) {
    for (const set of setsOf(rule)) {
      const name = attr(set, 'name');
      const upper = name?.value.trim().toUpperCase();
      if (!name || !upper || allowed.has(upper)) continue;
      const span = valueSpan(name);
      ctx.report('server-variable-not-allowed', span.start, span.end, 'proxy.variableNotAllowed', { name: name.value.trim(), apphost: host.path });
    }
  }
};

export const targetNotLoopback: Rule = (ctx) => {
  const rules = proxyRuleElements(ctx.model);
  // Only when the folder is a Python app's (a service definition or our wrapper next to web.config).
  if (!rules.length || !pythonBackendHere(ctx.options.project)) return;
  for (const { action, url } of rules) {
    if (!url || isLoopback(url.hostname)) continue;
    const span = valueSpan(attr(action, 'url')!);
    ctx.report('proxy-target-not-loopback', span.start, span.end, 'proxy.notLoopback', { host: url.host });
  }
};

/** A text file of the project and a match in it, as a related location. */
export interface Evidence { path: string; text: string; start: number; end: number }

const SKIP = new Set(['.venv', 'venv', 'env', '.env', 'node_modules', '__pycache__', 'site-packages', '.git', 'Lib', 'Scripts', 'static', 'media', 'logs']);
const MAX_FILES = 100;

/** The project's Python files and service scripts (the folder and its sub-folders, `MAX_FILES` at most), with their text. */
export function projectTexts(project: ProjectFiles | undefined): { path: string; text: string }[] {
  if (!project?.listDir) return [];
  const out: { path: string; text: string }[] = [];
  const walk = (dir: string, depth: number) => {
    for (const e of project.listDir!(dir) ?? []) {
      if (out.length >= MAX_FILES) return;
      const path = dir === '.' ? e.name : `${dir}/${e.name}`;
      if (e.kind === 'dir' && !e.link && depth < 1 && !SKIP.has(e.name)) walk(path, depth + 1);
      else if (e.kind === 'file' && /\.(py|xml|ps1|cmd|bat)$/i.test(e.name) && !/^web\.config$/i.test(e.name)) {
        const text = project.readText(path);
        if (text !== undefined && text.length < 1_000_000) out.push({ path, text });
      }
    }
  };
  walk('.', 0);
  return out;
}

function pythonBackendHere(project: ProjectFiles | undefined): boolean {
  return projectTexts(project).some((f) => /(^|\/)(wsgi_iis|asgi_iis)\.py$/.test(f.path) || (/\.xml$/i.test(f.path) && /<executable>[^<]*python[^<]*<\/executable>/i.test(f.text)));
}

const PROXY_FIX = /\bProxyFix\s*\(([^)]*)\)/g;
const AWARE = /--trusted-proxy\b|\btrusted_proxy\s*=|SECURE_PROXY_SSL_HEADER|-m\s+uvicorn|\buvicorn\b.*--forwarded-allow-ips|HTTP_X_FORWARDED_PROTO|x-forwarded-proto/i;

export function proxyFixCalls(files: { path: string; text: string }[]): (Evidence & { hops: Record<string, number> })[] {
  const out: (Evidence & { hops: Record<string, number> })[] = [];
  for (const f of files.filter((x) => x.path.endsWith('.py'))) {
    for (const m of f.text.matchAll(PROXY_FIX)) {
      const hops: Record<string, number> = { x_for: 1, x_proto: 1, x_host: 0, x_port: 0, x_prefix: 0 };
      for (const kw of m[1]!.matchAll(/\b(x_for|x_proto|x_host|x_port|x_prefix|num_proxies)\s*=\s*(\d+)/g)) hops[kw[1] === 'num_proxies' ? 'x_for' : kw[1]!] = Number(kw[2]);
      out.push({ path: f.path, text: f.text, start: m.index!, end: m.index! + m[0].length, hops });
    }
  }
  return out;
}

function related(ctx: RuleContext, e: Evidence): RelatedLocation {
  return { path: ctx.options.project?.absolute?.(e.path) ?? e.path, text: e.text, start: e.start, end: e.end, messageKey: 'related.proxyFix' };
}

export const proxyHeadersTrust: Rule = (ctx) => {
  const project = ctx.options.project;
  if (!project?.listDir) return;
  const loopback = proxyRuleElements(ctx.model).filter((r) => r.url && isLoopback(r.url.hostname));
  const fastCgi = ctx.model.handlers.some((h) => isPythonFastCgiHandler(ctx.model, h)) && !ctx.model.httpPlatforms.length;
  if (!loopback.length && !fastCgi) return;
  const files = projectTexts(project);
  const calls = proxyFixCalls(files);
  if (loopback.length) {
    const first = loopback[0]!.rule;
    const span = nameSpan(first);
    // Only when the app's code is here to read (a folder with web.config alone says nothing about the app).
    const hasPython = files.some((f) => f.path.endsWith('.py'));
    if (hasPython && !calls.length && !files.some((f) => AWARE.test(f.text))) ctx.report('proxy-headers-not-trusted', span.start, span.end, 'proxy.notTrusted', { rule: attrValue(first, 'name') ?? '' });
    for (const c of calls) {
      const tooMany = Object.entries(c.hops).filter(([, n]) => n > 1);
      if (tooMany.length) ctx.report('proxyfix-too-many-hops', span.start, span.end, 'proxy.tooManyHops', { file: c.path, settings: tooMany.map(([k, n]) => `${k}=${n}`).join(', ') }, [related(ctx, c)]);
    }
    return;
  }
  // wfastcgi: IIS passes the request to Python itself, no proxy sets X-Forwarded-*: a client chooses them.
  const handler = envSetting(ctx.model, 'WSGI_HANDLER');
  for (const c of calls.filter((x) => x.hops['x_for']! + x.hops['x_proto']! + x.hops['x_host']! + x.hops['x_port']! + x.hops['x_prefix']! > 0).slice(0, 1)) {
    const span = handler ? valueSpan(handler.valueAttr ?? handler.keyAttr) : nameSpan(ctx.model.handlers.find((h) => isPythonFastCgiHandler(ctx.model, h))!);
    ctx.report('proxyfix-without-proxy', span.start, span.end, 'proxy.fixWithoutProxy', { file: c.path }, [related(ctx, c)]);
  }
};
