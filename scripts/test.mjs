// `npm test`: type-check, unit tests (node:test), then the integration suite in a real VS Code (code-server).
// Each step's own output is shown; the first failing step fails the run.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// A path, not a URL's pathname: right on Windows (D:\...) and with spaces or non-ASCII in the path.
const root = fileURLToPath(new URL('..', import.meta.url));
const steps = [
  ['type-check', process.execPath, ['node_modules/typescript/bin/tsc', '-p', '.', '--noEmit']],
  ['build', process.execPath, ['scripts/build.mjs', '--tests']],
  ['python for verify/run tests', process.execPath, ['scripts/setup-python.mjs']],
  ['web servers for the deployment-target tests', process.execPath, ['scripts/setup-servers.mjs']],
  ['unit tests', process.execPath, ['--test', '--test-reporter=spec', 'out/unit/']],
];
if (!process.argv.includes('--unit-only') && existsSync(`${root}scripts/integration/run-code-server.mjs`)) {
  // Trusted and restricted passes, then a zh-CN pass (the Localization suite with the display language zh-CN).
  steps.push(['integration tests (code-server)', process.execPath, ['scripts/integration/run-code-server.mjs'], { FLASK_IIS_TEST_LOCALES: process.env.FLASK_IIS_TEST_LOCALES ?? 'zh-cn' }]);
}

for (const [name, cmd, args, env] of steps) {
  console.log(`\n== ${name}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (r.status !== 0) {
    console.error(`\n== ${name} FAILED (exit ${r.status ?? r.signal}) after ${secs} s`);
    process.exit(1);
  }
  console.log(`== ${name}: ok (${secs} s)`);
}
