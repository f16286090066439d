/**
 * The reverse-proxy bridge's web.config: IIS serves the static files itself and hands every other request to the
 * Python service on 127.0.0.1:port (URL Rewrite + Application Request Routing). ARR adds X-Forwarded-For (client
 * ip:port) but never X-Forwarded-Proto, and sends Host as 127.0.0.1:port unless preserveHostHeader is set for the
 * whole server, so the rule sets the public scheme, host and URL prefix itself. Setting a request header through
 * its HTTP_* server variable replaces whatever the client sent, which is what makes them trustworthy; an empty
 * value removes the header (X-Forwarded-Prefix at the site root).
 */
import { escapeAttribute as x } from '../xml/escape';
import { staticServing, type DeployOptions } from './options';
import { comment, staticRewriteRule } from './webConfigTemplates';

/** The rule that proxies to the service (the local runner and the checks find it by its action). */
export const PROXY_RULE_NAME = 'Python backend (reverse proxy)';

/** The request headers the rule sets, as URL Rewrite server variables; each must be in allowedServerVariables. */
export const PROXY_SERVER_VARIABLES = ['HTTP_X_FORWARDED_PROTO', 'HTTP_X_FORWARDED_HOST', 'HTTP_X_FORWARDED_PREFIX'] as const;

export function proxyTarget(port: number): string {
  return `http://127.0.0.1:${port}/{R:1}`;
}

/** The <rule> elements (unindented): the static files first, then the proxy rule. */
export function proxyRules(o: Pick<DeployOptions, 'staticFolder' | 'proxy' | 'translate'>): string[] {
  const port = o.proxy!.port;
  const s = staticServing(o);
  const staticRule = !s
    ? []
    : s.folder === s.url
      ? [
        ...comment('', 'webconfig.proxy.static', o.translate, { url: x(s.url), folder: x(s.folder) }),
        '<rule name="Static files" stopProcessing="true">',
        `  <match url="^${x(s.url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))}/" />`,
        '  <action type="None" />',
        '</rule>',
      ]
      : staticRewriteRule(s.url, s.folder, undefined, o.translate);
  return [
    ...staticRule,
    ...comment('', 'webconfig.proxy.rule', o.translate, { https: '{HTTPS}', root: o.proxy!.urlPrefix ? '' : '@webconfig.proxy.rule.root' }),
    `<rule name="${x(PROXY_RULE_NAME)}" stopProcessing="true">`,
    '  <match url="(.*)" />',
    '  <conditions>',
    '    <add input="{HTTPS}s" pattern="^on(s)$|^offs$" />',
    '  </conditions>',
    '  <serverVariables>',
    '    <set name="HTTP_X_FORWARDED_PROTO" value="http{C:1}" />',
    '    <set name="HTTP_X_FORWARDED_HOST" value="{HTTP_HOST}" />',
    `    <set name="HTTP_X_FORWARDED_PREFIX" value="${x(o.proxy!.urlPrefix ?? '')}" />`,
    '  </serverVariables>',
    `  <action type="Rewrite" url="${x(proxyTarget(port))}" />`,
    '</rule>',
  ];
}

export function renderProxyWebConfig(o: Pick<DeployOptions, 'staticFolder' | 'proxy' | 'translate'>): string {
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<configuration>',
    '  <system.webServer>',
    ...comment('    ', 'webconfig.proxy.top', o.translate),
    '    <rewrite>',
    '      <rules>',
    ...proxyRules(o).map((l) => `        ${l}`),
    '      </rules>',
    '    </rewrite>',
    '  </system.webServer>',
    '</configuration>',
    '',
  ].join('\n');
}
