/**
 * The Python entry files the servers load: they define `application` (what mod_wsgi and uWSGI's wsgi-file look
 * for) from the application the analysis found (`module.app`, `module.create_app()`, Django's
 * get_wsgi_application() with its settings). The application's folder is the entry's own folder, so the same file
 * works wherever the folder is copied (Unix, or the Windows mod_wsgi variant). The virtual environment is
 * activated as the seed's activate_this.py did (venv does not ship that file): its site-packages go first.
 */
import type { WsgiApp } from '../editing/env';
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
export function applicationLines(o: ServerDeployOptions, comment: string): string[] {
  const { module, attr, call } = splitHandler(o.app.handler);
  const venv = o.server.venv;
  const venvExpr = venv === undefined ? undefined : venv.startsWith(`${o.server.appDir}/`) ? `os.path.join(APP_DIR, ${venv.slice(o.server.appDir.length + 1).split('/').map(py).join(', ')})` : py(venv);
  const extra = (o.app.pythonPath ?? []).filter((p) => p !== '.' && p !== '');
  return [
    'import os',
    'import sys',
    '',
    '# The application\'s folder: this file\'s own folder, wherever it is copied.',
    'APP_DIR = os.path.dirname(os.path.abspath(__file__))',
    ...(venvExpr
      ? [
        '',
        '# The virtual environment (the seed\'s activate_this.py, which venv does not ship): its packages go first.',
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
    `# ${comment}`,
    ...(call ? [`from ${module} import ${attr}`, '', `application = ${attr}()`] : [attr === 'application' ? `from ${module} import application` : `from ${module} import ${attr} as application`]),
  ];
}

const header = (o: ServerDeployOptions, what: string): string => `"""${o.name}: ${what} (see deploy/${o.target}/DEPLOY.md)."""`;

/** `<name>.wsgi`: mod_wsgi's WSGIScriptAlias file, also uWSGI's wsgi-file. */
export function renderWsgiFile(o: ServerDeployOptions): string {
  return [
    // The same file for both targets (deploy/mod_wsgi and deploy/uwsgi-nginx): its text names neither guide.
    `"""${o.name}: the WSGI file mod_wsgi (WSGIScriptAlias) and uWSGI (wsgi-file) load; it must define \`application\`."""`,
    ...applicationLines(o, 'mod_wsgi and uWSGI serve the object named `application`. Importing it must not call app.run().'),
    '',
  ].join('\n');
}

/** `wsgi_proxied.py`: the application behind nginx, with ProxyFix trusting one proxy's X-Forwarded-* headers. */
export function renderProxiedModule(o: ServerDeployOptions): string {
  return [
    header(o, 'the application as gunicorn serves it behind nginx (gunicorn wsgi_proxied:application)'),
    ...applicationLines(o, 'The application gunicorn serves.'),
    '',
    '# nginx sets X-Forwarded-For, -Proto and -Host (deploy/gunicorn-nginx/nginx-site.conf): ProxyFix makes the',
    '# application see the client\'s address, https and the real host. It trusts exactly one proxy: never run this',
    '# without nginx in front, or any client could claim any address.',
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
    header(o, 'the FastCGI server (flup) of the application; it must be executable (chmod +x)'),
    ...applicationLines(o, 'The application flup serves.'),
    '',
    'if __name__ == "__main__":',
    '    from flup.server.fcgi import WSGIServer',
    '',
    '    # Started by Apache mod_fcgid: the connection comes on standard input (no argument).',
    '    # Started on its own (systemd, for lighttpd or nginx): the socket their config names is the argument.',
    '    WSGIServer(application, bindAddress=sys.argv[1] if len(sys.argv) > 1 else None).run()',
    '',
  ].join('\n');
}

/** `<name>.cgi`: wsgiref's CGIHandler, with standard output kept for the response only. */
export function renderCgiFile(o: ServerDeployOptions): string {
  const lines = applicationLines(o, 'The application, imported after standard output was set aside.');
  const start = lines.indexOf('import sys') + 1;
  return [
    `#!${o.server.python}`,
    header(o, 'the CGI script of the application; it must be executable (chmod +x)'),
    ...lines.slice(0, start),
    'from wsgiref.handlers import CGIHandler',
    '',
    '# CGIHandler takes the real standard output (the HTTP response) now; afterwards a print() in the application',
    '# goes to the server\'s error log instead of corrupting the response.',
    'handler = CGIHandler()',
    'sys.stdout = sys.stderr',
    ...lines.slice(start),
    '',
    'handler.run(application)',
    '',
  ].join('\n');
}
