/**
 * `flask-iis init DIR --server S` and `new DIR --server S`: from what the user asked to the files of one of the
 * other deployment systems. The same request model as the IIS scaffold: the folder, the name, the application the
 * Python-aware analysis finds (or --handler), the static folder and set-up the analysis reads. Nothing is written here.
 */
import { basename } from 'node:path';
import type { Translate } from '../../core/messages';
import type { PythonSupport } from '../../core/python';
import { chooseApp, handlerProblem, nameProblem, suggestName, type AppCandidate, type Layout, type Problem, type ScaffoldPlan } from '../../core/scaffold';
import { appHandler, appModulePath, renderFlaskApp, renderGitignore, STYLESHEET } from '../../core/scaffold/appTemplates';
import { planServerDeployment, renderServerRequirements, targetProblem, unixServerPaths, type ServerDeployOptions, type ServerTarget } from '../../core/servers';
import { appAnalysis, deploymentSetup, hasRequirements } from '../scaffold/scaffoldProject';
import { targetFolder } from '../scaffold/scaffoldRequest';

export interface ServerRequest {
  dir: string;
  target: ServerTarget;
  name?: string;
  /** The application's folder on the server (--site-path). */
  appDir?: string;
  python?: string;
  /** DEPLOY.md in the display language. */
  translate?: Translate;
}

export type PreparedServer =
  | { ok: true; dir: string; name: string; target: ServerTarget; plan: ScaffoldPlan; notes: Problem[] }
  | { ok: false; problem: Problem; candidates?: AppCandidate[]; notes?: Problem[] };

function named(name: string | undefined, dir: string): { ok: true; name: string } | { ok: false; problem: Problem } {
  const chosen = name ?? suggestName(basename(dir));
  const problem = nameProblem(chosen);
  return problem ? { ok: false, problem } : { ok: true, name: chosen };
}

/** The deployment files of an existing project. */
export function prepareServerInit(req: ServerRequest & { handler?: string; candidates?: AppCandidate[] }, support: PythonSupport | undefined): PreparedServer {
  const dir = targetFolder(req.dir);
  const n = named(req.name, dir);
  if (!n.ok) return n;
  const analysis = req.candidates ? { candidates: req.candidates, skipped: [] } : support ? appAnalysis(dir, support) : { candidates: [], skipped: [] };
  const choice = chooseApp(analysis.candidates, req.handler, dir);
  if (!choice.ok) return { ok: false, problem: choice.problem, candidates: choice.candidates };
  const unusable = handlerProblem(choice.app.handler) ?? targetProblem(req.target, choice.app);
  if (unusable) return { ok: false, problem: unusable };
  const paths = unixServerPaths({ name: n.name, ...(req.appDir !== undefined ? { appDir: req.appDir } : {}), ...(req.python !== undefined ? { python: req.python } : {}) });
  if (!paths.ok) return paths;
  const { staticFolder, setup } = deploymentSetup(dir, support, choice.app);
  const o: ServerDeployOptions = { name: n.name, target: req.target, app: choice.app, server: paths.server, staticFolder, setup, requirements: hasRequirements(dir), ...(req.translate ? { translate: req.translate } : {}) };
  return { ok: true, dir, name: n.name, target: req.target, plan: { files: planServerDeployment(o) }, notes: [...choice.notes, ...paths.notes] };
}

/** A new Flask project and the deployment files of one target. */
export function prepareServerNew(req: ServerRequest & { layout?: Layout }): PreparedServer {
  const dir = targetFolder(req.dir);
  const n = named(req.name, dir);
  if (!n.ok) return n;
  const paths = unixServerPaths({ name: n.name, ...(req.appDir !== undefined ? { appDir: req.appDir } : {}), ...(req.python !== undefined ? { python: req.python } : {}) });
  if (!paths.ok) return paths;
  const layout = req.layout ?? 'package';
  const o: ServerDeployOptions = { name: n.name, target: req.target, app: { handler: appHandler(n.name, layout) }, server: paths.server, staticFolder: true, requirements: true, ...(req.translate ? { translate: req.translate } : {}) };
  const files = [
    { path: appModulePath(n.name, layout), content: renderFlaskApp(n.name, layout) },
    { path: 'static/site.css', content: STYLESHEET },
    { path: 'requirements.txt', content: renderServerRequirements(o) },
    { path: '.gitignore', content: renderGitignore(undefined) },
    ...planServerDeployment(o),
  ];
  return { ok: true, dir, name: n.name, target: req.target, plan: { files }, notes: paths.notes };
}
