/** Go to definition and Ctrl+click links from the WSGI_HANDLER value to the Python module and definition. */
import * as vscode from 'vscode';
import { wsgiHandlerTargets, type HandlerTarget } from '../../core/python';
import { checkOptionsFor } from './diagnostics';

const SELECTOR: vscode.DocumentSelector = { pattern: '**/{web,Web,WEB}.config' };

function targets(document: vscode.TextDocument): HandlerTarget[] {
  try {
    const options = checkOptionsFor(document);
    return options.python ? wsgiHandlerTargets(document.getText(), options) : [];
  } catch {
    return [];
  }
}

const targetRange = (t: HandlerTarget) => new vscode.Range(t.range.start.line, t.range.start.character, t.range.end.line, t.range.end.character);

class WsgiHandlerLinks implements vscode.DefinitionProvider, vscode.DocumentLinkProvider {
  provideDefinition(document: vscode.TextDocument, position: vscode.Position): vscode.Definition | undefined {
    const offset = document.offsetAt(position);
    const t = targets(document).find((x) => x.start <= offset && offset <= x.end);
    return t ? new vscode.Location(vscode.Uri.file(t.path), targetRange(t)) : undefined;
  }

  provideDocumentLinks(document: vscode.TextDocument): vscode.DocumentLink[] {
    return targets(document).map((t) => {
      const uri = vscode.Uri.file(t.path).with({ fragment: `L${t.range.start.line + 1},${t.range.start.character + 1}` });
      const link = new vscode.DocumentLink(new vscode.Range(document.positionAt(t.start), document.positionAt(t.end)), uri);
      link.tooltip = vscode.l10n.t('Open the Python definition');
      return link;
    });
  }
}

export function registerWsgiHandlerLinks(): vscode.Disposable {
  const provider = new WsgiHandlerLinks();
  return vscode.Disposable.from(
    vscode.languages.registerDefinitionProvider(SELECTOR, provider),
    vscode.languages.registerDocumentLinkProvider(SELECTOR, provider),
  );
}
