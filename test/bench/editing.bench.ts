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
  const cases: Case[] = [
    { label: 'completion, typing "<" before </appSettings> (lean pass, no scan)', run: () => complete(typed, end + 1, undefined) },
    { label: 'completion, WSGI_HANDLER value (lean pass, no scan)', run: () => complete(text, handlerValue, undefined) },
    { label: 'completion, WSGI_HANDLER value (cached scan)', run: () => complete(text, handlerValue, doc) },
    { label: 'completion, mid-file rule url (cached scan)', run: () => complete(text, midValue, doc) },
    { label: 'hover, %SystemDrive% in PYTHONPATH (cached scan)', run: () => hover(doc, pythonPath) },
    { label: 'hover, mid-file rule url (cached scan)', run: () => hover(doc, midValue) },
  ];
  console.log(`\neditor features on a ${(text.length / 1024 / 1024).toFixed(1)} MB web.config (target < 20 ms p95):`);
  let worst = 0;
  for (const c of cases) {
    const s = measure(c.run, 200, 20);
    worst = Math.max(worst, s.p95);
    console.log(`  ${c.label.padEnd(66)} median ${s.median.toFixed(3).padStart(7)} ms  p95 ${s.p95.toFixed(3).padStart(7)} ms`);
  }
  console.log(`  worst p95 ${worst.toFixed(2)} ms: ${worst < 20 ? 'OK' : 'MISSES TARGET'}`);
}
