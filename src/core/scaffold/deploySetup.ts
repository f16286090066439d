/**
 * The DEPLOY.md steps that depend on the application itself: static files served from a folder the URL does not
 * reach by itself (URL Rewrite, or a virtual directory), Django's migrate / collectstatic / ALLOWED_HOSTS /
 * CSRF_TRUSTED_ORIGINS, a Flask set-up command (`init-db`) and the instance folder it writes to.
 */
import { icacls } from '../host/icacls';
import { staticServing, winJoin, type DeployOptions } from './options';
import { fixed, psArg, psCommand } from './powershell';

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
    title: 'Static files: the URL Rewrite module',
    body: [
      `The static files are in ${t.code(s.folder)}, but their URLs are ${t.code(`/${s.url}/...`)}. web.config has a URL Rewrite rule that serves ${t.code(`/${s.url}/...`)} from ${t.code(`${s.folder}/`)}, and ${t.code(`${s.folder}/web.config`)} lets IIS serve them without Python. That rule needs the IIS URL Rewrite module: install it (https://www.iis.net/downloads/microsoft/url-rewrite); without it IIS answers HTTP 500.19 for every URL of the site.`,
      '',
      `The alternative needs no module: a virtual directory ${t.code(`/${s.url}`)} whose physical path is ${t.code(physical)} (the same web.config there applies). It lives in IIS's configuration, not in web.config, so it is made on each server and is not copied with the site; if you choose it, remove the <rewrite> section from web.config:`,
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
      'Django needs its database tables and its static files collected (into STATIC_ROOT, which IIS serves) before the first request, and again after each deployment:',
      '',
      ...t.block(cd, psCommand(python, ...fixed('manage.py migrate --noinput')), psCommand(python, ...fixed('manage.py collectstatic --noinput'))),
      `In ${t.code(d.settingsFile)}: ${t.code('ALLOWED_HOSTS')} must list the host names the site answers to (else every request answers HTTP 400)${d.allowedHosts ? '' : ' (it is not set)'}, and ${t.code('CSRF_TRUSTED_ORIGINS')} the https:// origins of its forms (Django 4+ refuses POSTs from other origins with 403)${d.csrfTrustedOrigins ? '' : ' (it is not set)'}. Keep DEBUG off and SECRET_KEY out of the code.`,
      '',
    );
  }
  if (setup?.flaskCommands?.commands.length) {
    const { app, commands } = setup.flaskCommands;
    body.push(
      `The application defines set-up commands (${commands.map((c) => t.code(c)).join(', ')}): run them once on the server, with the interpreter IIS starts, before the first request (a database that was never initialised answers HTTP 500):`,
      '',
      ...t.block(cd, ...commands.map((c) => psCommand(python, ...fixed('-m flask --app'), app, c))),
    );
  }
  if (setup?.instanceFolder) {
    const folder = winJoin(o.server.sitePath, 'instance');
    body.push(
      `The application keeps files in Flask's instance folder (${t.code(folder)}: configuration, an SQLite database). The pool's identity must be able to write there:`,
      '',
      ...t.block(`New-Item -ItemType Directory -Force -Path ${psArg(folder)}`, psCommand(...(icacls.grant('icacls', folder, `IIS AppPool\\${o.name}`, 'M') as [string, ...string[]]))),
    );
  }
  return body.length ? { title: 'The application\'s own set-up', body } : undefined;
}
