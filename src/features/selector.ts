/** Which documents the extension serves: files named web.config in any letter case, any language id. */
import type * as vscode from 'vscode';

export const WEB_CONFIG_PATTERN = '**/[wW][eE][bB].[cC][oO][nN][fF][iI][gG]';

export const WEB_CONFIG_SELECTOR: vscode.DocumentSelector = [{ pattern: WEB_CONFIG_PATTERN }];

export function isWebConfig(document: vscode.TextDocument): boolean {
  const name = document.uri.path.slice(document.uri.path.lastIndexOf('/') + 1);
  return name.toLowerCase() === 'web.config';
}
