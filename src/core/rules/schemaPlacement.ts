/**
 * config-section-locked: a section a web.config may not set. With the host's applicationHost.config this is exact
 * (its <configSections> declarations and its <location overrideMode="Allow"> blocks); without it, the defaults of
 * IIS's own applicationHost.config, as a warning that names them.
 */
import type { AppHostConfig } from '../host/appHost';
import { readDelegation, unlockedFor, type HostDelegation } from '../schema/delegation';
import { iisError } from '../schema/iisErrors';
import type { SectionSchema } from '../schema/types';
import { scanXml } from '../xml/scanner';
import type { XmlElement } from '../xml/types';
import { nameSpan, type RuleContext } from './context';
import { hostOf } from './hostEnv';

/** Sections other rules already judge for placement (one problem, one finding). */
const JUDGED_ELSEWHERE = new Set(['system.webServer/fastCgi', 'system.webServer/handlers']);

const DELEGATION = new WeakMap<AppHostConfig, HostDelegation>();

/** The delegation an applicationHost.config declares (read once per host object). */
export function hostDelegation(host: AppHostConfig): HostDelegation {
  let d = DELEGATION.get(host);
  if (!d) DELEGATION.set(host, (d = readDelegation(scanXml(host.text).root)));
  return d;
}

export function sectionPlacement(ctx: RuleContext, el: XmlElement, section: SectionSchema): void {
  if (JUDGED_ELSEWHERE.has(section.path)) return;
  const span = nameSpan(el);
  const host = hostOf(ctx);
  if (host) {
    const d = hostDelegation(host);
    const decl = d.declarations.get(section.path);
    if (!decl) return;
    const related = [{ path: host.path, text: host.text, start: decl.element.nameStart, end: decl.element.nameEnd, messageKey: 'related.lockedHere' as const }];
    if (decl.allowDefinition === 'AppHostOnly' || decl.allowDefinition === 'MachineOnly') {
      ctx.report('config-section-locked', span.start, span.end, 'schema.sectionAppHostOnlyHost', { path: section.path, name: el.name, definition: decl.allowDefinition, apphost: host.path, ...iisError('locked') }, related, 'error');
    } else if (decl.overrideModeDefault === 'Deny' && !unlockedFor(d, section.path, ctx.options.site?.path)) {
      ctx.report('config-section-locked', span.start, span.end, 'schema.sectionLockedHost', { path: section.path, name: el.name, apphost: host.path, ...iisError('locked') }, related, 'error');
    }
    return;
  }
  if (section.allowDefinition === 'AppHostOnly' || section.allowDefinition === 'MachineOnly') {
    ctx.report('config-section-locked', span.start, span.end, 'schema.sectionAppHostOnly', { path: section.path, name: el.name, definition: section.allowDefinition, ...iisError('locked') });
  } else if (section.overrideModeDefault === 'Deny') {
    ctx.report('config-section-locked', span.start, span.end, 'schema.sectionLocked', { path: section.path, name: el.name, ...iisError('locked') });
  }
}
