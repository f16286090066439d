/** What every CLI command writes to, and the error that means "a file or a program could not be used" (exit 2). */
import type { Translate } from '../core/messages';

export interface CommandIo {
  stdout(text: string): void;
  stderr(text: string): void;
  translate: Translate;
}

export class IoError extends Error {}
