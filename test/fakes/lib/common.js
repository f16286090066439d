'use strict';
// Shared by the fake IIS tools (test/fakes/appcmd, icacls, wfastcgi-enable, python): every invocation is
// appended to $FLASK_IIS_FAKE_LOG as a JSON line ({tool, argv, change}); $FLASK_IIS_FAKE_FAIL_AT=N makes the
// N-th invocation that changes something fail as a non-elevated one would (N,M,...: each of them);
// $FLASK_IIS_FAKE_NOT_ELEVATED=1
// makes the tools behave as run without elevation.
const { appendFileSync, existsSync, readFileSync } = require('node:fs');

function changesSoFar() {
  const log = process.env.FLASK_IIS_FAKE_LOG;
  if (!log || !existsSync(log)) return 0;
  return readFileSync(log, 'utf8').split('\n').filter(Boolean).filter((l) => JSON.parse(l).change).length;
}

/**
 * Logs this invocation. Returns {notElevated, failAt}: the process runs without elevation; this changing
 * invocation is the one $FLASK_IIS_FAKE_FAIL_AT picks.
 */
function record(tool, argv, change) {
  const n = change ? changesSoFar() + 1 : 0;
  const log = process.env.FLASK_IIS_FAKE_LOG;
  if (log) appendFileSync(log, JSON.stringify({ tool, argv, change }) + '\n');
  return { notElevated: process.env.FLASK_IIS_FAKE_NOT_ELEVATED === '1', failAt: change && String(process.env.FLASK_IIS_FAKE_FAIL_AT || '').split(',').map(Number).includes(n) };
}

function out(text) {
  process.stdout.write(text.replace(/\n/g, '\r\n') + '\r\n');
}

function fail(text, code) {
  out(text);
  process.exit(code);
}

/** Windows paths compare case-insensitively and with either separator. */
function normalize(path) {
  return path.replace(/\//g, '\\').replace(/\\+$/, '').toLowerCase();
}

module.exports = { record, out, fail, normalize };
