/**
 * Key completion (issue 15): no key already in force (this file, the parents' web.config, <remove>/<clear/>
 * applied), risky and deprecated keys struck through with the reason, snippets that leave the cursor where the
 * next typing goes, and WSGI_LOG folders that nobody can download from.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { complete, type Proposal } from '../../src/core/editing/completion';
import type { EditingEnv } from '../../src/core/editing/env';
import { inheritedSettingKeys, presentSettingKeys } from '../../src/core/editing/presentKeys';
import { scanXml } from '../../src/core/xml/scanner';
import { applyEdits, withCursor } from './editingHelpers';

function propose(marked: string, env: EditingEnv = {}, withScan = true): { labels: string[]; proposals: Proposal[]; text: string } {
  const { text, offset } = withCursor(marked);
  const proposals = complete(text, offset, withScan ? scanXml(text) : undefined, env);
  return { labels: proposals.map((p) => p.label), proposals, text };
}

/** The text after inserting `p`, with `‸` where the cursor lands (the first tab stop, else $0, else the end). */
function insert(text: string, p: Proposal): string {
  let body = p.insertText;
  if (p.snippet) {
    const stop = /\$\{1(?::[^}]*)?\}|\$1\b/.exec(body) ?? /\$0/.exec(body);
    body = stop ? `${body.slice(0, stop.index)}‸${body.slice(stop.index + stop[0].length)}` : `${body}‸`;
    body = body.replace(/\$\{\d+:?([^}]*)\}|\$\d/g, '$1');
  } else body += '‸';
  return applyEdits(text, [{ start: p.start, end: p.end, newText: body }]);
}

// A realistic application web.config (wfastcgi, as wfastcgi-enable and the Azure template write it).
const APP = (settings: string, cursor = '\n    |') => `<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <appSettings>
    ${settings}${cursor}
  </appSettings>
  <system.webServer>
    <handlers>
      <add name="Python FastCGI" path="*" verb="*" modules="FastCgiModule" scriptProcessor="C:\\Python312\\python.exe|C:\\Python312\\Lib\\site-packages\\wfastcgi.py" resourceType="Unspecified" requireAccess="Script" />
    </handlers>
  </system.webServer>
</configuration>
`;

test('a key already in this file is not offered again, between tags or in key=""', () => {
  const between = propose(APP('<add key="WSGI_HANDLER" value="app.app" />\n    <add key="PYTHONPATH" value="C:\\inetpub\\wwwroot\\shop" />'));
  assert.ok(!between.labels.includes('WSGI_HANDLER') && !between.labels.includes('PYTHONPATH'));
  assert.ok(between.labels.includes('WSGI_LOG'));
  const inKey = propose(APP('<add key="wsgi_handler" value="app.app" />', '\n    <add key="|" value="" />'));
  assert.ok(!inKey.labels.includes('WSGI_HANDLER'), 'compared as the environment does: any case');
  assert.ok(inKey.labels.includes('PYTHONPATH'));
  // Without a scan at hand (the lean pass while typing), the same.
  assert.ok(!propose(APP('<add key="WSGI_HANDLER" value="app.app" />'), {}, false).labels.includes('WSGI_HANDLER'));
});

test('the key being edited still completes itself; <remove> and <clear/> give keys back', () => {
  assert.ok(propose(APP('<add key="WSGI_H|" value="app.app" />', '')).labels.includes('WSGI_HANDLER'));
  assert.ok(propose(APP('<add key="WSGI_HANDLER" value="x" />\n    <remove key="WSGI_HANDLER" />')).labels.includes('WSGI_HANDLER'));
  assert.ok(propose(APP('<add key="WSGI_HANDLER" value="x" />\n    <clear />')).labels.includes('WSGI_HANDLER'));
  // <remove key="|"> offers every known key: removing an inherited one is what it is for.
  assert.ok(propose(APP('<add key="WSGI_HANDLER" value="x" />', '\n    <remove key="|" />')).labels.includes('WSGI_HANDLER'));
});

test('keys the parents\' web.config leave in force are not offered (a second one is HTTP 500.19)', () => {
  const parent = APP('<add key="WSGI_HANDLER" value="app.app" />\n    <add key="WSGI_LOG" value="D:\\home\\LogFiles\\wfastcgi.log" />', '');
  const grand = '<configuration><appSettings><add key="SCRIPT_NAME" value="/shop" /><add key="PYTHONPATH" value="C:\\x" /></appSettings></configuration>';
  const inherited = inheritedSettingKeys([grand, parent]);
  assert.deepEqual(inherited.sort(), ['PYTHONPATH', 'SCRIPT_NAME', 'WSGI_HANDLER', 'WSGI_LOG']);
  const child = '<?xml version="1.0" encoding="utf-8"?>\n<configuration>\n  <appSettings>\n    <remove key="WSGI_LOG" />\n    |\n  </appSettings>\n</configuration>\n';
  const labels = propose(child, { inheritedSettingKeys: inherited }).labels;
  assert.ok(!labels.includes('WSGI_HANDLER') && !labels.includes('SCRIPT_NAME') && !labels.includes('PYTHONPATH'));
  assert.ok(labels.includes('WSGI_LOG'), 'removed in the child');
  assert.deepEqual([...presentSettingKeys('<configuration><appSettings><clear/></appSettings></configuration>', 0, inherited)], []);
});

test('risky and deprecated keys are struck through and say why', () => {
  const { proposals } = propose(APP(''));
  const ptvsd = proposals.find((p) => p.label === 'WSGI_PTVSD_SECRET')!;
  assert.equal(ptvsd.deprecated, true);
  assert.equal(ptvsd.detail?.key, 'completion.risk.ptvsd');
  assert.equal(proposals.find((p) => p.label === 'APPINSIGHTS_INSTRUMENTATIONKEY')?.detail?.key, 'completion.risk.appInsights');
  assert.equal(proposals.find((p) => p.label === 'WSGI_HANDLER')?.deprecated, undefined);
  const inKey = propose(APP('', '\n    <add key="|" />')).proposals;
  assert.equal(inKey.find((p) => p.label === 'WSGI_PTVSD_SECRET')?.deprecated, true);
  // Sorted after the safe keys.
  const order = inKey.map((p) => p.sortText ?? p.label).sort();
  assert.equal(inKey.find((p) => p.sortText === order[order.length - 1])?.deprecated, true);
});

test('picking a key leaves the cursor where the next typing goes', () => {
  // key="" without a value attribute: the value attribute is written and the cursor is inside it.
  const bare = propose(APP('', '\n    <add key="WS|" />'));
  assert.match(insert(bare.text, bare.proposals.find((p) => p.label === 'WSGI_HANDLER')!), /<add key="WSGI_HANDLER" value="‸" \/>/);
  assert.equal(bare.proposals.find((p) => p.label === 'WSGI_HANDLER')!.retrigger, true, 'value suggestions follow');
  const single = propose("<configuration><appSettings><add key='|' /></appSettings></configuration>");
  assert.match(insert(single.text, single.proposals.find((p) => p.label === 'WSGI_LOG')!), /<add key='WSGI_LOG' value='‸' \/>/);
  // A value attribute already there: only the key is written.
  const withValue = propose(APP('', '\n    <add key="|" value="app.app" />'));
  assert.match(insert(withValue.text, withValue.proposals.find((p) => p.label === 'WSGI_HANDLER')!), /<add key="WSGI_HANDLER‸" value="app.app" \/>/);
  // Between tags: the value is selected; after it, Tab goes past the tag.
  const between = propose(APP(''));
  const snippet = between.proposals.find((p) => p.label === 'WSGI_HANDLER')!;
  assert.match(snippet.insertText, /value="\$\{1:app\.app\}" \/>\$0$/);
});

test('WSGI_LOG suggests only folders nobody can download from', () => {
  const env: EditingEnv = { folders: ['logs', 'media', 'shop', 'static', 'assets2'], servedFolders: ['assets2'] };
  const p = propose(APP('', '\n    <add key="WSGI_LOG" value="|" />'), env).proposals;
  assert.deepEqual(p.map((x) => x.insertText), ['logs\\wfastcgi.log', 'shop\\wfastcgi.log']);
  assert.equal(p[0]!.detail?.key, 'completion.logFolder');
  // PYTHONPATH still offers every folder.
  assert.deepEqual(propose(APP('', '\n    <add key="PYTHONPATH" value="|" />'), env).labels, env.folders);
});
