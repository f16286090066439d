/**
 * Fragments (`@key` arguments) are messages too: their own placeholders are filled, and they are translated.
 * Two shipped defects this guards: the unresolved-import reason showed `{target} defines no "{missing}"`, and a
 * server file's parse problem ("a <VirtualHost> that is never closed") was English inside a zh-CN message.
 * Checked on the findings the checks really produce, in English and in zh-CN.
 */
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { findingDiagnosticMessage, type Finding } from '../../src/core/findings';
import { fill, MESSAGES, renderMessage, type MessageKey } from '../../src/core/messages';
import { loadTranslate } from '../../src/cli/l10n';
import { checkServerFolder } from '../../src/node/servers/serverFiles';
import { CJK, englishProse } from './zhProse';
import { webConfig } from './helpers';
import { checkProject, tempDir, testSupport } from './pythonHelpers';

const ZH = loadTranslate('zh-cn', resolve(__dirname, '../../l10n'));
const LEFT_OVER = /\{\w+\}/;

function write(dir: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
    chmodSync(join(dir, path), 0o644);
  }
}

/**
 * The fragment an argument names, rendered in English and in zh-CN: the zh-CN message must hold the Chinese one
 * (it is translated: it has Chinese in it) and not the English one.
 */
function assertFragmentTranslated(f: Finding, name: string, zh: string): void {
  const key = String(f.args[name]).slice(1) as MessageKey;
  assert.ok(key in MESSAGES, `${f.code}: {${name}} is no fragment`);
  const { [name]: _self, ...rest } = f.args;
  const english = fill(MESSAGES[key], rest);
  const chinese = fill(ZH(MESSAGES[key]), rest);
  assert.match(chinese, CJK, `${key} has no zh-CN translation`);
  assert.ok(zh.includes(chinese) && !zh.includes(english), `${f.code}: ${zh}`);
}

/** Both languages' diagnostic text of each finding, with no placeholder left. */
function rendered(findings: Finding[]): { en: string; zh: string; f: Finding }[] {
  return findings.map((f) => {
    const en = findingDiagnosticMessage(f);
    const zh = findingDiagnosticMessage(f, ZH);
    assert.doesNotMatch(en, LEFT_OVER, `${f.code}: ${en}`);
    assert.doesNotMatch(zh, LEFT_OVER, `${f.code}: ${zh}`);
    return { en, zh, f };
  });
}

test('a fragment is filled from the message\'s arguments, and a fragment naming itself is not expanded again', () => {
  const text = renderMessage('py.importUnresolved', { line: 2, file: 'app.py', value: 'app.app', statement: 'from helpers import thing', reason: '@py.importUnresolved.noName', missing: 'thing', target: 'helpers' });
  assert.match(text, /fails: helpers defines no "thing" and has no submodule/);
  assert.equal(fill('{a}', { a: '@servers.parse.notWholeNumber', setting: '{a}' }), 'a value of {a} that is no whole number');
  assert.equal(fill('<{x}>', { x: '@py.importUnresolved.noModule', missing: '@py.importUnresolved.noModule' }), '<the project has no module "the project has no module "{missing}" (ModuleNotFoundError)" (ModuleNotFoundError)>');
});

test('an unresolved import says which name and module, for each reason, in English and zh-CN', async () => {
  const dir = tempDir('fragments-imports');
  const support = await testSupport();
  const cases: [string, Record<string, string>, RegExp][] = [
    ['no-name', { 'app.py': 'from flask import Flask\nfrom helpers import thing\napp = Flask(__name__)\n', 'helpers.py': 'other = 1\n' }, /helpers defines no "thing"/],
    ['no-module', { 'app.py': 'from flask import Flask\nimport shop.missing\napp = Flask(__name__)\n', 'shop/__init__.py': '' }, /no module "shop\.missing"/],
    ['no-parent', { 'app.py': 'from flask import Flask\nfrom . import views\napp = Flask(__name__)\n' }, /relative import has no parent/],
  ];
  for (const [name, files, english] of cases) {
    const site = join(dir, name);
    write(site, { 'web.config': webConfig({ settings: '<add key="WSGI_HANDLER" value="app.app" />' }), ...files });
    const found = rendered(checkProject(site, support).findings).filter((r) => r.f.code === 'wsgi-handler-import-unresolved');
    assert.equal(found.length, 1, name);
    assert.match(found[0]!.en, english, name);
    assert.equal(englishProse(found[0]!.zh.split('\n')[0]!), '', `${name}: ${found[0]!.zh}`);
    assertFragmentTranslated(found[0]!.f, 'reason', found[0]!.zh);
  }
});

test('a server file that cannot be read past a point names that point in the user\'s language, for every parser', async () => {
  const dir = tempDir('fragments-servers');
  const files: [string, string, RegExp][] = [
    ['nginx.conf', 'server {\n    location / {\n        proxy_pass http://127.0.0.1:8000;\n', /a block that is never closed/],
    ['nginx.conf', 'server {\n    listen 80\n}\n', /a directive without its ";"/],
    ['sites/shop.conf', 'server { listen 80; }\n}\n', /a "}" that closes no block/],
    ['nginx.conf', 'server { add_header X "unterminated; }\n', /an unterminated string/],
    ['apache.conf', '<VirtualHost *:80>\n    WSGIScriptAlias / /srv/a.wsgi\n', /a <VirtualHost> that is never closed/],
    ['site.conf', '<VirtualHost *:80>\n    WSGIScriptAlias / /srv/a.wsgi\n</VirtualHost>\n</Directory>\n', /a <\/Directory> that closes no <Directory>/],
    ['uwsgi.ini', '[uwsgi]\nmodule = app:app\nthis is no setting\n', /a line that is no "key = value"/],
    ['fcgiext.ini', '[Types]\npy=Python\n[Python]\nExePath=C:\\Python27\\python.exe\nMaxInstances=four\n', /a value of MaxInstances that is no whole number/],
    ['fcgiext.ini', 'ExePath=C:\\Python27\\python.exe\n[Types]\npy=Python\n', /a "Key=Value" line before any \[section\]/],
    ['fcgiext.ini', '[Types\npy=Python\n', /a section header without "]"/],
    ['fcgiext.ini', '[Types]\npy=Python\n[Python]\nExePath\n', /a line that is no "Key=Value"/],
  ];
  const seen: string[] = [];
  for (const [i, [path, text, english]] of files.entries()) {
    const site = join(dir, `case${i}`);
    write(site, { [path]: text });
    const reports = checkServerFolder(site, await testSupport());
    const found = rendered(reports.flatMap((r) => r.findings)).filter((r) => r.f.code === 'server-config-not-understood');
    assert.equal(found.length, 1, `${path}: ${reports.flatMap((r) => r.findings.map((f) => f.code))}`);
    assert.match(found[0]!.en, english, path);
    assert.equal(englishProse(found[0]!.zh.split('\n')[0]!), '', `${path}: ${found[0]!.zh}`);
    assertFragmentTranslated(found[0]!.f, 'what', found[0]!.zh);
    seen.push(String(found[0]!.f.args['what']));
  }
  assert.equal(new Set(seen).size, files.length, 'every parse problem is a fragment of its own');
});
