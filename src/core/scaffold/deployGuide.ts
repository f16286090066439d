/**
 * DEPLOY.md: the steps left on the Windows server after the files are right (IIS feature, Python environment,
 * wfastcgi-enable, application pool and site, folder permissions, warm-up). The commands are for Windows
 * PowerShell run as administrator. Every value in them — paths, names, appcmd's `/key:value` — is one literal
 * argument (powershell.ts): a plain word, or a single-quoted literal with its quotes doubled. The appcmd and icacls
 * argument lists are the host plans' own (appcmd.ts, icacls.ts), so the guide and `flask-iis register` agree.
 * The values were validated before (options.ts, serverProblem): no control characters, nothing Windows refuses.
 */
import { appcmd, httpBinding } from '../host/appcmd';
import { icacls } from '../host/icacls';
import { appSetupStep, staticStep, type Step } from './deploySetup';
import { proxyModulesStep, servicePermissionLines, serverVariablesStep, serviceStep } from './deployProxy';
import { logFolderOnServer, staticServing, winJoin, type DeployOptions } from './options';
import { fixed, psArg, psCommand } from './powershell';
import { renderMessage, type MessageArgs, type MessageKey } from '../messages';

/** A sentence of DEPLOY.md in the display language (English without a translation). */
const say = (o: GuideOptions, key: MessageKey, args: MessageArgs = {}): string => renderMessage(key, args, o.translate);

/** appcmd.exe, held in a variable the site steps set first (its folder is under %windir%, never typed out). */
const APPCMD = { appcmd: '$appcmd' };
const SET_APPCMD = "$appcmd = Join-Path $env:windir 'system32\\inetsrv\\appcmd.exe'";

export interface GuideOptions extends DeployOptions {
  /** The project has (or the scaffold writes) requirements.txt. */
  requirements: boolean;  /** The application has the scaffold's /health route. */
  healthRoute?: boolean;
}

/** The folder of a Windows path. */
function parentOf(path: string): string {
  return path.replace(/\\[^\\]*$/, '');
}

/** The longest run of backticks in `text`. */
const longestTicks = (text: string): number => Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));

/** A fenced block whose fence no line can close early (a path may hold backticks). */
function fenced(language: string, lines: string[]): string[] {
  const fence = '`'.repeat(Math.max(3, longestTicks(lines.join('\n')) + 1));
  return [`${fence}${language}`, ...lines, fence];
}

const block = (...lines: string[]): string[] => [...fenced('powershell', lines), ''];

/** Markdown inline code showing `text` as it is, whatever backticks it holds. */
function code(text: string): string {
  const fence = '`'.repeat(longestTicks(text) + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}
/** An argv of the host plans (program first) as a PowerShell line. */
const line = ([program, ...args]: string[]): string => psCommand(program!, ...args);

export function renderDeployGuide(o: GuideOptions): string {
  const wfastcgi = o.bridge === 'wfastcgi';
  const tools = { block, code, appcmd: APPCMD.appcmd, setAppcmd: SET_APPCMD };
  const optional = (s: Step | undefined): Step[] => (s ? [s] : []);
  const proxy = o.bridge === 'proxy';
  const steps = proxy
    ? [proxyModulesStep(o, tools), environmentStep(o), serviceStep(o, tools), siteStep(o), serverVariablesStep(o, tools), permissionStep(o), ...optional(appSetupStep(o, tools)), checkStep(o)]
    : [
      featureStep(o), environmentStep(o), ...(wfastcgi ? [enableStep(o)] : []), siteStep(o), ...optional(staticStep(o, tools)), permissionStep(o),
      ...optional(appSetupStep(o, tools)), warmUpStep(o), checkStep(o),
    ];
  const served = staticServing(o);
  return [
    `# ${say(o, 'deploy.title', { name: o.name })}`,
    '',
    say(o, 'deploy.summary', { bridge: bridgeLabel(o), site: code(o.server.sitePath), app: code(o.app.handler) }),
    '',
    ...(wfastcgi ? [say(o, 'deploy.unmaintained'), ''] : []),
    say(o, 'deploy.ready', { files: `web.config${served && !proxy ? `, ${served.folder}/web.config` : ''}`, site: code(o.server.sitePath) }),
    '',
    say(o, 'deploy.powershell'),
    '',
    ...(o.hostTasks && !proxy ? [say(o, 'deploy.tasks'), ''] : []),
    ...steps.flatMap((s, i) => [`## ${i + 1}. ${s.title}`, '', ...s.body]),
  ].join('\n');
}

/** The bridge as the summary names it (the proxy's in the display language). */
function bridgeLabel(o: GuideOptions): string {
  const server = o.app.asgi ? 'uvicorn' : 'waitress';
  if (o.bridge === 'wfastcgi') return 'wfastcgi (FastCGI)';
  return o.bridge === 'proxy' ? say(o, 'deploy.proxy.bridge', { server }) : `HttpPlatformHandler + ${server}`;
}

function featureStep(o: GuideOptions): Step {
  if (o.bridge === 'wfastcgi') {
    return { title: say(o, 'deploy.cgi.title'), body: block('dism /online /enable-feature /featurename:IIS-CGI /all') };
  }
  return {
    title: 'HttpPlatformHandler',
    body: [say(o, 'deploy.platform.install', { url1: 'https://www.iis.net/downloads/microsoft/httpplatformhandler', url2: 'https://github.com/lextudio/httpplatformhandlerv2' }), ''],
  };
}

function environmentStep(o: GuideOptions): Step {
  const { server } = o;
  const packages = o.bridge === 'wfastcgi' ? 'wfastcgi' : o.app.asgi ? 'uvicorn' : 'waitress';
  const declared = !o.requirements ? o.setup?.pyprojectDependencies ?? [] : [];
  const pip = psCommand(server.python, ...fixed(`-m pip install${o.requirements ? ' -r requirements.txt' : ''}`), ...declared, ...fixed(packages));
  const cd = `Set-Location -LiteralPath ${psArg(server.sitePath)}`;
  if (server.venv) {
    return {
      title: say(o, 'deploy.env.title'),
      body: [
        say(o, o.bridge === 'proxy' ? 'deploy.env.venv.proxy' : 'deploy.env.venv', { python: code(server.python) }),
        '',
        ...block(cd, psCommand('py', ...fixed('-3 -m venv'), winJoin(server.sitePath, server.venv)), pip),
      ],
    };
  }
  const profile = /^[A-Za-z]:\\Users\\/i.test(server.python)
    ? [say(o, 'deploy.env.profile'), '']
    : [];
  return {
    title: say(o, 'deploy.packages.title'),
    body: [say(o, o.bridge === 'proxy' ? 'deploy.packages.body.proxy' : 'deploy.packages.body', { python: code(server.python) }), '', ...block(cd, pip), ...profile],
  };
}

function enableStep(o: GuideOptions): Step {
  const dir = parentOf(o.server.python);
  const scripts = /\\Scripts$/i.test(dir) ? dir : winJoin(dir, 'Scripts');
  const spaces = /\s/.test(o.server.python + o.server.wfastcgi);
  return {
    title: say(o, 'deploy.enable.title'),
    body: [
      say(o, 'deploy.enable.body'),
      '',
      ...block(psCommand(winJoin(scripts, 'wfastcgi-enable.exe'))),
      say(o, 'deploy.enable.prints'),
      '',
      ...fenced('text', [`"${o.server.python}|${o.server.wfastcgi}" can now be used as a FastCGI script processor`]),
      '',
      say(o, 'deploy.enable.other'),
      ...(spaces ? ['', say(o, 'deploy.enable.spaces')] : []),
      '',
    ],
  };
}

function siteStep(o: GuideOptions): Step {
  return {
    title: say(o, 'deploy.site.title'),
    body: [
      say(o, 'deploy.site.body', { name: o.name }),
      '',
      ...block(
        SET_APPCMD,
        line(appcmd.addPool(APPCMD, o.name)),
        line(appcmd.addSite(APPCMD, o.name, undefined, httpBinding(8080, ''), o.server.sitePath)),
        line(appcmd.setApp(APPCMD, `${o.name}/`, 'applicationPool', o.name)),
      ),
    ],
  };
}

function permissionStep(o: GuideOptions): Step {
  if (o.bridge === 'proxy') {
    const identity = `IIS AppPool\\${o.name}`;
    return {
      title: say(o, 'deploy.proxy.permissions.title'),
      body: [
        say(o, 'deploy.proxy.permissions.body', { identity: code(identity), account: code('NT AUTHORITY\\LocalService') }),
        '',
        ...block(line(icacls.grant('icacls', o.server.sitePath, identity, 'RX')), ...servicePermissionLines(o).map(line)),
      ],
    };
  }
  const identity = `IIS AppPool\\${o.name}`;
  const log = logFolderOnServer(o.server);
  const pythonHome = parentOf(o.server.python).replace(/\\Scripts$/i, '');
  return {
    title: say(o, 'deploy.permissions.title'),
    body: [
      say(o, 'deploy.permissions.body', {
        identity: code(identity),
        venv: o.server.venv ? say(o, 'deploy.permissions.venv', { command: "`py -3 -c 'import sys; print(sys.base_prefix)'`" }) : '',
        log: log ? say(o, 'deploy.permissions.log') : '',
      }),
      '',
      ...block(
        line(icacls.grant('icacls', o.server.sitePath, identity, 'RX')),
        ...(o.server.venv ? [] : [line(icacls.grant('icacls', pythonHome, identity, 'RX'))]),
        ...(log ? [`New-Item -ItemType Directory -Force -Path ${psArg(log)}`, line(icacls.grant('icacls', log, identity, 'M'))] : []),
      ),
    ],
  };
}

function warmUpStep(o: GuideOptions): Step {
  return {
    title: say(o, 'deploy.warmUp.title'),
    body: [
      say(o, 'deploy.warmUp.body'),
      '',
      ...block(
        'dism /online /enable-feature /featurename:IIS-ApplicationInit /all',
        SET_APPCMD,
        line(appcmd.setPool(APPCMD, o.name, 'startMode', 'AlwaysRunning')),
        line(appcmd.setPool(APPCMD, o.name, 'processModel.idleTimeout', '00:00:00')),
        line(appcmd.setApp(APPCMD, `${o.name}/`, 'preloadEnabled', 'true')),
      ),
      say(o, 'deploy.warmUp.after'),
      '',
    ],
  };
}

function checkStep(o: GuideOptions): Step {
  return {
    title: say(o, 'deploy.check.title'),
    body: [
      o.healthRoute ? say(o, 'deploy.check.health', { url: 'http://localhost:8080/health' }) : say(o, 'deploy.check.browse', { url: 'http://localhost:8080/' }),
      '',
      say(o, 'deploy.check.problems'),
      '',
    ],
  };
}
