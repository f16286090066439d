/** Each config-* finding carries what IIS's HTTP 500.19 page shows (Error Code, Config Error), firing and silent. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toJson } from '../../src/cli/format';
import { checkText } from '../../src/core/check';
import { fixesFor } from '../../src/core/editing/fixes';
import { renderMessage } from '../../src/core/messages';
import { applyEdits } from './fixOracle';
import { assertFires, assertSilent, webConfig } from './helpers';

const ws = (webServer: string) => webConfig({ webServer: `\n    ${webServer}` });
const iis = (code: string, text: string) => {
  const f = assertFires(code, text);
  return { f, hresult: f.args['hresult'], text: f.args['iisText'], message: renderMessage(f.messageKey, f.args) };
};

test('config-attribute-unknown: 0x8007000d "Unrecognized attribute \'x\'", as IIS writes it, in the message and the finding', () => {
  const text = `<?xml version="1.0"?>\n<configuration>\n  <location path="." inheritInChildApplications="false">\n    <system.webServer>\n      <directoryBrowse enabled="false" colour="blue" />\n    </system.webServer>\n  </location>\n</configuration>\n`;
  const r = iis('config-attribute-unknown', text);
  assert.equal(r.hresult, '0x8007000d');
  assert.equal(r.text, "Unrecognized attribute 'colour'");
  assert.ok(r.message.includes(`HTTP 500.19 (0x8007000d "Unrecognized attribute 'colour'")`), r.message);
  assertSilent('config-attribute-unknown', ws('<directoryBrowse enabled="false" />'));
});

test('config-element-unknown and config-not-in-target: 0x8007000d "Unrecognized element" / "Unrecognized attribute"', () => {
  const el = iis('config-element-unknown', ws('<httpErrors><erorr statusCode="404" path="/404" /></httpErrors>'));
  assert.deepEqual([el.hresult, el.text], ['0x8007000d', "Unrecognized element 'erorr'"]);
  const old = assertFires('config-not-in-target', ws('<security><requestFiltering removeServerHeader="true" /></security>'), { target: ['iis8.5', 'rewrite2.1', 'hph1.2'] });
  assert.equal(old.args['iisText'], "Unrecognized attribute 'removeServerHeader'");
  assertSilent('config-element-unknown', ws('<httpErrors><error statusCode="404" path="/404" responseMode="ExecuteURL" /></httpErrors>'));
});

test('config-section-unknown: 0x80070032 "... cannot be read because it is missing a section declaration"', () => {
  const r = iis('config-section-unknown', ws('<iisnode nodeProcessCommandLine="node.exe" />'));
  assert.equal(r.hresult, '0x80070032');
  assert.equal(r.text, "The configuration section 'iisnode' cannot be read because it is missing a section declaration");
  assertSilent('config-section-unknown', webConfig());
});

test('config-section-locked: 0x80070021 with IIS\'s whole Config Error text', () => {
  const r = iis('config-section-locked', ws('<webSocket enabled="false" />'));
  assert.equal(r.hresult, '0x80070021');
  assert.match(String(r.text), /^This configuration section cannot be used at this path\. This happens when the section is locked at a parent level\. Locking is either by default/);
  assertSilent('config-section-locked', ws('<httpErrors errorMode="Custom" />'));
});

test('config-value-invalid and config-attribute-missing: the HRESULT only (no published IIS wording to quote)', () => {
  const v = iis('config-value-invalid', ws('<httpErrors errorMode="DetailedLocal" />'));
  assert.equal(v.hresult, '0x8007000d');
  assert.equal(v.text, undefined);
  assert.ok(v.message.includes('HTTP 500.19 (0x8007000d)'));
  const m = iis('config-attribute-missing', ws('<staticContent><mimeMap fileExtension=".woff2" /></staticContent>'));
  assert.equal(m.hresult, '0x8007000d');
  assert.ok(!m.message.includes('{hresult}') && !m.message.includes('Missing required attribute'), m.message);
  assertSilent('config-value-invalid', ws('<httpErrors errorMode="DetailedLocalOnly" />'));
});

test('the CLI JSON shows the IIS error of a config-* finding as "iis", and none for other codes', () => {
  const text = ws('<directoryBrowse enabled="false" colour="blue" />');
  const json = JSON.parse(toJson([{ path: 'web.config', text, findings: checkText(text).findings }], (s) => s)) as { files: { diagnostics: { code: string; iis?: unknown }[] }[] };
  const diags = json.files[0]!.diagnostics;
  assert.deepEqual(diags.find((d) => d.code === 'config-attribute-unknown')!.iis, { hresult: '0x8007000d', text: "Unrecognized attribute 'colour'" });
  assert.ok(diags.filter((d) => !d.code.startsWith('config-')).every((d) => d.iis === undefined));
});

test('an invalid enum value is fixed to the nearest allowed value: a misspelling, a number, else the default', () => {
  const cases: [string, string][] = [
    ['<httpErrors existingResponse="Passthru" />', 'PassThrough'],
    ['<httpErrors existingResponse="Keep" />', 'Auto'],
    ['<handlers><add name="Py" path="*" verb="*" modules="FastCgiModule" resourceType="7" /></handlers>', 'Unspecified'],
  ];
  for (const [el, value] of cases) {
    const text = ws(el);
    const f = assertFires('config-value-invalid', text);
    const fix = fixesFor(checkText(text), f)[0];
    assert.ok(fix, el);
    const fixed = applyEdits(text, fix.edits);
    assert.ok(fixed.includes(`"${value}"`), fixed);
    assertSilent('config-value-invalid', fixed);
  }
});
