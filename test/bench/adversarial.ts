/**
 * Generators of adversarial web.configs (issue 10): each takes a target size in bytes and returns a
 * web.config of about that size that stresses one path of the check. Shared by the doubling bench
 * (adversarial.bench.ts) and its CLI mode (`node out/bench/adversarial.bench.js --write CASE BYTES FILE`).
 */

const HEAD = [
  '<?xml version="1.0" encoding="utf-8"?>',
  '<configuration>',
  '  <system.webServer>',
  '    <handlers>',
  '      <add name="Python FastCGI" path="*" verb="*" modules="FastCgiModule" scriptProcessor="C:\\Python311\\python.exe|C:\\Python311\\Lib\\site-packages\\wfastcgi.py" resourceType="Unspecified" />',
  '    </handlers>',
  '  </system.webServer>',
];

/** Repeats `unit(i)` until the joined text reaches `bytes` (ASCII only, so length = bytes). */
export function fill(bytes: number, unit: (i: number) => string, sep = ''): string {
  const out: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const u = unit(i);
    out.push(u);
    size += u.length + sep.length;
  }
  return out.join(sep);
}

function settings(lines: string[]): string {
  return [...HEAD, '  <appSettings>', ...lines, '  </appSettings>', '</configuration>', ''].join('\r\n');
}

function withBody(bytes: number, body: (budget: number) => string): string {
  const frame = settings(['    <add key="WSGI_HANDLER" value="app.app" />']).length;
  return settings(['    <add key="WSGI_HANDLER" value="app.app" />', body(Math.max(0, bytes - frame))]);
}

export interface Generator {
  name: string;
  what: string;
  make(bytes: number): string;
}

export const GENERATORS: Generator[] = [
  {
    name: 'pythonpath-entities',
    what: 'one PYTHONPATH of Windows and relative entries written with &amp; and &#59;',
    make: (bytes) => withBody(bytes, (b) => `    <add key="PYTHONPATH" value="${fill(b - 48, (i) => `C:\\a&amp;b${i};lib${i}&#59;x${i}`, ';')}" />`),
  },
  {
    name: 'placeholders-amp',
    what: 'values full of &amp; and %ROOTDIR% / {{...}} / __X__ placeholders',
    make: (bytes) => withBody(bytes, (b) => `    <add key="WSGI_LOG" value="${fill(b - 48, (i) => `%ROOTDIR%&amp;{{v${i}}}&amp;__T${i}__&amp;x`, '&amp;')}" />`),
  },
  {
    name: 'dup-same-key',
    what: '<add key="WSGI_HANDLER"> repeated',
    make: (bytes) => withBody(bytes, (b) => fill(b, () => '    <add key="WSGI_HANDLER" value="app.app" />', '\r\n')),
  },
  {
    name: 'dup-distinct-keys',
    what: 'every key of many different names written twice',
    make: (bytes) => withBody(bytes, (b) => fill(b, (i) => `    <add key="SETTING_${i >> 1}" value="v${i}" />`, '\r\n')),
  },
  {
    name: 'char-references',
    what: 'one long attribute value of &#...; references',
    make: (bytes) => withBody(bytes, (b) => `    <add key="GREETING" value="${fill(b - 48, (i) => `&#${65 + (i % 26)};&#x${(97 + (i % 26)).toString(16)};`)}" />`),
  },
  {
    name: 'locations',
    what: 'many <location> elements, each with handlers and appSettings',
    make: (bytes) => {
      const head = HEAD.concat('  <appSettings>', '    <add key="WSGI_HANDLER" value="app.app" />', '  </appSettings>').join('\r\n');
      return `${head}\r\n${fill(bytes - head.length, (i) => [
        `  <location path="area${i}">`, '    <system.webServer>', '      <handlers>',
        `        <add name="Python FastCGI" path="*.py" verb="*" modules="FastCgiModule" scriptProcessor="C:\\Python311\\python.exe|C:\\Python311\\Lib\\site-packages\\wfastcgi.py" resourceType="Unspecified" />`,
        '      </handlers>', '    </system.webServer>', '    <appSettings><add key="WSGI_HANDLER" value="app.app" /></appSettings>', '  </location>',
      ].join('\r\n'), '\r\n')}\r\n</configuration>\r\n`;
    },
  },
  {
    name: 'handlers-same-path',
    what: 'many FastCGI handlers with the same path',
    make: (bytes) => settings(['    <add key="WSGI_HANDLER" value="app.app" />']).replace('    </handlers>', `${fill(bytes, (i) =>
      `      <add name="Python ${i}" path="*" verb="*" modules="FastCgiModule" scriptProcessor="C:\\Python311\\python.exe|C:\\Python311\\Lib\\site-packages\\wfastcgi.py" resourceType="Unspecified" />`, '\r\n')}\r\n    </handlers>`),
  },
  {
    name: 'removes',
    what: 'many <remove> and <add> of the same keys',
    make: (bytes) => withBody(bytes, (b) => fill(b, (i) => `    <remove key="K${i % 1000}" />\r\n    <add key="K${i % 1000}" value="${i}" />`, '\r\n')),
  },
  {
    name: 'single-line',
    what: 'a whole configuration on one line (rules, settings)',
    make: (bytes) => withBody(bytes, (b) => fill(b, (i) => `<add key="FLAG_${i}" value="on;tier=${i % 3}" />`)).replace(/\r\n\s*/g, ''),
  },
  {
    name: 'restart-regex',
    what: 'one WSGI_RESTART_FILE_REGEX of alternatives and groups',
    make: (bytes) => withBody(bytes, (b) => `    <add key="WSGI_RESTART_FILE_REGEX" value="${fill(b - 60, (i) => `(.*\\.py${i}[a-z]*$)`, '|')}" />`),
  },
  {
    name: 'pythonpath-entries',
    what: 'one PYTHONPATH of many relative entries without entities (each resolved against the project)',
    make: (bytes) => withBody(bytes, (b) => `    <add key="PYTHONPATH" value="${fill(b - 48, (i) => `lib\\pkg${i}`, ';')}" />`),
  },
  {
    name: 'unclosed-values',
    what: 'attribute values never closed, each running into the next tag, no `>` before it',
    make: (bytes) => withBody(bytes, (b) => fill(b, (i) => `    <add key="K${i}`, '\r\n')),
  },
  {
    name: 'pythonpath-variables',
    what: 'a PYTHONPATH of %NAME% entries, each naming another appSetting',
    make: (bytes) => withBody(bytes, (b) => {
      const n = Math.max(1, Math.floor(b / 60));
      const names = Array.from({ length: n }, (_, i) => `%DIR_${i}%`).join(';');
      return `    <add key="PYTHONPATH" value="${names}" />\r\n${Array.from({ length: n }, (_, i) => `    <add key="DIR_${i}" value="lib${i}" />`).join('\r\n')}`;
    }),
  },
  {
    name: 'long-wsgi-handler',
    what: 'one WSGI_HANDLER of many dotted segments (each prefix is a module wfastcgi may try)',
    make: (bytes) => settings([`    <add key="WSGI_HANDLER" value="${fill(bytes - 600, (i) => (i % 2 ? 'app' : 'pkg'), '.')}" />`]),
  },
  {
    name: 'text-entities',
    what: 'element text full of &amp; and bad & references',
    make: (bytes) => withBody(bytes, (b) => `    <!-- notes -->\r\n    <add key="X" value="1">${fill(b - 40, (i) => (i % 2 ? '&amp;' : '& x'))}</add>`),
  },
  {
    name: 'unknown-attributes',
    what: 'a distinct unknown attribute on every <add> (each one a "did you mean" search until the cap)',
    make: (bytes) => withBody(bytes, (b) => fill(b, (i) => `    <add key="K${i}" value="v" extra${i}x="1" />`, '\r\n')),
  },
];

/** The project folder the Python-aware checks see: a Flask app with a few imports resolved over PYTHONPATH. */
export const PROJECT_FILES: Record<string, string> = {
  'app.py': 'from flask import Flask\nimport helpers\nimport vendored_lib\nfrom reports import build\n\napp = Flask(__name__)\n',
  'helpers.py': 'def greet():\n    return "hi"\n',
  'lib/pkg3/vendored_lib.py': 'VALUE = 1\n',
};
