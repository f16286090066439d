/** HttpPlatformHandler: httpplatform-port-missing and dev-server-in-production. */
import { attr, attrValue, children } from '../model/webConfig';
import type { XmlElement } from '../xml/types';
import { nameSpan, valueSpan, type Rule, type RuleContext } from './context';

const PORT = /%HTTP_PLATFORM_PORT%/i;
const DOLLAR_PORT = /\$\{?HTTP_PLATFORM_PORT\}?/i;

function environmentVariables(platform: XmlElement): XmlElement[] {
  return children(platform, 'environmentVariables').flatMap((e) => children(e, 'environmentVariable'));
}

/** The script the process runs, read from the application folder (`python run.py ...` → run.py). */
function servedScript(ctx: RuleContext, platform: XmlElement): { name: string; text: string } | undefined {
  const args = attrValue(platform, 'arguments') ?? '';
  const m = /(?:^|\s)"?([^\s"]+\.py)"?(?:\s|$)/i.exec(args);
  const project = ctx.options.project;
  if (!m || !project) return undefined;
  const path = m[1]!;
  const base = path.split(/[\\/]/).pop()!;
  const text = project.readText(path.replace(/^\.[\\/]/, '')) ?? project.readText(base);
  return text === undefined ? undefined : { name: base, text };
}

export const platformPort: Rule = (ctx) => {
  for (const platform of ctx.model.httpPlatforms) {
    const values = [attr(platform, 'arguments'), attr(platform, 'processPath'), ...environmentVariables(platform).map((v) => attr(v, 'value'))];
    if (values.some((a) => a && PORT.test(a.value))) continue;
    const dollar = values.find((a) => a && DOLLAR_PORT.test(a.value));
    if (dollar) {
      const span = valueSpan(dollar);
      ctx.report('httpplatform-port-missing', span.start, span.end, 'platform.portDollar', { text: DOLLAR_PORT.exec(dollar.value)![0] });
      continue;
    }
    if (servedScript(ctx, platform)?.text.includes('HTTP_PLATFORM_PORT')) continue;
    const args = attr(platform, 'arguments');
    const span = args ? valueSpan(args) : nameSpan(platform);
    ctx.report('httpplatform-port-missing', span.start, span.end, 'platform.portMissing');
  }
};

const DEV_COMMANDS: [RegExp, string][] = [
  [/(^|\s)-m\s+flask\s+run\b/i, 'flask run'],
  [/(^|\s)-m\s+django\s+runserver\b/i, 'django runserver'],
  [/manage\.py"?\s+runserver\b/i, 'manage.py runserver'],
  [/(^|\s)-m\s+werkzeug\b/i, 'werkzeug'],
];
const DEBUG_ENV: Record<string, RegExp> = { FLASK_DEBUG: /^(1|true|yes|on)$/i, FLASK_ENV: /^development$/i, DJANGO_DEBUG: /^(1|true|yes|on)$/i };

export const devServer: Rule = (ctx) => {
  for (const platform of ctx.model.httpPlatforms) {
    const args = attr(platform, 'arguments');
    const processPath = attrValue(platform, 'processPath') ?? '';
    const dev = args && DEV_COMMANDS.find(([re]) => re.test(args.value));
    const flaskExe = /(^|[\\/])flask(\.exe)?"?$/i.test(processPath.trim()) && /^\s*run\b/i.test(args?.value ?? '');
    if (args && (dev || flaskExe)) {
      const span = valueSpan(args);
      ctx.report('dev-server-in-production', span.start, span.end, 'devserver.command', { what: dev ? dev[1] : 'flask run' });
    } else if (args) {
      const script = servedScript(ctx, platform);
      if (script && /\b(app|application)\.run\s*\(/.test(script.text)) {
        const span = valueSpan(args);
        ctx.report('dev-server-in-production', span.start, span.end, 'devserver.command', { what: `app.run() in ${script.name}` });
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
