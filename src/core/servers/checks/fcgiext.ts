/**
 * IIS 6's fcgiext.ini (issue 17, section 3): IIS 6 is long out of support (once per file); a [Types] mapping to a
 * section that is not there; an application without ExePath, or one whose ExePath is not there where this machine
 * can tell (a Windows path seen from Linux, a UNC path or one with %VARIABLES% cannot be checked here: said so,
 * never "missing"); Arguments that run no known WSGI runner; wfastcgi without WSGI_HANDLER (in EnvironmentVars or a
 * web.config of the folder, which wfastcgi.py also reads).
 */
import { isRemoteOrDevicePath } from '../../host/hostPaths';
import { envVar, parseFcgiext, type FcgiextApp } from '../parsers/fcgiext';
import { kindOf, type Reporter, type ServerCheckInput } from './types';

/** What Arguments runs: wfastcgi, another known runner, or nothing we know. */
export function argumentsRunner(args: string): 'wfastcgi' | 'other' | undefined {
  const a = args.replace(/"/g, ' ').toLowerCase();
  if (/(^|[\\/\s])wfastcgi(\.py)?(\s|$)|-m\s+wfastcgi\b/.test(a)) return 'wfastcgi';
  // Django's runfcgi (through flup), a flup .fcgi script, a *fcgi*.py runner, iiswsgi / paster serve.
  if (/\bmanage\.py\b.*\brunfcgi\b|\.fcgi(\s|$)|fcgi[\w-]*\.py(\s|$)|iiswsgi|paster(-script\.py)?\s+serve/.test(a)) return 'other';
  return undefined;
}

export function checkFcgiext(input: ServerCheckInput, r: Reporter): void {
  for (const file of input.files) {
    if (kindOf(file) !== 'fcgiext') continue;
    const ini = parseFcgiext(file.text);
    const first = file.text.search(/\S/);
    const headEnd = first < 0 ? 0 : file.text.indexOf('\n', first) < 0 ? file.text.length : file.text.indexOf('\n', first);
    r.report(file.path, 'iis6-out-of-support', Math.max(0, first), headEnd, 'servers.iis6.outOfSupport', { file: file.path });
    for (const p of ini.problems.slice(0, 1)) r.report(file.path, 'server-config-not-understood', p.start, p.end, 'servers.notUnderstood', { kind: 'fcgiext.ini', ...p.args, what: `@servers.parse.${p.what}` });
    const byName = new Map(ini.apps.map((a) => [a.name.toLowerCase(), a]));
    const used = new Set<FcgiextApp>();
    for (const t of ini.types) {
      const app = byName.get(t.app.toLowerCase());
      if (app) used.add(app);
      else r.report(file.path, 'fcgiext-section-missing', t.start, t.end, 'servers.iis6.sectionMissing', { section: t.app, mapping: `${t.key}=${t.value}` });
    }
    // Sections no mapping names are never started by IIS: only the mapped ones are checked (all of them when [Types] is empty).
    const apps = ini.types.length ? ini.apps.filter((a) => used.has(a)) : ini.apps;
    for (const app of apps) checkApp(file.path, app, input, r);
  }
}

function checkApp(file: string, app: FcgiextApp, input: ServerCheckInput, r: Reporter): void {
  const exe = app.exePath;
  if (!exe || !exe.value) {
    const at = exe ?? { start: app.start, end: app.end };
    r.report(file, 'fcgiext-exepath-missing', at.start, at.end, 'servers.iis6.exePathAbsent', { section: app.name });
  } else {
    const path = exe.value.replace(/^"(.*)"$/, '$1');
    const exists = isRemoteOrDevicePath(path) || path.includes('%') ? undefined : input.pathExists?.(path);
    if (exists === false) r.report(file, 'fcgiext-exepath-missing', exe.start, exe.end, 'servers.iis6.exePathNotFound', { section: app.name, path });
    else if (exists === undefined) r.report(file, 'fcgiext-exepath-unchecked', exe.start, exe.end, 'servers.iis6.exePathUnchecked', { section: app.name, path });
  }
  const args = app.arguments;
  const runner = args ? argumentsRunner(args.value) : undefined;
  if (!runner) {
    const at = args ?? exe ?? { start: app.start, end: app.end };
    r.report(file, 'fcgiext-no-runner', at.start, at.end, args?.value ? 'servers.iis6.argumentsNoRunner' : 'servers.iis6.argumentsAbsent', { section: app.name, args: args?.value ?? '' });
  }
  if (runner === 'wfastcgi' && !envVar(app, 'WSGI_HANDLER')?.value && !input.webConfigHandler) {
    const at = app.environmentVars ?? { start: app.start, end: app.end };
    r.report(file, 'fcgiext-wsgi-handler-missing', at.start, at.end, 'servers.iis6.wsgiHandlerMissing', { section: app.name });
  }
}
