/**
 * Where the time of one large check goes (for profiling the size targets of issue 10): decoding, scanning,
 * building the model and each rule, in CPU milliseconds (process.cpuUsage, steadier than wall time on a shared
 * machine), median of a few runs in this process, plus the heap used after the scan and the model.
 * `node out/bench/phases.bench.js FILE [RUNS]`. A benchmark: it prints numbers and asserts nothing.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { RULES } from '../../src/core/check';
import { buildWebConfig } from '../../src/core/model/webConfig';
import { createContext, FindingCollector } from '../../src/core/rules/context';
import { decodeBytes } from '../../src/core/text/decode';
import { scanXml } from '../../src/core/xml/scanner';
import { PythonModuleCache } from '../../src/core/python';
import { nodeProjectFiles } from '../../src/node/python/projectFiles';
import { DirListingCache } from '../../src/node/python/pythonFiles';
import { loadPythonParser } from '../../src/node/python/pythonParser';

function cpu(): number {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
}

async function main(file: string, runs: number): Promise<void> {
  const bytes = readFileSync(file);
  const parser = await loadPythonParser();
  const times = new Map<string, number[]>();
  const add = (k: string, v: number) => (times.get(k) ?? times.set(k, []).get(k)!).push(v);
  let heap = '';
  for (let r = 0; r < runs; r++) {
    const h0 = process.memoryUsage().heapUsed;
    let t = cpu();
    const lap = (k: string) => {
      const n = cpu();
      add(k, n - t);
      t = n;
    };
    const text = decodeBytes(bytes).text;
    lap('decode');
    const doc = scanXml(text);
    lap('scan');
    const model = buildWebConfig(doc);
    lap('model');
    if (r === 0) heap = `heap after scan+model: ${((process.memoryUsage().heapUsed - h0) / 1048576).toFixed(0)} MB, ${doc.elements.length} elements`;
    const out = new FindingCollector();
    const ctx = createContext(model, { project: nodeProjectFiles(dirname(resolve(file)), new DirListingCache()), ...(parser ? { python: { parser, cache: new PythonModuleCache() } } : {}) }, out);
    for (const rule of RULES) {
      try {
        rule(ctx);
      } catch {
        // timing only
      }
      lap(rule.name);
    }
  }
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
  const rows = [...times].map(([k, v]) => [k, med(v)] as const);
  console.log(`${file}: ${heap}; total ${rows.reduce((s, [, v]) => s + v, 0).toFixed(0)} ms cpu (median of ${runs})`);
  for (const [k, v] of rows.filter(([, v]) => v >= 5).sort((a, b) => b[1] - a[1])) console.log(`  ${v.toFixed(0).padStart(6)}  ${k}`);
}

void main(process.argv[2]!, Number(process.argv[3] ?? 3));
