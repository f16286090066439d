import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertFires, assertSilent, covered, webConfig } from './helpers';

const settings = (s: string) => webConfig({ settings: `<add key="WSGI_HANDLER" value="app.app" />\n    ${s}` });
const handlerValue = (v: string) => webConfig({ settings: `<add key="WSGI_HANDLER" value="${v}" />` });

test('wsgi-handler-syntax: colon, paths, .py, spaces, arguments, trailing dot', () => {
  const colon = handlerValue('app:app');
  const f = assertFires('wsgi-handler-syntax', colon);
  assert.equal(covered(colon, f), 'app:app');
  assert.equal(f.args['fixed'], 'app.app');
  assert.equal(assertFires('wsgi-handler-syntax', handlerValue('myproj.wsgi:application')).args['fixed'], 'myproj.wsgi.application');
  assert.equal(assertFires('wsgi-handler-syntax', handlerValue('\\Resumeparser.wsgi.application')).messageKey, 'wsgi.syntax.path');
  assert.equal(assertFires('wsgi-handler-syntax', handlerValue('C:\\site\\app.app')).messageKey, 'wsgi.syntax.path');
  assert.equal(assertFires('wsgi-handler-syntax', handlerValue('app.py.app')).args['fixed'], 'app.app');
  assert.equal(assertFires('wsgi-handler-syntax', handlerValue(' app.app')).messageKey, 'wsgi.syntax.space');
  assert.equal(assertFires('wsgi-handler-syntax', handlerValue("app.create_app('production')")).messageKey, 'wsgi.syntax.args');
  assertFires('wsgi-handler-syntax', handlerValue('app.'));
  assertFires('wsgi-handler-syntax', handlerValue('1app.app'));
});

test('wsgi-handler-syntax: silent on dotted names with optional ()', () => {
  for (const v of ['app.app', 'mysite.wsgi.application', 'app.create_app()', 'django.core.wsgi.get_wsgi_application()', 'my_app.wsgi_app()', 'pkg.sub().app', 'приложение.app']) {
    assertSilent('wsgi-handler-syntax', handlerValue(v));
  }
});

test('pythonpath-separator: comma, colon between paths, spaces around ;, quotes, $VAR', () => {
  const comma = settings('<add key="PYTHONPATH" value="C:\\a,C:\\b" />');
  assert.equal(covered(comma, assertFires('pythonpath-separator', comma)), ',');
  const colon = settings('<add key="PYTHONPATH" value="C:\\a:C:\\b" />');
  const f = assertFires('pythonpath-separator', colon);
  assert.equal(colon.slice(f.start - 4, f.end), 'C:\\a:');
  assertFires('pythonpath-separator', settings('<add key="pythonpath" value="/srv/app:/srv/lib" />'));
  assertFires('pythonpath-separator', settings('<add key="PYTHONPATH" value="C:\\a; C:\\b" />'));
  assertFires('pythonpath-separator', settings('<add key="PYTHONPATH" value="&quot;C:\\Program Files\\app&quot;" />'));
  assertFires('pythonpath-separator', settings('<add key="PYTHONPATH" value="$HOME\\app" />'));
});

test('pythonpath-separator: silent on ; lists, drive letters, UNC and %VAR%', () => {
  assertSilent('pythonpath-separator', settings('<add key="PYTHONPATH" value="C:\\inetpub\\app;D:\\lib;\\\\server\\share\\x;%SystemDrive%\\y;src;" />'));
  assertSilent('pythonpath-separator', settings('<add key="PYTHONPATH" value="C:\\Program Files\\app" />'));
});

test('restart-regex-invalid: Python syntax is the judge, not JavaScript', () => {
  const glob = settings('<add key="WSGI_RESTART_FILE_REGEX" value="*.py;*.config" />');
  const f = assertFires('restart-regex-invalid', glob);
  assert.equal(covered(glob, f), '*.py;*.config');
  assert.equal(f.args['hint'], '@regex.globHint');
  assertFires('restart-regex-invalid', settings('<add key="WSGI_RESTART_FILE_REGEX" value="(?&lt;name&gt;x).*" />'));
  assertFires('restart-regex-invalid', settings('<add key="WSGI_RESTART_FILE_REGEX" value=".*\\.py(?i)$" />'));
  assertFires('restart-regex-invalid', settings('<add key="WSGI_RESTART_FILE_REGEX" value=".*((\\.py)|(\\.config)$" />'));
});

test('restart-regex-invalid: silent on Python-only syntax that JavaScript rejects', () => {
  for (const v of ['.*((\\.py)|(\\.config))$', '(?i).*\\.PY\\Z', '(?P&lt;ext&gt;.*\\.py)$', '', '.*\\.(py|config|html)$', '(?x) .* \\.py $']) {
    assertSilent('restart-regex-invalid', settings(`<add key="WSGI_RESTART_FILE_REGEX" value="${v}" />`));
  }
});

test('restart-regex-ineffective: anchored at an extension, leading separator, mis-cased key', () => {
  const anchored = settings('<add key="WSGI_RESTART_FILE_REGEX" value="\\.py$" />');
  assert.equal(covered(anchored, assertFires('restart-regex-ineffective', anchored)), '\\.py$');
  assertFires('restart-regex-ineffective', settings('<add key="WSGI_RESTART_FILE_REGEX" value="^\\.(py|config)$" />'));
  assertFires('restart-regex-ineffective', settings('<add key="WSGI_RESTART_FILE_REGEX" value="\\\\app\\\\.*" />'));
  const miscased = settings('<add key="wsgi_restart_file_regex" value=".*\\.py$" />');
  assert.equal(covered(miscased, assertFires('restart-regex-ineffective', miscased)), 'wsgi_restart_file_regex');
});

test('restart-regex-ineffective: silent on patterns that match relative paths', () => {
  for (const v of ['.*((\\.py)|(\\.config))$', 'app\\\\.*\\.py$', '^.*\\.py$', '.*\\.py$', '(?i).*\\.py$']) {
    assertSilent('restart-regex-ineffective', settings(`<add key="WSGI_RESTART_FILE_REGEX" value="${v}" />`));
  }
});
