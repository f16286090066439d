'use strict';
// A fake python.exe for a fake venv: only `-m pip install wfastcgi` (installs the fake wfastcgi next to it).
const { dirname } = require('node:path');
const { record } = require('./common');
const { installInto } = require('./wfastcgi');

function main(scriptFile) {
  const argv = process.argv.slice(2);
  if (record('python', argv, true).failAt) {
    process.stderr.write('ERROR: Could not install packages due to an OSError: [WinError 5] Access is denied\n');
    process.exit(1);
  }
  if (argv.join(' ') !== '-m pip install wfastcgi') {
    process.stderr.write(`fake python: unsupported arguments ${JSON.stringify(argv)}\n`);
    process.exit(2);
  }
  installInto(dirname(dirname(scriptFile)));
  process.stdout.write('Successfully installed wfastcgi-3.0.0\n');
}

module.exports = { main };
