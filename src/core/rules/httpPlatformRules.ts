/** HttpPlatformHandler: httpplatform-port-missing and dev-server-in-production. */
import { attr, attrValue, children } from '../model/webConfig';
import type { XmlElement } from '../xml/types';
import { pythonCommand, splitCommandLine, subcommand, type PythonCommand } from './argv';
import { nameSpan, valueSpan, type Rule, type RuleContext } from './context';

const PORT = /%HTTP_PLATFORM_PORT%/i;
const DOLLAR_PORT = /\$\{?HTTP_PLATFORM_PORT\}?/i;

function environmentVariables(platform: XmlElement): XmlElement[] {
  return children(platform, 'environmentVariables').flatMap((e) => children(e, 'environmentVariable'));
}

const exeName = (path: string) => path.trim().replace(/^"|"$/g, '').split(/[\\/]/).pop()!.toLowerCase().replace(/\.exe$/, '');
const isPython = (processPath: string) => /^(python|pythonw|py)(\d+(\.\d+)*)?$/.test(exeName(processPath));

/** Python servers' own launchers: each binds its own default port (8080, 5000, 8000) unless told one. */
const SERVER_LAUNCHERS = new Set(['waitress-serve', 'flask', 'uvicorn', 'hypercorn', 'daphne', 'gunicorn', 'granian']);

/**
 * Whether what processPath starts is known to ignore HTTP_PLATFORM_PORT unless it is passed: a Python or one of its
 * servers. Any other program (powershell.exe with a .ps1, cmd.exe, a .bat, node.exe) gets the port in its
 * environment from HttpPlatformHandler and may well read it there (%HTTP_PLATFORM_PORT% in a .bat,
 * $env:HTTP_PLATFORM_PORT in PowerShell): what it does is not known here.
 */
const needsPortPassed = (processPath: string) => isPython(processPath) || SERVER_LAUNCHERS.has(exeName(processPath));

/** What the process runs: python's own command line (`-m flask ...`, `app.py ...`) when processPath is a Python. */
function command(platform: XmlElement): PythonCommand | undefined {
  const processPath = attrValue(platform, 'processPath') ?? '';
  return isPython(processPath) ? pythonCommand(splitCommandLine(attrValue(platform, 'arguments') ?? '')) : undefined;
}

/** The script the process runs, read from the application folder (`python run.py ...` → run.py). */
function servedScript(ctx: RuleContext, platform: XmlElement): { name: string; text: string } | undefined {
  const script = command(platform)?.script?.value;
  const project = ctx.options.project;
  if (!script || !/\.py$/i.test(script) || !project) return undefined;
  const base = script.split(/[\\/]/).pop()!;
  const text = /^[A-Za-z]:|^%|^[\\/]/.test(script) ? undefined : project.readText(script.replace(/^\.[\\/]/, ''));
  const found = text ?? project.readText(base);
  return found === undefined ? undefined : { name: base, text: found };
}

export const platformPort: Rule = (ctx) => {
  for (const platform of ctx.model.httpPlatforms) {
    const env = environmentVariables(platform);
    const values = [attr(platform, 'arguments'), attr(platform, 'processPath'), ...env.map((v) => attr(v, 'value'))];
    if (values.some((a) => a && PORT.test(a.value))) {
      literalPort(ctx, platform, env);
      continue;
    }
    const dollar = values.find((a) => a && DOLLAR_PORT.test(a.value));
    if (dollar) {
      const span = valueSpan(dollar);
      ctx.report('httpplatform-port-missing', span.start, span.end, 'platform.portDollar', { text: DOLLAR_PORT.exec(dollar.value)![0] });
      continue;
    }
    if (servedScript(ctx, platform)?.text.includes('HTTP_PLATFORM_PORT')) continue;
    if (!needsPortPassed(attrValue(platform, 'processPath') ?? '')) continue;
    const args = attr(platform, 'arguments');
    const span = args ? valueSpan(args) : nameSpan(platform);
    ctx.report('httpplatform-port-missing', span.start, span.end, 'platform.portMissing');
  }
};

/** A port written into the server call: app.run(port=8000), serve(app, port=8000), listen="*:8000", run(app, "0.0.0.0", 8000). */
const LITERAL_BIND = /\b(?:run|serve|run_simple|create_server)\s*\([^()]*?(?:\bport\s*=\s*(\d{2,5})|['"][^'"]*['"]\s*,\s*(\d{2,5})\s*[,)])|\blisten\s*=\s*['"][^'"]*:(\d{2,5})['"]/;
const READS_ARGV = /\bsys\.argv\b|\bargparse\b|\bclick\b|\bgetopt\b|\btyper\b/;

/** The port reaches the process, but the served script binds its own literal port and never reads the one passed. */
function literalPort(ctx: RuleContext, platform: XmlElement, env: XmlElement[]): void {
  const script = servedScript(ctx, platform);
  const args = attr(platform, 'arguments');
  if (!script || !args) return;
  const m = LITERAL_BIND.exec(script.text);
  if (!m) return;
  const names = ['HTTP_PLATFORM_PORT', ...env.filter((v) => PORT.test(attrValue(v, 'value') ?? '')).map((v) => attrValue(v, 'name')?.trim() ?? '')].filter(Boolean);
  if (names.some((n) => new RegExp(`['"]${n.replace(/\W/g, '\\$&')}['"]`, 'i').test(script.text))) return;
  if (PORT.test(args.value) && READS_ARGV.test(script.text)) return;
  const line = script.text.slice(0, m.index).split('\n').length;
  const passed = [...(PORT.test(args.value) ? ['arguments'] : []), ...names.slice(1)].join(', ');
  const span = valueSpan(args);
  ctx.report('httpplatform-port-missing', span.start, span.end, 'platform.scriptPortLiteral', { script: script.name, port: m[1] ?? m[2] ?? m[3] ?? '', line, passed });
}

const DEBUG_ENV: Record<string, RegExp> = { FLASK_DEBUG: /^(1|true|yes|on)$/i, FLASK_ENV: /^development$/i, DJANGO_DEBUG: /^(1|true|yes|on)$/i };

/** The development server the arguments start, read as an argv: `-m flask --app shop run`, `flask -A shop --debug run`. */
function devCommand(platform: XmlElement): string | undefined {
  const processPath = attrValue(platform, 'processPath') ?? '';
  const tokens = splitCommandLine(attrValue(platform, 'arguments') ?? '');
  const exe = exeName(processPath);
  if (exe === 'flask') return subcommand(tokens, 'flask')?.value === 'run' ? 'flask run' : undefined;
  if (exe === 'django-admin') return subcommand(tokens, 'django')?.value === 'runserver' ? 'django-admin runserver' : undefined;
  const cmd = command(platform);
  if (!cmd) return undefined;
  const module = cmd.module?.toLowerCase();
  if (module === 'flask' && subcommand(cmd.rest, 'flask')?.value === 'run') return 'flask run';
  if (module === 'django' && subcommand(cmd.rest, 'django')?.value === 'runserver') return 'django runserver';
  if (module === 'werkzeug' || module?.startsWith('werkzeug.')) return 'werkzeug';
  const script = cmd.script?.value.split(/[\\/]/).pop()?.toLowerCase();
  if (script === 'manage.py' && subcommand(cmd.rest, 'django')?.value === 'runserver') return 'manage.py runserver';
  return undefined;
}

export const devServer: Rule = (ctx) => {
  for (const platform of ctx.model.httpPlatforms) {
    const args = attr(platform, 'arguments');
    const dev = devCommand(platform);
    if (args && dev) {
      const span = valueSpan(args);
      ctx.report('dev-server-in-production', span.start, span.end, 'devserver.command', { what: dev });
    } else if (args) {
      const script = servedScript(ctx, platform);
      if (script && /\b(app|application)\.run\s*\(/.test(script.text)) {
        const span = valueSpan(args);
        ctx.report('dev-server-in-production', span.start, span.end, 'devserver.command', { what: '@devserver.appRunIn', script: script.name });
      }
    }
    for (const v of environmentVariables(platform)) {
      const name = attrValue(v, 'name')?.trim().toUpperCase() ?? '';
      const value = attr(v, 'value');
      if (value && DEBUG_ENV[name]?.test(value.value.trim())) {
        const span = valueSpan(value);
        ctx.report('dev-server-in-production', span.start, span.end, 'devserver.debugEnv', { name, value: value.value });
      }
    }
  }
};
