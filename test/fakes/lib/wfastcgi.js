'use strict';
// The fake wfastcgi-enable / wfastcgi-disable (installed into a fake venv's Scripts folder by the fake pip):
// as wfastcgi 3.0.0 does, it runs `appcmd set config /section:system.webServer/fastCGI "/+[fullPath='<python>',
// arguments='<wfastcgi.py>', signalBeforeTerminateSeconds='30']"` (paths with a space in double quotes), with the
// command line given as arguments replacing the appcmd prefix when the first one is an existing file, and prints
// wfastcgi's own success line or its error messages (stderr) with appcmd's exit code.
const { spawnSync } = require('node:child_process');
const { chmodSync, existsSync, mkdirSync, writeFileSync } = require('node:fs');
const { basename, dirname, join } = require('node:path');
const { record } = require('./common');

const quoted = (p) => (p.includes(' ') ? `"${p}"` : p);
const pyRepr = (list) => `[${list.map((s) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`).join(', ')}]`;

function main(scriptFile) {
  const argv = process.argv.slice(2);
  const disable = basename(scriptFile).includes('disable');
  record(disable ? 'wfastcgi-disable' : 'wfastcgi-enable', argv, false);
  const scripts = dirname(scriptFile);
  const python = join(scripts, 'python.exe');
  const wfastcgi = join(dirname(scripts), 'Lib', 'site-packages', 'wfastcgi.py');
  const root = process.env.SystemRoot || 'C:\\Windows';
  const appcmd = argv.length && existsSync(argv[0]) ? argv : [`${root}\\system32\\inetsrv\\appcmd.exe`];
  if (!existsSync(appcmd[0])) {
    process.stderr.write(`IIS configuration tool appcmd.exe was not found at ${pyRepr(appcmd)}\n`);
    process.exit(255);
  }
  const [exe, script] = [quoted(python), quoted(wfastcgi)];
  const args = [...appcmd, 'set', 'config', '/section:system.webServer/fastCGI', `/${disable ? '-' : '+'}[fullPath='${exe}', arguments='${script}', signalBeforeTerminateSeconds='30']`];
  const r = spawnSync(args[0], args.slice(1), { stdio: 'inherit' });
  if (r.status !== 0) {
    process.stderr.write(`An error occurred running the command:\n\n${pyRepr(args)}\n\nEnsure your user has sufficient privileges and try again.\n`);
    process.exit(r.status ?? 1);
  }
  process.stdout.write(disable ? `"${exe}|${script}" is no longer registered for use with FastCGI\n` : `"${exe}|${script}" can now be used as a FastCGI script processor\n`);
}

/** What `pip install wfastcgi` leaves in an environment: the two console scripts and wfastcgi.py. */
function installInto(prefix) {
  const scripts = join(prefix, 'Scripts');
  mkdirSync(scripts, { recursive: true });
  mkdirSync(join(prefix, 'Lib', 'site-packages'), { recursive: true });
  writeFileSync(join(prefix, 'Lib', 'site-packages', 'wfastcgi.py'), '# fake wfastcgi 3.0.0\n');
  for (const name of ['wfastcgi-enable', 'wfastcgi-disable']) {
    const file = join(scripts, name);
    writeFileSync(file, `#!/usr/bin/env node\nrequire(${JSON.stringify(__filename)}).main(__filename);\n`);
    chmodSync(file, 0o755);
  }
}

/** A fake venv: Scripts/python.exe understands `-m pip install wfastcgi`. */
function makeVenv(prefix, withWfastcgi) {
  const scripts = join(prefix, 'Scripts');
  mkdirSync(scripts, { recursive: true });
  const python = join(scripts, 'python.exe');
  writeFileSync(python, `#!/usr/bin/env node\nrequire(${JSON.stringify(join(__dirname, 'python.js'))}).main(__filename);\n`);
  chmodSync(python, 0o755);
  writeFileSync(join(prefix, 'pyvenv.cfg'), 'home = C:\\Python312\nversion = 3.12.4\n');
  if (withWfastcgi) installInto(prefix);
  return python;
}

module.exports = { main, installInto, makeVenv };
