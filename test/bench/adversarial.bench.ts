/**
 * Adversarial input (issue 10): does the check stay linear? For each generator of adversarial.ts, the full
 * check (checkBytes with the project folder and the Python-aware rules, fresh caches every run) on sizes
 * n, 2n, 4n, 8n: medians and the ratio per doubling (linear ~2.0; > 3 is flagged SUPERLINEAR). Then the
 * absolute targets, as measured numbers: every generator at 250 KB (target < 200 ms) and 5 MB (target < 2 s
 * and < 300 MB peak RSS), each checked in a child process, by checkBytes alone and by the CLI end to end
 * (`node dist/cli.js check FILE --format json`, node start-up and the Python parser's load included).
 * A benchmark, not a test: it prints numbers and exits 0.
 *
 * `node out/bench/adversarial.bench.js [CASE...] [--doubling-only | --targets-only]` runs only the named generators
 * (or one half);
 * `--write CASE BYTES FILE` writes one input (for --cpu-prof); `--child CASE BYTES DIR` is the child mode.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { checkBytes, type CheckOptions } from '../../src/core/check';
import { PythonModuleCache, type PythonParser } from '../../src/core/python';
import { nodeProjectFiles } from '../../src/node/python/projectFiles';
import { DirListingCache } from '../../src/node/python/pythonFiles';
import { loadPythonParser } from '../../src/node/python/pythonParser';
import { GENERATORS, PROJECT_FILES, type Generator } from './adversarial';

const ROOT = resolve(__dirname, '../..');
const CLI = join(ROOT, 'dist/cli.js');
/** The smallest size of the doubling (FLASK_IIS_BENCH_BASE_KB overrides it). */
const BASE = Number(process.env['FLASK_IIS_BENCH_BASE_KB'] ?? 256) * 1024;
const STEPS = 4;
/** A size whose check takes longer than this ends the doubling (a quadratic path must not stall the bench). */
const STOP_MS = 8000;
const KB = 1024;
const MB = 1024 * 1024;

function projectDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'flask-iis-adversarial-'));
  for (const [path, text] of Object.entries(PROJECT_FILES)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

function options(dir: string, parser: PythonParser | undefined): CheckOptions {
  return { project: nodeProjectFiles(dir, new DirListingCache()), ...(parser ? { python: { parser, cache: new PythonModuleCache() } } : {}) };
}

function timeCheck(bytes: Uint8Array, dir: string, parser: PythonParser | undefined): { ms: number; cpu: number; findings: number; errors: number } {
  const opts = options(dir, parser);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const r = checkBytes(bytes, opts);
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { ms, cpu: (c.user + c.system) / 1000, findings: r.findings.length, errors: r.internalErrors.length };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)]!;
}

const size = (n: number) => (n >= MB ? `${(n / MB).toFixed(1)} MB` : `${Math.round(n / KB)} KB`);
const fmt = (ms: number) => (ms < 10 ? ms.toFixed(2) : ms.toFixed(0)).padStart(8);

/**
 * Medians of wall time and of CPU time (this process: the check, its file-system calls and the GC threads).
 * The machine may be shared: CPU time is what the ratios use, being steadier than wall time under load.
 */
function doubling(g: Generator, dir: string, parser: PythonParser | undefined): void {
  const cells: string[] = [];
  let prev: number | undefined;
  let last = 0;
  let worst = 0;
  // Warm-up at the smallest size, so the first ratio does not measure the JIT compiler.
  const warm = new TextEncoder().encode(g.make(BASE));
  for (let i = 0; i < 3; i++) timeCheck(warm, dir, parser);
  for (let step = 0, n = BASE; step < STEPS; step++, n *= 2) {
    const bytes = new TextEncoder().encode(g.make(n));
    const first = timeCheck(bytes, dir, parser);
    const runs = first.ms > 2000 ? 1 : first.ms > 500 ? 3 : first.ms > 100 ? 5 : 9;
    const samples = runs === 1 ? [first] : Array.from({ length: runs }, () => timeCheck(bytes, dir, parser));
    const wall = median(samples.map((x) => x.ms));
    const cpu = median(samples.map((x) => x.cpu));
    const ratio = prev === undefined ? undefined : cpu / prev;
    if (ratio !== undefined) worst = Math.max(worst, ratio);
    cells.push(`${size(bytes.length).padStart(7)} ${fmt(wall)} ms wall ${fmt(cpu)} ms cpu${ratio === undefined ? '      ' : ` x${ratio.toFixed(2)}`}` +
      `${first.errors ? ' (internal error!)' : ''}  [${first.findings} findings, ${runs} runs]`);
    prev = cpu;
    last = wall;
    if (wall > STOP_MS) {
      cells.push(`(stopped: over ${STOP_MS / 1000} s)`);
      worst = Math.max(worst, 99);
      break;
    }
  }
  // Ratios of small times are noise: flag only when the largest size is slow enough to matter.
  const flag = worst > 3 && last > 20 ? '  SUPERLINEAR' : '';
  console.log(`${g.name}: ${g.what}${flag}`);
  for (const c of cells) console.log(`    ${c}`);
}

/**
 * Child mode: the first (cold) check of one generated input in a fresh process, then (after 5 more) the median
 * of 5 warm ones; prints JSON with wall and CPU times, the number of findings and the peak RSS of the first check.
 */
async function child(name: string, bytesWanted: number, dir: string): Promise<void> {
  const g = GENERATORS.find((x) => x.name === name)!;
  const parser = await loadPythonParser();
  const bytes = new TextEncoder().encode(g.make(bytesWanted));
  const cold = timeCheck(bytes, dir, parser);
  // Peak RSS of one check (later runs only add garbage the collector has not needed to free yet).
  const rssMB = process.resourceUsage().maxRSS / 1024;
  for (let i = 0; i < 5; i++) timeCheck(bytes, dir, parser);
  const warm = Array.from({ length: 5 }, () => timeCheck(bytes, dir, parser));
  console.log(JSON.stringify({
    cold: cold.ms, coldCpu: cold.cpu, warm: median(warm.map((w) => w.ms)), warmCpu: median(warm.map((w) => w.cpu)),
    findings: cold.findings, bytes: bytes.length, rssMB,
  }));
}

/** Peak RSS and CPU time of a child node process: a preload prints them at exit. */
function preload(dir: string): string {
  const file = join(dir, '.rss-preload.js');
  writeFileSync(file, "process.on('exit', () => { const c = process.cpuUsage(); process.stderr.write(`\\nMAXRSS ${process.resourceUsage().maxRSS} CPU ${(c.user + c.system) / 1000}\\n`); });\n");
  return file;
}

interface ChildResult { cold: number; coldCpu: number; warm: number; warmCpu: number; findings: number; bytes: number; rssMB: number }

function targets(dir: string, only: Generator[]): void {
  if (!existsSync(CLI)) spawnSync(process.execPath, [join(ROOT, 'scripts/build.mjs')], { cwd: ROOT, stdio: 'inherit' });
  const rss = preload(dir);
  console.log('\nabsolute targets, each size in fresh child processes. check: checkBytes with the project folder and the Python-aware');
  console.log('rules, the first (cold) run and the median of 5 warm ones (after 5 warm-ups), peak RSS of the first; cli: node dist/cli.js check FILE --format json, end to end');
  console.log('(node start-up, the Python parser\'s load, python3 judging the restart regex, JSON output). wall/cpu in ms, peak RSS in MB.');
  console.log(`${'generator'.padEnd(20)} ${'size'.padStart(7)} ${'cold wall/cpu'.padStart(13)} ${'warm wall/cpu'.padStart(13)} ${'RSS'.padStart(5)} ${'cli wall/cpu'.padStart(13)} ${'RSS'.padStart(5)} ${'found'.padStart(5)}  target`);
  for (const g of only) {
    for (const [bytes, ms, mb] of [[250 * KB, 200, 0], [5 * MB, 2000, 300]] as const) {
      const c = spawnSync(process.execPath, [__filename, '--child', g.name, String(bytes), dir], { encoding: 'utf8', timeout: 300_000, maxBuffer: 64 * MB });
      let check: ChildResult | undefined;
      try {
        check = JSON.parse(c.stdout.trim().split('\n').pop()!) as ChildResult;
      } catch {
        check = undefined;
      }
      const file = join(dir, 'web.config');
      writeFileSync(file, g.make(bytes));
      const t0 = performance.now();
      const cli = spawnSync(process.execPath, ['-r', rss, CLI, 'check', file, '--format', 'json'], { encoding: 'utf8', timeout: 300_000, maxBuffer: 1024 * MB });
      const cliMs = performance.now() - t0;
      const stats = /MAXRSS (\d+) CPU ([\d.]+)/.exec(cli.stderr ?? '');
      const cliMB = Number(stats?.[1] ?? NaN) / 1024;
      const cliCpu = Number(stats?.[2] ?? NaN);
      const pair = (a: number, b: number) => `${a.toFixed(0)}/${b.toFixed(0)}`.padStart(13);
      const ok = check && check.warm < ms && (!mb || (check.cold < ms && check.rssMB < mb && cliMs < ms && cliMB < mb));
      const target = `< ${ms} ms${mb ? `, < ${mb} MB` : ''}`;
      console.log(`${g.name.padEnd(20)} ${size(check?.bytes ?? bytes).padStart(7)} ` +
        `${check ? `${pair(check.cold, check.coldCpu)} ${pair(check.warm, check.warmCpu)} ${check.rssMB.toFixed(0).padStart(5)}` : '  child failed'.padEnd(33)} ` +
        `${cli.status === null ? '      timeout' : pair(cliMs, cliCpu)} ${cliMB.toFixed(0).padStart(5)} ${String(check?.findings ?? '-').padStart(5)}  ${target}${ok ? '' : ' MISSES'}`);
    }
  }
  console.log('(targets: 250 KB warm < 200 ms; 5 MB cold, warm and cli < 2 s and < 300 MB. On a shared machine wall time is CPU time plus waiting.)');
}

async function main(argv: string[]): Promise<void> {
  if (argv[0] === '--child') return child(argv[1]!, Number(argv[2]), argv[3]!);
  if (argv[0] === '--write') {
    writeFileSync(argv[3]!, GENERATORS.find((g) => g.name === argv[1])!.make(Number(argv[2])));
    return;
  }
  const names = argv.filter((a) => !a.startsWith('--'));
  const only = names.length ? GENERATORS.filter((g) => names.includes(g.name)) : GENERATORS;
  const started = performance.now();
  const parser = await loadPythonParser();
  console.log(`adversarial bench: node ${process.version}; full check with the project folder${parser ? ' and the Python-aware rules' : ' (Python parser did not load)'}`);
  console.log(`doubling from ${size(BASE)}: medians (wall, CPU) and the CPU ratio to the previous size (linear ~2.0; flagged when > 3)\n`);
  const dir = projectDir();
  try {
    if (!argv.includes('--targets-only')) for (const g of only) doubling(g, dir, parser);
    if (!argv.includes('--doubling-only')) targets(dir, only);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`\nadversarial bench finished in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

void main(process.argv.slice(2));
