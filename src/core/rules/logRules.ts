/**
 * log-in-served-folder: WSGI_LOG, or HttpPlatformHandler's stdoutLogFile, written into a folder the site serves
 * to every client: a folder IIS serves as static files (its web.config, or a <location>, takes the Python
 * handler away: servedFolders.ts), or the Flask app's own static folder (Flask serves every file in it). The
 * log holds tracebacks and environment variables; anyone can download it. Silent for logs outside the site,
 * paths this cannot place (%VAR%, UNC, another drive), and folders the Python handler serves.
 */
import { servedFolderOf, siteRelative } from '../iis/servedFolders';
import { attr, isHttpPlatformHandler } from '../model/webConfig';
import { pythonAnalysis } from '../python/analysis';
import { Evaluator } from '../python/evaluate';
import { mapServerPath } from '../python/serverPaths';
import { flaskStaticFolder } from '../python/staticFolder';
import type { XmlAttribute } from '../xml/types';
import { valueSpan, type Rule, type RuleContext } from './context';

/** The log's folder relative to the site (`logs`), or undefined when it is not in the site or cannot be placed. */
export function logFolderInSite(value: string, ctx: Pick<RuleContext, 'options'>): string | undefined {
  const path = value.trim();
  if (!path) return undefined;
  let rel: string | undefined;
  if (/^[A-Za-z]:[\\/]/.test(path) || /^%HOME%[\\/]/i.test(path)) {
    const mapped = mapServerPath(/^%/.test(path) ? undefined : path, path, { sitePath: ctx.options.sitePath, localFolder: ctx.options.project?.absolute?.('.') });
    rel = mapped?.mapped;
  } else if (!/[%:]/.test(path) && !/^[\\/]/.test(path)) rel = siteRelative(path);
  if (rel === undefined || rel === '.') return undefined;
  const cut = rel.lastIndexOf('/');
  return cut < 0 ? undefined : rel.slice(0, cut);
}

export const logInServedFolder: Rule = (ctx) => {
  const targets: { a: XmlAttribute; what: string }[] = [];
  for (const s of ctx.model.appSettings) if (s.key.toUpperCase() === 'WSGI_LOG' && s.valueAttr) targets.push({ a: s.valueAttr, what: 'WSGI_LOG' });
  for (const p of ctx.model.httpPlatforms) {
    const log = attr(p, 'stdoutLogFile');
    if (log && ctx.model.handlers.some(isHttpPlatformHandler)) targets.push({ a: log, what: 'stdoutLogFile' });
  }
  if (!targets.length) return;
  const files = ctx.options.project;
  const readConfig = (folder: string): string | undefined => {
    if (!files) return undefined;
    const name = files.listDir?.(folder)?.find((e) => e.kind === 'file' && e.name.toLowerCase() === 'web.config')?.name ?? 'web.config';
    return files.readText(`${folder}/${name}`);
  };
  let flaskStatic: string | null | undefined;
  const flaskFolder = (): string | undefined => {
    if (flaskStatic === undefined) {
      const analysis = pythonAnalysis(ctx.model, ctx.options);
      const r = analysis?.resolution;
      flaskStatic = analysis && r && !r.problems.length ? (flaskStaticFolder(new Evaluator(analysis.project), r.final)?.folder ?? null) : null;
    }
    return flaskStatic ?? undefined;
  };
  for (const { a, what } of targets) {
    const folder = logFolderInSite(a.value, ctx);
    if (!folder) continue;
    const span = valueSpan(a);
    const served = servedFolderOf(ctx.model, folder, readConfig);
    const args = { what, path: a.value.trim(), folder: served?.folder ?? folder };
    if (served) {
      ctx.report('log-in-served-folder', span.start, span.end, served.how === 'location' ? 'log.servedLocation' : 'log.servedConfig', args);
      continue;
    }
    const flask = flaskFolder();
    const under = flask && siteRelative(flask);
    if (under && (folder.toLowerCase() === under.toLowerCase() || folder.toLowerCase().startsWith(`${under.toLowerCase()}/`))) {
      ctx.report('log-in-served-folder', span.start, span.end, 'log.servedFlask', { ...args, folder: under });
    }
  }
};
