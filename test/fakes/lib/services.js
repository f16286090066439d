'use strict';
// The service table the fake sc.exe and WinSW share: $FLASK_IIS_FAKE_SERVICES, {"services": {NAME: {state,
// displayName, description, config}}}, written back in the same shape (2-space JSON and a newline), so deleting a
// service that was added gives back the original bytes. Names compare case-insensitively, as Windows does.
const { existsSync, readFileSync, writeFileSync } = require('node:fs');

function load() {
  const path = process.env.FLASK_IIS_FAKE_SERVICES;
  const table = path && existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : { services: {} };
  return { path, table };
}

function save({ path, table }) {
  if (path) writeFileSync(path, JSON.stringify(table, null, 2) + '\n');
}

function find(table, name) {
  return Object.keys(table.services).find((k) => k.toLowerCase() === String(name || '').toLowerCase());
}

/** sc's status block (what `sc query`, `sc start` and `sc stop` print). */
function statusBlock(name, state) {
  const codes = { STOPPED: 1, START_PENDING: 2, STOP_PENDING: 3, RUNNING: 4 };
  return [
    '', `SERVICE_NAME: ${name}`,
    '        TYPE               : 10  WIN32_OWN_PROCESS',
    `        STATE              : ${codes[state] || 1}  ${state}`,
    state === 'RUNNING' ? '                                (STOPPABLE, NOT_PAUSABLE, ACCEPTS_SHUTDOWN)' : '                                (NOT_STOPPABLE, NOT_PAUSABLE, IGNORES_SHUTDOWN)',
    '        WIN32_EXIT_CODE    : 0  (0x0)', '        SERVICE_EXIT_CODE  : 0  (0x0)', '        CHECKPOINT         : 0x0', '        WAIT_HINT          : 0x0', '',
  ].join('\n');
}

module.exports = { load, save, find, statusBlock };
