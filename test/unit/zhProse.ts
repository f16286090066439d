/** What counts as English prose in a line meant for a Chinese reader (the zh-CN output tests). */

export const CJK = /[\u3000-\u9fff\uff00-\uffef]/;

/** Names and terms that stay as they are in a Chinese sentence. */
const TERMS = ['IIS', 'IIS Express', 'Flask', 'Django', 'FastAPI', 'Python', 'wfastcgi', 'HttpPlatformHandler', 'FastCGI', 'WSGI', 'ASGI', 'HTTP', 'HTTPS',
  'Windows', 'Linux', 'waitress', 'uvicorn', 'gunicorn', 'uWSGI', 'nginx', 'Apache', 'mod_wsgi', 'flup', 'CGI', 'URL Rewrite', 'Application Initialization',
  'Ctrl+C', 'GET', 'POST', 'OK', 'Not Found', 'Internal Server Error', 'pip', 'venv', 'DEPLOY.md', 'web.config', 'applicationHost.config', 'appcmd', 'icacls',
  'WinSW', 'ARR', 'Application Request Routing', 'Unspecified', 'AlwaysRunning', 'Integrated', 'No Managed Code', 'IIS AppPool', 'LocalSystem',
  'unregister', 'register', 'recycle', 'enable', 'disable', 'verify', 'migrate', 'doctor', 'check', 'init', 'new', 'run', 'flask-iis', 'npx'];
const TERM_RE = new RegExp(`(?<![\\w-])(?:${TERMS.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).sort((a, b) => b.length - a.length).join('|')})(?![\\w-])`, 'gi');

/**
 * The English prose left in one output line once the allowed parts are removed: an English sentence start, or
 * (in a line without Chinese) any English word. '' when there is none.
 */
export function englishProse(line: string): string {
  let s = line.replace(/^flask-iis: /, '');
  s = s.replace(/^\S.*?:\d+:\d+: (?:error|warning|information|hint) [a-z0-9]+(?:-[a-z0-9]+)* /, ''); // check's gcc-style prefix
  s = s.replace(/<!--|-->/g, ' ').replace(/<\/?[A-Za-z][^<>]*>?/g, ' '); // XML (comment text is kept and judged)
  s = s.replace(/"[^"]*"|“[^”]*”|'[^']*'/g, ' ').replace(/[\w:.-]+=/g, ' '); // quoted values, error texts, argv arrays, name=
  s = s.replace(/\b[a-z][a-z0-9]*(?:-[a-z0-9]+)+\b/g, ' '); // codes, options' values
  s = s.replace(/(?:^|\s)--?[\w-]+(?:=\S*)?/g, ' '); // options
  s = s.replace(/\S*[\\/]\S*/g, ' ').replace(/https?:\S+/g, ' '); // paths, URLs
  s = s.replace(/\S*[_.=%$@:]\S*[\w)]/g, ' '); // identifiers: WSGI_HANDLER, app.app, key=value, %VAR%
  s = s.replace(TERM_RE, ' ').replace(/\(s\)/g, '');
  const words = s.match(/[A-Za-z]{2,}(?:'[a-z]+)?(?:[\s,;:()\d]+[A-Za-z]{2,}(?:'[a-z]+)?)*/g) ?? [];
  const longest = words.map((w) => w.trim()).sort((a, b) => b.split(/\W+/).length - a.split(/\W+/).length)[0] ?? '';
  if (!CJK.test(s)) return longest;
  // In a Chinese line, English words may appear (a quoted error text, a setting); a line that *starts* in English does not.
  const start = /^\s*[^\S\n]*([A-Za-z]{2,}(?:[\s,:]+[A-Za-z]{2,})*)\s*[:：(（]/.exec(s);
  return start ? start[1]! : '';
}
