/** Issue 15: DEPLOY.md in the display language (zh-CN): the prose is translated, every command and path stays byte for byte. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { checkText } from '../../src/core/check';
import type { Translate } from '../../src/core/messages';
import { planDeployment, planNewProject, type Bridge, type ServerPaths } from '../../src/core/scaffold';

const bundle = JSON.parse(readFileSync(join(resolve(__dirname, '../..'), 'l10n/bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;
const zh: Translate = (t) => bundle[t] ?? t;
const SERVER: ServerPaths = { sitePath: 'C:\\inetpub\\shop', python: 'C:\\inetpub\\shop\\.venv\\Scripts\\python.exe', wfastcgi: 'C:\\inetpub\\shop\\.venv\\Lib\\site-packages\\wfastcgi.py', logDir: 'logs', venv: '.venv' };

const guide = (files: { path: string; content: string }[]) => files.find((f) => f.path === 'DEPLOY.md')!.content;
/** The fenced blocks (commands) of a Markdown text. */
const blocks = (md: string) => [...md.matchAll(/^(`{3,})\w*\n[\s\S]*?\n\1$/gm)].map((m) => m[0]);
const CJK = /[\u4e00-\u9fff]/;

for (const bridge of ['wfastcgi', 'httpplatform'] as Bridge[]) {
  test(`DEPLOY.md (${bridge}) in zh-CN: Chinese prose, the same commands as in English`, () => {
    const en = guide(planNewProject({ name: 'shop', bridge, layout: 'package', server: SERVER }).files);
    const cn = guide(planNewProject({ name: 'shop', bridge, layout: 'package', server: SERVER, translate: zh }).files);
    assert.notEqual(cn, en);
    assert.deepEqual(blocks(cn), blocks(en));
    assert.ok(blocks(en).length >= 4);
    const prose = cn.split('\n').filter((l) => l && !l.startsWith('```') && !blocks(cn).some((b) => b.includes(l)));
    // Every heading and paragraph is Chinese (commands, paths and product names inside them stay as they are).
    const english = prose.filter((l) => !CJK.test(l) && /[a-z]{3,} [a-z]{3,} [a-z]{3,}/i.test(l.replace(/`[^`]*`/g, '')));
    assert.deepEqual(english, []);
    assert.ok(cn.includes('应用程序池'), 'IIS terms as Chinese IIS documentation writes them');
    for (const kept of ['C:\\inetpub\\shop', 'HTTP 500.0 (0x80070585)', 'wfastcgi', 'IIS AppPool\\shop'].filter((k) => en.includes(k))) assert.ok(cn.includes(kept), kept);
  });
}

test('DEPLOY.md for an existing Django app in zh-CN: the set-up step is translated too', () => {
  const options = {
    name: 'portal', bridge: 'wfastcgi' as Bridge, server: SERVER, app: { handler: 'portal.wsgi.application', djangoSettings: 'portal.settings' },
    staticFolder: { folder: 'staticfiles', url: 'static', django: true },
    setup: { django: { settingsFile: 'portal/settings.py', allowedHosts: false, csrfTrustedOrigins: false } },
  };
  const en = guide(planDeployment(options, { requirements: true }).files);
  const cn = guide(planDeployment({ ...options, translate: zh }, { requirements: true }).files);
  assert.deepEqual(blocks(cn), blocks(en));
  assert.ok(en.includes('ALLOWED_HOSTS') && cn.includes('ALLOWED_HOSTS'));
  assert.ok(cn.includes('尚未设置'), cn);
  assert.ok(cn.includes('URL Rewrite'));
});

test('the generated web.config files carry Chinese comments in zh-CN, and are otherwise the same files', () => {
  for (const bridge of ['wfastcgi', 'httpplatform'] as Bridge[]) {
    const en = planNewProject({ name: 'shop', bridge, layout: 'package', server: SERVER }).files;
    const cn = planNewProject({ name: 'shop', bridge, layout: 'package', server: SERVER, translate: zh }).files;
    for (const path of ['web.config', 'static/web.config']) {
      const e = en.find((f) => f.path === path)!.content;
      const c = cn.find((f) => f.path === path)!.content;
      const withoutComments = (t: string) => t.replace(/<!--[\s\S]*?-->/g, '').replace(/\n\s*\n/g, '\n');
      assert.equal(withoutComments(c), withoutComments(e), `${bridge} ${path}`);
      const comments = [...c.matchAll(/<!--([\s\S]*?)-->/g)].map((m) => m[1]!);
      assert.ok(comments.length > 0 && comments.every((t) => CJK.test(t)), `${bridge} ${path}: ${comments.join(' | ')}`);
      assert.deepEqual(checkText(c).findings.filter((f) => f.severity === 'error').map((f) => f.code), [], `${bridge} ${path} is a clean web.config`);
    }
  }
});
