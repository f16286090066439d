/** A quick fix and what a recipe sees: shared by fixes.ts (which picks the recipe) and the recipe files. */
import type { CheckResult } from '../check';
import type { Finding } from '../findings';
import type { MessageArgs, MessageKey } from '../messages';
import type { XmlElement } from '../xml/types';
import type { EditingEnv } from './env';
import type { TextEdit } from './textEdits';

export interface Fix {
  title: { key: MessageKey; args?: MessageArgs };
  edits: TextEdit[];
  createFiles?: { relativePath: string; content: string }[];
  isPreferred?: boolean;
}

export interface FixContext {
  result: CheckResult;
  finding: Finding;
  env: EditingEnv;
  text: string;
  element: XmlElement | undefined;
}
