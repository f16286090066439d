/** A comment of a generated server file in the display language: `#` lines (a `\n` in the message starts a new one). */
import { renderMessage, type MessageArgs, type MessageKey } from '../messages';
import type { ServerDeployOptions } from './options';

export function commentLines(o: Pick<ServerDeployOptions, 'translate'>, indent: string, key: MessageKey, args: MessageArgs = {}): string[] {
  return renderMessage(key, args, o.translate).split('\n').map((line) => `${indent}# ${line}`);
}

/** The target's DEPLOY.md, as comments name it. */
export const guidePath = (o: Pick<ServerDeployOptions, 'target'>): string => `deploy/${o.target}/DEPLOY.md`;
