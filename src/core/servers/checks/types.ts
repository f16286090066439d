/** What the checks of the other deployment systems read, and what they report (findings per file, as `check`'s). */
import type { Code } from '../../codes';
import { defaultSeverity, type Finding, type RelatedLocation } from '../../findings';
import type { MessageArgs, MessageKey } from '../../messages';
import type { PythonSupport } from '../../python';
import type { ProjectFiles } from '../../rules/context';

export interface ServerFile {
  /** Relative to the checked folder, `/`-separated. */
  path: string;
  text: string;
  /** The execute bit, where the file system shows it (undefined on Windows). */
  executable?: boolean;
}

export type ServerFileKind = 'wsgi' | 'fcgi' | 'cgi' | 'nginx' | 'apache' | 'lighttpd' | 'uwsgi' | 'systemd' | 'gunicorn' | 'python' | 'fcgiext';

export interface ServerCheckInput {
  files: ServerFile[];
  /** The project's virtual environment folder (holding pyvenv.cfg), when it has one. */
  venv?: string;
  /** The Python-aware analysis, when the parser is there. */
  python?: { support: PythonSupport; files: ProjectFiles };
  /** Whether a local absolute path is a file here; undefined where this machine cannot tell (a Windows path on Linux). */
  pathExists?: (path: string) => boolean | undefined;
  /** A web.config of the folder sets WSGI_HANDLER (wfastcgi.py reads its appSettings too, IIS 6's fcgiext.ini need not). */
  webConfigHandler?: boolean;
}

export interface ServerReport {
  path: string;
  text: string;
  findings: Finding[];
}

export class Reporter {
  readonly reports = new Map<string, ServerReport>();

  constructor(files: ServerFile[]) {
    for (const f of files) this.reports.set(f.path, { path: f.path, text: f.text, findings: [] });
  }

  report(file: string, code: Code, start: number, end: number, messageKey: MessageKey, args: MessageArgs = {}, related: RelatedLocation[] = []): void {
    this.reports.get(file)?.findings.push({ code, severity: defaultSeverity(code), start, end, messageKey, args, related });
  }
}

/** What a file is, from its name and (for .conf files) its text. */
export function kindOf(file: ServerFile): ServerFileKind | undefined {
  const name = file.path.slice(file.path.lastIndexOf('/') + 1).toLowerCase();
  if (name.endsWith('.wsgi')) return 'wsgi';
  if (name.endsWith('.fcgi')) return 'fcgi';
  if (name.endsWith('.cgi')) return 'cgi';
  if (name.endsWith('.service')) return 'systemd';
  if (/^gunicorn[._-]?(conf|config)?(\.conf)?\.py$/.test(name)) return 'gunicorn';
  if (name.endsWith('.py')) return 'python';
  if (name === 'fcgiext.ini') return 'fcgiext';
  if (name.endsWith('.ini')) return /^\s*\[uwsgi\]/m.test(file.text) ? 'uwsgi' : undefined;
  if (name === '.htaccess' || name === 'htaccess') return 'apache';
  if (name.endsWith('.conf') || name === 'nginx' || /(^|\/)(sites-(available|enabled)|nginx|apache2?|httpd|lighttpd)\//.test(file.path)) {
    if (/^\s*(fastcgi\.server|server\.modules|alias\.url)\s*\+?=/m.test(file.text)) return 'lighttpd';
    if (/^\s*<(VirtualHost|Directory|IfModule|Location|Files)\b|^\s*(WSGIScriptAlias|WSGIDaemonProcess|ScriptAlias|ProxyPass|LoadModule)\s/im.test(file.text)) return 'apache';
    if (/^\s*(server|location|upstream|http)\b[^;{]*\{/m.test(file.text)) return 'nginx';
  }
  return undefined;
}
