/**
 * Server-check rules on the application pool that runs this folder: its identity's access to the folders
 * (from the ACLs), LocalSystem, 32-bit worker processes, and cold starts.
 */
import { modulesOf } from '../model/webConfig';
import { nameSpan, valueSpan } from '../rules/context';
import type { DoctorRule } from './doctorTypes';
import { grantTargets } from './grants';
import { isRemoteOrDevicePath, joinHost } from './hostPaths';
import { hasAccess, poolAccount, poolPrincipals } from './icacls';

/** pool-identity-no-access: the identity cannot read the site, the interpreter, or write the log folder. */
const access: DoctorRule = (ctx) => {
  const pool = ctx.pool;
  if (!pool || pool.identityType.toLowerCase() === 'localsystem') return;
  const account = poolAccount(pool.identityType, pool.name, pool.userName) ?? pool.name;
  const principals = poolPrincipals(pool.identityType, pool.name, pool.userName);
  for (const target of grantTargets(ctx.input.appDir, ctx.layout)) {
    if (isRemoteOrDevicePath(target.path)) continue;
    const acl = ctx.input.facts.acl(target.path);
    if (!acl || hasAccess(acl, principals, target.right)) continue;
    const span = target.what === 'site' || !ctx.layout.exeAttribute ? ctx.anchor() : valueSpan(ctx.layout.exeAttribute);
    ctx.report('pool-identity-no-access', span, 'doctor.noAccess', {
      principal: account, pool: pool.name, path: target.path, right: target.right,
      rightName: target.right === 'M' ? '@doctor.right.M' : '@doctor.right.RX', what: `@plan.what.${target.what}`,
    }, [pool.element]);
  }
};

/** app-pool-localsystem: the "fix" for access errors that hands the app the whole machine. */
const localSystem: DoctorRule = (ctx) => {
  if (ctx.pool?.identityType.toLowerCase() !== 'localsystem') return;
  ctx.report('app-pool-localsystem', ctx.anchor(), 'doctor.localSystem', { pool: ctx.pool.name }, [ctx.pool.element]);
};

/** app-pool-bitness-mismatch: a 32-bit worker process with a 64-bit interpreter or 64-bit-only modules. */
const bitness: DoctorRule = (ctx) => {
  const pool = ctx.pool;
  if (!pool?.enable32Bit) return;
  const { facts } = ctx.input;
  const exe = ctx.layout.base ? joinHost(ctx.layout.base, 'python.exe') : ctx.layout.exe;
  const machine = exe && !isRemoteOrDevicePath(exe) ? facts.machine(exe) : undefined;
  if (exe && machine && machine !== 'x86') {
    ctx.report('app-pool-bitness-mismatch', ctx.layout.exeAttribute ? valueSpan(ctx.layout.exeAttribute) : ctx.anchor(), 'doctor.bitness.python', { pool: pool.name, path: exe, machine }, [pool.element]);
  }
  const needed = new Set(ctx.input.model.handlers.flatMap(modulesOf));
  if (ctx.input.model.rewrites.length) needed.add('rewritemodule');
  for (const module of needed) {
    const condition = ctx.host.modulePreconditions.get(module);
    if (!condition || !/bitness64/.test(condition)) continue;
    ctx.report('app-pool-bitness-mismatch', ctx.anchor(), 'doctor.bitness.module', { pool: pool.name, module, precondition: condition }, [pool.element]);
  }
};

/** cold-start-no-warmup: the pool starts on demand, idles out, or the application is not preloaded. */
const warmUp: DoctorRule = (ctx) => {
  const pool = ctx.pool;
  const app = ctx.apps[0];
  if (!pool || !app || !ctx.handler) return;
  const missing: string[] = [];
  if (pool.startMode.toLowerCase() !== 'alwaysrunning') missing.push(`startMode="${pool.startMode}"`);
  if (!/^0?0:00:00$/.test(pool.idleTimeout)) missing.push(`processModel.idleTimeout="${pool.idleTimeout}"`);
  if (!app.preloadEnabled) missing.push('preloadEnabled="false"');
  if (!missing.length) return;
  ctx.report('cold-start-no-warmup', nameSpan(ctx.handler), 'doctor.coldStart', { pool: pool.name, missing: missing.join(', ') }, [pool.element]);
};

export const poolRules: DoctorRule[] = [access, localSystem, bitness, warmUp];
