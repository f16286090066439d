/** Known application constructors and entry points: which produce a WSGI app, which an ASGI app. */

export interface AppKind {
  protocol: 'wsgi' | 'asgi';
  /** What it is, for messages: `Flask(...)`, `FastAPI(...)`, `get_wsgi_application()`. */
  what: string;
  framework: string;
}

const wsgi = (what: string, framework: string): AppKind => ({ protocol: 'wsgi', what, framework });
const asgi = (what: string, framework: string): AppKind => ({ protocol: 'asgi', what, framework });

/** Keyed by `<top-level package>.<final name>`, so `fastapi.applications.FastAPI` and `fastapi.FastAPI` agree. */
const BY_PACKAGE: Record<string, AppKind> = {
  'flask.Flask': wsgi('Flask(...)', 'flask'),
  'bottle.Bottle': wsgi('Bottle()', 'bottle'),
  'bottle.default_app': wsgi('bottle.default_app()', 'bottle'),
  'falcon.App': wsgi('falcon.App()', 'falcon'),
  'falcon.API': wsgi('falcon.API()', 'falcon'),
  'django.get_wsgi_application': wsgi('get_wsgi_application()', 'django'),
  'django.WSGIHandler': wsgi('WSGIHandler()', 'django'),
  'werkzeug.DispatcherMiddleware': wsgi('DispatcherMiddleware(...)', 'werkzeug'),
  'whitenoise.WhiteNoise': wsgi('WhiteNoise(...)', 'whitenoise'),
  'a2wsgi.ASGIMiddleware': wsgi('a2wsgi.ASGIMiddleware(...)', 'a2wsgi'),
  'fastapi.FastAPI': asgi('FastAPI()', 'fastapi'),
  'starlette.Starlette': asgi('Starlette()', 'starlette'),
  'quart.Quart': asgi('Quart(...)', 'quart'),
  'litestar.Litestar': asgi('Litestar(...)', 'litestar'),
  'starlite.Starlite': asgi('Starlite(...)', 'starlite'),
  'sanic.Sanic': asgi('Sanic(...)', 'sanic'),
  'django.get_asgi_application': asgi('get_asgi_application()', 'django'),
  'channels.ProtocolTypeRouter': asgi('ProtocolTypeRouter(...)', 'channels'),
  'responder.API': asgi('responder.API()', 'responder'),
  'socketio.ASGIApp': asgi('socketio.ASGIApp(...)', 'socketio'),
  'asgiref.WsgiToAsgi': asgi('WsgiToAsgi(...)', 'asgiref'),
  'blacksheep.Application': asgi('blacksheep.Application()', 'blacksheep'),
};

/** Names distinctive enough to recognise without their import (a file with syntax errors, a star import). */
const BY_NAME: Record<string, string> = {
  Flask: 'flask.Flask', Bottle: 'bottle.Bottle', FastAPI: 'fastapi.FastAPI', Starlette: 'starlette.Starlette', Quart: 'quart.Quart',
  Litestar: 'litestar.Litestar', Sanic: 'sanic.Sanic', get_wsgi_application: 'django.get_wsgi_application',
  get_asgi_application: 'django.get_asgi_application', WSGIHandler: 'django.WSGIHandler',
};

/** A qualified name (`fastapi.applications.FastAPI`) to the app it constructs, if known. */
export function appKindOf(qualified: string): AppKind | undefined {
  const parts = qualified.split('.');
  if (parts.length === 1) {
    const full = BY_NAME[qualified];
    return full ? BY_PACKAGE[full] : undefined;
  }
  return BY_PACKAGE[`${parts[0]}.${parts[parts.length - 1]}`];
}

/** Every final name a constructor call can end in: `Flask`, `FastAPI`, `default_app`, `App`… */
const CONSTRUCTOR_NAMES = new Set([...Object.keys(BY_NAME), ...Object.keys(BY_PACKAGE).map((k) => k.slice(k.lastIndexOf('.') + 1))]);
const CONSTRUCTOR_PATTERN = new RegExp([...CONSTRUCTOR_NAMES].join('|'));

export function isAppConstructorName(callee: string): boolean {
  return CONSTRUCTOR_NAMES.has(callee.slice(callee.lastIndexOf('.') + 1));
}

/**
 * Whether `text` may contain a constructor call at all: each name appears in the text of any call that ends in it.
 * A superset (a name in a comment passes), so a module without any is not searched for calls.
 */
export function mayConstructApp(text: string): boolean {
  return CONSTRUCTOR_PATTERN.test(text);
}

/** Entry points wfastcgi users name directly (`django.core.wsgi.get_wsgi_application()`): never "missing". */
export const WELL_KNOWN_ENTRY_POINTS: Record<string, AppKind> = {
  'django.core.wsgi.get_wsgi_application': wsgi('get_wsgi_application()', 'django'),
  'django.core.handlers.wsgi.WSGIHandler': wsgi('WSGIHandler()', 'django'),
  'django.core.asgi.get_asgi_application': asgi('get_asgi_application()', 'django'),
};

/** Distribution names whose import name differs (requirements.txt names → top-level modules). */
export const IMPORT_NAMES: Record<string, string[]> = {
  'python-dotenv': ['dotenv'], pyyaml: ['yaml'], pillow: ['PIL'], beautifulsoup4: ['bs4'], pywin32: ['win32api', 'win32con', 'pywintypes'],
  'scikit-learn': ['sklearn'], 'opencv-python': ['cv2'], 'python-dateutil': ['dateutil'], 'djangorestframework': ['rest_framework'],
  'django-cors-headers': ['corsheaders'], psycopg2: ['psycopg2'], 'psycopg2-binary': ['psycopg2'], 'mysqlclient': ['MySQLdb'],
  'pymysql': ['pymysql'], 'flask-sqlalchemy': ['flask_sqlalchemy'], 'python-socketio': ['socketio'], 'flask-socketio': ['flask_socketio'],
  'attrs': ['attr', 'attrs'], 'protobuf': ['google'], 'pyjwt': ['jwt'], 'python-jose': ['jose'], 'msal': ['msal'],
};

/**
 * Words a module that makes an application itself must contain (in its import or its call): the frameworks'
 * top-level packages and their distinctive constructor names. A cheap pre-filter for init's scan of a project.
 */
export function frameworkWords(): string[] {
  const words = new Set<string>();
  for (const key of [...Object.keys(BY_PACKAGE), ...Object.keys(WELL_KNOWN_ENTRY_POINTS)]) {
    words.add(key.slice(0, key.indexOf('.')));
    words.add(key.slice(key.lastIndexOf('.') + 1));
  }
  for (const name of Object.keys(BY_NAME)) words.add(name);
  return [...words];
}
