/**
 * Server-check rules of the reverse-proxy bridge: ARR installed and its proxy on (applicationHost.config), the
 * Windows service of the project installed and running (`sc query`), and its port listening on loopback only
 * (`netstat -ano`). The server variables the rules set and the WebSocket feature are judged by the check's own
 * rules (server-variable-not-allowed, websocket-not-enabled), which the server check reports with the host known.
 * What this machine cannot tell (no sc.exe, no netstat) is not reported.
 */
import { attr } from '../model/webConfig';
import { proxyRuleElements } from '../rules/proxyRules';
import { nameSpan, valueSpan } from '../rules/context';
import type { DoctorContext, DoctorRule } from './doctorTypes';
import { arrState, proxyNeeds } from './proxyHost';
import { hasAccess } from './icacls';
import { isLocalService, LOCAL_SERVICE, LOCAL_SERVICE_PRINCIPALS } from './serviceGrants';
import { isLoopbackAddress, isRunning, isServiceName, pickDefinition } from './services';

function proxySpan(ctx: DoctorContext): { start: number; end: number } | undefined {
  const first = proxyRuleElements(ctx.input.model)[0];
  if (!first) return undefined;
  const url = attr(first.action, 'url');
  return url ? valueSpan(url) : nameSpan(first.rule);
}

/** arr-not-installed / arr-proxy-disabled. */
const arr: DoctorRule = (ctx) => {
  const span = proxySpan(ctx);
  if (!span || !ctx.host.globalModules) return;
  const target = proxyRuleElements(ctx.input.model)[0]!.url?.host ?? '?';
  // URL Rewrite missing is rewrite-module-missing (the check's own host rule).
  if (!ctx.host.globalModules.has('rewritemodule')) return;
  if (!ctx.host.globalModules.has('applicationrequestrouting')) {
    ctx.report('arr-not-installed', span, 'doctor.arrMissing', { target, apphost: ctx.host.path });
    return;
  }
  const state = arrState(ctx.host);
  if (!state.enabled) ctx.report('arr-proxy-disabled', span, 'doctor.proxyDisabled', {}, state.element ? [state.element] : [], 'related.proxySection');
};

/** service-not-installed / service-account-no-access / service-not-running / backend-not-listening / backend-port-exposed. */
const backend: DoctorRule = (ctx) => {
  const span = proxySpan(ctx);
  const needs = proxyNeeds(ctx.input.model);
  if (!span || !needs || needs.port === undefined) return;
  const { facts } = ctx.input;
  const target = `127.0.0.1:${needs.port}`;
  const def = pickDefinition(ctx.input.serviceDefinitions ?? [], needs.port);
  const service = def && isServiceName(def.id) ? facts.service?.(def.id) : undefined;
  if (def && service === null) {
    ctx.report('service-not-installed', span, 'doctor.serviceMissing', { service: def.id, target });
    return;
  }
  // The account the service runs as cannot read the site folder: it stops at once (the root cause of the rest).
  const acl = def && service && def.account && isLocalService(def.account) ? facts.acl(ctx.input.appDir) : undefined;
  if (acl && !hasAccess(acl, LOCAL_SERVICE_PRINCIPALS, 'RX')) {
    ctx.report('service-account-no-access', span, 'doctor.serviceNoAccess', { service: def!.id, path: ctx.input.appDir, principal: LOCAL_SERVICE });
    return;
  }
  if (def && service && !isRunning(service)) {
    ctx.report('service-not-running', span, 'doctor.serviceStopped', { service: def.id, state: service.state, target });
    return;
  }
  const sockets = facts.listening?.();
  if (!sockets) return;
  const onPort = sockets.filter((s) => s.port === needs.port);
  const exposed = onPort.find((s) => !isLoopbackAddress(s.address));
  if (exposed) ctx.report('backend-port-exposed', span, 'doctor.portExposed', { port: needs.port, address: exposed.address, pid: exposed.pid });
  else if (!onPort.length) ctx.report('backend-not-listening', span, 'doctor.notListening', { port: needs.port });
};

export const proxyDoctorRules: DoctorRule[] = [arr, backend];
