/**
 * The icacls grants register plans for the pool identity: read & execute on the site folder and on the
 * interpreter's folders (the venv and the installation its pyvenv.cfg names), modify on the log folder.
 * A grant is skipped when the identity already has that access (the ACL says so, or an earlier grant in the
 * plan is inherited there), so registering twice grants nothing twice and undo removes only our entries.
 */
import { checkPath } from './appcmd';
import type { AppLayout } from './appLayout';
import type { HostFacts } from './facts';
import { isUnder } from './hostPaths';
import { hasAccess, icacls, type Right } from './icacls';
import type { PlanStep } from './plan';
import { undoCommand, type Say, type Tools } from './undo';

export interface GrantTarget {
  path: string;
  right: Right;
  what: 'site' | 'venv' | 'interpreter' | 'base' | 'log';
}

export function grantTargets(appDir: string, layout: AppLayout): GrantTarget[] {
  const out: GrantTarget[] = [{ path: appDir, right: 'RX', what: 'site' }];
  if (layout.environment) out.push({ path: layout.environment, right: 'RX', what: layout.base ? 'venv' : 'interpreter' });
  if (layout.base) out.push({ path: layout.base, right: 'RX', what: 'base' });
  if (layout.logFolder) out.push({ path: layout.logFolder, right: 'M', what: 'log' });
  return out;
}

export interface GrantPlanning {
  steps: PlanStep[];
  notes: string[];
  problems: string[];
}

/** `principals`: every account the identity acts as (its own and its groups); `account` is what is granted. */
export function planGrants(targets: GrantTarget[], account: string, principals: string[], tools: Tools, facts: HostFacts, say: Say): GrantPlanning {
  const out: GrantPlanning = { steps: [], notes: [], problems: [] };
  const planned: GrantTarget[] = [];
  for (const target of targets) {
    const problem = checkPath(say(`plan.what.${target.what}`), target.path);
    if (problem) {
      out.problems.push(say(problem.key, problem.args));
      continue;
    }
    const what = say(`plan.what.${target.what}`);
    if (facts.exists(target.path) === false) {
      out.notes.push(say('plan.note.missingFolder', { path: target.path, what }));
      continue;
    }
    if (planned.some((p) => isUnder(target.path, p.path) && (p.right === 'M' || target.right === 'RX'))) continue;
    const acl = facts.acl(target.path);
    if (acl && hasAccess(acl, principals, target.right)) {
      out.notes.push(say('plan.note.hasAccess', { principal: account, path: target.path, right: target.right }));
      continue;
    }
    planned.push(target);
    const creates = { kind: 'grant' as const, path: target.path, principal: account };
    out.steps.push({
      argv: icacls.grant(tools.icacls, target.path, account, target.right),
      why: say(target.right === 'M' ? 'plan.grant.modify' : 'plan.grant.read', { principal: account, path: target.path, what }),
      undo: [undoCommand(creates, tools)],
      creates,
    });
  }
  return out;
}
