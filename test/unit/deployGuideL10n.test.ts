/** Issue 15: DEPLOY.md in the display language (zh-CN): the prose is translated, every command and path stays byte for byte. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { checkText } from '../../src/core/check';
import type { Translate } from '../../src/core/messages';
import { planDeployment, planNewProject, type Bridge, type ServerPaths } from '../../src/core/scaffold';
import { planServerDeployment, SERVER_TARGETS, type ServerDeployOptions } from '../../src/core/servers';
import { tempDir } from './pythonHelpers';
import { cli } from './scaffoldHelpers';

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

/** Prose lines of a Markdown text: not in a fenced block, not a fence. */
const proseOf = (md: string) => md.split('\n').filter((l) => l && !l.startsWith('```') && !blocks(md).some((b) => b.includes(l)));
/** A line that reads as an English sentence once its inline code is taken out (three English words in a row). */
const englishSentence = (l: string) => !CJK.test(l) && /[a-z]{3,} [a-z]{3,} [a-z]{3,}/i.test(l.replace(/`[^`]*`/g, ''));

type Planned = { path: string; content: string }[];
/** The files of one proxy-bridge case, in English or in zh-CN. */
type ProxyCase = (translate?: Translate) => Planned;
const existing = (extra: object, requirements = true): ProxyCase => (translate) =>
  planDeployment({ name: 'shop', bridge: 'proxy', server: SERVER, app: { handler: 'shop:app' }, proxy: { port: 8000 }, ...extra, ...(translate ? { translate } : {}) } as Parameters<typeof planDeployment>[0], { requirements, healthRoute: false }).files;
const PROXY_CASES: [string, ProxyCase][] = [
  ['new Flask project at the site root', (translate) => planNewProject({ name: 'shop', bridge: 'proxy', layout: 'package', server: SERVER, proxy: { port: 8000 }, ...(translate ? { translate } : {}) }).files],
  ['Flask under a URL prefix, static folder', existing({ staticFolder: { folder: 'static', url: 'static' }, proxy: { port: 8123, urlPrefix: '/shop' } })],
  ['Django', existing({ app: { handler: 'mysite.wsgi.application', djangoSettings: 'mysite.settings' }, staticFolder: { folder: 'staticfiles', url: 'static', django: true } })],
  ['ASGI on a Python outside a venv', existing({ app: { handler: 'main:app', asgi: true }, server: { sitePath: 'D:\\sites\\api', python: 'C:\\Program Files\\Python312\\python.exe', wfastcgi: '', logDir: 'D:\\logs\\api' } }, false)],
];

for (const [name, plan] of PROXY_CASES) {
  test(`DEPLOY.md of the reverse-proxy bridge (${name}) in zh-CN: Chinese prose, the same commands and paths as in English`, () => {
    const en = guide(plan());
    const cn = guide(plan(zh));
    assert.notEqual(cn, en);
    assert.deepEqual(blocks(cn), blocks(en));
    assert.ok(blocks(en).length >= 6, `${blocks(en).length} blocks`);
    assert.deepEqual(proseOf(cn).filter(englishSentence), []);
    for (const term of ['URL 重写', '应用程序请求路由', '服务器变量', 'Windows 服务', '应用程序池']) assert.ok(cn.includes(term), term);
    // Every inline code span (commands, paths, names) and URL of the English guide is in the Chinese one as it is.
    const spans = (md: string) => [...md.matchAll(/(`+)(?!`)([\s\S]*?[^`])\1(?!`)/g)].map((m) => m[0]).sort();
    assert.deepEqual(spans(cn), spans(en));
    const urls = (md: string) => [...md.matchAll(/https?:\/\/[\x21-\x7e]+/g)].map((m) => m[0].replace(/[`).,:;]+$/, '')).sort();
    assert.deepEqual(urls(cn), urls(en));
    if (name === 'Django') assert.ok(cn.includes('IIS_PUBLIC_ORIGINS') && cn.includes('iis_settings.py'), 'the Django paragraph');
    if (name.startsWith('ASGI')) assert.ok(cn.includes('uvicorn') && cn.includes('asgi_iis.py'), 'the ASGI wrapper');
    for (const kept of ['/timeout:00:10:00', 'dism /online /enable-feature /featurename:IIS-WebSockets', 'HTTP 500.50', '127.0.0.1:', '--user', 'IIS_PUBLIC_ORIGINS']) {
      assert.equal(cn.includes(kept), en.includes(kept), kept);
    }
  });

  test(`the reverse-proxy bridge's web.config and WinSW XML (${name}) carry Chinese comments in zh-CN, and are otherwise the same files`, () => {
    const en = plan();
    const cn = plan(zh);
    const xmlFiles = en.filter((f) => f.path === 'web.config' || /^service\/.*\.xml$/.test(f.path)).map((f) => f.path);
    assert.equal(xmlFiles.length, 2, xmlFiles.join());
    for (const path of xmlFiles) {
      const e = en.find((f) => f.path === path)!.content;
      const c = cn.find((f) => f.path === path)!.content;
      const withoutComments = (t: string) => t.replace(/<!--[\s\S]*?-->/g, '').replace(/\n\s*\n/g, '\n');
      assert.equal(withoutComments(c), withoutComments(e), path);
      const comments = [...c.matchAll(/<!--([\s\S]*?)-->/g)].map((m) => m[1]!);
      assert.ok(comments.length >= 2 && comments.every((t) => CJK.test(t) && !t.includes('--')), `${path}: ${comments.join(' | ')}`);
      // Each comment line is Chinese (a line of names only, like a URL, is fine).
      const lines = comments.flatMap((t) => t.split('\n')).filter(englishSentence);
      assert.deepEqual(lines, [], path);
      if (path === 'web.config') {
        assert.deepEqual(checkText(c).findings.filter((f) => f.severity === 'error').map((f) => f.code), [], `${path} is a clean web.config`);
        assert.ok(c.includes('{HTTPS}') && c.includes('URL 重写') && c.includes('服务器变量'));
      }
    }
  });
}

test('a static folder served through a URL Rewrite rule: the rule\'s comment is Chinese too, in every bridge', () => {
  for (const bridge of ['wfastcgi', 'httpplatform', 'proxy'] as Bridge[]) {
    const options = {
      name: 'portal', bridge, server: SERVER, app: { handler: 'portal.wsgi.application', djangoSettings: 'portal.settings' },
      staticFolder: { folder: 'staticfiles', url: 'static', django: true }, ...(bridge === 'proxy' ? { proxy: { port: 8000 } } : {}),
    };
    const en = planDeployment(options, { requirements: true }).files.find((f) => f.path === 'web.config')!.content;
    const cn = planDeployment({ ...options, translate: zh }, { requirements: true }).files.find((f) => f.path === 'web.config')!.content;
    assert.ok(en.includes('<action type="Rewrite" url="staticfiles/{R:1}" />'), bridge);
    assert.equal(cn.replace(/<!--[\s\S]*?-->/g, ''), en.replace(/<!--[\s\S]*?-->/g, ''), bridge);
    const comments = [...cn.matchAll(/<!--([\s\S]*?)-->/g)].map((m) => m[1]!);
    assert.deepEqual(comments.filter((t) => !CJK.test(t)), [], bridge);
  }
});

/** The other servers' deploy/<target>/DEPLOY.md: with and without a virtual environment, set-up commands and a static folder elsewhere. */
const SERVER_CASES: [string, Partial<ServerDeployOptions>][] = [
  ['a venv, static/ at /static/', {}],
  ['the system Python, set-up commands, staticfiles/ at /assets/', {
    server: { appDir: '/srv/shop', python: '/usr/bin/python3' }, requirements: false, staticFolder: { folder: 'staticfiles', url: 'assets' },
    setup: { flaskCommands: { app: 'shop:create_app', commands: ['init-db'] } },
  }],
];

for (const target of SERVER_TARGETS) {
  for (const [name, over] of SERVER_CASES) {
    test(`deploy/${target}/DEPLOY.md (${name}) in zh-CN: Chinese prose, the same commands, paths and code as in English`, () => {
      const options: ServerDeployOptions = {
        name: 'shop', target, app: { handler: 'shop:app' }, server: { appDir: '/var/www/shop', python: '/var/www/shop/.venv/bin/python', venv: '/var/www/shop/.venv' },
        staticFolder: true, requirements: true, ...over,
      };
      const path = `deploy/${target}/DEPLOY.md`;
      const enFiles = planServerDeployment(options);
      const cnFiles = planServerDeployment({ ...options, translate: zh });
      const en = enFiles.find((f) => f.path === path)!.content;
      const cn = cnFiles.find((f) => f.path === path)!.content;
      // Besides DEPLOY.md, only the comments (and the Python files' docstrings) change with the language: every one is
      // Chinese, and without them each file is the English one byte for byte (the #! line is code, not a comment).
      const isComment = (l: string) => /^\s*#(?!!)/.test(l) || /^"{3}.*"{3}$/.test(l);
      const uncommented = (text: string) => text.split('\n').filter((l) => !isComment(l)).join('\n');
      const files = cnFiles.filter((f) => f.path !== path);
      assert.ok(files.filter((f) => f.path.startsWith('deploy/')).length >= 2, files.map((f) => f.path).join(', '));
      for (const f of files) {
        const enText = enFiles.find((e) => e.path === f.path)!.content;
        assert.equal(uncommented(f.content), uncommented(enText), f.path);
        const english = f.content.split('\n').filter((l) => isComment(l) && !CJK.test(l));
        assert.deepEqual(english, [], `${f.path}: English comment lines in a zh-CN scaffold`);
        if (enText.split('\n').some(isComment)) assert.notEqual(f.content, enText, f.path);
      }
      assert.notEqual(cn, en);
      assert.deepEqual(blocks(cn), blocks(en));
      assert.ok(blocks(en).length >= 3, `${blocks(en).length} blocks`);
      assert.deepEqual(proseOf(cn).filter(englishSentence), []);
      const spans = (md: string) => [...md.matchAll(/(`+)(?!`)([\s\S]*?[^`])\1(?!`)/g)].map((m) => m[0]).sort();
      assert.deepEqual(spans(cn), spans(en));
      for (const kept of ['www-data', '127.0.0.1:8000', 'http://your-host/', '/assets/', '/srv/shop', '/var/log/nginx/error.log', 'RuntimeDirectory']) {
        assert.equal(cn.includes(kept), en.includes(kept), kept);
      }
      assert.ok(/^# .*[\u4e00-\u9fff]/.test(cn), 'the title is Chinese');
    });
  }
}

test('the CLI writes the proxy bridge\'s and the other servers\' files in the locale\'s language (FLASK_IIS_LOCALE=zh-CN)', () => {
  const zhEnv = { FLASK_IIS_LOCALE: 'zh-CN' };
  const proxyDir = join(tempDir('deployzh-proxy'), 'shop');
  const r = cli(['new', proxyDir, '--bridge', 'proxy', '--name', 'shop'], zhEnv);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  const md = readFileSync(join(proxyDir, 'DEPLOY.md'), 'utf8');
  assert.ok(md.includes('允许 X-Forwarded-* 服务器变量') && md.includes('Windows 服务'), md);
  assert.deepEqual(proseOf(md).filter(englishSentence), []);
  const webConfig = readFileSync(join(proxyDir, 'web.config'), 'utf8');
  assert.ok([...webConfig.matchAll(/<!--([\s\S]*?)-->/g)].every((m) => CJK.test(m[1]!)), webConfig);
  const xml = readFileSync(join(proxyDir, 'service', 'shopBackend.xml'), 'utf8');
  assert.ok([...xml.matchAll(/<!--([\s\S]*?)-->/g)].every((m) => CJK.test(m[1]!)), xml);

  const serverDir = join(tempDir('deployzh-servers'), 'shop');
  const s = cli(['new', serverDir, '--server', 'gunicorn-nginx', '--name', 'shop'], zhEnv);
  assert.equal(s.status, 0, s.stdout + s.stderr);
  const guideText = readFileSync(join(serverDir, 'deploy', 'gunicorn-nginx', 'DEPLOY.md'), 'utf8');
  assert.ok(guideText.startsWith('# 使用 nginx 后面的 gunicorn 部署 shop'), guideText);
  assert.deepEqual(proseOf(guideText).filter(englishSentence), []);
});
