/**
 * The small Flask application of a new project: an app factory and a module-level app (what WSGI_HANDLER names),
 * a page, a /health route and a stylesheet in the site's static folder; requirements.txt and .gitignore.
 */
import type { Bridge, Layout } from './options';

/** The first line of the home page (the serving tests look for it). */
export function greeting(name: string): string {
  return `Hello from ${name} on IIS!`;
}

export const STYLESHEET = 'body { font-family: system-ui, sans-serif; margin: 2rem; }\nh1 { color: #2b5797; }\n';

/** The Flask code; `staticFolder` is where the site's `static` folder is seen from the module's folder. */
function flaskSource(name: string, module: string, staticFolder: string): string[] {
  const flaskArgs = staticFolder === 'static' ? '__name__' : `__name__, static_folder="${staticFolder}", static_url_path="/static"`;
  return [
    'from flask import Flask, url_for',
    '',
    '',
    'def create_app(test_config=None):',
    `    """The application factory (WSGI_HANDLER ${module}.create_app() would call it; web.config names the app below)."""`,
    '    # The static folder is the site\'s own "static" folder: IIS serves it without calling Python',
    '    # (static/web.config removes the Python handler there).',
    `    app = Flask(${flaskArgs})`,
    '    if test_config:',
    '        app.config.update(test_config)',
    '',
    '    @app.get("/")',
    '    def index():',
    '        css = url_for("static", filename="site.css")',
    `        return f'<!doctype html><title>${name}</title><link rel="stylesheet" href="{css}"><h1>${greeting(name)}</h1>'`,
    '',
    '    @app.get("/health")',
    '    def health():',
    '        return {"status": "ok"}',
    '',
    '    return app',
    '',
    '',
    '# The module-level application IIS serves (WSGI_HANDLER / the server command in web.config).',
    'app = create_app()',
  ];
}

/** `<name>/__init__.py` (package layout) or `app.py` (module layout). */
export function renderFlaskApp(name: string, layout: Layout): string {
  const docstring = `"""${name}: a Flask application hosted on IIS (see DEPLOY.md)."""`;
  if (layout === 'package') return [docstring, ...flaskSource(name, name, '../static'), ''].join('\n');
  return [docstring, ...flaskSource(name, 'app', 'static'), '', '', 'if __name__ == "__main__":', '    # Development only: IIS imports this module and never runs this block.', '    app.run(debug=True)', ''].join('\n');
}

/** The path of the application's module for a layout. */
export function appModulePath(name: string, layout: Layout): string {
  return layout === 'package' ? `${name}/__init__.py` : 'app.py';
}

/** The WSGI_HANDLER value of a new project. */
export function appHandler(name: string, layout: Layout): string {
  return layout === 'package' ? `${name}.app` : 'app.app';
}

export function renderRequirements(bridge: Bridge, asgi = false): string {
  const server = bridge === 'wfastcgi' ? 'wfastcgi>=3.0' : asgi ? 'uvicorn>=0.20' : 'waitress>=2.1';
  return ['flask>=2.2', server, ''].join('\n');
}

export function renderGitignore(logDir: string | undefined): string {
  const logs = logDir ? [`${logDir.replace(/\\/g, '/')}/*`, `!${logDir.replace(/\\/g, '/')}/.gitkeep`] : [];
  return ['.venv/', '__pycache__/', '*.pyc', ...logs, '*.bak', ''].join('\n');
}
