/**
 * DEPLOY.md steps of the reverse-proxy bridge: URL Rewrite + ARR with the proxy enabled and the X-Forwarded-*
 * server variables allowed (applicationHost.config), and the Windows service (WinSW, or NSSM / Servy) that runs
 * Python. The appcmd, NSSM and Servy lines are argv lists made literal for PowerShell (powershell.ts).
 */
import type { Step, StepTools } from './deploySetup';
import { backendCommand } from './proxyApp';
import { PROXY_SERVER_VARIABLES } from './proxyTemplates';
import { nssmCommands, servyCommand, SERVICE_FOLDER, serviceId, serviceLogFolder } from './serviceDefinitions';
import { winJoin, type DeployOptions } from './options';
import { psArg, psCommand } from './powershell';

const line = ([program, ...args]: string[]): string => psCommand(program!, ...args);

export function proxyModulesStep(o: DeployOptions, t: StepTools): Step {
  return {
    title: 'URL Rewrite and Application Request Routing (ARR), proxy enabled',
    body: [
      'Install URL Rewrite 2.1 (https://www.iis.net/downloads/microsoft/url-rewrite) and ARR 3.0 (https://www.iis.net/downloads/microsoft/application-request-routing). Then enable the ARR proxy (it is off after installation: the rule then answers 404):',
      '',
      ...t.block(t.setAppcmd, line([t.appcmd, 'set', 'config', '-section:system.webServer/proxy', '/enabled:True', '/commit:apphost'])),
      `ARR adds X-Forwarded-For with the client's port (includePortInXForwardedFor); the generated ${t.code(o.app.asgi ? 'asgi_iis.py' : 'wsgi_iis.py')} takes it off. Its default timeout is 2 minutes (/timeout:00:10:00 on the same proxy section for longer requests). WebSockets also need the IIS WebSocket Protocol feature (dism /online /enable-feature /featurename:IIS-WebSockets).`,
      '',
    ],
  };
}

/** After the site exists: the request headers web.config sets, allowed for this site in applicationHost.config. */
export function serverVariablesStep(o: DeployOptions, t: StepTools): Step {
  return {
    title: 'Allow the X-Forwarded-* server variables',
    body: [
      'URL Rewrite refuses to set a request header that is not allowed at server level (every request then answers HTTP 500.50). Allow the three web.config sets, for this site only:',
      '',
      ...t.block(
        t.setAppcmd,
        ...PROXY_SERVER_VARIABLES.map((v) => line([t.appcmd, 'set', 'config', o.name, '-section:system.webServer/rewrite/allowedServerVariables', `/+[name='${v}']`, '/commit:apphost'])),
      ),
    ],
  };
}

export function serviceStep(o: DeployOptions, t: StepTools): Step {
  const id = serviceId(o.name);
  const folder = winJoin(o.server.sitePath, SERVICE_FOLDER);
  const exe = winJoin(folder, `${id}.exe`);
  const c = backendCommand(o);
  return {
    title: 'The Python service',
    body: [
      `Python runs as the Windows service ${t.code(id)}: ${t.code([c.program, ...c.args].join(' '))} in ${t.code(c.workingDirectory)}, on 127.0.0.1:${o.proxy!.port} only (nothing outside this machine reaches it), restarted when it fails, its output in rotated files in ${t.code(serviceLogFolder(o.server))}.`,
      '',
      `With WinSW (${t.code(`${SERVICE_FOLDER}/${id}.xml`)} is its definition): download WinSW-x64.exe from https://github.com/winsw/winsw/releases and save it as ${t.code(exe)}, then:`,
      '',
      ...t.block(`New-Item -ItemType Directory -Force -Path ${psArg(serviceLogFolder(o.server))}`, psCommand(exe, 'install'), psCommand(exe, 'start')),
      `Or with NSSM (runs as LocalSystem unless you set ObjectName):`,
      '',
      ...t.block(...nssmCommands(o).map(line), line(['nssm', 'start', id])),
      'Or with Servy (servy-cli, runs as LocalSystem unless you add --user):',
      '',
      ...t.block(line(servyCommand(o)), line(['servy-cli', 'start', `--name=${id}`])),
      ...(o.app.djangoSettings
        ? [`Django reads ${t.code('iis_settings.py')} (your settings plus SECURE_PROXY_SSL_HEADER, USE_X_FORWARDED_HOST, CSRF_TRUSTED_ORIGINS). Put the public origins, like https://www.example.com, in the service's IIS_PUBLIC_ORIGINS environment variable, and the public host names in ALLOWED_HOSTS.`, '']
        : []),
    ],
  };
}

export function servicePermissionLines(o: DeployOptions): string[][] {
  const account = 'NT AUTHORITY\\LocalService';
  const pythonHome = o.server.python.replace(/\\[^\\]*$/, '').replace(/\\Scripts$/i, '');
  return [
    ['icacls', o.server.sitePath, '/grant', `${account}:(OI)(CI)RX`],
    ...(o.server.venv ? [] : [['icacls', pythonHome, '/grant', `${account}:(OI)(CI)RX`]]),
    ['icacls', serviceLogFolder(o.server), '/grant', `${account}:(OI)(CI)M`],
  ];
}
