/**
 * The generated corpus of the quick-fix property test: seed web.configs (the repository's fixtures, the shared
 * corpus, and seeds modelled on real published web.configs that between them trigger every fixable code), each
 * with systematic mutations: line endings, tabs, quote style, comments around elements, BOM, doubled entries,
 * character references in values, non-ASCII text elsewhere, self-closing sections.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface CorpusInput {
  name: string;
  text: string;
  /** The application folder whose Python files the check reads (Python-aware codes), if any. */
  project?: string;
  /** Saved with a UTF-8 BOM: editors and the CLI strip it from the text and write it back. */
  bom?: boolean;
}

const HANDLER = 'scriptProcessor="C:\\Python311\\python.exe|C:\\Python311\\Lib\\site-packages\\wfastcgi.py"';
const FCGI = `<add name="Python FastCGI" path="*" verb="*" modules="FastCgiModule" ${HANDLER} resourceType="Unspecified" requireAccess="Script" />`;

const config = (settings: string[], handlers = [FCGI], extra: string[] = [], decl = '<?xml version="1.0" encoding="utf-8"?>') => [
  decl, '<configuration>', '  <system.webServer>', '    <handlers>', ...handlers.map((h) => `      ${h}`), '    </handlers>', ...extra.map((e) => `    ${e}`),
  '  </system.webServer>', '  <appSettings>', ...settings.map((s) => `    ${s}`), '  </appSettings>', '</configuration>', ''].join('\n');

const platform = (attrs: string, env: string[] = []) => [
  '<?xml version="1.0" encoding="utf-8"?>', '<configuration>', '  <system.webServer>', '    <handlers>',
  '      <add name="PythonHandler" path="*" verb="*" modules="httpPlatformHandler" resourceType="Unspecified" />', '    </handlers>',
  env.length ? `    <httpPlatform ${attrs}>` : `    <httpPlatform ${attrs} />`,
  ...(env.length ? ['      <environmentVariables>', ...env.map((e) => `        ${e}`), '      </environmentVariables>', '    </httpPlatform>'] : []),
  '  </system.webServer>', '</configuration>', ''].join('\n');

const H = (value: string) => `<add key="WSGI_HANDLER" value="${value}" />`;

/** Seeds, each aimed at one or more fixable codes and at the defects found before. */
export const SEEDS: Record<string, string> = {
  // Shaped like Azure App Service's published wfastcgi configs: appSettings first, %HOME% paths, multi-line handler.
  azureStyle: ['<?xml version="1.0" encoding="utf-8"?>', '<configuration>', '  <appSettings>', '    <add key="PYTHONPATH" value="%HOME%\\site\\wwwroot" />',
    '    <add key="WSGI_HANDLER" value="run:app" />', '    <add key="WSGI_LOG" value="%HOME%\\LogFiles\\wfastcgi.log" />', '  </appSettings>', '  <system.webServer>', '    <handlers>',
    '      <add name="PythonHandler" path="*" verb="*"', '           modules="FastCgiModule"', '           scriptProcessor="%HOME%\\python\\python.exe|%HOME%\\python\\wfastcgi.py"',
    '           resourceType="File" requireAccess="Script"/>', '    </handlers>', '    <httpErrors errorMode="Detailed" />', '  </system.webServer>', '</configuration>', ''].join('\n'),
  // <location path="." inheritInChildApplications="false"> around system.webServer, a gunicorn-style handler.
  locationWrapped: ['<?xml version="1.0" encoding="UTF-8"?>', '<configuration>', '  <location path="." inheritInChildApplications="false">', '    <system.webServer>', '      <handlers>',
    '        <remove name="Python27_via_FastCGI" />', `        ${FCGI.replace('resourceType="Unspecified"', 'resourceType="File"')}`, '      </handlers>', '    </system.webServer>', '  </location>',
    '  <appSettings>', '    <add key="WSGI_HANDLER" value="myproject.wsgi:application" />', '    <add key="PYTHONPATH" value="C:\inetpub\wwwroot\myproject" />',
    '    <add key="WSGI_LOG" value="C:\inetpub\logs\wfastcgi.log" />', '  </appSettings>', '</configuration>', ''].join('\n'),
  // A Django site as IIS tutorials publish it: static files rewritten away, DJANGO_SETTINGS_MODULE forgotten.
  djangoTutorial: config([H('django.core.wsgi.get_wsgi_application()'), '<add key="PYTHONPATH" value="C:\inetpub\wwwroot\mysite" />', '<add key="WSGI_LOG" value="C:\inetpub\logs\django.log" />'],
    [FCGI], ['<rewrite>', '  <rules>', '    <rule name="Static Files" stopProcessing="true">', '      <match url="^static/.*" />', '      <action type="None" />', '    </rule>', '  </rules>', '</rewrite>']),
  runserver: platform('processPath="C:\venv\Scripts\python.exe" arguments="manage.py runserver 8000" stdoutLogEnabled="true" stdoutLogFile=".\logs\python.log" startupTimeLimit="60"',
    ['<environmentVariable name="PYTHONPATH" value="C:\inetpub\wwwroot\mysite" />', '<environmentVariable name="DJANGO_DEBUG" value="True" />']),
  syntaxEntities: config([H('app:app&amp;x'), '<add key="PYTHONPATH" value="C:\\inetpub\\app" />']),
  syntaxQuot: config([H('app:app&quot;x'), H('pkg.wsgi.py')]),
  syntaxApos: config(["<add key='WSGI_HANDLER' value='main:app&apos;s' />"]),
  typographic: config(['<add key=“WSGI_HANDLER” value=“app.app” />', '<add key="PYTHONPATH" value="C:\\app\u200b\u00a0" />', '<add key="WSGI_LOG" value="C:\\logs\\‘w’.log" />']),
  typographicMixed: config(["<add key=‘WSGI_HANDLER' value=\"app.app\" />", '<add key="PYTHONPATH" value=”C:\\app" />']),
  typographicEntity: config([H('app.app&#8203;'), '<add key="PYTHONPATH" value="C:\\app&#x2019;s" />']).replace('<configuration>', '<configuration>\n  <!-- café -->'),
  typographicAsciiEntity: config([H('app.app&#8203;')]),
  typographicCommand: platform('processPath="C:\\py\\python.exe" arguments="–m waitress\u00a0--port=%HTTP_PLATFORM_PORT% app:app"'),
  typographicTag: config([H('app.app'), '<add\u00a0key="PYTHONPATH" value="C:\\app"” />']),
  misspelled: config([H('app.app')]).replace(/appSettings>/g, 'AppSettings>'),
  misspelledBesideSection: config([H('app.app')]).replace('  <appSettings>', '  <AppSettings>\n    <add key="WSGI_LOG" value="C:\\l.log" />\n  </AppSettings>\n  <appSettings>'),
  misspelledEntries: config(['<Add key="WSGI_HANDLER" value="app.app" />', '<add Key="PYTHONPATH" value="C:\\app" />', '<add Key="WSGI_LOG" key="WSGI_LOG" value="C:\\l.log" />', '<add key="X" Value="1" />']),
  misspelledBoth: config(['<add Key="WSGI_HANDLER" key="WSGI_HANDLER" value="app.app" />', '<add Key="A" key="B" value="1" />']),
  handlerMissingTwo: config(['<add key="PYTHONPATH" value="C:\\app" />'], [FCGI, FCGI.replace('Python FastCGI', 'Python FastCGI 2').replace('path="*"', 'path="*.py"')]),
  handlerMissingSelfClosing: config([]).replace(/<appSettings>\n\s*<\/appSettings>/, '<appSettings />'),
  handlerMissingEmpty: config(['<add key="WSGI_HANDLER" value="" />', '<add key="PYTHONPATH" value="C:\\app" />']),
  handlerMissingNoValue: config(['<add key="WSGI_HANDLER" />']),
  handlerMissingNoSection: config([]).replace(/\s*<appSettings>\n\s*<\/appSettings>/, ''),
  handlerMissingDjangoEmpty: config(['<add key="DJANGO_SETTINGS_MODULE" value="" />']),
  scriptProcessor: config([H('app.app')]).replace('python.exe|C:', 'python.exe | C:'),
  placeholder: config([H('app.app'), '<add key="PYTHONPATH" value="%ROOTDIR%" />']).replace(/scriptProcessor="[^"]*"/, 'scriptProcessor="%INTERPRETERPATH%|%WFASTCGIPATH%"'),
  pythonPath: config([H('app.app'), '<add key="PYTHONPATH" value="C:\\a, C:\\b:D:\\c" />']),
  pythonPathDollar: config([H('app.app'), '<add key="PYTHONPATH" value="$HOME\\site;${APP}\\lib, C:\\x" />']),
  pythonPathQuotes: config([H('app.app'), '<add key="PYTHONPATH" value="&quot;C:\\my app&quot; ; C:\\b" />']),
  ptvsd: config([H('app.app'), '<add key="WSGI_PTVSD_SECRET" value="s3cret" />', '<add key="WSGI_PTVSD_ADDRESS" value="0.0.0.0:5678" />']),
  resourceType: config([H('app.app')]).replace('resourceType="Unspecified"', 'resourceType="Either"'),
  fastCgiSection: config([H('app.app')], [FCGI], ['<fastCgi>', '  <!-- inside -->', '  <application fullPath="C:\\py\\python.exe" />', '</fastCgi>']),
  duplicates: config([H('app.app'), H('app.app'), '<add key="PYTHONPATH" value="C:\\a" />', '<add key="pythonpath" value="C:\\a" />']),
  django: config([H('django.core.wsgi.get_wsgi_application()')]),
  restartRegex: config([H('app.app'), '<add key="WSGI_RESTART_FILE_REGEX" value="*.py;*.config" />']),
  restartAnchored: config([H('app.app'), '<add key="WSGI_RESTART_FILE_REGEX" value="^\\\\app\\.py$" />', '<add key="wsgi_restart_file_regex" value=".*" />']),
  declMissingLt: config([H('app.app')], [FCGI], [], '?xml version="1.0" encoding="utf-8"?>'),
  declCase: config([H('app.app')], [FCGI], [], '<?XML version="1.0"?>'),
  declLeadingSpace: `  \n${config([H('app.app')])}`,
  declDuplicate: config([H('app.app')]).replace('<configuration>', '<?xml version="1.0"?>\n<configuration>'),
  portFixed: platform('processPath="C:\\py\\python.exe" arguments="-m waitress --port=8080 app:app"'),
  portMissing: platform('processPath="C:\\py\\python.exe" arguments="-m waitress app:app"'),
  portNoArguments: platform('processPath="C:\\py\\python.exe" stdoutLogEnabled="true"'),
  portDollar: platform('processPath="C:\\py\\python.exe" arguments="-m waitress --port=${HTTP_PLATFORM_PORT} app:app"'),
  devServer: platform('processPath="C:\\py\\python.exe" arguments="-m flask run --port %HTTP_PLATFORM_PORT%"', ['<environmentVariable name="FLASK_DEBUG" value="1" />', '<environmentVariable name="FLASK_ENV" value="development" />']),
  // Schema findings (issue 14): case slips of attributes, elements and sections; values IIS refuses; a 2.x-only element for the 1.2 target.
  schemaCase: config([H('app.app')], [FCGI.replace('resourceType=', 'ResourceType=')], ['<DefaultDocument enabled="true">', '  <Files>', '    <add value="index.html" />', '  </Files>', '</DefaultDocument>', '<httpProtocol AllowKeepAlive="true" />']),
  schemaValues: config([H('app.app')], [FCGI], ['<httpErrors errorMode="DetailedLocal" existingResponse="PassThru" />', '<directoryBrowse enabled="yes" showFlags="Date, Tme" />', '<staticContent>', '  <clientCache cacheControlMode="UseMaxAge" cacheControlMaxAge="7.00:00:00" />', '</staticContent>']),
  schemaTarget: platform('processPath="C:\\py\\python.exe" arguments="-m waitress --port=%HTTP_PLATFORM_PORT% app:app" requestTimeout="00:00:90"', ['<environmentVariable name="PYTHONUNBUFFERED" value="1" />'])
    .replace('      </environmentVariables>\n', '      </environmentVariables>\n      <handlerSettings>\n        <handlerSetting name="debugLevel" value="4" />\n      </handlerSettings>\n'),
};

/** Python projects (folder, web.config text) for the Python-aware codes. */
export const PROJECT_SEEDS: Record<string, { files: Record<string, string>; handler: string }> = {
  factory: { files: { 'site.py': 'from flask import Flask\n\ndef create_app():\n    return Flask(__name__)\n\napp = create_app()\n' }, handler: 'site.create_app' },
  instance: { files: { 'site.py': 'from flask import Flask\n\ndef create_app():\n    return Flask(__name__)\n\napp = create_app()\n' }, handler: 'site.app()' },
  static: { files: { 'site.py': 'from flask import Flask\napp = Flask(__name__)\n', 'static/site.css': 'body {}\n' }, handler: 'site.app' },
  staticUrl: { files: { 'site.py': "from flask import Flask\napp = Flask(__name__, static_url_path='/assets')\n", 'static/site.css': 'body {}\n', 'assets/.keep': '' }, handler: 'site.app' },
  staticEscaped: { files: { 'site.py': "from flask import Flask\napp = Flask(__name__, static_url_path='/../../escaped')\n", 'static/site.css': 'body {}\n' }, handler: 'site.app' },
};

export function projectConfig(handler: string): string {
  return config([H(handler)]);
}

/** Every web.config under the repository's fixtures and the shared corpus (with its folder as the project). */
export function fixtureInputs(root: string): CorpusInput[] {
  const dirs = [join(root, 'test/fixtures'), join(root, 'test/integration/fixtures'), resolve(root, '../shared/corpus')];
  const out: CorpusInput[] = [];
  const seen = new Set<string>();
  const walk = (dir: string, depth: number) => {
    if (depth > 6 || !existsSync(dir)) return;
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path, depth + 1);
      else if (name.toLowerCase() === 'web.config') {
        const text = readFileSync(path, 'utf8');
        if (seen.has(text)) continue;
        seen.add(text);
        out.push({ name: path.slice(path.indexOf('/', root.length - 1) + 1), text, project: dir });
      }
    }
  };
  for (const d of dirs) walk(d, 0);
  return out;
}

// ---- mutations -------------------------------------------------------------------------------------------

const crlf = (t: string) => t.replace(/\r?\n/g, '\r\n');
const nl = (t: string) => (t.includes('\r\n') ? '\r\n' : '\n');

function tabs(t: string): string {
  return t.replace(/^( +)(?=<)/gm, (s) => '\t'.repeat(Math.max(1, Math.round(s.length / 2))));
}

/** Every double-quoted attribute becomes single-quoted (a `'` inside written as &apos;). */
function singleQuotes(t: string): string {
  return t.replace(/(\s[\w.:-]+\s*=\s*)"([^"<]*)"/g, (_m, lead: string, v: string) => `${lead}'${v.replace(/'/g, '&apos;')}'`);
}

/** A comment line before, and a comment after, every one-line element. */
function comments(t: string): string {
  const e = nl(t);
  return t.split(e).map((line) => {
    const m = /^([ \t]*)(<(?:add|remove|httpPlatform|environmentVariable)\b[^>]*\/>)\s*$/.exec(line);
    return m ? `${m[1]}<!-- before ${m[2].length} -->${e}${line} <!-- after -->` : line;
  }).join(e);
}


function nonAscii(t: string): string {
  return t.replace(/(<configuration[^>]*>)/, `$1${nl(t)}  <!-- 生产环境配置 · café — “不要” 修改 -->`);
}

/** A character reference for one character of each value (`.` → &#46;, `\` → &#92;). */
function entities(t: string): string {
  return t.replace(/(\svalue\s*=\s*")([^"]*)"/g, (_m, lead: string, v: string) => `${lead}${v.replace(/[.\\]/, (c) => `&#${c.charCodeAt(0)};`)}"`);
}

/** Each one-line element with three or more attributes written one attribute per line (as many published configs do). */
function multiline(t: string): string {
  const e = nl(t);
  return t.split(e).map((line) => {
    const m = /^([ \t]*)<(\w+)((?:\s+[\w.:-]+=(?:"[^"]*"|'[^']*')){3,})\s*(\/?>)\s*$/.exec(line);
    if (!m) return line;
    const attrs = m[3]!.trim().match(/[\w.:-]+=(?:"[^"]*"|'[^']*')/g)!;
    const pad = `${m[1]}${' '.repeat(m[2]!.length + 2)}`;
    return `${m[1]}<${m[2]} ${attrs[0]}${attrs.slice(1).map((a) => `${e}${pad}${a}`).join('')} ${m[4]}`;
  }).join(e);
}

/** Self-closing sections: empty ones written `<x />`, and appSettings emptied. */
function selfClosing(t: string): string[] {
  const out: string[] = [];
  const empty = t.replace(/<(\w[\w.]*)([^>]*)>\s*<\/\1>/g, '<$1$2 />');
  if (empty !== t) out.push(empty);
  const emptied = t.replace(/<appSettings>[\s\S]*?<\/appSettings>/, '<appSettings />');
  if (emptied !== t) out.push(emptied);
  return out;
}

/** One variant per one-line entry, with that entry doubled. */
function doubled(t: string): string[] {
  const e = nl(t);
  const lines = t.split(e);
  const out: string[] = [];
  lines.forEach((line, i) => {
    if (!/^[ \t]*<(add|remove|environmentVariable)\b[^>]*\/>\s*$/.test(line)) return;
    out.push([...lines.slice(0, i + 1), line, ...lines.slice(i + 1)].join(e));
  });
  return out;
}

/** The seed and its mutations (and a few combinations), without repeats. */
export function mutations(input: CorpusInput): CorpusInput[] {
  const t = input.text;
  const variants: [string, string, boolean?][] = [
    ['', t], ['crlf', crlf(t)], ['tabs', tabs(t)], ['single', singleQuotes(t)], ['comments', comments(t)], ['bom', t, true],
    ['nonascii', nonAscii(t)], ['entities', entities(t)],
    ['crlf+tabs+single', crlf(tabs(singleQuotes(t)))], ['bom+crlf+comments', crlf(comments(t)), true], ['nonascii+entities+single', singleQuotes(nonAscii(entities(t)))],
    ...selfClosing(t).map((v, i): [string, string] => [`selfclosing${i}`, v]),
    ...doubled(t).map((v, i): [string, string] => [`doubled${i}`, v]),
    ...doubled(crlf(comments(t))).map((v, i): [string, string] => [`crlf+comments+doubled${i}`, v]),
    ...doubled(tabs(singleQuotes(t))).map((v, i): [string, string] => [`tabs+single+doubled${i}`, v]),
    ...doubled(multiline(nonAscii(t))).map((v, i): [string, string] => [`multiline+nonascii+doubled${i}`, v]),
    ['multiline', multiline(t)], ['multiline+crlf+single', crlf(multiline(singleQuotes(t)))],
    ...selfClosing(crlf(singleQuotes(t))).map((v, i): [string, string] => [`crlf+single+selfclosing${i}`, v]),
  ];
  const seen = new Set<string>();
  const out: CorpusInput[] = [];
  for (const [name, text, bom] of variants) {
    if (seen.has(`${bom}${text}`)) continue;
    seen.add(`${bom}${text}`);
    out.push({ ...input, name: name ? `${input.name} [${name}]` : input.name, text, ...(bom ? { bom } : {}) });
  }
  return out;
}
