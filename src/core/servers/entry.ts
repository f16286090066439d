/**
 * The Python entry files the servers load: they define `application` (what mod_wsgi and uWSGI's wsgi-file look
 * for) from the application the analysis found (`module.app`, `module.create_app()`, Django's
 * get_wsgi_application() with its settings). The application's folder is the entry's own folder, so the same file
 * works wherever the folder is copied (Unix, or the Windows mod_wsgi variant). The virtual environment is
 * activated as the seed's activate_this.py did (venv does not ship that file): its site-packages go first.
 */
import type { WsgiApp } from '../editing/env';
import { renderMessage, type MessageKey } from '../messages';
import { commentLines as note, guidePath } from './comments';
import type { ServerDeployOptions } from './options';

/** A Python string literal of plain text (the values were validated: names and plain paths). */
const py = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** `pkg.mod.create_app()` → module `pkg.mod`, attribute `create_app`, called. */
export function splitHandler(handler: string): { module: string; attr: string; call: boolean } {
  const call = handler.endsWith('()');
  const bare = call ? handler.slice(0, -2) : handler;
  const dot = bare.lastIndexOf('.');
  return { module: bare.slice(0, dot), attr: bare.slice(dot + 1), call };
}

/** `module:attr` for gunicorn / uWSGI's module option (an instance; a factory is called by the entry file). */
export function colonHandler(app: WsgiApp): string {
  const { module, attr, call } = splitHandler(app.handler);
  return `${module}:${attr}${call ? '()' : ''}`;
}

/** The lines that put the app's folders on sys.path, activate the venv, and import the application. */
export function applicationLines(o: ServerDeployOptions, comment: MessageKey): string[] {
  const { module, attr, call } = splitHandler(o.app.handler);
  const venv = o.server.venv;
  const venvExpr = venv === undefined ? undefined : venv.startsWith(`${o.server.appDir}/`) ? `os.path.join(APP_DIR, ${venv.slice(o.server.appDir.length + 1).split('/').map(py).join(', ')})` : py(venv);
  const extra = (o.app.pythonPath ?? []).filter((p) => p !== '.' && p !== '');
  return [
    'import os',
    'import sys',
    '',
    ...note(o, '', 'deploy.comment.py.appDir'),
    'APP_DIR = os.path.dirname(os.path.abspath(__file__))',
    ...(venvExpr
      ? [
        '',
        ...note(o, '', 'deploy.comment.py.venv'),
        `VENV = ${venvExpr}`,
        'if os.path.isdir(VENV):',
        '    import glob',
        '    import site',
        '',
        '    _before = list(sys.path)',
        '    for _packages in glob.glob(os.path.join(VENV, "lib", "python3*", "site-packages")) + [os.path.join(VENV, "Lib", "site-packages")]:',
        '        if os.path.isdir(_packages):',
        '            site.addsitedir(_packages)',
        '    sys.path[:] = [p for p in sys.path if p not in _before] + _before',
      ]
      : []),
    '',
    ...[...extra].reverse().map((p) => `sys.path.insert(0, os.path.join(APP_DIR, ${p.split('/').map(py).join(', ')}))`),
    'sys.path.insert(0, APP_DIR)',
    ...(o.app.djangoSettings ? [`os.environ.setdefault("DJANGO_SETTINGS_MODULE", ${py(o.app.djangoSettings)})`] : []),
    '',
    ...note(o, '', comment),
    ...(call ? [`from ${module} import ${attr}`, '', `application = ${attr}()`] : [attr === 'application' ? `from ${module} import application` : `from ${module} import ${attr} as application`]),
  ];
}

const say = (o: ServerDeployOptions, key: MessageKey, args = {}): string => renderMessage(key, args, o.translate);
const header = (o: ServerDeployOptions, what: MessageKey): string => `"""${say(o, 'deploy.doc.header', { name: o.name, what: say(o, what), guide: guidePath(o) })}"""`;

/** `<name>.wsgi`: mod_wsgi's WSGIScriptAlias file, also uWSGI's wsgi-file. */
export function renderWsgiFile(o: ServerDeployOptions): string {
  return [
    // The same file for both targets (deploy/mod_wsgi and deploy/uwsgi-nginx): its text names neither guide.
    `"""${say(o, 'deploy.doc.wsgi', { name: o.name })}"""`,
    ...applicationLines(o, 'deploy.comment.py.wsgiServes'),
    '',
  ].join('\n');
}

/** `wsgi_proxied.py`: the application behind nginx, with ProxyFix trusting one proxy's X-Forwarded-* headers. */
export function renderProxiedModule(o: ServerDeployOptions): string {
  return [
    header(o, 'deploy.doc.proxied'),
    ...applicationLines(o, 'deploy.comment.py.gunicornServes'),
    '',
    ...note(o, '', 'deploy.comment.py.proxyFix', { config: 'deploy/gunicorn-nginx/nginx-site.conf' }),
    'from werkzeug.middleware.proxy_fix import ProxyFix  # noqa: E402',
    '',
    'application = ProxyFix(application, x_for=1, x_proto=1, x_host=1)',
    '',
  ].join('\n');
}

/** `<name>.fcgi`: flup's FastCGI server (executable; its shebang is the venv's python). */
export function renderFcgiFile(o: ServerDeployOptions): string {
  return [
    `#!${o.server.python}`,
    header(o, 'deploy.doc.fcgi'),
    ...applicationLines(o, 'deploy.comment.py.flupServes'),
    '',
    'if __name__ == "__main__":',
    '    from flup.server.fcgi import WSGIServer',
    '',
    ...note(o, '    ', 'deploy.comment.py.fcgidStdin'),
    ...note(o, '    ', 'deploy.comment.py.fcgiSocket'),
    '    WSGIServer(application, bindAddress=sys.argv[1] if len(sys.argv) > 1 else None).run()',
    '',
  ].join('\n');
}

/** `<name>.cgi`: wsgiref's CGIHandler, with standard output kept for the response only. */
export function renderCgiFile(o: ServerDeployOptions): string {
  const lines = applicationLines(o, 'deploy.comment.py.cgiImport');
  const start = lines.indexOf('import sys') + 1;
  return [
    `#!${o.server.python}`,
    header(o, 'deploy.doc.cgi'),
    ...lines.slice(0, start),
    'from wsgiref.handlers import CGIHandler',
    '',
    ...note(o, '', 'deploy.comment.py.cgiStdout'),
    'handler = CGIHandler()',
    'sys.stdout = sys.stderr',
    ...lines.slice(start),
    '',
    'handler.run(application)',
    '',
  ].join('\n');
}
