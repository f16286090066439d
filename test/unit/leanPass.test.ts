/** The lean pass completion uses while the user types (src/core/editing/ancestors.ts): its checkpoint cache never changes the answer. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openElementsAt, openElementsAtUncached } from '../../src/core/editing/ancestors';

function bigConfig(rules: number): string {
  const out = ['<?xml version="1.0" encoding="utf-8"?>', '<configuration>', '  <!-- <appSettings> in a comment -->', '  <system.webServer>', '    <rewrite>', '      <rules>'];
  for (let i = 0; i < rules; i++) out.push(`        <rule name="r${i}" stopProcessing="true"><match url="^a/${i}/(.*)$" /><conditions><add input="{HTTP_HOST}" pattern="x>y" /></conditions><action type="Rewrite" url="b/{R:1}" /></rule>`);
  out.push('      </rules>', '    </rewrite>', '  </system.webServer>', '  <appSettings>', '    <add key="WSGI_HANDLER" value="app.app" />', '  </appSettings>', '</configuration>', '');
  return out.join('\n');
}

// A deterministic pseudo-random sequence (no Math.random: a failure must be reproducible).
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

test('a sequence of edits (typing, deleting, breaking tags) gives the same open elements with and without the cache', () => {
  const rand = lcg(14);
  let text = bigConfig(1500);
  assert.ok(text.length > 200_000);
  const pieces = ['<', '</rule>', '<rule name="x">', '"', "'", '<!--', '-->', '/>', '>', '<match url="q" ', 'a'];
  for (let step = 0; step < 300; step++) {
    const at = Math.floor(rand() * text.length);
    const r = rand();
    if (r < 0.6) text = text.slice(0, at) + pieces[Math.floor(rand() * pieces.length)] + text.slice(at);
    else if (r < 0.8) text = text.slice(0, at) + text.slice(at + Math.floor(rand() * 40));
    // Completion asks near the edit, and sometimes far from it.
    const offsets = [Math.min(text.length, at + 1), Math.floor(rand() * text.length), text.length];
    for (const offset of offsets) assert.deepEqual(openElementsAt(text, offset), openElementsAtUncached(text, offset), `step ${step}, offset ${offset}`);
  }
});

test('a quoted value holding > and a self-closing tag: the fast path agrees with the character loop', () => {
  const text = '<configuration><system.webServer><rewrite><rules><rule name="a>b"><match url="x" /><conditions logicalGrouping=\'MatchAny\'>';
  assert.deepEqual(openElementsAtUncached(text, text.length), ['configuration', 'system.webServer', 'rewrite', 'rules', 'rule', 'conditions']);
  const broken = '<configuration><system.webServer <handlers><add name="x" ';
  // A tag broken by a `<` outside quotes ends there (not pushed); an unfinished last tag is not open yet.
  assert.deepEqual(openElementsAtUncached(broken, broken.length), ['configuration', 'handlers']);
});
