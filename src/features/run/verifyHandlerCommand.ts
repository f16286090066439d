/** "Flask on IIS: Verify WSGI Handler": load the handler with a real interpreter as wfastcgi would, show the result. */
import * as vscode from 'vscode';
import { registerLoggedCommand } from '../../platform/commands';
import { showWithSetting } from '../settingButton';
import { dirname } from 'node:path';
import { servedByWfastcgi } from '../../core/python/analysis';
import { checkText } from '../../core/check';
import { confirmArgs, interpreterFor, type ConfirmArgs } from '../configTrust';
import { verifyVerdict } from '../../node/run/verifyReport';
import { verifyHandler } from '../../node/run/wfastcgiRunner';
import { log } from '../../platform/log';
import { toDiagnostic } from '../convert';
import { machineSetting, pickWebConfig, requireTrust } from '../python/pythonInterpreter';

export class VerifyHandlerCommand implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('flask-iis-verify');
  private readonly disposables: vscode.Disposable[] = [
    this.collection,
    registerLoggedCommand('flaskIis.verifyHandler', (args?: unknown) => this.run(confirmArgs(args))),
    vscode.workspace.onDidChangeTextDocument((e) => this.collection.delete(e.document.uri)),
    vscode.workspace.onDidCloseTextDocument((d) => this.collection.delete(d.uri)),
  ];

  private async run(args: ConfirmArgs): Promise<void> {
    try {
      if (!requireTrust()) return;
      const document = await pickWebConfig();
      if (!document) return;
      const model = checkText(document.getText()).model;
      if (!servedByWfastcgi(model)) {
        void vscode.window.showInformationMessage(vscode.l10n.t('This web.config uses HttpPlatformHandler, which does not read WSGI_HANDLER. Use "Run Locally as IIS Would".'));
        return;
      }
      const choice = await interpreterFor(document, model, args);
      if (!choice) {
        void showWithSetting('warning', vscode.l10n.t('No Python interpreter: set flaskIis.python.interpreterPath, or select one with the Python extension.'));
        return;
      }
      await this.verify(document, model, choice.python);
    } catch (e) {
      log().error(`verify failed: ${e instanceof Error ? e.stack : String(e)}`);
    }
  }

  private async verify(document: vscode.TextDocument, model: ReturnType<typeof checkText>['model'], python: string): Promise<void> {
    const timeoutMs = (machineSetting<number>('python.timeoutSeconds') ?? 30) * 1000;
    log().info(`verify ${document.uri.fsPath} with ${python}`);
    const outcome = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Flask on IIS: loading WSGI_HANDLER as wfastcgi would and sending GET / through it…'), cancellable: true }, (_p, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      return verifyHandler({ python, appDir: dirname(document.uri.fsPath), timeoutMs, signal: controller.signal, log: (l) => log().info(l) });
    });
    const verdict = verifyVerdict(model, python, outcome);
    if (verdict.verdict === 'could-not-run') {
      log().warn(`verify could not run: ${verdict.reason}`);
      if (verdict.reason !== 'cancelled') void vscode.window.showWarningMessage(vscode.l10n.t('Flask on IIS could not run the check: {0}', verdict.reason));
      return;
    }
    log().info(verdict.summary);
    for (const n of verdict.notFound ?? []) log().info(`GET ${n.path} answered 404 (the application has ${n.routes ?? 'an unknown number of'} routes): verify another URL.`);
    for (const f of verdict.findings) log().info(String(f.args['error'] ?? ''));
    this.collection.set(document.uri, verdict.findings.map((f) => toDiagnostic(document, f)));
    if (verdict.verdict === 'loads') void vscode.window.showInformationMessage(vscode.l10n.t('Flask on IIS: {0}', verdict.summary));
    else void vscode.window.showErrorMessage(vscode.l10n.t('Flask on IIS: WSGI_HANDLER does not serve: {0}', verdict.summary), vscode.l10n.t('Show Problems')).then((a) => a && vscode.commands.executeCommand('workbench.actions.view.problems'));
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
