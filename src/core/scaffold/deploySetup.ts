/**
 * The DEPLOY.md steps that depend on the application itself: static files served from a folder the URL does not
 * reach by itself (URL Rewrite, or a virtual directory), Django's migrate / collectstatic / ALLOWED_HOSTS /
 * CSRF_TRUSTED_ORIGINS, a Flask set-up command (`init-db`) and the instance folder it writes to.
 */
import { icacls } from '../host/icacls';
import { staticServing, winJoin, type DeployOptions } from './options';
import { fixed, psArg, psCommand } from './powershell';
import { renderMessage, type MessageArgs, type MessageKey } from '../messages';

const say = (o: DeployOptions, key: MessageKey, args: MessageArgs = {}): string => renderMessage(key, args, o.translate);

export interface Step {
  title: string;
  body: string[];
}

export interface StepTools {
  block: (...lines: string[]) => string[];
  code: (text: string) => string;
  appcmd: string;
  setAppcmd: string;
}

/** Static files in a folder IIS does not reach from their URL: the rewrite rule web.config has, its module, the alternative. */
export function staticStep(o: DeployOptions, t: StepTools): Step | undefined {
  const s = staticServing(o);
  if (!s || s.folder === s.url) return undefined;
  const physical = winJoin(o.server.sitePath, s.folder.replace(/\//g, '\\'));
  return {
    title: say(o, 'deploy.static.title'),
    body: [
      say(o, 'deploy.static.body', { folder: t.code(s.folder), urls: t.code(`/${s.url}/...`), folderSlash: t.code(`${s.folder}/`), staticConfig: t.code(`${s.folder}/web.config`), download: 'https://www.iis.net/downloads/microsoft/url-rewrite' }),
      '',
      say(o, 'deploy.static.vdir', { vdir: t.code(`/${s.url}`), physical: t.code(physical) }),
      '',
      ...t.block(t.setAppcmd, psCommand(t.appcmd, 'add', 'vdir', `/app.name:${o.name}/`, `/path:/${s.url}`, `/physicalPath:${physical}`)),
    ],
  };
}

/** What the application needs before its first request: migrations, collected static files, a database, settings. */
export function appSetupStep(o: DeployOptions, t: StepTools): Step | undefined {
  const setup = o.setup;
  const python = o.server.python;
  const cd = `Set-Location -LiteralPath ${psArg(o.server.sitePath)}`;
  const body: string[] = [];
  if (setup?.django) {
    const d = setup.django;
    body.push(
      say(o, 'deploy.setup.django'),
      '',
      ...t.block(cd, psCommand(python, ...fixed('manage.py migrate --noinput')), psCommand(python, ...fixed('manage.py collectstatic --noinput'))),
      say(o, 'deploy.setup.djangoSettings', {
        file: t.code(d.settingsFile), allowedHosts: t.code('ALLOWED_HOSTS'), csrf: t.code('CSRF_TRUSTED_ORIGINS'),
        allowedHostsUnset: d.allowedHosts ? '' : say(o, 'deploy.setup.notSet'), csrfUnset: d.csrfTrustedOrigins ? '' : say(o, 'deploy.setup.notSet'),
      }),
      '',
    );
  }
  if (setup?.flaskCommands?.commands.length) {
    const { app, commands } = setup.flaskCommands;
    body.push(
      say(o, 'deploy.setup.flask', { commands: commands.map((c) => t.code(c)).join(', ') }),
      '',
      ...t.block(cd, ...commands.map((c) => psCommand(python, ...fixed('-m flask --app'), app, c))),
    );
  }
  if (setup?.instanceFolder) {
    const folder = winJoin(o.server.sitePath, 'instance');
    body.push(
      say(o, 'deploy.setup.instance', { folder: t.code(folder) }),
      '',
      ...t.block(`New-Item -ItemType Directory -Force -Path ${psArg(folder)}`, psCommand(...(icacls.grant('icacls', folder, `IIS AppPool\\${o.name}`, 'M') as [string, ...string[]]))),
    );
  }
  return body.length ? { title: say(o, 'deploy.setup.title'), body } : undefined;
}
