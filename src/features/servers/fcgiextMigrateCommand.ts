/**
 * "Flask on IIS: Migrate fcgiext.ini to IIS 7+…" and its quick fix on an open fcgiext.ini: the section that runs
 * wfastcgi.py becomes a web.config in a folder of the user's (never over a different one without asking; a .bak copy
 * first) and the FastCGI registration the host tasks make, shown as PowerShell in a new untitled editor: it is never
 * run. IIS 6 is out of support, and the script's first line says so.
 */
import * as vscode from 'vscode';
import { basename } from 'node:path';
import { renderMessage } from '../../core/messages';
import { fcgiextRefusalProblem, planFcgiextMigration } from '../../core/servers';
import { refusalProblem } from '../../node/scaffold/scaffoldFs';
import { inspectPlan, writePlan } from '../../node/scaffold/scaffoldWriter';
import { registerLoggedCommand } from '../../platform/commands';
import { log } from '../../platform/log';
import { translate } from '../convert';
import { askSitePath, confirmOverwrite, pickFolder, Steps } from '../scaffold/scaffoldPrompts';
import { showWithSetting } from '../settingButton';

export const FCGIEXT_SELECTOR: vscode.DocumentSelector = { scheme: 'file', pattern: '**/{fcgiext,FCGIEXT,Fcgiext,FcgiExt}.ini' };

export interface FcgiextMigrateOptions {
  uri?: vscode.Uri | string;
  /** The local folder web.config goes to; asked when missing. */
  folder?: string;
  section?: string;
  /** The site's folder on the IIS server; asked only when the file does not say it. */
  sitePath?: string;
  /** web.config exists and differs: undefined asks (modal), true replaces it keeping a .bak copy, false writes nothing. */
  overwrite?: boolean;
}

export interface FcgiextMigrateResult {
  section: string;
  folder: string;
  written: string[];
  backups: string[];
  conflicts?: string[];
  /** The registration, as shown in the untitled editor. */
  script: string;
}

export function registerFcgiextMigration(): vscode.Disposable {
  const provider: vscode.CodeActionProvider = {
    provideCodeActions(document) {
      try {
        if (!/\[\s*types\s*\]/i.test(document.getText())) return [];
        const title = vscode.l10n.t('Migrate to IIS 7+: web.config and the FastCGI registration');
        const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
        action.command = { command: 'flaskIis.migrateFcgiext', title, arguments: [{ uri: document.uri }] };
        return [action];
      } catch {
        return [];
      }
    },
  };
  return vscode.Disposable.from(
    vscode.languages.registerCodeActionsProvider(FCGIEXT_SELECTOR, provider, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
    registerLoggedCommand('flaskIis.migrateFcgiext', async (arg?: vscode.Uri | FcgiextMigrateOptions) => {
      try {
        return await migrate(arg instanceof vscode.Uri ? { uri: arg } : arg ?? {});
      } catch (e) {
        log().error(`fcgiext migration failed: ${e instanceof Error ? e.stack : String(e)}`);
        return undefined;
      }
    }),
  );
}

const fail = (text: string): undefined => {
  void showWithSetting('error', vscode.l10n.t('Flask on IIS: {0}', text));
  return undefined;
};

async function migrate(options: FcgiextMigrateOptions): Promise<FcgiextMigrateResult | undefined> {
  const uri = typeof options.uri === 'string' ? vscode.Uri.file(options.uri) : options.uri ?? vscode.window.activeTextEditor?.document.uri;
  if (!uri || !/\.ini$/i.test(uri.path)) return fail(vscode.l10n.t('open an IIS 6 fcgiext.ini first.'));
  const document = await vscode.workspace.openTextDocument(uri);
  const steps = new Steps(vscode.l10n.t('Migrate fcgiext.ini to IIS 7+'), options.folder === undefined ? 1 : 0);
  const base = { ...(options.section ? { section: options.section } : {}), translate };
  let plan = planFcgiextMigration(document.getText(), { ...base, ...(options.sitePath ? { sitePath: options.sitePath } : {}) });
  if (!plan.ok && plan.reason === 'no-site-path' && !options.sitePath) {
    const sitePath = await askSitePath(steps, 'C:\\inetpub\\wwwroot');
    if (!sitePath) return undefined;
    plan = planFcgiextMigration(document.getText(), { ...base, sitePath });
  }
  if (!plan.ok) {
    const p = fcgiextRefusalProblem(plan);
    return fail(renderMessage(p.key, p.args, translate));
  }
  const folder = options.folder ?? (await pickFolder(steps));
  if (!folder) return undefined;
  const files = [{ path: 'web.config', content: plan.webConfig }];
  const { conflicts, refused } = inspectPlan(folder, files);
  if (refused.length) return fail(refused.map((r) => renderMessage(refusalProblem(r).key, refusalProblem(r).args, translate)).join(' '));
  const script = [
    `# ${renderMessage('servers.iis6.migrate.planned', { file: basename(uri.fsPath), section: plan.section }, translate)}`,
    `# ${renderMessage('servers.iis6.migrate.register', {}, translate)}`,
    ...(plan.dropped.length ? [`# ${renderMessage('servers.iis6.migrate.dropped', { keys: plan.dropped.join(', ') }, translate)}`] : []),
    plan.script,
    '',
  ].join('\n');
  const force = conflicts.length > 0 && (options.overwrite ?? (await confirmOverwrite(conflicts)));
  if (conflicts.length && !force) return { section: plan.section, folder, written: [], backups: [], conflicts, script };
  const result = writePlan(folder, files, { force });
  if (!result.ok) return fail(result.reason === 'unsafe' ? result.refused.map((r) => renderMessage(refusalProblem(r).key, refusalProblem(r).args, translate)).join(' ') : result.reason === 'io' ? result.error : result.conflicts.join(', '));
  const shown = await vscode.workspace.openTextDocument({ language: 'powershell', content: script });
  await vscode.window.showTextDocument(shown, { preview: false });
  void vscode.window.showInformationMessage(vscode.l10n.t('Flask on IIS: wrote web.config for [{0}]. Run the FastCGI registration shown on the IIS 7+ server, as an administrator.', plan.section));
  return { section: plan.section, folder, written: result.written, backups: result.backups.map((b) => b.backup), script };
}
