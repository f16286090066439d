/**
 * `npm run bench`: how fast is the full check next to a bare XML parse? (issue 2, "Acceptance")
 *
 * Generates a ~5 MB web.config (10,000 rewrite rules with match/conditions/action, 2,000 appSettings, a
 * wfastcgi handler) and a typical 40-line one, then reports the median and p95 of
 *   (a) a bare fast-xml-parser XMLParser parse (attributes, metadata, no entity processing),
 *   (b) our tolerant scanner alone (scanXml),
 *   (c) the full check (checkText: scan, model, every rule),
 * the targets (full check <= 2x the bare parse on the large file, < 5 ms warm on the small one), the heap
 * after checking the large file, one end-to-end `flask-iis check --format json` of the large file, and the
 * doubling bench on adversarial input (adversarial.bench.ts, issue 10).
 * A benchmark, not a test: it prints numbers and exits 0.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { XMLParser } from 'fast-xml-parser';
import { checkText } from '../../src/core/check';
import { scanXml } from '../../src/core/xml/scanner';
import { benchEditing } from './editing.bench';
import { measure, type Stats } from './measure';
import { benchPython } from './python.bench';
import { benchSchemaCold } from './schema.bench';

const ROOT = resolve(__dirname, '../..');
const CLI = join(ROOT, 'dist/cli.js');

const HANDLER = '<add name="Python FastCGI" path="*" verb="*" modules="FastCgiModule" ' +
  'scriptProcessor="C:\\inetpub\\app\\.venv\\Scripts\\python.exe|C:\\inetpub\\app\\.venv\\Lib\\site-packages\\wfastcgi.py" ' +
  'resourceType="Unspecified" requireAccess="Script" />';

function largeConfig(rules: number, settings: number): string {
  const out = ['<?xml version="1.0" encoding="utf-8"?>', '<configuration>', '  <system.webServer>', '    <handlers>', `      ${HANDLER}`, '    </handlers>', '    <rewrite>', '      <rules>'];
  for (let i = 0; i < rules; i++) {
    out.push(
      `        <rule name="Legacy redirect ${i}" stopProcessing="true">`,
      `          <match url="^legacy/section-${i}/(.*)$" ignoreCase="true" />`,
      '          <conditions logicalGrouping="MatchAll">',
      '            <add input="{REQUEST_FILENAME}" matchType="IsFile" negate="true" />',
      '            <add input="{REQUEST_FILENAME}" matchType="IsDirectory" negate="true" />',
      '          </conditions>',
      `          <action type="Redirect" url="https://www.example.com/section/${i}/{R:1}" redirectType="Permanent" />`,
      '        </rule>',
    );
  }
  out.push('      </rules>', '    </rewrite>', '  </system.webServer>', '  <appSettings>');
  out.push('    <add key="WSGI_HANDLER" value="app.app" />', '    <add key="PYTHONPATH" value="C:\\inetpub\\app" />');
  for (let i = 2; i < settings; i++) out.push(`    <add key="FEATURE_FLAG_${i}" value="enabled;region=eu-west-${i % 7};tier=${i % 3}" />`);
  out.push('  </appSettings>', '</configuration>', '');
  return out.join('\r\n');
}

const SMALL = [
  '<?xml version="1.0" encoding="utf-8"?>',
  '<configuration>',
  '  <system.webServer>',
  '    <handlers>',
  `      ${HANDLER}`,
  '    </handlers>',
  '    <rewrite>',
  '      <rules>',
  '        <rule name="Static files" stopProcessing="true">',
  '          <match url="^static/(.*)$" />',
  '          <action type="Rewrite" url="/static/{R:1}" />',
  '        </rule>',
  '        <rule name="HTTPS" stopProcessing="true">',
  '          <match url="(.*)" />',
  '          <conditions>',
  '            <add input="{HTTPS}" pattern="^OFF$" />',
  '          </conditions>',
  '          <action type="Redirect" url="https://{HTTP_HOST}/{R:1}" redirectType="Permanent" />',
  '        </rule>',
  '      </rules>',
  '    </rewrite>',
  '    <staticContent>',
  '      <mimeMap fileExtension=".webmanifest" mimeType="application/manifest+json" />',
  '    </staticContent>',
  '    <httpErrors errorMode="DetailedLocalOnly" />',
  '  </system.webServer>',
  '  <appSettings>',
  '    <!-- wfastcgi reads these as environment variables -->',
  '    <add key="WSGI_HANDLER" value="app.app" />',
  '    <add key="PYTHONPATH" value="C:\\inetpub\\app;C:\\inetpub\\app\\src" />',
  '    <add key="WSGI_LOG" value="C:\\inetpub\\logs\\wfastcgi.log" />',
  '    <add key="WSGI_RESTART_FILE_REGEX" value=".*((\\.py)|(\\.config))$" />',
  '    <add key="FLASK_ENV" value="production" />',
  '  </appSettings>',
  '  <location path="admin">',
  '    <system.webServer>',
  '      <defaultDocument enabled="false" />',
  '    </system.webServer>',
  '  </location>',
  '</configuration>',
  '',
].join('\r\n');

const parser = new XMLParser({ ignoreAttributes: false, captureMetaData: true, processEntities: false });
const MB = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const ms = (n: number) => (n < 10 ? n.toFixed(3) : n.toFixed(1)).padStart(9);
const verdict = (ok: boolean) => (ok ? 'OK' : 'MISSES TARGET');

/** A GC handle for stable heap numbers (the bench runs without --expose-gc). */
function gcHandle(): (() => void) | undefined {
  try {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as () => void;
  } catch {
    return undefined;
  }
}

async function main(): Promise<void> {
  const started = performance.now();
  const schemaLines = benchSchemaCold(); // cold loads run in fresh processes (out/bench/schemaCold.js)
  const large = largeConfig(10_000, 2_000);
  const largeLines = large.split('\n').length;
  console.log(`flask-iis bench: node ${process.version}, ${process.platform}/${process.arch}`);
  console.log(`large: ${MB(Buffer.byteLength(large))} (${largeLines} lines, 10,000 rewrite rules, 2,000 appSettings); small: ${SMALL.split('\n').length - 1} lines, ${Buffer.byteLength(SMALL)} bytes\n`);

  for (const line of schemaLines) console.log(line);
  console.log('');
  const first = checkText(large);
  if (first.internalErrors.length) console.log(`note: internal errors on the large file: ${first.internalErrors.map((e) => e.split('\n')[0]).join('; ')}`);
  console.log(`large-file findings: ${first.findings.map((f) => f.code).join(', ') || 'none'}\n`);

  const rows: [string, string, Stats][] = [];
  const LARGE_RUNS = 15;
  const SMALL_RUNS = 2000;
  for (const [label, text, runs, warmup] of [['large', large, LARGE_RUNS, 3], ['small', SMALL, SMALL_RUNS, 300]] as const) {
    rows.push([label, '(a) fast-xml-parser XMLParser.parse', measure(() => parser.parse(text), runs, warmup)]);
    rows.push([label, '(b) scanXml (our scanner)', measure(() => scanXml(text), runs, warmup)]);
    rows.push([label, '(c) checkText (full check)', measure(() => checkText(text), runs, warmup)]);
  }

  console.log(`${'file'.padEnd(6)} ${'measurement'.padEnd(38)} ${'median ms'.padStart(9)} ${'p95 ms'.padStart(9)}  runs`);
  console.log('-'.repeat(72));
  for (const [file, what, s] of rows) console.log(`${file.padEnd(6)} ${what.padEnd(38)} ${ms(s.median)} ${ms(s.p95)}  ${s.runs}`);

  const get = (file: string, prefix: string) => rows.find(([f, w]) => f === file && w.startsWith(prefix))![2];
  const ratio = get('large', '(c)').median / get('large', '(a)').median;
  const scanRatio = get('large', '(b)').median / get('large', '(a)').median;
  const smallCheck = get('small', '(c)').median;
  console.log('');
  console.log(`large file: full check / bare parse = ${ratio.toFixed(2)}x (target <= 2x): ${verdict(ratio <= 2)}`);
  console.log(`large file: scanner alone / bare parse = ${scanRatio.toFixed(2)}x (for reference)`);
  console.log(`small file: full check median = ${smallCheck.toFixed(3)} ms warm (target < 5 ms): ${verdict(smallCheck < 5)}`);

  const gc = gcHandle();
  gc?.();
  const before = process.memoryUsage().heapUsed;
  const kept = checkText(large);
  const after = process.memoryUsage();
  gc?.();
  const retained = process.memoryUsage().heapUsed;
  console.log(`heap after checking the large file: ${MB(after.heapUsed)} used (rss ${MB(after.rss)}); ` +
    `${gc ? `after GC with the result kept: ${MB(retained)} (${MB(retained - before)} for the model of ${kept.model.doc.elements.length} elements)` : 'GC not available'}`);

  benchEditing();
  await benchPython();
  benchCli(large);
  benchAdversarial();
  benchVsCode();
  console.log(`\nbench finished in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

function benchCli(large: string): void {
  if (!existsSync(CLI)) {
    console.log('\ndist/cli.js is missing: building it (node scripts/build.mjs)');
    const b = spawnSync(process.execPath, [join(ROOT, 'scripts/build.mjs')], { cwd: ROOT, stdio: 'inherit' });
    if (b.status !== 0 || !existsSync(CLI)) {
      console.log('build failed: skipping the CLI timing');
      return;
    }
  }
  const dir = mkdtempSync(join(tmpdir(), 'flask-iis-bench-'));
  try {
    const file = join(dir, 'web.config');
    writeFileSync(file, large);
    const start = performance.now();
    const r = spawnSync(process.execPath, [CLI, 'check', file, '--format', 'json'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: 120_000 });
    const elapsed = performance.now() - start;
    let count = '?';
    try {
      count = String((JSON.parse(r.stdout) as { files: { diagnostics: unknown[] }[] }).files[0]?.diagnostics.length ?? 0);
    } catch {
      // reported below through the exit status
    }
    console.log(`\nCLI end-to-end: node dist/cli.js check <large web.config> --format json: ${elapsed.toFixed(0)} ms ` +
      `(exit ${r.status ?? r.signal}, ${count} diagnostics, ${(r.stdout ?? '').length} bytes of JSON; includes node start-up)`);
    if (r.status !== 0 && r.status !== 1) console.log(`  stderr: ${(r.stderr ?? '').trim().split('\n')[0]}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Issue 10: the doubling bench on adversarial input (test/bench/adversarial.bench.ts), in its own process. */
function benchAdversarial(): void {
  const script = join(ROOT, 'out/bench/adversarial.bench.js');
  if (process.env['FLASK_IIS_BENCH_ADVERSARIAL'] === '0' || !existsSync(script)) {
    console.log('\nadversarial input: skipped (FLASK_IIS_BENCH_ADVERSARIAL=0 or out/bench/adversarial.bench.js missing)');
    return;
  }
  console.log('\nadversarial input (out/bench/adversarial.bench.js; FLASK_IIS_BENCH_ADVERSARIAL=0 skips it):');
  const r = spawnSync(process.execPath, [script], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) console.log(`adversarial.bench.js exited with ${r.status ?? r.signal}`);
}

function benchVsCode(): void {
  const script = join(ROOT, 'scripts/integration/bench-vscode.mjs');
  if (existsSync(script) && process.env['FLASK_IIS_BENCH_VSCODE'] !== '0') {
    console.log('\nVS Code (scripts/integration/bench-vscode.mjs; FLASK_IIS_BENCH_VSCODE=0 skips it):');
    const r = spawnSync(process.execPath, [script], { cwd: ROOT, stdio: 'inherit', env: { FLASK_IIS_BENCH_RUNS: '2', ...process.env } });
    if (r.status !== 0) console.log(`bench-vscode.mjs exited with ${r.status ?? r.signal}`);
    return;
  }
  console.log(existsSync(script)
    ? '\nVS Code activation / first-diagnostics numbers: skipped (FLASK_IIS_BENCH_VSCODE=0).'
    : '\nVS Code activation / first-diagnostics numbers: not measured here (scripts/integration/bench-vscode.mjs is not present; with it, `FLASK_IIS_BENCH_VSCODE=1 npm run bench`).');
}

void main();
