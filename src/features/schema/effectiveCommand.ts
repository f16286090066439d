/**
 * "Show Effective Configuration": the configuration a folder runs under (the core's view), as a read-only Markdown
 * document (`flask-iis-effective:` scheme) whose file:line origins are links into the files. Argument: a folder
 * or web.config URI (explorer), else the active web.config's folder, else a workspace folder picked.
 * Reading files only: available in Restricted Mode too (nothing runs).
 */
import { dirname } from 'node:path';
import * as vscode from 'vscode';
import { sayWith } from '../../core/host/undo';
import type { Origin } from '../../core/schema/effective';
import { effectiveConfig, renderEffective } from '../../core/schema/effectiveView';
import { profileSchema } from '../../core/schema/profiles';
import { readEffectiveLayers } from '../../node/schema/effectiveLayers';
import { siteOfFolder } from '../../node/schema/siteOfFolder';
import { currentAppHost } from '../../platform/appHostCache';
import { registerLoggedCommand } from '../../platform/commands';
import { diagnosticsSettings } from '../../platform/config';
import { log } from '../../platform/log';
import { translate } from '../convert';
import { schemaOptions } from './schemaSettings';

export const EFFECTIVE_SCHEME = 'flask-iis-effective';
/** `[label](file:///path#L12,5)`: the links the view writes. */
const LINK = /\[([^\]\n]+)\]\((file:[^)\s]+)\)/g;

/** A path as the workspace names it (with the folder's name only in a multi-root workspace). */
const relativeName = (path: string) => vscode.workspace.asRelativePath(path, (vscode.workspace.workspaceFolders?.length ?? 0) > 1);

/** The URI of a folder's view: the folder is in the query, the path only names the tab. */
export function effectiveUri(dir: string): vscode.Uri {
  const name = relativeName(dir).replace(/[\\/]/g, ' › ');
  return vscode.Uri.from({ scheme: EFFECTIVE_SCHEME, path: `/${vscode.l10n.t('Effective configuration')} (${name}).md`, query: encodeURIComponent(dir) });
}

export function renderFolder(dir: string): string {
  const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(dir));
  const settings = diagnosticsSettings(vscode.Uri.file(dir));
  const host = currentAppHost(settings.appHostConfigPath);
  const read = readEffectiveLayers(dir, host, folder ? { stopAt: folder.uri.fsPath } : {});
  if (!read.ok) return `# ${vscode.l10n.t('Effective configuration')}\n\n${read.reason}\n`;
  const options = schemaOptions(settings);
  const site = siteOfFolder(read.dir, { appHost: host }, folder ? { stopAt: folder.uri.fsPath } : {});
  const view = effectiveConfig(relativeName(read.dir), read.layers, options.schema ?? profileSchema(options.target), site);
  const link = (file: string, label: string, o?: Origin) => `[${label.replace(/[[\]]/g, '')}](${vscode.Uri.file(file).with({ fragment: o ? `L${o.line},${o.column}` : '' }).toString()})`;
  const label = relativeName;
  return renderEffective(view, {
    say: sayWith(translate),
    origin: (o) => link(o.file, `${label(o.file)}:${o.line}`, o),
    file: (f) => link(f, label(f)),
    markdown: true,
  });
}

class EffectiveDocuments implements vscode.TextDocumentContentProvider, vscode.DocumentLinkProvider {
  readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  readonly open = new Set<string>();

  provideTextDocumentContent(uri: vscode.Uri): string {
    try {
      this.open.add(uri.toString());
      return renderFolder(decodeURIComponent(uri.query));
    } catch (e) {
      log().error(`effective configuration of ${uri.query}: ${e instanceof Error ? e.stack : String(e)}`);
      return `# ${vscode.l10n.t('Effective configuration')}\n\n${vscode.l10n.t('The effective configuration could not be computed; the Flask on IIS log has the details.')}\n`;
    }
  }

  provideDocumentLinks(document: vscode.TextDocument): vscode.DocumentLink[] {
    const links: vscode.DocumentLink[] = [];
    const text = document.getText();
    for (const m of text.matchAll(LINK)) {
      try {
        const start = document.positionAt(m.index + 1);
        links.push(new vscode.DocumentLink(new vscode.Range(start, start.translate(0, m[1]!.length)), vscode.Uri.parse(m[2]!)));
      } catch {
        // a malformed target is left as text
      }
    }
    return links;
  }

  refresh(): void {
    for (const u of this.open) this.changed.fire(vscode.Uri.parse(u));
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** The folder a command argument names (a folder, or a web.config's folder), else the active editor's, else a pick. */
async function folderOf(arg: unknown): Promise<string | undefined> {
  if (arg instanceof vscode.Uri && arg.scheme === 'file') {
    try {
      const st = await vscode.workspace.fs.stat(arg);
      return st.type & vscode.FileType.Directory ? arg.fsPath : dirname(arg.fsPath);
    } catch {
      return dirname(arg.fsPath);
    }
  }
  if (arg && typeof arg === 'object' && typeof (arg as { folder?: unknown }).folder === 'string') return (arg as { folder: string }).folder;
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active?.scheme === 'file' && /^web\.config$/i.test(active.path.split('/').pop() ?? '')) return dirname(active.fsPath);
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
  if (folders.length <= 1) return folders[0]?.uri.fsPath;
  const picked = await vscode.window.showWorkspaceFolderPick({ placeHolder: vscode.l10n.t('Show the effective configuration of which folder?') });
  return picked?.uri.fsPath;
}

export function registerEffectiveCommand(): vscode.Disposable {
  const docs = new EffectiveDocuments();
  const watcher = vscode.workspace.createFileSystemWatcher('**/[wW][eE][bB].[cC][oO][nN][fF][iI][gG]');
  const refresh = () => docs.refresh();
  return vscode.Disposable.from(
    docs,
    watcher,
    watcher.onDidChange(refresh),
    watcher.onDidCreate(refresh),
    watcher.onDidDelete(refresh),
    vscode.workspace.onDidCloseTextDocument((d) => docs.open.delete(d.uri.toString())),
    vscode.workspace.registerTextDocumentContentProvider(EFFECTIVE_SCHEME, docs),
    vscode.languages.registerDocumentLinkProvider({ scheme: EFFECTIVE_SCHEME }, docs),
    registerLoggedCommand('flaskIis.showEffectiveConfiguration', async (arg?: unknown) => {
      const dir = await folderOf(arg);
      if (!dir) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Open a folder or a web.config to show its effective configuration.'));
        return undefined;
      }
      const uri = effectiveUri(dir);
      const document = await vscode.workspace.openTextDocument(uri);
      docs.changed.fire(uri);
      await vscode.window.showTextDocument(document, { preview: true });
      return { uri: uri.toString() };
    }),
  );
}
