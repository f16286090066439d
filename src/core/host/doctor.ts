/**
 * `doctor` / "Check This Server": what stands between this web.config and a working site on this host, as
 * findings in the same format as `check` (offsets into the web.config, related locations in
 * applicationHost.config). The check's own host rules run first; the rules here add what needs the site
 * tree, the file system, ACLs and executables.
 */
import { checkText } from '../check';
import { CODES, type Code } from '../codes';
import type { Finding, RelatedLocation } from '../findings';
import type { MessageArgs, MessageKey } from '../messages';
import { isHttpPlatformHandler, isPythonFastCgiHandler } from '../model/webConfig';
import { nameSpan, valueSpan } from '../rules/context';
import type { XmlElement } from '../xml/types';
import type { AppHostConfig } from './appHost';
import { appLayout } from './appLayout';
import { poolRules } from './doctorPool';
import { siteRules } from './doctorSites';
import { findPool } from './hostObjects';
import { isRemoteOrDevicePath } from './hostPaths';
import { appsServing } from './recyclePlan';
import { proxyDoctorRules } from './doctorProxy';
import type { DoctorContext, DoctorInput } from './doctorTypes';

export type { DoctorContext, DoctorInput, DoctorRule } from './doctorTypes';



export const HOST_CODES: Code[] = ['scriptprocessor-not-registered', 'handlers-section-locked', 'cgi-feature-missing', 'httpplatform-module-missing', 'rewrite-module-missing', 'server-variable-not-allowed', 'websocket-not-enabled'];

export function doctor(input: DoctorInput): Finding[] {
  const findings: Finding[] = [];
  const handler = input.model.handlers.find((h) => isPythonFastCgiHandler(input.model, h) || isHttpPlatformHandler(h));
  const anchor = () => (handler ? nameSpan(handler) : input.model.configuration ? nameSpan(input.model.configuration) : { start: 0, end: 0 });
  if (!input.appHost) {
    findings.push(finding('iis-not-installed', anchor(), 'doctor.iisMissing', { apphost: input.appHostPath }, []));
    return findings;
  }
  const host = input.appHost;
  findings.push(...checkText(input.text, { appHost: host, ...(input.project ? { project: input.project } : {}) }).findings.filter((f) => HOST_CODES.includes(f.code)));
  const apps = appsServing(host.objects, input.appDir, input.facts.env);
  const pool = apps[0] ? findPool(host.objects, apps[0].pool) : undefined;
  const ctx: DoctorContext = {
    input, host, handler, apps, pool, anchor,
    layout: appLayout(input.model, input.appDir, input.facts),
    report(code, span, key, args = {}, related = [], relatedKey = 'related.pool') {
      findings.push(finding(code, span, key, args, related.map((el) => relatedIn(host, el, relatedKey))));
    },
  };
  for (const rule of [remotePaths, filesPresent, ...siteRules, ...poolRules, ...proxyDoctorRules]) rule(ctx);
  findings.sort((a, b) => a.start - b.start || a.end - b.end);
  return findings;
}

function finding(code: Code, span: { start: number; end: number }, messageKey: MessageKey, args: MessageArgs, related: RelatedLocation[]): Finding {
  return { code, severity: CODES[code], start: span.start, end: span.end, messageKey, args, related };
}

function relatedIn(host: AppHostConfig, el: XmlElement, messageKey: MessageKey): RelatedLocation {
  return { path: host.path, text: host.text, start: el.nameStart, end: el.nameEnd, messageKey };
}

/** path-not-checkable: web.config's network and device paths are reported, never looked at (see hostPaths). */
function remotePaths(ctx: DoctorContext): void {
  const { layout } = ctx;
  const span = layout.exeAttribute ? valueSpan(layout.exeAttribute) : ctx.anchor();
  const paths: [string | undefined, 'interpreter' | 'script' | 'base' | 'log'][] = [[layout.exe, 'interpreter'], [layout.script, 'script'], [layout.base, 'base'], [layout.logFolder, 'log']];
  const seen = new Set<string>();
  for (const [path, what] of paths) {
    if (!path || !isRemoteOrDevicePath(path) || seen.has(path.toLowerCase())) continue;
    seen.add(path.toLowerCase());
    ctx.report('path-not-checkable', what === 'log' || what === 'base' ? ctx.anchor() : span, 'doctor.remotePath', { path, what: what === 'script' ? 'wfastcgi.py' : what === 'interpreter' ? 'python.exe' : `@plan.what.${what}` });
  }
}

/** interpreter-not-found and wfastcgi-not-found: the files IIS starts exist on this server. */
function filesPresent(ctx: DoctorContext): void {
  const { layout, input } = ctx;
  if (!layout.exe || !layout.exeAttribute || /%/.test(layout.exe) || isRemoteOrDevicePath(layout.exe)) return;
  const span = valueSpan(layout.exeAttribute);
  const attribute = layout.exeAttribute.name;
  if (input.facts.exists(layout.exe) === false) {
    ctx.report('interpreter-not-found', span, 'doctor.interpreterMissing', { attribute, path: layout.exe });
    return;
  }
  if (layout.script && !/%/.test(layout.script) && !isRemoteOrDevicePath(layout.script) && input.facts.exists(layout.script) === false) {
    ctx.report('wfastcgi-not-found', span, 'doctor.wfastcgiMissing', { path: layout.script, python: layout.exe });
  }
}

