/**
 * Server paths in real web.configs (issue 11, section 1): PYTHONPATH entries that name the application folder by
 * its absolute path on the server map to the local folder, so the project-aware checks run on real configs.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { checkText } from '../../src/core/check';
import type { PythonSupport } from '../../src/core/python';
import { mapServerPath } from '../../src/core/python/serverPaths';
import { rng } from './rng';
import { codesOf, makeProject, projectOptions, testSupport, wfastcgiConfig } from './pythonHelpers';

let support: PythonSupport;
before(async () => {
  support = await testSupport();
});

test('mapServerPath: site path, Azure, %HOME%, folder names; nothing else', () => {
  const local = '/home/dev/work/shop';
  assert.deepEqual(mapServerPath('C:\\inetpub\\wwwroot\\shop', 'x', { localFolder: local }), { mapped: '.', how: 'folder-name' });
  assert.deepEqual(mapServerPath('C:\\inetpub\\wwwroot\\shop\\src', 'x', { localFolder: local }), { mapped: 'src', how: 'folder-name' });
  assert.deepEqual(mapServerPath('c:/INETPUB/wwwroot/Shop/src/', 'x', { localFolder: local }), { mapped: 'src', how: 'folder-name' }, 'case and separators as NTFS');
  assert.deepEqual(mapServerPath('D:\\home\\site\\wwwroot', 'x', { localFolder: local }), { mapped: '.', how: 'azure' });
  assert.deepEqual(mapServerPath('D:\\home\\site\\wwwroot\\app', 'x', { localFolder: local }), { mapped: 'app', how: 'azure' });
  assert.deepEqual(mapServerPath(undefined, '%HOME%\\site\\wwwroot\\lib', { localFolder: local }), { mapped: 'lib', how: 'azure' });
  assert.deepEqual(mapServerPath('E:\\deploy\\crm\\pkg', 'x', { localFolder: local, sitePath: 'E:\\deploy\\crm' }), { mapped: 'pkg', how: 'site-path' });
  assert.equal(mapServerPath('E:\\shared\\libs', 'x', { localFolder: local }), undefined, 'not in the application folder');
  assert.equal(mapServerPath('C:\\Python39\\Lib\\site-packages', 'x', { localFolder: local }), undefined);
  assert.equal(mapServerPath('\\\\fileserver\\shop', 'x', { localFolder: local }), undefined, 'a UNC path never maps');
  assert.equal(mapServerPath('C:\\shop\\..\\other', 'x', { localFolder: local }), undefined, '.. never maps');
  // More matching names win: C:\sites\shop\shop with local .../sites/shop is the folder C:\sites\shop + "shop".
  assert.deepEqual(mapServerPath('C:\\sites\\shop\\shop', 'x', { localFolder: '/srv/sites/shop' }), { mapped: 'shop', how: 'folder-name' });
});

test('mapServerPath: every path below the site path maps to the same components below the local folder (property)', () => {
  const random = rng(7);
  const rnd = (n: number) => Math.floor(random() * n);
  const names = ['src', 'app', 'Lib', 'site-packages', 'shop', 'a b', 'Café', 'x.y', 'wwwroot'];
  for (let i = 0; i < 2000; i++) {
    const site = ['C:', ...Array.from({ length: 1 + rnd(3) }, () => names[rnd(names.length)]!)];
    const rest = Array.from({ length: rnd(4) }, () => names[rnd(names.length)]!);
    const path = [...site, ...rest].join(rnd(2) ? '\\' : '/');
    const r = mapServerPath(path, path, { sitePath: site.join('\\'), localFolder: '/tmp/whatever' });
    assert.deepEqual(r, { mapped: rest.length ? rest.join('/') : '.', how: 'site-path' }, path);
  }
});

const ON_SERVER = 'C:\\inetpub\\wwwroot\\shop';

function shopProject(name: string, handler: string, pythonPath: string): string {
  return makeProject(`${name}/shop`, {
    'web.config': wfastcgiConfig(handler, `\n    <add key="PYTHONPATH" value="${pythonPath}" />`),
    'src/storefront/__init__.py': 'from flask import Flask\napp = Flask(__name__)\n',
    'requirements.txt': 'flask\n',
  });
}

const check = (dir: string, extra: object = {}) => checkText(require('node:fs').readFileSync(`${dir}/web.config`, 'utf8'), { ...projectOptions(dir, support), ...extra }).findings;

test('an absolute PYTHONPATH of the server\'s site folder: a wrong package name is reported, the right one is silent', () => {
  const wrong = shopProject('mapped-wrong', 'store_front.app', `${ON_SERVER};${ON_SERVER}\\src`);
  assert.ok(codesOf(check(wrong)).includes('wsgi-handler-module-not-found'), codesOf(check(wrong)).join(', '));
  const right = shopProject('mapped-right', 'storefront.app', `${ON_SERVER};${ON_SERVER}\\src`);
  assert.deepEqual(codesOf(check(right)).filter((c) => c.startsWith('wsgi-handler') || c.startsWith('pythonpath')), []);
  const attr = shopProject('mapped-attr', 'storefront.application', `${ON_SERVER}\\src`);
  assert.ok(codesOf(check(attr)).includes('wsgi-handler-attribute-not-found'));
});

test('Azure App Service paths (D:\\home\\site\\wwwroot, %HOME%\\site\\wwwroot) map to the application folder', () => {
  for (const pp of ['D:\\home\\site\\wwwroot\\src', '%HOME%\\site\\wwwroot\\src']) {
    const dir = shopProject('azure', 'storefront.app', pp);
    assert.deepEqual(codesOf(check(dir)).filter((c) => c.startsWith('wsgi-handler') || c.startsWith('pythonpath')), [], pp);
    const wrong = shopProject('azure-wrong', 'storefrnt.app', pp);
    assert.ok(codesOf(check(wrong)).includes('wsgi-handler-module-not-found'), pp);
  }
});

test('a mapped entry that does not exist in the project is pythonpath-not-found, naming the local folder', () => {
  const dir = shopProject('mapped-missing', 'storefront.app', `${ON_SERVER}\\src;${ON_SERVER}\\lib`);
  const f = check(dir).filter((x) => x.code === 'pythonpath-not-found');
  assert.equal(f.length, 1);
  assert.match(String(f[0]!.args['resolved']), /shop[\\/]lib"$/);
});

test('--site-path / flaskIis.server.sitePath maps a server folder whose name differs from the local one', () => {
  const dir = shopProject('site-path', 'storefront.app', 'E:\\sites\\crm-prod\\src');
  const without = check(dir);
  assert.ok(codesOf(without).includes('pythonpath-not-checkable'), 'unmapped: said once as information');
  assert.ok(!codesOf(without).includes('wsgi-handler-module-not-found'));
  assert.deepEqual(codesOf(check(dir, { sitePath: 'E:\\sites\\crm-prod' })).filter((c) => c.startsWith('pythonpath') || c.startsWith('wsgi-handler')), []);
  const wrong = shopProject('site-path-wrong', 'storefrnt.app', 'E:\\sites\\crm-prod\\src');
  assert.ok(codesOf(check(wrong, { sitePath: 'E:\\sites\\crm-prod' })).includes('wsgi-handler-module-not-found'));
});

test('entries outside the application folder and network paths are said once each, as information, never stat\'ed', () => {
  const dir = shopProject('outside', 'storefront.app', `${ON_SERVER}\\src;E:\\shared\\libs;E:\\shared\\libs;\\\\fileserver\\py\\libs`);
  const info = check(dir).filter((f) => f.code === 'pythonpath-not-checkable');
  assert.equal(info.length, 2, info.map((f) => f.messageKey).join(', '));
  assert.equal(info[0]!.severity, 'information');
  assert.deepEqual(info.map((f) => f.messageKey), ['py.pythonPathOutsideSite', 'py.pythonPathRemote']);
});

test('verify maps the same server paths: a correct C:\\inetpub\\...\\src entry loads on this system too', { skip: !require('node:fs').existsSync('/usr/bin/python3') }, () => {
  const { runCli } = require('./helpers') as typeof import('./helpers');
  const dir = makeProject('verify-mapped/shop', {
    'web.config': wfastcgiConfig('storefront.app', `\n    <add key="PYTHONPATH" value="${ON_SERVER}\\src" />`),
    'src/storefront/__init__.py': 'def app(environ, start_response):\n    start_response("200 OK", [])\n    return [b"ok"]\n',
  });
  const r = runCli(['verify', dir, '--python', '/usr/bin/python3'], 60_000);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  const other = makeProject('verify-site-path/local-name', {
    'web.config': wfastcgiConfig('storefront.app', '\n    <add key="PYTHONPATH" value="E:\\sites\\crm\\src" />'),
    'src/storefront/__init__.py': 'def app(environ, start_response):\n    start_response("200 OK", [])\n    return [b"ok"]\n',
  });
  assert.equal(runCli(['verify', other, '--python', '/usr/bin/python3'], 60_000).status, 1, 'unmapped: the import fails as it would');
  const mapped = runCli(['verify', other, '--python', '/usr/bin/python3', '--site-path', 'E:\\sites\\crm'], 60_000);
  assert.equal(mapped.status, 0, mapped.stdout + mapped.stderr);
});
