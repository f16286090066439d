/**
 * Interpreters offered for a Windows server's config (issue 15): never this machine's POSIX interpreters on
 * Linux or macOS; the server paths the user listed, each with the wfastcgi.py pip puts beside it; one entry per
 * real path (Debian's /bin is a link to /usr/bin: the same python3 twice before).
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { complete } from '../../src/core/editing/completion';
import type { Interpreter } from '../../src/core/editing/env';
import { dedupeByRealPath, listedServerInterpreters, pathInterpreters, serverTemplates } from '../../src/node/python/interpreters';

test('listed server interpreters: absolute Windows python.exe paths only, wfastcgi.py where pip puts it', () => {
  const listed = listedServerInterpreters([
    'D:\\Python311\\python.exe',
    '"C:\\Program Files\\Python313\\python.exe"',
    'C:\\inetpub\\shop\\.venv\\Scripts\\python.exe',
    '/usr/bin/python3', 'python.exe', 'C:\\tools\\node.exe', 42, 'C:\\a|b\\python.exe',
  ]);
  assert.deepEqual(listed.map((it) => [it.python, it.wfastcgi, it.source]), [
    ['D:\\Python311\\python.exe', 'D:\\Python311\\Lib\\site-packages\\wfastcgi.py', 'server'],
    ['C:\\Program Files\\Python313\\python.exe', 'C:\\Program Files\\Python313\\Lib\\site-packages\\wfastcgi.py', 'server'],
    ['C:\\inetpub\\shop\\.venv\\Scripts\\python.exe', 'C:\\inetpub\\shop\\.venv\\Lib\\site-packages\\wfastcgi.py', 'server'],
  ]);
});

test('off Windows, the scriptProcessor completion offers Windows paths only (templates and listed server paths)', () => {
  const interpreters = dedupeByRealPath([...listedServerInterpreters(['D:\\Python311\\python.exe', 'd:\\python311\\PYTHON.EXE']), ...serverTemplates(false)]);
  const text = '<configuration><system.webServer><handlers><add name="Python FastCGI" path="*" verb="*" modules="FastCgiModule" scriptProcessor="" /></handlers></system.webServer></configuration>';
  const labels = complete(text, text.indexOf('scriptProcessor="') + 17, undefined, { interpreters }).map((p) => p.label);
  assert.deepEqual(labels, ['D:\\Python311\\python.exe|D:\\Python311\\Lib\\site-packages\\wfastcgi.py', 'C:\\Python312\\python.exe|C:\\Python312\\Lib\\site-packages\\wfastcgi.py']);
  for (const l of labels) assert.match(l, /^[A-Z]:\\[^/]*$/);
  assert.deepEqual(serverTemplates(true), []);
});

test('one entry per real path: /bin/python3 and /usr/bin/python3 are one interpreter (merged /usr)', { skip: !existsSync('/bin/python3') || !existsSync('/usr/bin/python3') }, () => {
  const found = pathInterpreters({ PATH: '/usr/bin:/bin' });
  assert.ok(found.length >= 2, 'PATH lists both folders');
  const unique = dedupeByRealPath(found);
  assert.deepEqual(unique.map((it) => it.python), ['/usr/bin/python3'], 'python, python3 and /bin/* are the same program');
});

const scratch = mkdtempSync(join(tmpdir(), 'flask-iis-interp-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

test('a virtual environment\'s python (a link to its base) stays apart from the base; a second link to it does not', () => {
  const base = join(scratch, 'base', 'bin');
  mkdirSync(base, { recursive: true });
  writeFileSync(join(base, 'python3.12'), '');
  const venv = join(scratch, 'venv', 'bin');
  mkdirSync(venv, { recursive: true });
  symlinkSync(join(base, 'python3.12'), join(venv, 'python'));
  symlinkSync(join(venv, 'python'), join(venv, 'python3'));
  symlinkSync(join(scratch, 'venv'), join(scratch, 'venv-link'));
  const list: Interpreter[] = [
    { python: join(venv, 'python'), source: 'venv' },
    { python: join(base, 'python3.12'), source: 'path' },
    { python: join(venv, 'python3'), source: 'path' },
    { python: join(scratch, 'venv-link', 'bin', 'python'), source: 'venv' },
  ];
  assert.deepEqual(dedupeByRealPath(list).map((it) => it.python), [join(venv, 'python'), join(base, 'python3.12')]);
});
