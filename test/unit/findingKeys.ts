/**
 * The messages a user meets as a finding (a diagnostic, a `check`/`doctor` line) or as the error of a
 * server-config option: every template of the check tables (web.config, Python, schema, proxy, servers) and
 * the server checks (doctor.*), without the fragments other messages embed (`'@key'`), related-location
 * labels, quick-fix titles and command notes. Shared by the first-sentence tests (length and action).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { VSCODE_VARIANTS } from '../../src/core/hostVariants';
import type { MessageKey } from '../../src/core/messages';
import { HOST_TASK_MESSAGES } from '../../src/core/messageTable/hostTasks';
import { PROXY_MESSAGES } from '../../src/core/messageTable/proxy';
import { PROXY_HOST_MESSAGES } from '../../src/core/messageTable/proxyHost';
import { PYTHON_MESSAGES } from '../../src/core/messageTable/python';
import { RULE_MESSAGES } from '../../src/core/messageTable/rules';
import { SCHEMA_MESSAGES } from '../../src/core/messageTable/schema';
import { SERVER_MESSAGES } from '../../src/core/messageTable/servers';
import { XML_MESSAGES } from '../../src/core/messageTable/xml';

const ROOT = resolve(__dirname, '../..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? (f === 'messageTable' ? [] : sources(p)) : p.endsWith('.ts') ? [readFileSync(p, 'utf8')] : [];
  });
}

/** Keys the code only passes as a fragment of another message (`'@key'`, or a prefix in `@prefix.${...}`). */
function fragments(): (key: string) => boolean {
  const text = sources(join(ROOT, 'src')).join('\n');
  const exact = new Set([...text.matchAll(/'@([\w.-]+)'/g)].map((m) => m[1]!));
  const prefixes = [...text.matchAll(/`@([\w.-]+)\$\{/g)].map((m) => m[1]!);
  return (key) => exact.has(key) || prefixes.some((p) => key.startsWith(p));
}

/** Not findings: labels of related locations, quick-fix titles, verify's summary line, command notes and fragments. */
const NOT_FINDING = /^(related\.|fix\.|verify\.|scaffold\.|servers\.what\.|servers\.note\.|servers\.iis6\.migrate\.(planned|register|dropped)$|doctor\.right\.)/;

export const isFragment = fragments();

const base = [...Object.keys(XML_MESSAGES), ...Object.keys(RULE_MESSAGES), ...Object.keys(PYTHON_MESSAGES), ...Object.keys(SCHEMA_MESSAGES),
  ...Object.keys(PROXY_MESSAGES), ...Object.keys(SERVER_MESSAGES),
  ...[...Object.keys(HOST_TASK_MESSAGES), ...Object.keys(PROXY_HOST_MESSAGES)].filter((k) => k.startsWith('doctor.'))]
  .filter((k) => !isFragment(k) && !NOT_FINDING.test(k)) as MessageKey[];

/** Every finding message, with the VS Code wording of those that have one. */
export const FINDING_KEYS: MessageKey[] = [...base, ...base.map((k) => VSCODE_VARIANTS[k]).filter((k): k is MessageKey => !!k)];
