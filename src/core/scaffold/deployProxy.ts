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
import { LOCAL_SERVICE } from '../host/serviceGrants';
import { renderMessage, type MessageArgs, type MessageKey } from '../messages';

/** A sentence of DEPLOY.md in the display language (English without a translation). */
const say = (o: DeployOptions, key: MessageKey, args: MessageArgs = {}): string => renderMessage(key, args, o.translate);

const line = ([program, ...args]: string[]): string => psCommand(program!, ...args);

export function proxyModulesStep(o: DeployOptions, t: StepTools): Step {
  return {
    title: say(o, 'deploy.proxy.modules.title'),
    body: [
      say(o, 'deploy.proxy.modules.body', { rewrite: 'https://www.iis.net/downloads/microsoft/url-rewrite', arr: 'https://www.iis.net/downloads/microsoft/application-request-routing' }),
      '',
      ...t.block(t.setAppcmd, line([t.appcmd, 'set', 'config', '-section:system.webServer/proxy', '/enabled:True', '/commit:apphost'])),
      say(o, 'deploy.proxy.modules.notes', {
        wrapper: t.code(o.app.asgi ? 'asgi_iis.py' : 'wsgi_iis.py'), timeout: '/timeout:00:10:00', websockets: 'dism /online /enable-feature /featurename:IIS-WebSockets',
      }),
      '',
    ],
  };
}

/** After the site exists: the request headers web.config sets, allowed for this site in applicationHost.config. */
export function serverVariablesStep(o: DeployOptions, t: StepTools): Step {
  return {
    title: say(o, 'deploy.proxy.variables.title'),
    body: [
      say(o, 'deploy.proxy.variables.body'),
      '',
      ...t.block(
        t.setAppcmd,
        ...PROXY_SERVER_VARIABLES.map((v) => line([t.appcmd, 'set', 'config', o.name, '-section:system.webServer/rewrite/allowedServerVariables', `/+[name='${v}']`, '/commit:apphost'])),
      ),
    ],
  };
}

/** Where DEPLOY.md suggests keeping WinSW 3: outside the site, so nothing of the project decides what runs. */
const WINSW_TOOL = 'C:\\Tools\\WinSW-x64.exe';

export function serviceStep(o: DeployOptions, t: StepTools): Step {
  const id = serviceId(o.name);
  const folder = winJoin(o.server.sitePath, SERVICE_FOLDER);
  const exe = winJoin(folder, `${id}.exe`);
  const xml = winJoin(folder, `${id}.xml`);
  const c = backendCommand(o);
  return {
    title: say(o, 'deploy.proxy.service.title'),
    body: [
      say(o, 'deploy.proxy.service.body', {
        id: t.code(id), command: t.code([c.program, ...c.args].join(' ')), folder: t.code(c.workingDirectory), port: o.proxy!.port, logs: t.code(serviceLogFolder(o.server)),
      }),
      '',
      say(o, 'deploy.proxy.service.winsw', { xml: t.code(`${SERVICE_FOLDER}/${id}.xml`), url: 'https://github.com/winsw/winsw/releases', tool: t.code(WINSW_TOOL) }),
      '',
      ...t.block(`New-Item -ItemType Directory -Force -Path ${psArg(serviceLogFolder(o.server))}`, psCommand(WINSW_TOOL, 'install', xml), psCommand(WINSW_TOOL, 'start', xml)),
      say(o, 'deploy.proxy.service.winsw2', { exe: t.code(exe), install: `${id}.exe install`, start: `${id}.exe start` }),
      '',
      say(o, 'deploy.proxy.service.nssm'),
      '',
      ...t.block(...nssmCommands(o).map(line), line(['nssm', 'start', id])),
      say(o, 'deploy.proxy.service.servy', { user: '--user' }),
      '',
      ...t.block(line(servyCommand(o)), line(['servy-cli', 'start', `--name=${id}`])),
      ...(o.app.djangoSettings
        ? [say(o, 'deploy.proxy.service.django', { file: t.code('iis_settings.py'), origin: 'https://www.example.com' }), '']
        : []),
    ],
  };
}

/** icacls names LocalService by its SID, as register does: the account's name is translated on other Windows languages. */
export function servicePermissionLines(o: DeployOptions): string[][] {
  const account = LOCAL_SERVICE;
  const pythonHome = o.server.python.replace(/\\[^\\]*$/, '').replace(/\\Scripts$/i, '');
  return [
    ['icacls', o.server.sitePath, '/grant', `${account}:(OI)(CI)RX`],
    ...(o.server.venv ? [] : [['icacls', pythonHome, '/grant', `${account}:(OI)(CI)RX`]]),
    ['icacls', serviceLogFolder(o.server), '/grant', `${account}:(OI)(CI)M`],
  ];
}
