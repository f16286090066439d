/** What a production server should not do: http-errors-detailed, path-under-user-profile. */
import { attr, envSetting, isPythonFastCgiHandler, sectionElements } from '../model/webConfig';
import { rawIndex } from '../xml/entities';
import type { XmlAttribute } from '../xml/types';
import { splitCommandLine } from './argv';
import { valueSpan, type Rule, type RuleContext } from './context';
import { liveHandlers } from './reach';
import { exeEnvironment } from './scriptProcessorRules';

export const httpErrorsDetailed: Rule = (ctx) => {
  for (const el of sectionElements(ctx.model.scopes, ['system.webServer', 'httpErrors'])) {
    const mode = attr(el, 'errorMode');
    if (!mode || mode.value.trim().toLowerCase() !== 'detailed') continue;
    const span = valueSpan(mode);
    ctx.report('http-errors-detailed', span.start, span.end, 'httpErrors.detailed');
  }
};

/**
 * A folder of one user: C:\Users\<name>\... (but not Public/Default), %USERPROFILE%, %APPDATA%, %LOCALAPPDATA%,
 * AppData, Desktop, Documents, Downloads, WindowsApps (the Store's app-execution aliases, unusable by services).
 */
const PROFILE = /(?:^|[\\/"])(?:(?:[A-Za-z]:|%SystemDrive%)[\\/](?:Users|Documents and Settings)[\\/](?!(?:Public|Default|All Users)(?:[\\/]|$))[^\\/;|"]+|%(?:USERPROFILE|APPDATA|LOCALAPPDATA|HOMEPATH)%)|[\\/](?:AppData|WindowsApps)(?:[\\/]|$)/i;

function profileIndex(value: string): number {
  return PROFILE.exec(value)?.index ?? -1;
}

function reportPath(ctx: RuleContext, a: XmlAttribute, from: number, to: number, what: string): boolean {
  const part = a.value.slice(from, to);
  const i = profileIndex(part);
  if (i < 0) return false;
  const raw = ctx.text.slice(a.valueStart, a.valueEnd);
  const start = a.valueStart + rawIndex(raw, from);
  const end = a.valueStart + rawIndex(raw, to);
  ctx.report('path-under-user-profile', start, Math.max(end, start + 1), 'profile.path', { what, path: part.trim() });
  return true;
}

export const userProfilePaths: Rule = (ctx) => {
  const { model } = ctx;
  for (const h of liveHandlers(model)) {
    const sp = isPythonFastCgiHandler(model, h) ? attr(h, 'scriptProcessor') : undefined;
    if (!sp) continue;
    const bar = sp.value.indexOf('|');
    if (!reportPath(ctx, sp, 0, bar < 0 ? sp.value.length : bar, 'python.exe (scriptProcessor)') && bar >= 0) {
      reportPath(ctx, sp, bar + 1, sp.value.length, 'wfastcgi.py (scriptProcessor)');
    }
    venvHome(ctx, sp, bar < 0 ? sp.value : sp.value.slice(0, bar));
  }
  for (const p of model.httpPlatforms) {
    const processPath = attr(p, 'processPath');
    if (processPath && !reportPath(ctx, processPath, 0, processPath.value.length, 'processPath')) venvHome(ctx, processPath, processPath.value);
    const args = attr(p, 'arguments');
    const script = args && splitCommandLine(args.value).find((t) => profileIndex(t.value) >= 0);
    if (args && script) reportPath(ctx, args, script.start, script.end, 'arguments');
    const log = attr(p, 'stdoutLogFile');
    if (log) reportPath(ctx, log, 0, log.value.length, 'stdoutLogFile');
  }
  for (const key of ['PYTHONPATH', 'WSGI_LOG', 'WSGI_ALT_VIRTUALENV_ACTIVATE_THIS']) {
    const s = envSetting(model, key);
    if (!s?.valueAttr) continue;
    let offset = 0;
    for (const entry of key === 'PYTHONPATH' ? s.value.split(';') : [s.value]) {
      if (reportPath(ctx, s.valueAttr, offset, offset + entry.length, key)) break;
      offset += entry.length + 1;
    }
  }
};

/** The venv's base interpreter (pyvenv.cfg `home`), for a venv in the application folder: the pool must read it too. */
function venvHome(ctx: RuleContext, a: XmlAttribute, exe: string): void {
  const env = exeEnvironment(exe.trim());
  const project = ctx.options.project;
  if (!env || !project || !/[\\/]Scripts[\\/]python\w*\.exe"?\s*$/i.test(exe)) return;
  const dir = env.split(/[\\/]/).pop()!;
  const cfg = project.readText(`${dir}/pyvenv.cfg`);
  const home = cfg && /^\s*home\s*=\s*(.+?)\s*$/im.exec(cfg)?.[1];
  if (!home || profileIndex(home) < 0) return;
  const span = valueSpan(a);
  ctx.report('path-under-user-profile', span.start, span.end, 'profile.venvHome', { venv: dir, home });
}
