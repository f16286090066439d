// `npm run demo`: build, package the .vsix, then run `flask-iis check` on the bundled examples and show what it finds.
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// A path, not a URL's pathname: right on Windows (D:\...) and with spaces or non-ASCII in the path.
const root = fileURLToPath(new URL('..', import.meta.url));
const run = (cmd, args, opts = {}) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });

for (const [label, args] of [['build + package', ['run', 'package']]]) {
  console.log(`== ${label}`);
  if (run('npm', args).status !== 0) process.exit(1);
}
const vsix = `${root}dist/flask-on-iis.vsix`;
console.log(`\n== packaged ${vsix} (${Math.round(statSync(vsix).size / 1024)} KB)`);
console.log('\n== flask-iis check examples/  (exit 1 means errors were found, which is the point of the examples)\n');
const r = run(process.execPath, ['dist/cli.js', 'check', 'examples']);
console.log(`\nflask-iis exited with ${r.status}. Try: node dist/cli.js check examples --format json`);
process.exit(r.status === 2 ? 2 : 0);
