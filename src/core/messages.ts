/**
 * Every user-facing sentence of the core, in one table (its parts live in messageTable/, one file per area).
 * Keys are stable; `{name}` marks an argument.
 * Adapters translate the English template (VS Code: `vscode.l10n.t(template, args)`, CLI: the same
 * l10n bundle), so a translation is a file (l10n/bundle.l10n.<locale>.json), not a code change.
 */
import { XML_MESSAGES } from './messageTable/xml';
import { RULE_MESSAGES } from './messageTable/rules';
import { HOST_TASK_MESSAGES } from './messageTable/hostTasks';
import { EDITOR_MESSAGES } from './messageTable/editor';
import { PYTHON_MESSAGES } from './messageTable/python';
import { SCAFFOLD_MESSAGES } from './messageTable/scaffold';
import { TRUST_MESSAGES } from './messageTable/trust';
import { UX_MESSAGES } from './messageTable/ux';
import { DEPLOY_MESSAGES } from './messageTable/deploy';
import { PROXY_MESSAGES } from './messageTable/proxy';
import { SERVER_MESSAGES } from './messageTable/servers';
import { SCHEMA_MESSAGES } from './messageTable/schema';
import { DEPLOY_PROXY_MESSAGES } from './messageTable/deployProxy';
import { DEPLOY_SERVER_MESSAGES } from './messageTable/deployServers';
import { PROXY_HOST_MESSAGES } from './messageTable/proxyHost';
import { EFFECTIVE_MESSAGES } from './messageTable/effective';
import { SERVER_COMMENT_MESSAGES } from './messageTable/serverComments';

/** The parts of the table; a key must be in exactly one of them (a unit test checks). */
export const MESSAGE_PARTS = [XML_MESSAGES, RULE_MESSAGES, HOST_TASK_MESSAGES, EDITOR_MESSAGES, PYTHON_MESSAGES, SCAFFOLD_MESSAGES, TRUST_MESSAGES, UX_MESSAGES, DEPLOY_MESSAGES, PROXY_MESSAGES, SERVER_MESSAGES, SCHEMA_MESSAGES, DEPLOY_PROXY_MESSAGES, DEPLOY_SERVER_MESSAGES, EFFECTIVE_MESSAGES, PROXY_HOST_MESSAGES, SERVER_COMMENT_MESSAGES];

export const MESSAGES = {
  ...XML_MESSAGES,
  ...RULE_MESSAGES,
  ...HOST_TASK_MESSAGES,
  ...EDITOR_MESSAGES,
  ...PYTHON_MESSAGES,
  ...SCAFFOLD_MESSAGES,
  ...TRUST_MESSAGES,
  ...UX_MESSAGES,
  ...DEPLOY_MESSAGES,
  ...PROXY_MESSAGES,
  ...SERVER_MESSAGES,
  ...SCHEMA_MESSAGES,
  ...DEPLOY_PROXY_MESSAGES,
  ...DEPLOY_SERVER_MESSAGES,
  ...EFFECTIVE_MESSAGES,
  ...PROXY_HOST_MESSAGES,
  ...SERVER_COMMENT_MESSAGES,
} as const;

export type MessageKey = keyof typeof MESSAGES;
export type MessageArgs = Record<string, string | number>;

/** Translates an English template; the identity when no translation is loaded. */
export type Translate = (template: string) => string;

/**
 * Renders a message: `{name}` placeholders are filled from `args`; an argument written `@key` is itself a
 * message of the table (a translated fragment), filled from the same arguments (all but its own, so a fragment
 * never expands itself). Unknown placeholders stay as written.
 */
export function renderMessage(key: MessageKey, args: MessageArgs = {}, translate: Translate = (t) => t): string {
  return fill(translate(MESSAGES[key]), args, translate);
}

export function fill(template: string, args: MessageArgs, translate: Translate = (t) => t): string {
  return template.replace(/\{(\w+)\}/g, (m, name: string) => {
    if (!(name in args)) return m;
    const v = String(args[name]);
    if (!v.startsWith('@') || !(v.slice(1) in MESSAGES)) return v;
    const { [name]: _self, ...rest } = args;
    return fill(translate(MESSAGES[v.slice(1) as MessageKey]), rest, translate);
  });
}
