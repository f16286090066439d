/**
 * "Check This Server": the doctor findings for an application folder, shown as diagnostics on its web.config
 * (same codes, messages and links as the check) and summarized. Argument: `{ folder }`.
 */
import * as vscode from 'vscode';
import { registerLoggedCommand } from '../../platform/commands';
import { showWithSetting } from '../settingButton';
import { checkServer } from '../../node/servers/serverCheck';
import { hostToolSettings } from '../../platform/config';
import { log } from '../../platform/log';
import { toDiagnostic } from '../convert';
import { chooseApp, commandArgs, requireHostTrust } from '../host/hostContext';

export class ServerCheckCommand implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('flask-iis-doctor');
  private readonly disposables: vscode.Disposable[] = [
    this.collection,
    registerLoggedCommand('flaskIis.checkServer', (arg?: unknown) => this.run(commandArgs<{ folder?: string }>(arg))),
    vscode.workspace.onDidCloseTextDocument((d) => this.collection.delete(d.uri)),
  ];

  private async run(args: { folder?: string }): Promise<{ codes: string[] } | undefined> {
    try {
      if (!requireHostTrust()) return undefined;
      const app = await chooseApp(args.folder);
      if (!app) return undefined;
      const settings = hostToolSettings();
      const checked = checkServer({ appDir: app.appDir, text: app.text, model: app.model, apphost: settings.appHostConfigPath, icacls: settings.icaclsPath });
      if (!checked.ok) {
        void showWithSetting('warning', checked.needsWindows ? vscode.l10n.t('Check This Server looks at a Windows host with IIS: run it there, or set flaskIis.appHostConfigPath to its applicationHost.config.') : vscode.l10n.t('Flask on IIS: {0}', checked.reason));
        return undefined;
      }
      const findings = checked.findings;
      const document = await vscode.workspace.openTextDocument(vscode.Uri.file(app.configPath));
      this.collection.set(document.uri, findings.map((f) => toDiagnostic(document, f)));
      const errors = findings.filter((f) => f.severity === 'error').length;
      log().info(`server check of ${app.appDir}: ${findings.map((f) => f.code).join(', ') || 'no findings'}`);
      const show = vscode.l10n.t('Show Problems');
      const message = findings.length ? vscode.l10n.t('Check This Server: {0} finding(s), {1} error(s).', findings.length, errors) : vscode.l10n.t('Check This Server: no problems found for {0}.', app.appDir);
      void (errors ? vscode.window.showErrorMessage(message, show) : vscode.window.showInformationMessage(message, ...(findings.length ? [show] : []))).then((a) => a && vscode.commands.executeCommand('workbench.actions.view.problems'));
      return { codes: findings.map((f) => f.code) };
    } catch (e) {
      log().error(`server check failed: ${e instanceof Error ? e.stack : String(e)}`);
      return undefined;
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
