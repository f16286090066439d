/** "Flask on IIS: Run Locally as IIS Would" (and Stop): serve the app on 127.0.0.1, output in the log channel. */
import * as vscode from 'vscode';
import { showWithSetting } from '../settingButton';
import { registerLoggedCommand } from '../../platform/commands';
import { dirname } from 'node:path';
import { checkText } from '../../core/check';
import { COLD_START_HINT_MS, startLocalRun, usesHttpPlatform, type LocalRun } from '../../node/run/localRun';
import { sayWith } from '../../core/host/undo';
import { log } from '../../platform/log';
import { translate } from '../convert';
import { confirmArgs, confirmConfigProgram, interpreterFor, type ConfirmArgs } from '../configTrust';
import { chosenInterpreter, pickWebConfig, requireTrust } from '../python/pythonInterpreter';

export class RunLocallyCommand implements vscode.Disposable {
  private current: LocalRun | undefined;
  private readonly disposables: vscode.Disposable[] = [
    registerLoggedCommand('flaskIis.runLocally', (args?: unknown) => this.start(confirmArgs(args))),
    registerLoggedCommand('flaskIis.stopLocalRun', () => this.stop()),
  ];

  private async start(args: ConfirmArgs): Promise<void> {
    try {
      if (!requireTrust()) return;
      const document = await pickWebConfig();
      if (!document) return;
      this.stop();
      const model = checkText(document.getText()).model;
      const python = usesHttpPlatform(model) ? await chosenInterpreter(document.uri) : (await interpreterFor(document, model, args))?.python;
      log().show(true);
      log().info(`run ${document.uri.fsPath}${python ? ` with ${python}` : ''}`);
      const launch = (trustConfig: boolean) => vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Flask on IIS: starting the app as IIS would…'), cancellable: true }, (_p, token) => {
        const controller = new AbortController();
        token.onCancellationRequested(() => controller.abort());
        return startLocalRun({ model, appDir: dirname(document.uri.fsPath), python, trustConfig, say: sayWith(translate), port: 0, log: (l) => log().info(l), signal: controller.signal });
      });
      let result = await launch(false);
      // An httpPlatform processPath is the repository's choice: start it only after the user confirms the exact command line.
      if (!result.ok && result.needsTrust && (await confirmConfigProgram(result.needsTrust, vscode.l10n.t('The httpPlatform processPath and arguments of this web.config.'), args))) result = await launch(true);
      if (!result.ok) {
        log().error(result.reason);
        void showWithSetting('error', vscode.l10n.t('Flask on IIS: the app does not start: {0}', result.reason.split('\n')[0] ?? ''));
        return;
      }
      this.setCurrent(result.run);
      void result.run.process.exited.then((e) => {
        log().info(`the local server stopped (${e.code ?? e.signal})`);
        if (this.current === result.run) this.setCurrent(undefined);
      });
      this.report(result.run);
    } catch (e) {
      log().error(`run failed: ${e instanceof Error ? e.stack : String(e)}`);
    }
  }

  private report(run: LocalRun): void {
    const first = run.firstRequest;
    const timing = 'error' in first ? vscode.l10n.t('first request failed: {0}', first.error) : vscode.l10n.t('first request: HTTP {0} after {1} ms', first.status, first.ms);
    log().info(`serving on ${run.url} (${run.bridge}); ${timing}`);
    if (!('error' in first) && first.ms > COLD_START_HINT_MS) log().warn('IIS starts the process on the first request after every recycle or idle timeout, so users wait this long. Import less at start-up, or keep it warm (startMode="AlwaysRunning", idleTimeout 0, Application Initialization).');
    const open = vscode.l10n.t('Open in Browser');
    const stop = vscode.l10n.t('Stop');
    void vscode.window.showInformationMessage(vscode.l10n.t('Flask on IIS: serving on {0} ({1})', run.url, timing), open, stop).then((a) => {
      if (a === open) void vscode.env.openExternal(vscode.Uri.parse(run.url));
      if (a === stop) this.stop();
    });
  }

  private stop(): void {
    this.current?.process.kill();
    this.setCurrent(undefined);
  }

  /** The `flaskIis.localRunActive` context key shows "Stop the Local Run" only while a run is active. */
  private setCurrent(run: LocalRun | undefined): void {
    this.current = run;
    void vscode.commands.executeCommand('setContext', 'flaskIis.localRunActive', run !== undefined);
  }

  dispose(): void {
    this.stop();
    for (const d of this.disposables) d.dispose();
  }
}
