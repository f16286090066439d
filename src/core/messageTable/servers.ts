/** The deployment systems besides IIS (mod_wsgi, gunicorn/uWSGI behind nginx, FastCGI, CGI). (English templates; see ../messages.ts) */
export const SERVER_MESSAGES = {
  'servers.path.notAbsolute': '{what} "{path}" is not an absolute Unix path (/var/www/...). It is a path on the Linux server.',
  'servers.path.badChar': '{what} "{path}" may only hold letters, digits and . _ - + @ / (it goes unquoted into Apache, nginx, uWSGI and systemd files and a shebang line).',
  'servers.what.appDir': 'The application folder',
  'servers.what.python': 'The interpreter path',
  'servers.python.notPython': 'The interpreter "{path}" is not a python executable (…/bin/python3). Name the virtual environment\'s python or a system one.',
  'servers.asgi': '"{handler}" is an ASGI application; {target} serves WSGI applications only (every request would fail). Deploy it to IIS with HttpPlatformHandler, or serve it with uvicorn.',
  'servers.note.appDirDefault': 'The application folder on the server is {dir} (choose another with --site-path).',
  'servers.note.venvDefault': 'The server runs {python}: a virtual environment made inside the application folder (deploy/…/DEPLOY.md says how).',
} as const;
