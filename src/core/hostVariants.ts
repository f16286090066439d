/**
 * Messages whose CLI wording names command-line flags (--pool, --apphost, --site-path, --python, ...) have a
 * VS Code wording that names settings, task properties or commands instead. The VS Code adapter renders the
 * variant (its `translate` swaps the template); the CLI keeps the original.
 */
import type { MessageKey } from './messages';

export const VSCODE_VARIANTS: Partial<Record<MessageKey, MessageKey>> = {
  'refuse.sitePool': 'vscode.refuse.sitePool',
  'refuse.noWfastcgi': 'vscode.refuse.noWfastcgi',
  'refuse.noPool': 'vscode.refuse.noPool',
  'refuse.hostUnknown': 'vscode.refuse.hostUnknown',
  'doctor.notRegistered': 'vscode.doctor.notRegistered',
  'doctor.coldStart': 'vscode.doctor.coldStart',
  'py.pythonPathOutsideSite': 'vscode.py.pythonPathOutsideSite',
  'wsgi.handlerMissing.noSettings': 'vscode.wsgi.handlerMissing.noSettings',
  'scaffold.note.siteDefault': 'vscode.scaffold.note.siteDefault',
  'trust.configInterpreterSkipped': 'vscode.trust.configInterpreterSkipped',
  'trust.noInterpreter': 'vscode.trust.noInterpreter',
  'trust.pathSkipped': 'vscode.trust.pathSkipped',
  'trust.processPathReplaced': 'vscode.trust.processPathReplaced',
  'trust.processPathMissing': 'vscode.trust.processPathMissing',
  'trust.processPathNeedsTrust': 'vscode.trust.processPathNeedsTrust',
  'scaffold.venv.invalid': 'vscode.scaffold.venv.invalid',
  'scaffold.path.quote': 'vscode.scaffold.path.quote',
  'plan.note.toolsUnknown': 'vscode.plan.note.toolsUnknown',
  'proxy.notTrusted': 'vscode.proxy.notTrusted',
  'proxy.fixWithoutProxy': 'vscode.proxy.fixWithoutProxy',
  'schema.attributeNotInTarget': 'vscode.schema.attributeNotInTarget',
  'schema.elementNotInTarget': 'vscode.schema.elementNotInTarget',
  'servers.note.appDirDefault': 'vscode.servers.note.appDirDefault',
  'scaffold.proxy.notProxy': 'vscode.scaffold.proxy.notProxy',
  'plan.note.noWinsw': 'vscode.plan.note.noWinsw',
  'migrate.cgiNoApp': 'vscode.migrate.cgiNoApp',
};

/** The VS Code wording of each English template that has one (template → template). */
export function vscodeTemplateVariants(messages: Record<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, variant] of Object.entries(VSCODE_VARIANTS)) {
    const from = messages[key];
    const to = variant ? messages[variant] : undefined;
    if (from && to) out.set(from, to);
  }
  return out;
}
