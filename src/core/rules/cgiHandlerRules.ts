/**
 * python-cgi-handler: the legacy IIS CGI mapping of Python (`modules="CgiModule"
 * scriptProcessor="C:\Python27\python.exe %s %s"`, usually `path="*.py"`). IIS's CgiModule starts one process per
 * request, runs it only when the CGI restrictions (isapiCgiRestriction) allow its exact command line, and the
 * script must be a CGI program. The finding offers the migration to HttpPlatformHandler (scaffold/migrateCgi.ts).
 */
import { attr, attrValue, modulesOf } from '../model/webConfig';
import type { XmlElement } from '../xml/types';
import { nameSpan, valueSpan, type Rule } from './context';
import { liveHandlers } from './reach';

export function isCgiModuleHandler(h: XmlElement): boolean {
  return modulesOf(h).includes('cgimodule');
}

/** A CgiModule handler that runs Python: python(w).exe / py.exe in scriptProcessor, or a `*.py` path. */
export function isPythonCgiHandler(h: XmlElement): boolean {
  if (!isCgiModuleHandler(h)) return false;
  const sp = attrValue(h, 'scriptProcessor') ?? '';
  return /(^|[\\/"\s])(python[0-9.]*w?|py)\.exe\b|\.py\b/i.test(sp) || /\.py\s*$/i.test(attrValue(h, 'path') ?? '');
}

/**
 * The program of a CGI scriptProcessor: the quoted first token, or everything up to `.exe` (an unquoted path may
 * hold spaces: IIS's CGI takes the executable up to `.exe`); a FastCGI-style `exe|script` is cut at the bar.
 */
export function cgiExecutable(scriptProcessor: string): string | undefined {
  const sp = scriptProcessor.trim();
  const quoted = /^"([^"]+)"/.exec(sp);
  if (quoted) return quoted[1]!.trim() || undefined;
  const exe = /^(.*?\.exe)(?=$|[\s|])/i.exec(sp);
  if (exe) return exe[1]!;
  const first = sp.split(/[\s|]/)[0];
  return first || undefined;
}

export const pythonCgiHandler: Rule = (ctx) => {
  for (const h of liveHandlers(ctx.model)) {
    if (!isPythonCgiHandler(h)) continue;
    const sp = attr(h, 'scriptProcessor');
    const span = sp ? valueSpan(sp) : nameSpan(h);
    const value = sp?.value ?? '';
    ctx.report('python-cgi-handler', span.start, span.end, 'cgi.pythonHandler', {
      handler: attrValue(h, 'name') ?? '',
      exe: cgiExecutable(value) ?? 'python.exe',
      pipe: value.includes('|') ? '@cgi.pythonHandler.pipe' : '',
    });
  }
};
