/**
 * How IIS maps a request URL to a file: URL Rewrite's inbound rules first (in order, `{R:n}` back-references,
 * `stopProcessing`), then the virtual directories (the longest URL prefix wins; the rest of the URL is a path
 * below its physical folder), else the site's root folder. The configuration that applies to the request is the
 * site's web.config, then the web.config of the physical folder of each URL prefix (`/a`, `/a/b`...). Pure:
 * the file system is a callback; anything this cannot judge (a server variable in a condition, a custom
 * provider) gives `unknown`, never a guess.
 */

export interface RewriteCondition {
  input: string;
  matchType: 'Pattern' | 'IsFile' | 'IsDirectory';
  pattern?: string;
  negate: boolean;
  ignoreCase: boolean;
}

export interface RewriteRule {
  name: string;
  /** `<match url>`: an ECMAScript pattern matched against the URL path without its leading `/`. */
  pattern: string;
  ignoreCase: boolean;
  negate: boolean;
  conditions: RewriteCondition[];
  matchAny: boolean;
  action: { type: string; url?: string };
  stopProcessing: boolean;
  /** `<conditions trackAllCaptures>`: {C:n} numbers the groups of every matched condition, not only the last. */
  trackAllCaptures?: boolean;
  /** `<serverVariables><set>`: request headers are set as HTTP_* variables (an empty value removes the header). */
  serverVariables?: { name: string; value: string; replace: boolean }[];
}

export interface VirtualDirectory {
  /** The URL path: `/static`. */
  path: string;
  /** The physical folder, relative to the site folder (`pkg/static`), `/`-separated. */
  physical: string;
}

export interface SiteMap {
  rules: RewriteRule[];
  virtualDirs: VirtualDirectory[];
  /** What is at a path relative to the site folder. */
  exists(path: string): 'file' | 'dir' | undefined;
}

export type UrlMapping =
  | {
    kind: 'file';
    /** The URL after rewriting, with its leading `/`. */
    url: string;
    /** The physical path it names, relative to the site folder. */
    physical: string;
    /** Folders (relative to the site) whose web.config applies to the request, the site's own ('.') first. */
    configFolders: string[];
  }
  | { kind: 'redirect' | 'proxy' | 'response'; url: string }
  | { kind: 'unknown'; reason: string };

const MAX_RULES = 1000;

/** The URL path (`/static/site.css`) as IIS serves it. */
export function mapUrl(site: SiteMap, url: string): UrlMapping {
  const original = normalizeUrl(url);
  let current = original;
  for (const rule of site.rules.slice(0, MAX_RULES)) {
    const match = matchRule(rule, current);
    if (match === undefined) return { kind: 'unknown', reason: `rule "${rule.name}": its pattern cannot be evaluated here` };
    if (!match) continue;
    const conditions = evaluateConditions(rule, site, original);
    if (conditions === undefined) return { kind: 'unknown', reason: `rule "${rule.name}": a condition this cannot evaluate` };
    if (!conditions) continue;
    const type = rule.action.type.toLowerCase();
    if (type === 'rewrite') {
      const target = substitute(rule.action.url ?? '', match);
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target)) return { kind: 'proxy', url: target };
      if (/\{(?!R:\d+\})/i.test(target)) return { kind: 'unknown', reason: `rule "${rule.name}": a server variable in the rewrite URL` };
      current = normalizeUrl(target.split('?')[0]!);
    } else if (type === 'redirect') return { kind: 'redirect', url: substitute(rule.action.url ?? '', match) };
    else if (type === 'customresponse' || type === 'abortrequest') return { kind: 'response', url: current };
    if (rule.stopProcessing) break;
  }
  return { kind: 'file', url: current, ...physicalPath(site.virtualDirs, current) };
}

/** The physical path of a URL path and the folders whose web.config applies, through the virtual directories. */
export function physicalPath(virtualDirs: VirtualDirectory[], url: string): { physical: string; configFolders: string[] } {
  const segments = normalizeUrl(url).split('/').filter(Boolean);
  const toPhysical = (count: number): string => {
    const prefix = `/${segments.slice(0, count).join('/')}`.toLowerCase();
    let best: VirtualDirectory | undefined;
    for (const v of virtualDirs) {
      const p = normalizeUrl(v.path).toLowerCase().replace(/\/$/, '');
      if ((prefix === p || prefix.startsWith(`${p}/`)) && (!best || p.length > normalizeUrl(best.path).length)) best = v;
    }
    const base = best ? trimSlashes(best.physical) : '';
    const rest = segments.slice(best ? normalizeUrl(best.path).split('/').filter(Boolean).length : 0, count);
    return [base, ...rest].filter(Boolean).join('/') || '.';
  };
  const configFolders = ['.'];
  for (let i = 1; i < segments.length; i++) {
    const folder = toPhysical(i);
    if (!configFolders.includes(folder)) configFolders.push(folder);
  }
  return { physical: toPhysical(segments.length), configFolders };
}

/** `/a/./b/../c` → `/a/c`, as the client and http.sys normalise it (never above the root). */
function normalizeUrl(url: string): string {
  const out: string[] = [];
  const path = url.split('?')[0]!.replace(/\\/g, '/');
  for (const seg of path.split('/')) {
    if (seg === '..') out.pop();
    else if (seg && seg !== '.') out.push(seg);
  }
  return `/${out.join('/')}${path.endsWith('/') && out.length ? '/' : ''}`;
}

function trimSlashes(p: string): string {
  return p.replace(/\\/g, '/').replace(/^\.?\/+|\/+$/g, '');
}

/** The match (groups) of a rule against a URL path, false when it does not match, undefined when it cannot be judged. */
function matchRule(rule: RewriteRule, url: string): RegExpExecArray | false | undefined {
  let re: RegExp;
  try {
    re = new RegExp(rule.pattern, rule.ignoreCase ? 'i' : '');
  } catch {
    return undefined;
  }
  const m = re.exec(url.slice(1));
  if (rule.negate) return m ? false : (Object.assign([url.slice(1)], { index: 0, input: url.slice(1) }) as unknown as RegExpExecArray);
  return m ?? false;
}

function evaluateConditions(rule: RewriteRule, site: SiteMap, originalUrl: string): boolean | undefined {
  if (!rule.conditions.length) return true;
  const results: boolean[] = [];
  for (const c of rule.conditions) {
    if (!/^\{REQUEST_FILENAME\}$/i.test(c.input.trim()) || c.matchType === 'Pattern') return undefined;
    const found = site.exists(physicalPath(site.virtualDirs, originalUrl).physical);
    const is = c.matchType === 'IsFile' ? found === 'file' : found === 'dir';
    results.push(c.negate ? !is : is);
  }
  return rule.matchAny ? results.some(Boolean) : results.every(Boolean);
}

function substitute(template: string, match: RegExpExecArray): string {
  return template.replace(/\{R:(\d+)\}/gi, (_m, n: string) => match[Number(n)] ?? '');
}
