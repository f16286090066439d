/** HoverProvider for web.config: what IIS and wfastcgi do with the thing under the cursor. */
import * as vscode from 'vscode';
import { hover } from '../../core/editing/hover';
import { log } from '../../platform/log';
import type { CheckCache } from './checkCache';
import { checkOptionsFor } from './diagnostics';
import { docMarkdown } from '../docs';
import type { EditingEnvironment } from './editingEnv';
import { WEB_CONFIG_SELECTOR } from '../selector';

export function registerHover(cache: CheckCache, environment: EditingEnvironment): vscode.Disposable {
  return vscode.languages.registerHoverProvider(WEB_CONFIG_SELECTOR, {
    async provideHover(document, position, token) {
      try {
        const env = await environment.envFor(document);
        if (token.isCancellationRequested) return undefined;
        const doc = cache.get(document, () => checkOptionsFor(document)).model.doc;
        const h = hover(doc, document.offsetAt(position), env);
        if (!h) return undefined;
        return new vscode.Hover(docMarkdown(h.block, h.notes), new vscode.Range(document.positionAt(h.start), document.positionAt(h.end)));
      } catch (e) {
        log().error(`hover failed: ${e instanceof Error ? e.stack : String(e)}`);
        return undefined;
      }
    },
  });
}
