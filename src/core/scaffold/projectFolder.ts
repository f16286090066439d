/** The new project's folder name (New Project asks for a parent folder and this name): one folder, valid on Windows. */
import type { MessageArgs, MessageKey } from '../messages';

export interface FolderProblem {
  key: MessageKey;
  args: MessageArgs;
}

const RESERVED = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?$/i;

/** Why `name` cannot be the new project's folder (one segment, no characters Windows refuses), or undefined. */
export function projectFolderProblem(name: string): FolderProblem | undefined {
  const n = name.trim();
  if (!n || n === '.' || n === '..' || /[<>:"/\\|?*\u0000-\u001f]/.test(n) || /[. ]$/.test(n) || RESERVED.test(n)) {
    return { key: 'scaffold.folder.invalid', args: { name } };
  }
  return undefined;
}
