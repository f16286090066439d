/** The reverse-proxy bridge (IIS URL Rewrite + ARR in front of a Python service). (English templates; see ../messages.ts) */
export const PROXY_MESSAGES = {
  'scaffold.proxy.port': 'The backend port {port} cannot be used: give a port from 1024 to 65535 that nothing else on the server listens on.',
  'scaffold.proxy.prefix': 'The URL prefix "{prefix}" must be a URL path like /app (letters, digits and - . _ ~ in each segment).',
  'scaffold.proxy.notProxy': '--backend-port and --url-prefix are for --bridge proxy only.',
  'proxy.protoMissing': 'Proxy rule "{rule}" sends no X-Forwarded-Proto: set HTTP_X_FORWARDED_PROTO in it. ARR never adds it. Without it the app builds http:// links and redirects behind HTTPS, and Django 4+ refuses POSTs (CSRF origin check). The generated rule does it with a condition on {HTTPS}s (pattern ^on(s)$|^offs$) and the value http{C:1}.',
  'proxy.variableNotAllowed': 'The server variable {name} is not in allowedServerVariables of {apphost}: every request this rule handles answers HTTP 500.50. Allow it at server level (appcmd set config SITE -section:system.webServer/rewrite/allowedServerVariables /+[name=\'{name}\'] /commit:apphost).',
  'proxy.notLoopback': 'The Python service is reached at {host}, not on this machine\'s loopback: bind it to 127.0.0.1 and proxy to http://127.0.0.1:PORT/. A backend port reachable from the network lets clients bypass IIS and forge the X-Forwarded-* headers the app trusts.',
  'proxy.notTrusted': 'The app behind the proxy rule "{rule}" does not read the X-Forwarded-* headers: wrap it in Werkzeug\'s ProxyFix(x_for=1, x_proto=1, x_host=1, x_prefix=1), run waitress with --trusted-proxy=127.0.0.1, or set Django\'s SECURE_PROXY_SSL_HEADER. Otherwise it sees http, host 127.0.0.1 and client 127.0.0.1 for every request (flask-iis init --bridge proxy writes wsgi_iis.py).',
  'proxy.tooManyHops': '{file} trusts more than one proxy ({settings}), but IIS is the only one in front of the app: a client can then choose the value the app uses. Use 1 for each header IIS sets.',
  'proxy.fixWithoutProxy': 'The app applies ProxyFix ({file}), but under wfastcgi no proxy sets X-Forwarded-*: any client can forge its address, scheme and host. Remove ProxyFix, or put it behind a real proxy (--bridge proxy).',
  'related.proxyFix': 'the app reads the proxy headers here',
} as const;
