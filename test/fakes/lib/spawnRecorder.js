// Preloaded into the real CLI (`node -r spawnRecorder.js dist/cli.js ...`) by the hostile-repository tests:
// records every process start (all child_process entry points) to FLASK_IIS_SPAWN_LOG as JSON lines, and every
// file-system call whose path matches FLASK_IIS_FS_WATCH (a regular expression) to the same log. It changes
// nothing else: the process starts, the file is read; the tests judge from the log what the CLI did.
'use strict';
const cp = require('node:child_process');
const fs = require('node:fs');

const log = process.env.FLASK_IIS_SPAWN_LOG;
const watch = process.env.FLASK_IIS_FS_WATCH ? new RegExp(process.env.FLASK_IIS_FS_WATCH) : undefined;
const record = (entry) => {
  if (log) fs.appendFileSync(log, JSON.stringify(entry) + '\n');
};

for (const name of ['spawn', 'spawnSync', 'execFile', 'execFileSync', 'fork']) {
  const original = cp[name];
  cp[name] = function (file, args, ...rest) {
    record({ kind: 'spawn', via: name, file: String(file), args: Array.isArray(args) ? args.map(String) : [], cwd: process.cwd() });
    return original.call(this, file, args, ...rest);
  };
}
for (const name of ['exec', 'execSync']) {
  const original = cp[name];
  cp[name] = function (command, ...rest) {
    record({ kind: 'spawn', via: name, file: String(command), args: [], shell: true });
    return original.call(this, command, ...rest);
  };
}

if (watch) {
  for (const name of ['statSync', 'lstatSync', 'openSync', 'readFileSync', 'readdirSync', 'existsSync', 'accessSync', 'realpathSync', 'stat', 'lstat', 'open', 'readFile', 'readdir', 'access', 'opendirSync']) {
    const original = fs[name];
    if (typeof original !== 'function') continue;
    fs[name] = function (path, ...rest) {
      if (typeof path === 'string' && watch.test(path)) record({ kind: 'fs', via: name, path });
      return original.call(this, path, ...rest);
    };
  }
}
