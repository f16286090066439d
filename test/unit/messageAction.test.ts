/**
 * Issue 15: a finding's first sentence (what the Problems panel shows) names the problem AND what to do
 * ("…: remove it.", "Add …", "Quote …"), in English and in every translation. A message with truly no action
 * to give would be allow-listed below with the reason, and its first sentence must then say what the problem
 * means for the site (a consequence: "…, so IIS answers HTTP 500.19"); none needs it today.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { splitTemplate } from '../../src/core/messageParts';
import { MESSAGES, type MessageKey } from '../../src/core/messages';
import { FINDING_KEYS } from './findingKeys';

const L10N = resolve(__dirname, '../../l10n');

/** Imperative verbs a first sentence may tell the user to do. */
const EN_VERBS = ['add', 'allow', 'bind', 'end', 'change', 'check', 'choose', 'close', 'combine', 'configure', 'convert', 'create', 'define', 'delete', 'deploy',
  'enable', 'exclude', 'fix', 'give', 'grant', 'import', 'install', 'keep', 'let', 'make', 'map', 'merge', 'move', 'name', 'point',
  'put', 'quote', 'read', 'recreate', 'redirect', 'register', 'remove', 'rename', 'replace', 'round', 'run', 'save', 'serve', 'set', 'shorten', 'start',
  'strip', 'turn', 'unlock', 'use', 'wrap', 'write'];
/**
 * An English verb counts where an instruction starts: the start of the sentence, or after ": ", "; ", ", ",
 * "or", "and", "then", "so", "first", "please", "otherwise" ("…: remove it", "…, or use …", "…; write …").
 */
const EN_ACTION = new RegExp(`(?:^|[:;,—]\\s+|\\b(?:or|and|then|so|first|please|otherwise)\\s+)(?:${EN_VERBS.join('|')})\\b`, 'i');
/** Chinese: "请" (the imperative of UI text) or an action verb at the start of a clause (not 未安装 "not installed"). */
const ZH_VERBS = ['删除', '删掉', '去掉', '添加', '加上', '改为', '改成', '改用', '使用', '设置', '设为', '移到', '移至', '移入', '运行', '安装', '启用',
  '检查', '确认', '重命名', '合并', '替换', '写成', '写为', '授予', '修正', '修改', '指向', '绑定', '创建', '重新创建', '定义', '导入', '保留', '解锁',
  '注册', '关闭', '打开', '转换', '包装', '映射', '排除', '缩短', '启动', '给出', '保存'];
const ZH_ACTION = new RegExp(`请|(?:^|[：；，、:;,]\\s*|或|并|再|然后|改|先)(?:${ZH_VERBS.join('|')})(?!了)`);
/** A consequence for the site, for the allow-listed informational messages. */
const CONSEQUENCE = /\b(?:so|so that)\b|HTTP \d{3}|\banswers\b|\bfails?\b|\bnever\b|\bnot (?:checked|judged)\b|因此|所以|会返回|失败|不会|无法|不检查|不判断/;

/**
 * Messages with no action to give: the first sentence says what the problem means instead. Each with why.
 * Empty today: every finding has something the user can do (even "check it on the server"). A key added
 * here must state its reason, and must really have no action (the last test checks).
 */
const INFORMATIONAL: Partial<Record<MessageKey, string>> = {};

function translations(): [string, (t: string) => string][] {
  const out: [string, (t: string) => string][] = [['en', (t) => t]];
  for (const f of readdirSync(L10N).filter((f) => /^bundle\.l10n\..+\.json$/.test(f))) {
    const bundle = JSON.parse(readFileSync(join(L10N, f), 'utf8')) as Record<string, string>;
    out.push([f.slice('bundle.l10n.'.length, -'.json'.length), (t) => bundle[t] ?? t]);
  }
  return out;
}

/** The first sentence of a template, quoted text and placeholders blanked (an argument never supplies the action). */
function firstSentence(template: string): string {
  return splitTemplate(template).summary.replace(/\{\w+\}/g, 'X').replace(/"[^"]*"/g, '"X"');
}

export function hasAction(sentence: string, lang: string): boolean {
  return lang === 'en' ? EN_ACTION.test(sentence) : ZH_ACTION.test(sentence);
}

test('the action detector accepts instructions and rejects statements', () => {
  assert.ok(hasAction('White space around "X" in scriptProcessor never matches; remove it.', 'en'));
  assert.ok(hasAction('Add <add key="WSGI_HANDLER"/> to <appSettings>.', 'en'));
  assert.ok(hasAction('X is not installed: install URL Rewrite 2.1.', 'en'));
  assert.ok(!hasAction('White space around "X" in scriptProcessor.', 'en'));
  assert.ok(!hasAction('The file has no <configuration> element.', 'en'));
  assert.ok(!hasAction('wfastcgi uses the value as written and the settings are ignored.', 'en'));
  assert.ok(hasAction('IIS CGI 功能未安装：请安装 Web-CGI。', 'zh-cn'));
  assert.ok(hasAction('scriptProcessor 中 "|" 两侧有空白，永远匹配不上；删除它。', 'zh-cn'));
  assert.ok(!hasAction('IIS CGI 功能未安装。', 'zh-cn'));
  assert.ok(!hasAction('scriptProcessor 中使用了 "/"。', 'zh-cn'));
  assert.ok(!hasAction('PYTHONPATH 使用了 "X"：wfastcgi 只展开 %NAME% 形式的引用。', 'zh-cn'));
  assert.ok(!hasAction('IIS CGI feature is missing: install Web-CGI.', 'zh-cn'), 'English left in a translation is no Chinese action');
});

test('every finding message says what to do in its first sentence, in every language', () => {
  assert.ok(FINDING_KEYS.length > 250, `only ${FINDING_KEYS.length} finding messages found`);
  const missing: string[] = [];
  for (const [lang, translate] of translations()) {
    for (const key of FINDING_KEYS) {
      const sentence = firstSentence(translate(MESSAGES[key]));
      const ok = INFORMATIONAL[key] ? CONSEQUENCE.test(sentence) || hasAction(sentence, lang) : hasAction(sentence, lang);
      if (!ok) missing.push(`${lang} ${key}: ${sentence}`);
    }
  }
  assert.deepEqual(missing, [], `${missing.length} first sentences give no action`);
});

test('the informational allow-list is small and only holds finding messages', () => {
  const keys = Object.keys(INFORMATIONAL) as MessageKey[];
  assert.ok(keys.length <= 8, `${keys.length} informational keys: give them an action instead`);
  for (const k of keys) {
    assert.ok(FINDING_KEYS.includes(k), `${k} is not a finding message`);
    assert.ok(!hasAction(firstSentence(MESSAGES[k]), 'en'), `${k} gives an action: take it off the informational list`);
  }
});
