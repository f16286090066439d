import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkBytes, checkText } from '../../src/core/check';
import { assertFires, assertSilent, covered, webConfig } from './helpers';

test('clean web.config has no findings at all', () => {
  const text = webConfig();
  assert.deepEqual(checkText(text).findings.map((f) => `${f.code}: ${text.slice(f.start, f.end)}`), []);
});

test('xml-malformed: unclosed element, mismatched end tag, bad entity; range is where it broke', () => {
  const unclosed = webConfig({ tail: '\n  <system.web>' });
  const stopped = assertFires('xml-malformed', unclosed);
  assert.equal(covered(unclosed, stopped), 'configuration', 'a parser stops at the end tag that does not match');
  assert.equal(stopped.args['expected'], 'system.web');
  const mismatched = webConfig({ webServer: '\n    <rewrite><rules></rewrite>' });
  assert.equal(covered(mismatched, assertFires('xml-malformed', mismatched)), 'rewrite');
  const amp = webConfig({ settings: '<add key="PYTHONPATH" value="C:\\a&b" />' });
  assert.equal(covered(amp, assertFires('xml-malformed', amp)), '&');
  assertFires('xml-malformed', '');
  assertFires('xml-malformed', '<configuration><appSettings></configuration>');
  assertFires('xml-malformed', '<Configuration></Configuration>');
  assertFires('xml-malformed', '<configuration><!-- a -- b --></configuration>');
  assertFires('xml-malformed', '<configuration><add key=value/></configuration>');
  assertFires('xml-malformed', '<configuration><add key="a" key="b"/></configuration>');
});

test('xml-malformed: silent on well-formed XML with entities, comments, CDATA and PIs', () => {
  assertSilent('xml-malformed', webConfig({ settings: '<add key="DB" value="a&amp;b &#x41;&#65;&lt;&gt;&quot;&apos;" /><!-- note --><![CDATA[x]]>' }));
  assertSilent('xml-malformed', '<?xml version="1.0"?>\n<!-- c -->\n<configuration><?pi x?></configuration>\n');
});

test('xml-malformed: recovers and still reports the rest of the file', () => {
  const text = webConfig({ webServer: '\n    <rewrite><rules></rewrite>', settings: '<add key="WSGI_HANDLER" value="app:app" />' });
  assertFires('xml-malformed', text);
  assertFires('wsgi-handler-syntax', text);
});

test('xml-declaration-malformed: missing <, missing ?, not first, duplicate, case, encoding mismatch', () => {
  const missingLt = webConfig({ decl: '?xml version="1.0"?>' });
  assert.equal(covered(missingLt, assertFires('xml-declaration-malformed', missingLt)), '?xml version="1.0"?>');
  assertSilent('xml-malformed', missingLt);
  assertFires('xml-declaration-malformed', webConfig({ decl: '<xml version="1.0">' }));
  assertFires('xml-declaration-malformed', webConfig({ decl: '\n<?xml version="1.0"?>' }));
  assertFires('xml-declaration-malformed', webConfig({ decl: '<?xml version="1.0"?><?xml version="1.0"?>' }));
  assertFires('xml-declaration-malformed', webConfig({ decl: '<?XML version="1.0"?>' }));
  assertFires('xml-declaration-malformed', webConfig({ decl: '<?xml encoding="utf-8"?>' }));
  const utf16 = webConfig({ decl: '<?xml version="1.0" encoding="utf-16"?>' });
  const f = checkBytes(new TextEncoder().encode(utf16)).findings.find((x) => x.code === 'xml-declaration-malformed');
  assert.ok(f, 'utf-16 declared, utf-8 saved');
  assert.equal(utf16.slice(f.start, f.end), 'utf-16');
});

test('xml-declaration-malformed: silent on a correct declaration, or none at all', () => {
  assertSilent('xml-declaration-malformed', webConfig());
  assertSilent('xml-declaration-malformed', webConfig({ decl: '' }));
  const text = webConfig({ decl: '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' });
  assert.ok(!checkBytes(new TextEncoder().encode(text)).findings.some((x) => x.code === 'xml-declaration-malformed'));
});

test('typographic-quotes: as attribute quotes, inside values, invisible characters, dashes in arguments', () => {
  const curly = webConfig({ settings: '<add key=“WSGI_HANDLER” value=“app.app”/>' });
  const f = assertFires('typographic-quotes', curly);
  assert.equal(covered(curly, f), '“WSGI_HANDLER”');
  assertSilent('xml-malformed', curly);
  assertFires('typographic-quotes', webConfig({ settings: '<add key="WSGI_HANDLER" value="“app.app”" />' }));
  assertFires('typographic-quotes', webConfig({ settings: '<add key="WSGI_HANDLER\u200b" value="app.app" />' }));
  assertFires('typographic-quotes', webConfig({ settings: '<add\u00a0key="WSGI_HANDLER" value="app.app" />' }));
  const dash = webConfig({ webServer: '\n    <httpPlatform processPath="C:\\py\\python.exe" arguments="\u2013m waitress --port=%HTTP_PLATFORM_PORT% app:app" />' });
  assert.equal(covered(dash, assertFires('typographic-quotes', dash)), '\u2013');
});

test('typographic-quotes: recovered values are still checked', () => {
  const text = webConfig({ settings: '<add key=“WSGI_HANDLER” value=“app:app”/>' });
  assertFires('wsgi-handler-syntax', text);
});

test('typographic-quotes: silent on typography in comments, text and prose values', () => {
  assertSilent('typographic-quotes', webConfig({ settings: '<!-- “quoted” — fine -->\n    <add key="SITE_TITLE" value="Tom’s “Shop” – Home" />' }));
});

test('webconfig-too-large: over IIS\'s 250 KB limit, on the root element', () => {
  const rules = Array.from({ length: 4000 }, (_, i) => `<rule name="r${i}"><match url="^old/${i}$" /><action type="Redirect" url="/new/${i}" /></rule>`).join('\n');
  const big = webConfig({ webServer: `\n    <rewrite><rules>${rules}</rules></rewrite>` });
  assert.equal(covered(big, assertFires('webconfig-too-large', big)), 'configuration');
  assertSilent('webconfig-too-large', webConfig());
});
