/**
 * The shapes of the size targets (issue 10): any 250 KB web.config (IIS's own limit) checked by the CLI in under
 * 200 ms, any 5 MB one in under 2 s and 300 MB. Each generator takes a size in bytes and returns a web.config of
 * about that size: the densest realistic files (appSettings, rewrite rules, handlers, locations) and adversarial
 * ones (duplicate keys, entity-laden values, deep nesting, one huge comment or CDATA section, tiny elements).
 */

import { fill as fillWith } from './adversarial';

const HANDLER = '<add name="Python FastCGI" path="*" verb="*" modules="FastCgiModule" scriptProcessor="C:\\Python311\\python.exe|C:\\Python311\\Lib\\site-packages\\wfastcgi.py" resourceType="Unspecified" requireAccess="Script" />';

/** `unit(i)` lines until the text reaches `bytes` (adversarial.ts's fill, CRLF-separated by default). */
const fill = (bytes: number, unit: (i: number) => string, sep = '\r\n'): string => fillWith(bytes, unit, sep);

/** A typical wfastcgi web.config with `body` inside <appSettings> and `server` inside <system.webServer>. */
function config(parts: { settings?: string; server?: string; handlers?: string; rest?: string }): string {
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<configuration>',
    '  <appSettings>',
    '    <add key="WSGI_HANDLER" value="app.app" />',
    '    <add key="PYTHONPATH" value="C:\\inetpub\\wwwroot\\app" />',
    '    <add key="WSGI_LOG" value="C:\\inetpub\\wwwroot\\app\\logs\\wfastcgi.log" />',
    ...(parts.settings ? [parts.settings] : []),
    '  </appSettings>',
    '  <system.webServer>',
    '    <handlers>',
    `      ${HANDLER}`,
    ...(parts.handlers ? [parts.handlers] : []),
    '    </handlers>',
    ...(parts.server ? [parts.server] : []),
    '  </system.webServer>',
    ...(parts.rest ? [parts.rest] : []),
    '</configuration>',
    '',
  ].join('\r\n');
}

/** Fills the part `key` so the whole file is about `bytes` long. */
function sized(bytes: number, key: 'settings' | 'server' | 'handlers' | 'rest', body: (budget: number) => string): string {
  const frame = config({}).length;
  return config({ [key]: body(Math.max(0, bytes - frame)) });
}

/** The same web.config with nothing added (about 700 bytes): the floor, node's start-up and the CLI's own. */
export const MINIMAL = config({});

export interface LimitShape {
  name: string;
  what: string;
  make(bytes: number): string;
}

const RULE = (i: number) => [
  `        <rule name="Route ${i}" stopProcessing="true">`,
  `          <match url="^api/v${i % 7}/item${i}/(.*)$" ignoreCase="true" />`,
  '          <conditions logicalGrouping="MatchAll" trackAllCaptures="false">',
  '            <add input="{REQUEST_FILENAME}" matchType="IsFile" negate="true" />',
  '            <add input="{REQUEST_FILENAME}" matchType="IsDirectory" negate="true" />',
  `            <add input="{HTTP_HOST}" pattern="^(www\\.)?example${i}\\.com$" />`,
  '          </conditions>',
  `          <action type="Rewrite" url="app.py/{R:1}?id=${i}&amp;src=rewrite" appendQueryString="true" />`,
  '        </rule>',
].join('\r\n');

export const LIMIT_SHAPES: LimitShape[] = [
  {
    name: 'dense-appsettings',
    what: 'one <add key value /> per line, every key different',
    make: (bytes) => sized(bytes, 'settings', (b) => fill(b, (i) => `    <add key="SETTING_${i}" value="value ${i}" />`)),
  },
  {
    name: 'dup-keys',
    what: 'the same key repeated (100,000 duplicates at 5 MB)',
    make: (bytes) => sized(bytes, 'settings', (b) => fill(b, (i) => `    <add key="FEATURE_FLAG" value="${i % 10}" />`)),
  },
  {
    name: 'tiny-elements',
    what: 'the most elements per byte: <add/> with no whitespace',
    make: (bytes) => sized(bytes, 'settings', (b) => fill(b, () => '<add/>', '')),
  },
  {
    name: 'many-attributes',
    what: 'elements of 50 short attributes each',
    make: (bytes) => sized(bytes, 'settings', (b) => fill(b, (i) => `<add key="K${i}" ${Array.from({ length: 50 }, (_, j) => `a${j}="${j}"`).join(' ')}/>`)),
  },
  {
    name: 'rewrite-rules',
    what: 'URL Rewrite rules, each with a match, three conditions and an action',
    make: (bytes) => sized(bytes, 'server', (b) => `    <rewrite>\r\n      <rules>\r\n${fill(b - 60, RULE)}\r\n      </rules>\r\n    </rewrite>`),
  },
  {
    name: 'entity-values',
    what: 'settings whose 1 KB values are full of &amp; &lt; &quot; and &#x..; references',
    make: (bytes) => sized(bytes, 'settings', (b) => fill(b, (i) => `    <add key="CONN_${i}" value="${fill(1000, (j) => `a&amp;b=${j}&lt;x&gt;&quot;&#x41;&#66;`, ';')}" />`)),
  },
  {
    name: 'deep-nesting',
    what: 'elements nested as deep as the size allows',
    make: (bytes) => {
      const n = Math.floor(Math.max(0, bytes - config({}).length) / 7);
      return config({ rest: `${'<a>'.repeat(n)}${'</a>'.repeat(n)}` });
    },
  },
  {
    name: 'huge-comment',
    what: 'one comment filling the file',
    make: (bytes) => sized(bytes, 'settings', (b) => `    <!--${fill(b - 20, (i) => `commented out: <add key="OLD_${i}" value="x" />`)}-->`),
  },
  {
    name: 'huge-cdata',
    what: 'one CDATA section filling the file',
    make: (bytes) => sized(bytes, 'rest', (b) => `  <notes><![CDATA[${fill(b - 40, (i) => `line ${i} <with> markup & ampersands`)}]]></notes>`),
  },
  {
    name: 'many-handlers',
    what: 'FastCGI handlers for many paths',
    make: (bytes) => sized(bytes, 'handlers', (b) => fill(b, (i) => `      ${HANDLER.replace('Python FastCGI', `Python FastCGI ${i}`).replace('path="*"', `path="*.py${i}"`)}`)),
  },
  {
    name: 'many-locations',
    what: '<location> elements, each with handlers, settings and a rewrite rule',
    make: (bytes) => sized(bytes, 'rest', (b) => fill(b, (i) => [
      `  <location path="area${i}">`, '    <system.webServer>', '      <handlers>', `        ${HANDLER}`, '      </handlers>',
      '      <rewrite><rules>', RULE(i), '      </rules></rewrite>', '    </system.webServer>',
      `    <appSettings><add key="AREA" value="${i}" /></appSettings>`, '  </location>',
    ].join('\r\n'))),
  },
];
