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
    `# Deploying ${o.name} to IIS`,
    '',
    `Bridge: **${wfastcgi ? 'wfastcgi (FastCGI)' : `${proxy ? 'IIS reverse proxy (URL Rewrite + ARR) to a Windows service running' : 'HttpPlatformHandler +'} ${o.app.asgi ? 'uvicorn' : 'waitress'}`}**. ` +
      `Site folder on the server: ${code(o.server.sitePath)}. Application: ${code(o.app.handler)}.`,
    '',
    ...(wfastcgi ? ['wfastcgi is no longer maintained; Microsoft recommends HttpPlatformHandler (VS Code: "Flask on IIS: Migrate to HttpPlatformHandler").', ''] : []),
    `The files of this folder are ready (web.config${served && !proxy ? `, ${served.folder}/web.config` : ''}); on the server they go to ${code(o.server.sitePath)}. Then run these steps once, on the server.`,
    '',
    '**The commands are for Windows PowerShell, run as administrator** (right-click > Run as administrator; the IIS and permission steps need it). They are not cmd.exe commands: every path is in single quotes, which PowerShell takes literally (a \' inside is written twice).',
    '',
    ...(o.hostTasks && !proxy ? ['In VS Code on the server, the `flask-iis` tasks of .vscode/tasks.json (Terminal > Run Task) do the wfastcgi, site, permission and warm-up steps for you, and undo them (unregister).', ''] : []),
    ...steps.flatMap((s, i) => [`## ${i + 1}. ${s.title}`, '', ...s.body]),
  ].join('\n');
}

function featureStep(o: GuideOptions): Step {
  if (o.bridge === 'wfastcgi') {
    return { title: 'The IIS CGI feature (FastCgiModule)', body: block('dism /online /enable-feature /featurename:IIS-CGI /all') };
  }
  return {
    title: 'HttpPlatformHandler',
    body: ['Install HttpPlatformHandler v1.2 (https://www.iis.net/downloads/microsoft/httpplatformhandler) or LeXtudio\'s v2 (https://github.com/lextudio/httpplatformhandlerv2). No server-level registration is needed after that.', ''],
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
      title: 'The Python environment, on the server',
      body: [
        `${o.bridge === 'proxy' ? 'The service starts' : 'IIS starts'} ${code(server.python)}: a virtual environment inside the site folder. Create it there with a Python installed for all users (not under a user profile, which the application pool cannot read):`,
        '',
        ...block(cd, psCommand('py', ...fixed('-3 -m venv'), winJoin(server.sitePath, server.venv)), pip),
      ],
    };
  }
  const profile = /^[A-Za-z]:\\Users\\/i.test(server.python)
    ? ['**This interpreter is under a user profile**, which the application pool cannot read (FastCGI process exited unexpectedly / 502.5). Prefer a Python installed for all users, or a virtual environment inside the site folder.', '']
    : [];
  return {
    title: 'The Python packages',
    body: [`${o.bridge === 'proxy' ? 'The service starts' : 'IIS starts'} ${code(server.python)}. Install what the application needs into that interpreter:`, '', ...block(cd, pip), ...profile],
  };
}

function enableStep(o: GuideOptions): Step {
  const dir = parentOf(o.server.python);
  const scripts = /\\Scripts$/i.test(dir) ? dir : winJoin(dir, 'Scripts');
  const spaces = /\s/.test(o.server.python + o.server.wfastcgi);
  return {
    title: 'Register wfastcgi with IIS',
    body: [
      'With the same interpreter, register the FastCGI application (it runs appcmd, so it needs the administrator prompt):',
      '',
      ...block(psCommand(winJoin(scripts, 'wfastcgi-enable.exe'))),
      'It must print exactly the scriptProcessor of web.config:',
      '',
      ...fenced('text', [`"${o.server.python}|${o.server.wfastcgi}" can now be used as a FastCGI script processor`]),
      '',
      'If it prints other paths, put what it printed into scriptProcessor: IIS answers HTTP 500.0 (0x80070585) until the two strings are equal.',
      ...(spaces ? ['', '**These paths contain spaces.** wfastcgi 3.0.0 registers them unquoted and Python then receives the script path cut at the first space; install Python (or the site) in a folder without spaces.'] : []),
      '',
    ],
  };
}

function siteStep(o: GuideOptions): Step {
  return {
    title: 'Application pool (No Managed Code) and site',
    body: [
      `The pool "${o.name}" runs no .NET code. The binding here is port 8080, any host name (port 80 usually belongs to the Default Web Site); change it as needed.`,
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
      title: 'Folder permissions',
      body: [
        `IIS (the pool ${code(identity)}) reads the site folder for web.config and the static files; the service account, ${code('NT AUTHORITY\\LocalService')}, reads the site and the interpreter and writes the log folder:`,
        '',
        ...block(line(icacls.grant('icacls', o.server.sitePath, identity, 'RX')), ...servicePermissionLines(o).map(line)),
      ],
    };
  }
  const identity = `IIS AppPool\\${o.name}`;
  const log = logFolderOnServer(o.server);
  const pythonHome = parentOf(o.server.python).replace(/\\Scripts$/i, '');
  return {
    title: 'Folder permissions for the pool\'s identity',
    body: [
      `The pool runs as ${code(identity)}. It reads the site and the interpreter${o.server.venv ? " (a virtual environment also needs its base Python: `py -3 -c 'import sys; print(sys.base_prefix)'` prints it)" : ''}${log ? ' and writes the log folder' : ''}:`,
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
    title: 'Warm-up: no slow first request',
    body: [
      'IIS starts Python on the first request after every recycle or idle time-out, and that request waits for the application to import. Keep it running and warm it up when the pool starts:',
      '',
      ...block(
        'dism /online /enable-feature /featurename:IIS-ApplicationInit /all',
        SET_APPCMD,
        line(appcmd.setPool(APPCMD, o.name, 'startMode', 'AlwaysRunning')),
        line(appcmd.setPool(APPCMD, o.name, 'processModel.idleTimeout', '00:00:00')),
        line(appcmd.setApp(APPCMD, `${o.name}/`, 'preloadEnabled', 'true')),
      ),
      'Application Initialization, `preloadEnabled`, start mode AlwaysRunning and an idle time-out of 0 together keep a started, imported application ready.',
      '',
    ],
  };
}

function checkStep(o: GuideOptions): Step {
  return {
    title: 'Check',
    body: [
      o.healthRoute ? 'Browse http://localhost:8080/health: it answers `{"status": "ok"}`.' : 'Browse http://localhost:8080/.',
      '',
      'On problems: `flask-iis check .` reads web.config the way IIS and wfastcgi do, and `flask-iis run . --port 8000` starts the application on this machine the way IIS would.',
      '',
    ],
  };
}
