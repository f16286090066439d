/**
 * `enable` / `disable`: run the interpreter's own wfastcgi-enable / wfastcgi-disable (after `pip install
 * wfastcgi` into it when asked), for full IIS or, with an appcmd path and `/apphostconfig:`, IIS Express, as
 * wfastcgi documents. Each step also carries the appcmd command line wfastcgi itself will run.
 */
import type { Translate } from '../messages';
import { sameRegistration, type AppHostConfig } from './appHost';
import { checkBracketValue, fastCgiArgs, wfastcgiQuoted } from './appcmd';
import { emptyPlan, type Plan, type Planned } from './plan';
import { sayWith } from './undo';

export interface EnableRequest {
  action: 'enable' | 'disable';
  python: string;
  /** wfastcgi-enable / wfastcgi-disable next to the interpreter, when wfastcgi is installed there. */
  tools?: { enable: string; disable: string };
  /** Where pip puts them (used after installing). */
  expectedTools: { enable: string; disable: string };
  /** The interpreter's wfastcgi.py (found, or where pip will put it). */
  wfastcgiPy: string;
  /** Install wfastcgi with pip first when it is missing. */
  install: boolean;
  /** An appcmd.exe to use instead of full IIS's (IIS Express), and/or its configuration file. */
  appcmd?: string;
  apphostconfig?: string;
  /** `%SystemRoot%\system32\inetsrv\appcmd.exe` as wfastcgi computes it. */
  defaultAppcmd: string;
  /** The configuration wfastcgi will change, to plan nothing when it is already (un)registered. */
  appHost?: AppHostConfig;
  translate?: Translate;
}

export interface EnablePlan extends Extract<Planned, { ok: true }> {
  /** The scriptProcessor value wfastcgi-enable prints: what web.config must contain. */
  scriptProcessor: string;
}

export function enablePlan(req: EnableRequest): EnablePlan | Extract<Planned, { ok: false }> {
  const say = sayWith(req.translate);
  const problems: string[] = [];
  for (const [what, value] of [['python.exe', req.python], ['wfastcgi.py', req.wfastcgiPy]] as const) {
    const p = checkBracketValue(what, value);
    if (p) problems.push(say(p.key, p.args));
  }
  if (!req.tools && (req.action === 'disable' || !req.install)) problems.push(say(req.action === 'disable' ? 'refuse.noWfastcgiDisable' : 'refuse.noWfastcgi', { python: req.python }));
  if (problems.length) return { ok: false, problems };
  const exe = wfastcgiQuoted(req.python);
  const script = wfastcgiQuoted(req.wfastcgiPy);
  const scriptProcessor = `${exe}|${script}`;
  const plan: Plan = emptyPlan();
  const registered = req.appHost?.fastCgiApplications.some((a) => sameRegistration(a, exe, script));
  if (registered !== undefined && registered === (req.action === 'enable')) {
    plan.notes.push(say(req.action === 'enable' ? 'plan.note.alreadyEnabled' : 'plan.note.notEnabled', { value: scriptProcessor, apphost: req.appHost!.path }));
    return { ok: true, plan, scriptProcessor };
  }
  if (!req.tools) plan.steps.push({ argv: [req.python, '-m', 'pip', 'install', 'wfastcgi'], why: say('plan.pip', { python: req.python }), asUser: true });
  const tools = req.tools ?? req.expectedTools;
  const prefix = req.appcmd || req.apphostconfig ? [req.appcmd ?? req.defaultAppcmd, ...(req.apphostconfig ? [`/apphostconfig:${req.apphostconfig}`] : [])] : [];
  const runs = [...(prefix.length ? prefix : [req.defaultAppcmd]), ...fastCgiArgs(req.action === 'enable' ? '+' : '-', exe, script)];
  const target = req.apphostconfig ?? req.appHost?.path ?? 'applicationHost.config';
  if (req.action === 'enable') {
    plan.steps.push({ argv: [tools.enable, ...prefix], why: say('plan.enable', { value: scriptProcessor, apphost: target }), runs, undo: [[tools.disable, ...prefix]] });
  } else {
    plan.steps.push({ argv: [tools.disable, ...prefix], why: say('plan.disable', { value: scriptProcessor, apphost: target }), runs, undo: [[tools.enable, ...prefix]] });
  }
  return { ok: true, plan, scriptProcessor };
}
