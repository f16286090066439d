/**
 * A src-layout project under HttpPlatformHandler, served for real on this machine (issue 12 §1/§5): PYTHONPATH is
 * written for the server (`C:\inetpub\inventory;src`, `;`); the local run maps it to this platform (the server's
 * site folder to the local folder, `:` on Linux), or `inventory` would not import. Real python3 + waitress.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { localEnvironment, localPythonPath } from '../../src/node/run/httpPlatformLaunch';
import { cli, fixtureWithoutConfig } from './scaffoldHelpers';
import { httpGet, pythonWith, withRun } from './serving';

const PYTHON = pythonWith(['flask', 'waitress']);

test('localPythonPath: the server site folder maps to the local folder, relative entries stay, the separator is local', () => {
  const local = '/home/dev/projects/inventory';
  assert.equal(localPythonPath('C:\\inetpub\\inventory;src', local, 'C:\\inetpub\\inventory', 'linux'), `${local}:src`);
  assert.equal(localPythonPath('C:\\inetpub\\inventory\\src;C:\\inetpub\\inventory\\lib\\vendor', local, 'C:\\inetpub\\inventory', 'linux'), `${local}/src:${local}/lib/vendor`);
  // No site path given: a server path ending in the local folder's name maps too (issue 11 §1).
  assert.equal(localPythonPath('D:\\sites\\inventory;src\\', local, undefined, 'darwin'), `${local}:src/`);
  // Other Windows paths and network paths mean nothing here: left out on Linux, kept on Windows.
  assert.equal(localPythonPath('D:\\shared\\libs;\\\\fs\\py;src;;', local, 'C:\\inetpub\\inventory', 'linux'), 'src');
  assert.equal(localPythonPath('C:\\inetpub\\inventory;D:\\shared\\libs;src', 'E:\\work\\inventory', 'C:\\inetpub\\inventory', 'win32'), 'E:\\work\\inventory;D:\\shared\\libs;src');
  // Any case of the name, as on Windows; other variables untouched.
  assert.deepEqual(localEnvironment({ PythonPath: 'C:\\inetpub\\inventory;src', HTTP_PLATFORM_PORT: '8001' }, local, 'C:\\inetpub\\inventory'), { PythonPath: process.platform === 'win32' ? `${local};src` : `${local}:src`, HTTP_PLATFORM_PORT: '8001' });
});

test('init --bridge httpplatform on the src-layout sample serves for real (PYTHONPATH with ";" mapped to this machine)', { skip: !PYTHON && 'no Python with flask and waitress (run node scripts/setup-python.mjs)' }, async (t) => {
  const dir = fixtureWithoutConfig('src-layout', 'serve-src-hp');
  const r = cli(['init', dir, '--bridge', 'httpplatform', '--site-path', 'C:\\inetpub\\inventory']);
  assert.equal(r.status, 0, r.stderr);
  const config = readFileSync(join(dir, 'web.config'), 'utf8');
  assert.match(config, /<environmentVariable name="PYTHONPATH" value="C:\\inetpub\\inventory;src" \/>/);
  assert.match(config, /inventory:app/);
  await withRun(dir, PYTHON!, async (url, output) => {
    assert.match(output, /\(httpPlatform\) on http:\/\/127\.0\.0\.1:/);
    const home = await httpGet(url);
    t.diagnostic(`GET / -> ${home.status} ${JSON.stringify(home.body)}`);
    assert.equal(home.status, 200);
    assert.equal(home.body, 'src layout');
  });
});
