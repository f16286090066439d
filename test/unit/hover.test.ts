import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EditingEnv } from '../../src/core/editing/env';
import { hover } from '../../src/core/editing/hover';
import { scanXml } from '../../src/core/xml/scanner';
import { withCursor } from './editingHelpers';
import { appHost, CLEAN_HANDLER, webConfig } from './helpers';

function at(marked: string, env: EditingEnv = {}) {
  const { text, offset } = withCursor(marked);
  const h = hover(scanXml(text), offset, env);
  return h && { ...h, covered: text.slice(h.start, h.end) };
}

test('elements and attributes: what IIS does, default, values, link', () => {
  const el = at('<configuration><system.webServer><http|Platform processPath="x" /></system.webServer></configuration>')!;
  assert.equal(el.covered, 'httpPlatform');
  assert.match(el.block!.summary, /HTTP_PLATFORM_PORT/);
  assert.match(el.block!.link!, /^https:\/\/learn\.microsoft\.com/);
  const attr = at('<configuration><system.webServer><handlers><add resource|Type="File" /></handlers></system.webServer></configuration>')!;
  assert.equal(attr.covered, 'resourceType');
  assert.equal(attr.block!.default, 'Unspecified');
  assert.deepEqual(attr.block!.values, ['Unspecified', 'File', 'Directory', 'Either']);
  // The default is the schema's (HttpPlatformHandler 1.2's schema says 120 s, the Learn page 10 s), with its range.
  const limit = at('<configuration><system.webServer><httpPlatform startup|TimeLimit="5" /></system.webServer></configuration>')!.block!;
  assert.equal(limit.default, '120');
  assert.deepEqual(limit.facts, [{ key: 'hover.type', args: { type: 'uint' } }, { key: 'hover.range', args: { min: 0, max: 3600 } }]);
  assert.match(limit.summary, /listen on the port/);
});

test('appSettings keys: the setting documentation and how wfastcgi looks it up', () => {
  const h = at('<configuration><appSettings><add key="WSGI_RESTART_|FILE_REGEX" value="" /></appSettings></configuration>')!;
  assert.equal(h.covered, 'WSGI_RESTART_FILE_REGEX');
  assert.equal(h.block!.default, '.*((\\.py)|(\\.config))$');
  assert.deepEqual(h.notes.map((n) => n.key), ['hover.lookupExact']);
  assert.deepEqual(at('<configuration><appSettings><add key="wsgi_h|andler" value="" /></appSettings></configuration>')!.notes.map((n) => n.key), ['hover.lookupEnv']);
});

test('WSGI_HANDLER value: the resolved file (relative, linked) and line (one-based), and what was checked', () => {
  const env: EditingEnv = { resolveHandler: (v) => (v === 'app.app' ? { path: 'app.py', line: 3 } : undefined) };
  assert.deepEqual(at('<configuration><appSettings><add key="WSGI_HANDLER" value="app.a|pp" /></appSettings></configuration>', env)!.notes, [{ key: 'hover.resolved', args: { path: 'app.py', line: 4 } }, { key: 'hover.handlerOffline' }]);
  const absolute: EditingEnv = { appFolder: '/srv/sites/shop', resolveHandler: () => ({ path: '/srv/sites/shop/shop/__init__.py', line: 11 }) };
  assert.deepEqual(at('<configuration><appSettings><add key="WSGI_HANDLER" value="shop.create_a|pp()" /></appSettings></configuration>', absolute)!.notes[0], {
    key: 'hover.resolved', args: { path: 'shop/__init__.py', line: 12 }, links: [{ arg: 'path', file: '/srv/sites/shop/shop/__init__.py', line: 12 }],
  });
  const windows: EditingEnv = { appFolder: 'C:\\sites\\shop', resolveHandler: () => ({ path: 'c:\\Sites\\shop\\app.py', line: 0 }) };
  assert.equal(at('<configuration><appSettings><add key="WSGI_HANDLER" value="app.a|pp" /></appSettings></configuration>', windows)!.notes[0]!.args!['path'], 'app.py');
  assert.deepEqual(at('<configuration><appSettings><add key="WSGI_HANDLER" value="nope.a|pp" /></appSettings></configuration>', env)!.notes, [{ key: 'hover.notResolved' }]);
});

test('%VAR% expansion and scriptProcessor registration', () => {
  const h = at('<configuration><appSettings><add key="PYTHONPATH" value="%SystemDrive%\\app;%MY|ROOT%\\lib" /></appSettings></configuration>', { environment: { MYROOT: 'D:\\sites' } })!;
  assert.deepEqual(h.notes, [{ key: 'hover.expands', args: { name: 'SystemDrive', value: 'C:' } }, { key: 'hover.expands', args: { name: 'MYROOT', value: 'D:\\sites' } }]);
  assert.equal(at('<configuration><system.webServer><httpPlatform arguments="--port=%HTTP_PLATFORM_PO|RT%" /></system.webServer></configuration>')!.notes[0]!.key, 'hover.expandsPort');
  const registered = appHost('<system.webServer><fastCgi><application fullPath="C:\\Python311\\python.exe" arguments="C:\\Python311\\Lib\\site-packages\\wfastcgi.py" /></fastCgi></system.webServer>');
  const text = webConfig().replace('scriptProcessor="C:', 'scriptProcessor="C|:');
  assert.deepEqual(at(text, { appHost: registered })!.notes.map((n) => n.key), ['hover.scriptProcessorParts', 'hover.registered']);
  const other = appHost('<system.webServer><fastCgi /></system.webServer>');
  assert.equal(at(text, { appHost: other })!.notes[1]!.key, 'hover.notRegistered');
  // Without a host configuration, the hover says what it checks.
  assert.deepEqual(at(text)!.notes.map((n) => n.key), ['hover.scriptProcessorParts', 'hover.scriptProcessorOffline']);
  assert.ok(CLEAN_HANDLER);
});

test('scriptProcessor halves inside the project are shown relative and linked (site path, Azure folder)', () => {
  const sp = (value: string) => `<configuration><system.webServer><handlers><add name="Python FastCGI" path="*" verb="*" modules="FastCgiModule" scriptProcessor="${value}" /></handlers></system.webServer></configuration>`;
  const venv = sp('C:\\inetpub\\wwwroot\\shop\\.ve|nv\\Scripts\\python.exe|C:\\inetpub\\wwwroot\\shop\\.venv\\Lib\\site-packages\\wfastcgi.py');
  const note = at(venv, { appFolder: '/home/dev/shop', sitePath: 'C:\\inetpub\\wwwroot\\shop' })!.notes[0]!;
  assert.deepEqual(note.args, { python: '.venv/Scripts/python.exe', script: '.venv/Lib/site-packages/wfastcgi.py' });
  assert.deepEqual(note.links!.map((l) => l.file), ['/home/dev/shop/.venv/Scripts/python.exe', '/home/dev/shop/.venv/Lib/site-packages/wfastcgi.py']);
  const azure = at(sp('D:\\home\\Python3|9\\python.exe|D:\\home\\site\\wwwroot\\wfastcgi.py'), { appFolder: '/home/dev/site' })!.notes[0]!;
  assert.deepEqual(note.links!.length, 2);
  assert.deepEqual(azure.args, { python: 'D:\\home\\Python39\\python.exe', script: 'wfastcgi.py' });
  assert.deepEqual(azure.links!.map((l) => l.arg), ['script']);
});

test('nothing on text, comments or unknown attributes', () => {
  assert.equal(at('<configuration><!-- h|ello --></configuration>'), undefined);
  assert.equal(at('<configuration><foo b|ar="1" /></configuration>'), undefined);
});
