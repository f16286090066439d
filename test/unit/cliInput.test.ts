/**
 * Bad input on the command line (issue 2, "Bad input"): `node dist/cli.js check` in a child process on
 * directories named web.config, unreadable and missing files, bad usage, and files in odd encodings.
 * Never a crash or a hang: findings (exit 1) or a clear one-line reason on stderr (exit 2).
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, chmodSync, constants, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';

const ROOT = resolve(__dirname, '../..');
const CLI = join(ROOT, 'dist/cli.js');
const tmp = mkdtempSync(join(tmpdir(), 'flask-iis-badcli-'));
after(() => {
  spawnSync('chmod', ['-R', 'u+rwx', tmp]);
  rmSync(tmp, { recursive: true, force: true });
});
before(() => {
  // `npm run test:unit` builds dist/ together with the tests; build it here when run on its own.
  if (!existsSync(CLI)) spawnSync(process.execPath, [join(ROOT, 'scripts/build.mjs')], { cwd: ROOT, stdio: 'inherit' });
});

interface Run { status: number | null; stdout: string; stderr: string; signal: NodeJS.Signals | null }

/** Runs `node dist/cli.js ARGS` (behind `prefix`, e.g. a privilege drop, when given). */
function cli(args: string[], options: { timeout?: number; prefix?: string[] } = {}): Run {
  const argv = [...(options.prefix ?? []), process.execPath, CLI, ...args];
  const r = spawnSync(argv[0]!, argv.slice(1), {
    encoding: 'utf8', timeout: options.timeout ?? 60_000, env: { ...process.env, FLASK_IIS_LOCALE: 'en' },
  });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '', signal: r.signal };
}

let counter = 0;
/** A fresh folder under the temp root holding the given files (text is written as UTF-8). */
function folder(files: Record<string, string | Uint8Array> = {}): string {
  const dir = join(tmp, `case-${++counter}`);
  mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

/** stderr lines that carry a reason (the text format also prints a one-line summary). */
function reasons(r: Run): string[] {
  return r.stderr.split('\n').filter((l) => l.startsWith('flask-iis:'));
}

/** A clear CLI error: exit 2, exactly one `flask-iis:` reason line that matches, no stack trace. */
function assertUsageOrIo(r: Run, pattern: RegExp, label: string): void {
  assert.equal(r.status, 2, `${label}: exit ${r.status} ${r.signal ?? ''} stderr=${r.stderr}`);
  assert.equal(reasons(r).length, 1, `${label}: ${r.stderr}`);
  assert.match(reasons(r)[0]!, pattern, label);
  assert.doesNotMatch(r.stderr, /^\s+at /m, `${label}: stack trace`);
}

interface JsonOut { version: number; files: { path: string; diagnostics: { code: string; severity: string; message: string; range: unknown }[] }[] }

function json(r: Run): JsonOut {
  assert.ok(r.status === 0 || r.status === 1, `exit ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout) as JsonOut;
}

const SAMPLE = [
  '<?xml version="1.0"?>',
  '<configuration>',
  '  <system.webServer>',
  '    <handlers>',
  '      <add name="Python FastCGI" path="*" verb="*" modules="FastCgiModule" resourceType="File"',
  '           scriptProcessor="C:\\Python39\\python.exe | C:\\Python311\\Lib\\site-packages\\wfastcgi.py" />',
  '    </handlers>',
  '  </system.webServer>',
  '  <appSettings>',
  '    <!-- \u{1F40D} --><add key="WSGI_HANDLER" value="app:app" />',
  '    <add key=\u201cPYTHONPATH\u201d value="C:\\app, C:\\lib" />',
  '    <add key="WSGI_HANDLER" value="app.app" />',
  '  </appSettings>',
  '</configuration>',
  '',
].join('\n');

test('a path that does not exist: exit 2 and a one-line reason naming it', () => {
  const missing = join(tmp, 'no-such-dir', 'web.config');
  const text = cli(['check', missing]);
  assertUsageOrIo(text, /no-such-dir.*no such file or folder/, 'text');
  const asJson = cli(['check', missing, '--format', 'json']);
  assertUsageOrIo(asJson, /no such file or folder/, 'json');
  assert.equal(asJson.stderr.trim().split('\n').length, 1, `json: stderr is exactly one line: ${asJson.stderr}`);
});

test('bad usage: exit 2 with a one-line reason', () => {
  const dir = folder({ 'web.config': SAMPLE });
  const cases: [string[], RegExp][] = [
    [['check', dir, '--format', 'xml'], /--format must be text or json/],
    [['check', dir, '--format=xml'], /--format must be text or json/],
    [['check', dir, '--bogus'], /unknown option --bogus/],
    [['check', dir, '-x'], /unknown option -x/],
    [['check', dir, '--format'], /--format needs a value/],
    [['check', dir, '--apphost'], /--apphost needs a value/],
    [['check', dir, '--quiet=yes'], /--quiet takes no value/],
    [['frobnicate'], /unknown command "frobnicate"/],
    [['check', dir, '--apphost', join(tmp, 'missing-applicationHost.config')], /missing-applicationHost\.config/],
  ];
  for (const [args, pattern] of cases) {
    const r = cli(args);
    assertUsageOrIo(r, pattern, args.slice(2).join(' ') || args.join(' '));
    assert.equal(r.stderr.trim().split('\n').length, 1, `${args.join(' ')}: ${r.stderr}`);
  }
  assert.equal(cli([]).status, 2, 'no command at all');
});

test('a directory named web.config: no crash, a clear message naming it', () => {
  const dir = folder();
  mkdirSync(join(dir, 'web.config'));
  for (const target of [dir, join(dir, 'web.config')]) {
    const r = cli(['check', target]);
    assert.ok(r.status === 0 || r.status === 2, `exit ${r.status}: ${r.stderr}`);
    assert.equal(reasons(r).length, 1, r.stderr);
    assert.ok(reasons(r)[0]!.includes(target), r.stderr);
    assert.doesNotMatch(r.stderr, /^\s+at /m);
  }
});

/** Runs the CLI so that chmod 000 really blocks reads: directly, or as `nobody` when we are root. */
function asUnprivileged(): { prefix?: string[]; skip?: string } {
  const probe = join(folder({ probe: 'x' }), 'probe');
  chmodSync(probe, 0o000);
  try {
    accessSync(probe, constants.R_OK);
  } catch {
    return {};
  }
  const setpriv = ['/usr/bin/setpriv', '/bin/setpriv'].find((p) => existsSync(p));
  const prefix = setpriv ? [setpriv, '--reuid=65534', '--regid=65534', '--clear-groups'] : undefined;
  if (prefix && spawnSync(prefix[0]!, [...prefix.slice(1), process.execPath, '-e', `require("fs").accessSync(${JSON.stringify(CLI)})`]).status === 0) {
    return { prefix };
  }
  return { skip: 'running as root (chmod 000 does not block reads) and cannot drop privileges with setpriv' };
}

test('an unreadable web.config or folder: exit 2, "permission denied" naming it', (t) => {
  const how = asUnprivileged();
  if (how.skip) return t.skip(how.skip);
  const dir = folder({ 'web.config': SAMPLE });
  mkdirSync(join(dir, 'locked'));
  writeFileSync(join(dir, 'locked', 'web.config'), SAMPLE);
  chmodSync(tmp, 0o755);
  chmodSync(dir, 0o755);
  chmodSync(join(dir, 'web.config'), 0o000);
  const file = cli(['check', join(dir, 'web.config'), '--format', 'json'], { prefix: how.prefix });
  assertUsageOrIo(file, /web\.config: permission denied/, 'file');
  chmodSync(join(dir, 'web.config'), 0o644);
  chmodSync(join(dir, 'locked'), 0o000);
  const tree = cli(['check', dir, '--format', 'json'], { prefix: how.prefix });
  assertUsageOrIo(tree, /locked: permission denied/, 'folder');
  assert.equal((JSON.parse(tree.stdout) as JsonOut).files.length, 1, 'the readable web.config is still checked');
});

test('binary, empty and white-space-only files: exit 1 with an xml-malformed diagnostic', () => {
  const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  for (const [label, content] of [['png', png], ['empty', ''], ['blank', ' \r\n\t\r\n']] as const) {
    const dir = folder({ 'web.config': content });
    const r = cli(['check', dir, '--format', 'json']);
    assert.equal(r.status, 1, `${label}: ${r.stderr}`);
    const out = json(r);
    assert.equal(out.files.length, 1);
    assert.ok(out.files[0]!.diagnostics.some((d) => d.code === 'xml-malformed' && d.severity === 'error'), label);
  }
});

test('CRLF, BOM and UTF-16 (LE/BE) files print the same diagnostics and ranges as the plain UTF-8 file', () => {
  const variants: Record<string, string | Uint8Array> = {
    plain: SAMPLE,
    crlf: SAMPLE.replace(/\n/g, '\r\n'),
    bom: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SAMPLE)]),
    'bom+crlf': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SAMPLE.replace(/\n/g, '\r\n'))]),
    utf16le: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SAMPLE, 'utf16le')]),
    utf16be: Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(SAMPLE, 'utf16le').swap16()]),
  };
  const outputs = Object.entries(variants).map(([label, content]) => {
    const dir = folder({ 'web.config': content });
    const r = cli(['check', dir, '--format', 'json']);
    assert.equal(r.status, 1, `${label}: ${r.stderr}`);
    // Related locations name the file: make the folder part comparable.
    const diagnostics = JSON.parse(JSON.stringify(json(r).files[0]!.diagnostics).split(JSON.stringify(dir).slice(1, -1)).join('<dir>')) as unknown;
    return [label, diagnostics] as const;
  });
  const [, expected] = outputs[0]!;
  assert.ok((expected as unknown[]).length >= 6, 'the sample has enough diagnostics to compare');
  assert.match(JSON.stringify(expected), /"related":\[\{"path":"<dir>[\\/]+web\.config"/, 'related locations are compared too');
  for (const [label, diagnostics] of outputs) assert.deepEqual(diagnostics, expected, label);
});

test('a UTF-8 file whose declaration says encoding="utf-16": xml-declaration-malformed on line 1', () => {
  const dir = folder({ 'web.config': SAMPLE.replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="utf-16"?>') });
  const r = cli(['check', dir, '--format', 'json']);
  assert.equal(r.status, 1);
  const d = json(r).files[0]!.diagnostics.find((x) => x.code === 'xml-declaration-malformed');
  assert.ok(d, r.stdout);
  assert.deepEqual(d.range, { start: { line: 0, character: 30 }, end: { line: 0, character: 36 } });
});

test('checking never modifies the files it reads', () => {
  const dir = folder({ 'web.config': SAMPLE.replace(/\n/g, '\r\n') });
  const path = join(dir, 'web.config');
  const before = { bytes: readFileSync(path), mtime: statSync(path).mtimeMs };
  cli(['check', dir]);
  cli(['check', path, '--format', 'json']);
  assert.deepEqual(readFileSync(path), before.bytes);
  assert.equal(statSync(path).mtimeMs, before.mtime);
});

/** Runs the CLI asynchronously with a deadline; resolves with the exit code, or 'timeout'. */
function runWithin(args: string[], ms: number): Promise<number | 'timeout'> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: 'ignore' });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      done('timeout');
    }, ms);
    child.on('exit', (code) => {
      clearTimeout(timer);
      done(code ?? 'timeout');
    });
  });
}

/** Checks each file with `flask-iis check --format json`, all at once; the labels of those still running at the deadline. */
async function stillRunning(inputs: Record<string, string>, deadlineMs: number): Promise<string[]> {
  const runs = await Promise.all(Object.entries(inputs).map(async ([label, text]) => {
    const dir = folder({ 'web.config': text });
    return [label, await runWithin(['check', dir, '--format', 'json'], deadlineMs)] as const;
  }));
  return runs.filter(([, r]) => r === 'timeout').map(([label]) => label);
}

// A hang guard, not a speed measurement (npm run bench measures linearity by doubling): the quadratic versions
// took minutes, so a generous bound keeps this test meaningful on a loaded machine.
test('adversarial files finish in linear time (seconds, not minutes)', async () => {
  const n = 100_000;
  const slow = await stillRunning({
    '100,000-deep nested <appSettings>': '<configuration>' + '<appSettings>'.repeat(n) + '</appSettings>'.repeat(n) + '</configuration>',
    'one 3.5 MB tag with 300,000 attributes': '<configuration' + Array.from({ length: 3 * n }, (_, i) => ` a${i}="1"`).join('') + '/>',
    '100,000 unmatched end tags under 100,000 open elements': '<configuration>' + '<a>'.repeat(n) + '</b>'.repeat(n),
    '1,000,000 "&" without ";"': '<configuration>' + '&'.repeat(10 * n) + '</configuration>',
  }, 60_000);
  assert.deepEqual(slow, [], `still running after 60 s: ${slow.join('; ')}`);
});

test('a FIFO named web.config on the command line: a clear error, not a hang', (t) => {
  const dir = folder();
  if (spawnSync('mkfifo', [join(dir, 'web.config')]).status !== 0) return t.skip('mkfifo is not available');
  const searched = cli(['check', dir], { timeout: 15_000 });
  assert.equal(searched.signal, null, 'searching a folder skips the FIFO');
  const named = cli(['check', join(dir, 'web.config')], { timeout: 15_000 });
  assertUsageOrIo(named, /web\.config: not a regular file/, 'named FIFO');
});
