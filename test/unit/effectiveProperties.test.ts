/**
 * Property test of the merge (core/schema/effective.ts) against a plain model of IIS's collection semantics, over
 * seeded random chains of web.config files: each layer's <add>/<remove>/<clear/> on handlers (mergeAppend="false":
 * a lower level's entries first) and on httpProtocol/customHeaders (appended). The merged entries, their order,
 * the removals and the duplicates must be the model's; and a <clear/> first in the last file leaves only its own.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { effectiveConfig, type EffectiveConfig } from '../../src/core/schema/effectiveView';
import type { ConfigLayer } from '../../src/core/schema/effective';
import { profileSchema } from '../../src/core/schema/profiles';

type Op = { kind: 'add' | 'remove'; name: string } | { kind: 'clear' };

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NAMES = ['Python FastCGI', 'StaticFile', 'python', 'X-Frame-Options', 'aspNetCore'];

function ops(r: () => number): Op[] {
  const out: Op[] = [];
  for (let n = Math.floor(r() * 6); n > 0; n--) {
    const x = r();
    // Names differ only in case sometimes: handler names are case-insensitive keys here unless the schema says otherwise.
    const name = NAMES[Math.floor(r() * NAMES.length)]!;
    out.push(x < 0.6 ? { kind: 'add', name } : x < 0.9 ? { kind: 'remove', name } : { kind: 'clear' });
  }
  return out;
}

const xml = (list: Op[], item: (name: string) => string) => list.map((o) => (o.kind === 'clear' ? '<clear />' : o.kind === 'remove' ? `<remove name="${o.name}" />` : item(o.name))).join('\n        ');

function layerText(handlers: Op[], headers: Op[]): string {
  return `<?xml version="1.0"?>\n<configuration>\n  <system.webServer>\n    <handlers>\n        ${xml(handlers, (n) => `<add name="${n}" path="*" verb="*" modules="FastCgiModule" />`)}\n    </handlers>\n    <httpProtocol>\n      <customHeaders>\n        ${xml(headers, (n) => `<add name="${n}" value="v" />`)}\n      </customHeaders>\n    </httpProtocol>\n  </system.webServer>\n</configuration>\n`;
}

/** The model: per layer, clear/remove/add on an ordered map keyed case-insensitively; a second add is a duplicate and ignored. */
function model(layers: Op[][], prepend: boolean): { entries: string[]; duplicates: number } {
  let entries: { key: string; name: string; layer: number; seq: number }[] = [];
  let duplicates = 0;
  let seq = 0;
  layers.forEach((list, layer) => {
    for (const o of list) {
      if (o.kind === 'clear') entries = [];
      else if (o.kind === 'remove') entries = entries.filter((e) => e.key !== o.name.toLowerCase());
      else if (entries.some((e) => e.key === o.name.toLowerCase())) duplicates++;
      else entries.push({ key: o.name.toLowerCase(), name: o.name, layer, seq: seq++ });
    }
  });
  if (prepend) entries.sort((a, b) => b.layer - a.layer || a.seq - b.seq);
  return { entries: entries.map((e) => `name="${e.name}"`), duplicates };
}

const collection = (v: EffectiveConfig, path: string, sub?: string) => {
  const s = v.sections.find((x) => x.path === path);
  const el = sub ? s?.elements.find((e) => e.name === sub) : s;
  return el?.collection?.entries.map((e) => e.label) ?? [];
};

test('merged handlers and custom headers follow IIS\'s add/remove/clear over random chains of folders (2,000 cases)', () => {
  for (let seed = 1; seed <= 2000; seed++) {
    const r = rng(seed);
    const depth = 1 + Math.floor(r() * 4);
    const handlers = Array.from({ length: depth }, () => ops(r));
    const headers = Array.from({ length: depth }, () => ops(r));
    const layers: ConfigLayer[] = handlers.map((h, i) => ({
      path: `/srv/site/${'sub/'.repeat(i)}web.config`, text: layerText(h, headers[i]!), kind: 'web.config', below: 'sub/'.repeat(depth - 1 - i).replace(/\/$/, ''),
    }));
    const v = effectiveConfig('x', layers, profileSchema());
    const mh = model(handlers, true);
    const mc = model(headers, false);
    const label = `seed ${seed}: ${JSON.stringify({ handlers, headers })}`;
    assert.deepEqual(collection(v, 'system.webServer/handlers'), mh.entries, label);
    assert.deepEqual(collection(v, 'system.webServer/httpProtocol', 'customHeaders'), mc.entries, label);
    assert.equal(v.duplicates.length, mh.duplicates + mc.duplicates, label);
    // A <clear/> first in the last folder's handlers: only that folder's own adds remain (in its order, deduplicated).
    const last = [{ kind: 'clear' } as Op, ...handlers[depth - 1]!.filter((o) => o.kind !== 'clear')];
    const cleared = effectiveConfig('x', [...layers.slice(0, -1), { ...layers[depth - 1]!, text: layerText(last, headers[depth - 1]!) }], profileSchema());
    assert.deepEqual(collection(cleared, 'system.webServer/handlers'), model([last], true).entries, label);
  }
});

test('at a known IIS path, the host\'s <location path="Site/sub…"> blocks merge right before each level\'s web.config (1,000 cases)', () => {
  for (let seed = 1; seed <= 1000; seed++) {
    const r = rng(seed);
    const depth = 1 + Math.floor(r() * 4);
    const handlers = Array.from({ length: depth }, () => ops(r));
    const headers = Array.from({ length: depth }, () => ops(r));
    const hostHandlers = Array.from({ length: depth }, () => ops(r).filter((o) => o.kind !== 'clear'));
    const pathAt = (i: number) => ['Site', ...Array.from({ length: i }, () => 'sub')].join('/');
    const locations = hostHandlers.map((h, i) => `  <location path="${pathAt(i)}">\n    <system.webServer>\n      <handlers>\n        ${xml(h, (n) => `<add name="${n}" path="*" verb="*" modules="FastCgiModule" />`)}\n      </handlers>\n    </system.webServer>\n  </location>`);
    // A block for another site and one for a path that only starts the same never apply.
    const host: ConfigLayer = { path: '/srv/applicationHost.config', kind: 'apphost', text: `<?xml version="1.0"?>\n<configuration>\n  <location path="Other"><system.webServer><handlers><add name="Other" path="*" verb="*" modules="M" /></handlers></system.webServer></location>\n  <location path="Sitex"><system.webServer><handlers><add name="Sitex" path="*" verb="*" modules="M" /></handlers></system.webServer></location>\n${locations.join('\n')}\n</configuration>\n` };
    const layers: ConfigLayer[] = handlers.map((h, i) => ({
      path: `/srv/site/${'sub/'.repeat(i)}web.config`, text: layerText(h, headers[i]!), kind: 'web.config', below: 'sub/'.repeat(depth - 1 - i).replace(/\/$/, ''),
    }));
    const site = { path: pathAt(depth - 1), source: 'flag' as const };
    const v = effectiveConfig('x', [host, ...layers], profileSchema(), site);
    const label = `seed ${seed}: ${JSON.stringify({ handlers, headers, hostHandlers })}`;
    // The model's order of files: host block for level 0, web.config 0, host block for level 1, web.config 1, ...
    assert.deepEqual(collection(v, 'system.webServer/handlers'), model(handlers.flatMap((h, i) => [hostHandlers[i]!, h]), true).entries, label);
    assert.deepEqual(collection(v, 'system.webServer/httpProtocol', 'customHeaders'), model(headers, false).entries, label);
    // Without the host's blocks, knowing the site changes nothing.
    assert.deepEqual(effectiveConfig('x', layers, profileSchema(), site).sections, effectiveConfig('x', layers, profileSchema()).sections, label);
  }
});
