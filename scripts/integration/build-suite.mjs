// Builds what the integration runners load: the extension (`npm run build` -> dist/) and the mocha suite
// (test/integration/**/*.ts bundled by esbuild into out/integration/, with `vscode` and `mocha` external),
// and copies the fixture workspace to a temporary folder so tests can edit files.
import * as esbuild from 'esbuild';
import { spawn } from 'node:child_process';
import { cpSync, readdirSync, rmSync } from 'node:fs';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { schemaProfilesPlugin } from '../schemaProfiles.mjs';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');
const suiteDir = join(repoRoot, 'test', 'integration');
const fixtureWorkspace = join(suiteDir, 'fixtures', 'workspace');

/** Runs `npm run build` in the repository; rejects when it fails. */
export function buildExtension() {
  return new Promise((resolve, reject) => {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const child = spawn(npm, ['run', '--silent', 'build'], { cwd: repoRoot, stdio: 'inherit', shell: process.platform === 'win32' });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`npm run build failed (${signal ?? `exit ${code}`}): cannot test an extension that does not build`)));
  });
}

/** Bundles the suite; returns the folder and the extensionTestsPath entry (index.js). */
export async function buildSuite() {
  const outdir = join(repoRoot, 'out', 'integration');
  rmSync(outdir, { recursive: true, force: true });
  const entryPoints = readdirSync(suiteDir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !f.split(sep).includes('fixtures'))
    .map((f) => join(suiteDir, f));
  await esbuild.build({
    entryPoints,
    outdir,
    outbase: suiteDir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: true,
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
    logOverride: { 'import-is-undefined': 'error' },
    absWorkingDir: repoRoot,
    // The suite imports the core, which imports the schema profiles precompiled at build time.
    loader: { '.xml': 'text' },
    plugins: [schemaProfilesPlugin(repoRoot)],
  });
  return { outdir, entry: join(outdir, 'index.js') };
}

/** Copies test/integration/fixtures/workspace to `dest` (which must not exist) and returns `dest`. */
export function copyFixtureWorkspace(dest) {
  cpSync(fixtureWorkspace, dest, { recursive: true });
  return dest;
}

/** Prints a report's tests mocha-style; returns its counts. */
export function printReport(label, report) {
  console.log(`\n[${label}] VS Code ${report.vscodeVersion}, workspace ${report.mode}`);
  for (const t of report.tests) {
    const time = t.durationMs !== undefined ? ` (${Math.round(t.durationMs)} ms)` : '';
    if (t.state === 'passed') console.log(`  ✓ ${t.title}${time}`);
    else if (t.state === 'skipped') console.log(`  - ${t.title} (skipped)`);
    else {
      console.log(`  ✗ ${t.title}${time}`);
      for (const line of String(t.error ?? '').split('\n').slice(0, 12)) console.log(`      ${line}`);
    }
  }
  return { passed: report.passed, failed: report.failed, skipped: report.skipped };
}

export function summaryLine({ passed, failed, skipped }) {
  return `vscode-integration: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`;
}
