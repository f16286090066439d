/**
 * The icacls grants register plans for the pool identity: read & execute on the site folder and on the
 * interpreter's folders (the venv and the installation its pyvenv.cfg names), modify on the log folder.
 *
 * web.config and pyvenv.cfg are project files, so they never decide alone where access is granted. A grant is
 * planned without a question only on the site folder, on folders below it (after resolving links and
 * junctions), and on the installation of the interpreter the user named (--python, the machine setting).
 * Any other folder is a question for the user (`--grant-outside PATH`, a modal dialog in VS Code); a Windows
 * system folder never gets modify; network and device paths are never looked at from here.
 * A grant is skipped when the identity already has that access (the ACL says so, or an earlier grant in the
 * plan is inherited there), so registering twice grants nothing twice and undo removes only our entries.
 */
import { checkPath } from './appcmd';
import type { AppLayout } from './appLayout';
import type { HostFacts } from './facts';
import { isRemoteOrDevicePath, isSystemFolder, isUnder, samePath } from './hostPaths';
import { hasAccess, icacls, type Right } from './icacls';
import type { PlanStep } from './planStep';
import { undoCommand, type Say, type Tools } from './undo';

export type GrantWhat = 'site' | 'venv' | 'interpreter' | 'base' | 'log' | 'serviceLog';

export interface GrantTarget {
  path: string;
  right: Right;
  what: GrantWhat;
}

export function grantTargets(appDir: string, layout: Pick<AppLayout, 'bridge' | 'environment' | 'base' | 'logFolder'>): GrantTarget[] {
  const out: GrantTarget[] = [{ path: appDir, right: 'RX', what: 'site' }];
  if (layout.environment) out.push({ path: layout.environment, right: 'RX', what: layout.base ? 'venv' : 'interpreter' });
  if (layout.base) out.push({ path: layout.base, right: 'RX', what: 'base' });
  if (layout.logFolder) out.push({ path: layout.logFolder, right: 'M', what: 'log' });
  return out;
}

/** What the user decided about folders outside the site folder. */
export interface GrantScope {
  /** The installation folder of the interpreter the user named (--python, the machine setting), if any. */
  chosen?: string | undefined;
  /** Folders outside the site folder the user confirmed, exactly (--grant-outside PATH, the modal question). */
  confirmed?: string[] | undefined;
  /** Folders outside the site folder the user declined (VS Code's question). */
  declined?: string[] | undefined;
}

/** A grant outside the site folder that waits for the user's confirmation; never a step until confirmed. */
export interface GrantQuestion {
  path: string;
  right: Right;
  principal: string;
  what: GrantWhat;
  /** Why it is asked (rendered): who chose the folder and what it is for. */
  why: string;
}

export interface GrantPlanning {
  steps: PlanStep[];
  notes: string[];
  problems: string[];
  questions: GrantQuestion[];
}

const rightName = (right: Right) => (right === 'M' ? '@doctor.right.M' : '@doctor.right.RX');

/**
 * `principals`: every account the identity acts as (its own and its groups); `account` is what is granted;
 * `who`: the pool identity, or the account of the reverse-proxy bridge's service (serviceGrants.ts).
 */
export function planGrants(appDir: string, targets: GrantTarget[], account: string, principals: string[], scope: GrantScope, tools: Tools, facts: HostFacts, say: Say, who: 'pool' | 'service' = 'pool'): GrantPlanning {
  const out: GrantPlanning = { steps: [], notes: [], problems: [], questions: [] };
  // The service's account is granted by SID; people read its name.
  const shown = who === 'service' ? `LocalService (${account})` : account;
  const planned: GrantTarget[] = [];
  const realSite = facts.realPath?.(appDir) ?? appDir;
  for (const written of targets) {
    const what = say(`plan.what.${written.what}`);
    const problem = checkPath(what, written.path);
    if (problem) {
      out.problems.push(say(problem.key, problem.args));
      continue;
    }
    if (isRemoteOrDevicePath(written.path)) {
      out.notes.push(say('plan.note.remotePath', { path: written.path, what }));
      continue;
    }
    const target = { ...written, path: resolved(written.path, realSite, facts) };
    const link = samePath(target.path, written.path) ? undefined : written.path;
    if (facts.exists(target.path) === false) {
      out.notes.push(say('plan.note.missingFolder', { path: target.path, what }));
      continue;
    }
    if (target.right === 'M' && isSystemFolder(target.path, facts.env)) {
      out.notes.push(say('plan.note.systemModify', { path: target.path, what }));
      continue;
    }
    if (planned.some((p) => isUnder(target.path, p.path) && (p.right === 'M' || target.right === 'RX'))) continue;
    const acl = facts.acl(target.path);
    if (acl && hasAccess(acl, principals, target.right)) {
      out.notes.push(say('plan.note.hasAccess', { principal: shown, path: target.path, right: target.right }));
      continue;
    }
    const inside = target.what === 'site' || isUnder(target.path, appDir) || isUnder(target.path, realSite);
    const chosen = scope.chosen !== undefined && target.right === 'RX' && target.what !== 'log' && target.what !== 'serviceLog' && samePath(target.path, scope.chosen);
    if (!inside && !chosen && !(scope.confirmed ?? []).some((c) => samePath(c, target.path))) {
      if ((scope.declined ?? []).some((c) => samePath(c, target.path))) {
        out.notes.push(say('plan.note.declined', { path: target.path, what, rightName: rightName(target.right) }));
      } else {
        const why = say(link ? 'plan.question.link' : 'plan.question.grant', { principal: shown, path: target.path, what, link: link ?? '', site: appDir, rightName: rightName(target.right) });
        out.questions.push({ path: target.path, right: target.right, principal: shown, what: target.what, why });
      }
      continue;
    }
    planned.push(target);
    const creates = { kind: 'grant' as const, path: target.path, principal: account };
    out.steps.push({
      argv: icacls.grant(tools.icacls, target.path, account, target.right),
      why: say(who === 'service' ? (target.right === 'M' ? 'plan.grant.serviceModify' : 'plan.grant.serviceRead') : target.right === 'M' ? 'plan.grant.modify' : 'plan.grant.read', { principal: account, path: target.path, what }),
      undo: [undoCommand(creates, tools)],
      creates,
    });
  }
  return out;
}

/**
 * Where a grant on `path` really lands: icacls follows links and junctions, so a folder of the project that is
 * a link out of it is judged (and named) by its target. Paths that resolve to where they say are kept as written.
 */
function resolved(path: string, realSite: string, facts: HostFacts): string {
  const real = facts.realPath?.(path);
  if (!real || samePath(real, path) || isUnder(real, realSite)) return path;
  return real;
}
