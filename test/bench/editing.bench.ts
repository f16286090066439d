/** Completion and hover latency on a 1 MB web.config (issue 5: target < 20 ms p95). */
import { complete } from '../../src/core/editing/completion';
import { hover } from '../../src/core/editing/hover';
import { scanXml } from '../../src/core/xml/scanner';
import { measure } from './measure';

interface Case {
  label: string;
  run: () => unknown;
}

function oneMegabyteConfig(): string {
  const rules: string[] = [];
  let length = 0;
  for (let i = 0; length < 1_000_000; i++) {
    const rule = `      <rule name="r${i}" stopProcessing="true"><match url="^old/${i}/(.*)$" /><action type="Rewrite" url="new/${i}/{R:1}" /></rule>\n`;
    rules.push(rule);
    length += rule.length;
  }
  return ['<?xml version="1.0" encoding="utf-8"?>', '<configuration>', '  <system.webServer>', '    <handlers>',
    '      <add name="Python FastCGI" path="*" verb="*" modules="FastCgiModule" scriptProcessor="C:\\Python311\\python.exe|C:\\Python311\\Lib\\site-packages\\wfastcgi.py" resourceType="Unspecified" />',
    '    </handlers>', '    <rewrite>', '      <rules>', rules.join(''), '      </rules>', '    </rewrite>', '  </system.webServer>',
    '  <appSettings>', '    <add key="WSGI_HANDLER" value="app.app" />', '    <add key="PYTHONPATH" value="%SystemDrive%\\inetpub\\app" />', '  </appSettings>', '</configuration>', ''].join('\n');
}

export function benchEditing(): void {
  const text = oneMegabyteConfig();
  const doc = scanXml(text);
  const end = text.indexOf('</appSettings>');
  const handlerValue = text.indexOf('value="app.app"') + 'value="'.length;
  const midValue = text.indexOf('url="', text.length >> 1) + 'url="'.length;
  const pythonPath = text.indexOf('%SystemDrive%') + 3;
  const typed = `${text.slice(0, end)}<${text.slice(end)}`;
  // Schema-driven proposals mid-file: a rule's attribute names, its action's enum value, elements inside a rule.
  const midRule = text.indexOf('<rule name="', text.length >> 1);
  const ruleAttrs = text.indexOf(' stopProcessing', midRule);
  const actionType = text.indexOf('type="', midRule) + 'type="'.length;
  const insideRule = text.indexOf('><match', midRule) + 1;
  const typedInRule = `${text.slice(0, insideRule)}<${text.slice(insideRule)}`;
  // The lean pass keeps checkpoints of the previous call: typing changes the text at the cursor only (the prefix is
  // the same), so two texts that differ there alternate; "cold" alternates texts that differ in the first line,
  // so no checkpoint applies (the first keystroke after a paste at the top, or another document).
  let flip = 0;
  const alternate = (a: string, b: string) => () => (flip++ % 2 ? a : b);
  const typing = alternate(typed, `${text.slice(0, end)}<a${text.slice(end)}`);
  const coldTexts = alternate(text, text.replace('version="1.0"', 'version="1.1"'));
  const cases: Case[] = [
    { label: 'completion, typing "<" before </appSettings> (lean pass, typing)', run: () => complete(typing(), end + 1, undefined) },
    { label: 'completion, WSGI_HANDLER value (lean pass, typing)', run: () => complete(flip++ % 2 ? text : `${text.slice(0, handlerValue)}x${text.slice(handlerValue)}`, handlerValue, undefined) },
    { label: 'completion, WSGI_HANDLER value (lean pass, cold: no checkpoint)', run: () => complete(coldTexts(), handlerValue, undefined) },
    { label: 'completion, WSGI_HANDLER value (cached scan)', run: () => complete(text, handlerValue, doc) },
    { label: 'completion, mid-file rule url (cached scan)', run: () => complete(text, midValue, doc) },
    { label: 'completion, schema: mid-file <rule> attribute names (cached scan)', run: () => complete(text, ruleAttrs + 1, doc) },
    { label: 'completion, schema: mid-file action type enum (cached scan)', run: () => complete(text, actionType, doc) },
    { label: 'completion, schema: typing "<" inside a mid-file <rule> (lean pass, typing)', run: () => complete(flip++ % 2 ? typedInRule : `${text.slice(0, insideRule)}<m${text.slice(insideRule)}`, insideRule + 1, undefined) },
    { label: 'hover, schema: mid-file stopProcessing (cached scan)', run: () => hover(doc, ruleAttrs + 3) },
    { label: 'hover, %SystemDrive% in PYTHONPATH (cached scan)', run: () => hover(doc, pythonPath) },
    { label: 'hover, mid-file rule url (cached scan)', run: () => hover(doc, midValue) },
  ];
  console.log(`\neditor features on a ${(text.length / 1024 / 1024).toFixed(1)} MB web.config (target < 20 ms p95):`);
  let worst = 0;
  for (const c of cases) {
    const s = measure(c.run, 200, 20);
    worst = Math.max(worst, s.p95);
    console.log(`  ${c.label.padEnd(76)} median ${s.median.toFixed(3).padStart(7)} ms  p95 ${s.p95.toFixed(3).padStart(7)} ms`);
  }
  console.log(`  worst p95 ${worst.toFixed(2)} ms: ${worst < 20 ? 'OK' : 'MISSES TARGET'}`);
}
